/**
 * Defaults the command line's help names. Kept apart from their commands so that printing
 * help, or running `audit`, loads neither `trend` nor `init`.
 */

/** How many month ends `trend` shows before the window's end unless told otherwise. */
export const DEFAULT_TREND_MONTHS = 6;

/** How many suggestions `init` makes unless told otherwise. */
export const DEFAULT_INIT_SUGGESTIONS = 10;
