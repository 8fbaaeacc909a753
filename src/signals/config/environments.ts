/**
 * Environment families: sibling config files that differ only by an environment name, such
 * as `config/prod.yaml` and `config/dev.yaml`, `settings.prod.json` and `settings.qa.json`,
 * `.env.production` and `.env.development`, or `envs/prod/app.yaml` and `envs/dev/app.yaml`.
 *
 * A path belongs to one family per environment name in it: the family is named by the path
 * with that name replaced by `*`. `.env.production.local` is in `.env.*.local` (beside
 * `.env.development.local`) and in `.env.production.*`; a family with one member is no family.
 */

/** The names read as environments (whole directory names or dot-separated parts of a file name). */
export const ENVIRONMENT_NAMES: ReadonlySet<string> = new Set([
  'dev',
  'development',
  'test',
  'staging',
  'stage',
  'qa',
  'prod',
  'production',
  'local',
]);

/** A family a path belongs to: its pattern (`config/*.yaml`) and the path's environment. */
export interface FamilyMembership {
  family: string;
  environment: string;
}

/**
 * The families of `path`, one per environment name found in a directory name or in a
 * dot-separated part of its file name (case-insensitive; the family pattern keeps the case
 * of the other parts).
 */
export function familiesOf(path: string): FamilyMembership[] {
  const segments = path.split('/');
  const memberships: FamilyMembership[] = [];
  const last = segments.length - 1;
  segments.forEach((segment, s) => {
    if (s < last) {
      if (ENVIRONMENT_NAMES.has(segment.toLowerCase())) {
        const family = segments.map((x, i) => (i === s ? '*' : x)).join('/');
        memberships.push({ family, environment: segment.toLowerCase() });
      }
      return;
    }
    const parts = segment.split('.');
    parts.forEach((part, p) => {
      if (!ENVIRONMENT_NAMES.has(part.toLowerCase())) return;
      const name = parts.map((x, i) => (i === p ? '*' : x)).join('.');
      memberships.push({
        family: [...segments.slice(0, last), name].join('/'),
        environment: part.toLowerCase(),
      });
    });
  });
  return memberships;
}

/** Family pattern -> its member paths (sorted), for families of at least two members. */
export function groupFamilies(paths: Iterable<string>): Map<string, string[]> {
  const families = new Map<string, string[]>();
  for (const path of paths) {
    for (const { family } of familiesOf(path)) {
      const members = families.get(family);
      if (members) members.push(path);
      else families.set(family, [path]);
    }
  }
  for (const [family, members] of families) {
    if (members.length < 2) families.delete(family);
    else members.sort();
  }
  return families;
}
