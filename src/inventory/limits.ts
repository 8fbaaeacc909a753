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
