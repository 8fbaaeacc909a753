/**
 * Examining the config files of groups of files (an item's files in `audit`, a directory's
 * in `scan`): each file is read and parsed at most once per run, however many groups and
 * families it is in; skipped files are summed up in one note per reason.
 */
import { realpath } from 'node:fs/promises';
import type { ConfigFinding, Diagnostic } from '../../model/index.js';
import { stampOf } from '../../util/file-stamp.js';
import { compareText, plural } from '../../util/text.js';
import { CONFIG_TYPE_NAMES, configTypeOf } from './config-types.js';
import { findDrift, type FamilyMember } from './drift.js';
import { familiesOf, groupFamilies } from './environments.js';
import type { ConfigFactsCache, ConfigFileFacts } from './facts-cache.js';
import { documentKeys, isMapping } from './key-paths.js';
import { parseConfig } from './parse/index.js';
import { MAX_CONFIG_BYTES, readConfigFile, type SkipReason } from './read-config-file.js';
import { findSecrets } from './secrets.js';
import { findStale, type ConfigHistory } from './stale.js';
import { findUnversioned, type UnversionedConfigFile } from './unversioned.js';

export interface ConfigGroup {
  /** The group's files: tracked at HEAD (or on disk outside git); non-config files only count for staleness. */
  files: readonly string[];
  /** The group's config files git does not track; null when that was not measured. */
  unversioned: readonly UnversionedConfigFile[] | null;
}

export interface ConfigExaminationInput {
  /** The repository's top level. */
  root: string;
  /**
   * Every file of the repository (tracked at HEAD, or on disk outside git). Environment
   * siblings are drawn from these, also those no group selects.
   */
  repoFiles: readonly string[];
  groups: readonly ConfigGroup[];
  /**
   * Last changes for staleness; null when history is not available (then stale is not
   * measured). May still be coming: the files are read and parsed meanwhile, and only
   * staleness waits for it (the history pass is the run's long pole).
   */
  history: ConfigHistory | null | Promise<ConfigHistory | null>;
  /** Facts of unchanged files from earlier runs, and where this run's are kept (absent: none). */
  cache?: ConfigFactsCache | null;
}

export interface ConfigExamination {
  /** Per group, index-aligned: its findings ordered by file, kind, line, key. */
  groups: ConfigFinding[][];
  /** What was skipped and why (one note per reason). */
  notes: Diagnostic[];
}

type Examined = ConfigFileFacts | { state: 'skipped' };

/**
 * Findings per group: drift against environment siblings, hardcoded secrets, files that do
 * not parse, stale files (when history is given) and unversioned files (when listed).
 */
export async function examineConfigFiles(
  input: ConfigExaminationInput,
): Promise<ConfigExamination> {
  const realRoot = await realpath(input.root).catch(() => input.root);
  const skipped = new Map<SkipReason, { file: string; detail?: string }[]>();
  const examined = new Map<string, Promise<Examined>>();
  const examine = (file: string): Promise<Examined> => {
    let result = examined.get(file);
    if (result === undefined) {
      result = readAndParse(input, realRoot, file, (reason, detail) => {
        const list = skipped.get(reason) ?? [];
        list.push({ file, ...(detail ? { detail } : {}) });
        skipped.set(reason, list);
      });
      examined.set(file, result);
    }
    return result;
  };

  const families = groupFamilies(input.repoFiles.filter((f) => configTypeOf(f) !== null));
  const driftOfFamily = new Map<string, Promise<Map<string, ConfigFinding>>>();
  const drift = (family: string): Promise<Map<string, ConfigFinding>> => {
    let result = driftOfFamily.get(family);
    if (result === undefined) {
      result = compareFamily(families.get(family) ?? [], examine);
      driftOfFamily.set(family, result);
    }
    return result;
  };

  const groups: ConfigFinding[][] = [];
  const configFilesOf = input.groups.map((group) =>
    group.files.filter((f) => configTypeOf(f) !== null),
  );
  for (const configFiles of configFilesOf) {
    const findings: ConfigFinding[] = [];
    for (const file of configFiles) {
      const result = await examine(file);
      if (result.state === 'parsed') findings.push(...result.secrets.map((f) => ({ ...f })));
      if (result.state === 'unparsable') findings.push(unparsableFinding(file, result));
      for (const { family } of familiesOf(file)) {
        if (!families.has(family)) continue;
        const finding = (await drift(family)).get(file);
        if (finding) findings.push({ ...finding });
      }
    }
    groups.push(findings);
  }
  const history = await input.history;
  input.groups.forEach((group, g) => {
    const findings = groups[g]!;
    if (history) findings.push(...findStale(configFilesOf[g]!, group.files, history));
    if (group.unversioned) findings.push(...findUnversioned(group.unversioned));
    findings.sort(compareFindings);
  });
  return { groups, notes: describeSkipped(skipped) };
}

