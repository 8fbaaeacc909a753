/**
 * Every bound on the inventory in one place, so README can list them and tests can name
 * them. A debt inventory is a few hundred lines written by people; these limits sit far
 * above any real one and far below what would let one file make a report of hundreds of
 * megabytes or a run of minutes (a 10 MB `owner` once made a 130 MB table).
 */

/** The largest inventory file read, in bytes; it is refused before parsing. */
export const MAX_INVENTORY_BYTES = 5 * 1024 * 1024;

/** The deepest nesting of mappings and lists (an inventory needs six levels). */
export const MAX_NESTING_DEPTH = 64;

/**
 * The longest text, in characters, of each text field. Ids, names and tags are short by
 * nature; titles are one line; evidence and fix are paragraphs. Globs (1024) and
 * fix patterns (1000) are bounded where they are checked (util/glob.ts, util/text-pattern.ts).
 */
export const MAX_TEXT = {
  schemaRef: 2048,
  project: 200,
  id: 64,
  title: 300,
  category: 64,
  owner: 200,
  tag: 64,
  incidentRef: 200,
  incidentSummary: 1000,
  evidence: 10_000,
  fix: 10_000,
  coveragePath: 4096,
  incidentFile: 4096,
  incidentColumn: 200,
  service: 200,
  botPattern: 200,
} as const;

/** The most entries of each list (and of `tag_multipliers`) that a report shows or matches. */
export const MAX_ENTRIES = {
  items: 10_000,
  tags: 50,
  paths: 200,
  incidents: 1000,
  incidentFiles: 100,
  services: 50,
  coverage: 100,
  bots: 100,
  categories: 100,
  tagMultipliers: 100,
} as const;

/**
 * The largest tag multiplier. Multipliers weigh items against each other (the defaults are
 * 1.25 and 1.5); a `1e308` made the score Infinity, which JSON writes as null.
 */
export const MAX_TAG_MULTIPLIER = 10;

/** The largest money amount per period (a trillion): weekly sums over every item stay finite. */
export const MAX_MONEY_AMOUNT = 1_000_000_000_000;

/** The largest effort, in days (about 40 working years): 80000h, 10000d or 2000w. */
export const MAX_EFFORT_DAYS = 10_000;

/** The most engineers `settings.capacity` counts (a sprint's capacity in days stays finite). */
export const MAX_ENGINEERS = 10_000;
