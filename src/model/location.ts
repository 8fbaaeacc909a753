/** Where things sit in the files a user wrote, and what a run says about itself. */

/** Where something sits in a file the user wrote (1-based line and column). */
export interface SourceLocation {
  file: string;
  line: number;
  column: number;
}

/** A problem or fact about the run that every renderer shows (what could not be measured is never silent). */
export interface Diagnostic {
  /** Stable machine-readable code, e.g. `shallow-history`, `glob-no-match`, `no-paths`. */
  code: string;
  message: string;
  /** The inventory item the diagnostic concerns, when there is one. */
  itemId?: string;
  location?: SourceLocation;
}