/**
 * A config file's facts: kept from an earlier run while the file's stamp is unchanged (taken
 * before reading, so a file written meanwhile is read again next time), else read, parsed
 * and kept.
 */
async function readAndParse(
  input: Pick<ConfigExaminationInput, 'root' | 'cache'>,
  realRoot: string,
  file: string,
  skip: (reason: SkipReason, detail?: string) => void,
): Promise<Examined> {
  const type = configTypeOf(file);
  if (type === null) return { state: 'skipped' };
  const stamp = input.cache ? stampOf(input.root, file) : null;
  const kept = stamp === null ? null : input.cache!.lookup(file, stamp);
  if (kept !== null) return kept;
  const read = await readConfigFile(input.root, realRoot, file);
  if (!read.ok) {
    skip(read.reason, read.detail);
    return { state: 'skipped' };
  }
  const result = await parseConfig(read.text, type);
  const facts: ConfigFileFacts = result.ok
    ? {
        state: 'parsed',
        secrets: findSecrets(file, result.parsed),
        // Only mappings have keys to compare (a list or a scalar document is not a member), and
        // only a file named for an environment is compared: no other file's keys are kept.
        keys:
          isMapping(result.parsed.value) && familiesOf(file).length > 0
            ? documentKeys(result.parsed.value)
            : null,
      }
    : { state: 'unparsable', type, ...result.failure };
  if (stamp !== null) input.cache!.put(file, stamp, facts);
  return facts;
}

async function compareFamily(
  members: readonly string[],
  examine: (file: string) => Promise<Examined>,
): Promise<Map<string, ConfigFinding>> {
  const parsed: FamilyMember[] = [];
  for (const file of members) {
    const result = await examine(file);
    if (result.state === 'parsed' && result.keys !== null) parsed.push({ file, keys: result.keys });
  }
  return findDrift(parsed);
}

function unparsableFinding(
  file: string,
  result: Extract<Examined, { state: 'unparsable' }>,
): ConfigFinding {
  const { line, reason } = result;
  const what = `does not parse as ${CONFIG_TYPE_NAMES[result.type]}`;
  return {
    kind: 'unparsable',
    file,
    line,
    key: null,
    detail: `${what}${line === null ? '' : ` at line ${line}`}${reason ? `: ${reason}` : ''}`,
  };
}

const KIND_ORDER = ['drift', 'secret', 'stale', 'unparsable', 'unversioned'];

function compareFindings(a: ConfigFinding, b: ConfigFinding): number {
  return (
    compareText(a.file, b.file) ||
    KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind) ||
    (a.line ?? 0) - (b.line ?? 0) ||
    compareText(a.key ?? '', b.key ?? '') ||
    compareText(a.detail, b.detail)
  );
}

/** Files named per note; the count is always exact. */
const MAX_SKIPPED_NAMED = 10;

const SKIP_WORDS: Record<SkipReason, string> = {
  unreadable: 'could not be read',
  'too-large': `larger than ${MAX_CONFIG_BYTES / (1024 * 1024)} MiB`,
  binary: 'binary: NUL bytes',
  'symlink-outside': 'a symlink out of the repository, never followed',
};

const SKIP_ORDER: SkipReason[] = ['unreadable', 'too-large', 'binary', 'symlink-outside'];

function describeSkipped(
  skipped: Map<SkipReason, { file: string; detail?: string }[]>,
): Diagnostic[] {
  const notes: Diagnostic[] = [];
  for (const reason of SKIP_ORDER) {
    const files = (skipped.get(reason) ?? []).sort((a, b) => compareText(a.file, b.file));
    if (files.length === 0) continue;
    const named = files
      .slice(0, MAX_SKIPPED_NAMED)
      .map((f) => (f.detail ? `${f.file} (${f.detail})` : f.file))
      .join(', ');
    const more =
      files.length > MAX_SKIPPED_NAMED ? ` and ${files.length - MAX_SKIPPED_NAMED} more` : '';
    notes.push({
      code: 'config-skipped',
      message: `${plural(files.length, 'config file')} not examined (${SKIP_WORDS[reason]}): ${named}${more}`,
    });
  }
  return notes;
}
