/**
 * An audit pass's part in extending the state an earlier pass kept, and in leaving its own
 * (history-state.ts says when an extension is exact). A pass that tries to extend walks only
 * the commits on top of the state's commit: this holds them, decides once they are all
 * handed on whether the state extends exactly, seeds the aggregators with it when it does,
 * and gathers the state the pass leaves.
 */
import type { HistoryState } from './aggregate.js';
import type { FileHistoryState } from './file-history.js';
import {
  commitsExtend,
  MAX_NEW_COMMITS,
  type PassState,
  type PassWindow,
} from './history-state.js';
import type { WindowExtension } from './index.js';
import type { LogCommit } from './log-stream.js';
import type { NotebookMode } from './notebook-churn.js';
import type { ResolvedFixState } from './resolved-fixes.js';
import type { ItemGlobIndex } from '../../util/item-globs.js';

/** A kept state whose window still holds for this pass, and the files tracked now. */
export interface PriorState {
  prior: PassState;
  tracked: ReadonlySet<string>;
}

interface Seedable<S> {
  seed(state: S): void;
  state(): S;
}

export class PassExtension {
  /** The commits on top of the state's commit, until the decision. */
  private fresh: LogCommit[] | null;
  /** The kept state, once the pass found that it extends exactly. */
  private extended: PassState | null = null;
  private history: HistoryState | null = null;
  private notebooks: NotebookMode | null = null;
  private notebookCounts = { counted: 0, unreadable: 0 };
  private files: Seedable<FileHistoryState> | null = null;
  private resolved: Seedable<ResolvedFixState> | null = null;

  constructor(
    private readonly head: string,
    private readonly passWindow: PassWindow,
    private readonly start: PriorState | null,
    private readonly onDebug?: (line: string) => void,
  ) {
    this.fresh = start === null ? null : [];
  }

  /** Sees every commit the window's pass hands on, in order. */
  observe(commit: LogCommit): void {
    if (this.fresh === null) return;
    this.fresh.push(commit);
    // More than a chain listing holds (the pass walks only such a chain): no extension, and
    // no hoard of commits.
    if (this.fresh.length > MAX_NEW_COMMITS) this.fresh = null;
  }

  /**
   * What the pass's notebook read needs (see GitSharedOptions.notebooks): only the new
   * commits' notebook changes are read, and the kept state's counts are added.
   */
  get notebooksKept(): { above: string; counted: number; unreadable: number } | undefined {
    const prior = this.start?.prior;
    return prior === undefined ? undefined : { above: prior.head, ...prior.notebookCounts };
  }

  /** Whether the pass found that the state extends exactly (known once its window ends). */
  get extends(): boolean {
    return this.extended !== null;
  }

  /** Decides, once every new commit is handed on, whether the kept state extends exactly. */
  private decide(notebooks: NotebookMode | null): PassState | null {
    const commits = this.fresh;
    this.fresh = null;
    const start = this.start;
    if (start === null || commits === null) return null;
    // Notebook changes counted otherwise (a first notebook arrived, or the last one went).
    if (start.prior.notebooks !== notebooks) return null;
    if (!commitsExtend(commits, start.tracked, start.prior)) return null;
    this.extended = start.prior;
    this.onDebug?.(
      `history: ${commits.length} new commit${commits.length === 1 ? '' : 's'} on top of ` +
        `${start.prior.head.slice(0, 10)}, whose pass's figures are taken as kept`,
    );
    return this.extended;
  }

  /** The window's part (see GitWindowOptions.extend): the kept tallies, and this pass's. */
  windowPart(index: ItemGlobIndex): WindowExtension {
    return {
      prior: (notebooks) => {
        const extended = this.decide(notebooks);
        if (extended === null) return null;
        // The older commits' changed paths were matched by the run that kept them.
        index.markChangeHits(extended.globHits);
        return extended.history;
      },
      keep: (state, notebooks, counts) => {
        this.history = state;
        this.notebooks = notebooks;
        this.notebookCounts = counts;
      },
    };
  }

  /** Seeds the reconciliation's aggregators when the state was taken, and keeps them. */
  reconcile(files: Seedable<FileHistoryState>, resolved: Seedable<ResolvedFixState>): void {
    if (this.extended !== null) {
      files.seed(this.extended.files);
      resolved.seed(this.extended.resolved);
    }
    this.files = files;
    this.resolved = resolved;
  }

  /** The state this pass leaves, once its window and reconciliation are done; else null. */
  state(globHits: string[]): PassState | null {
    const { history, files, resolved } = this;
    if (history === null || files === null || resolved === null) return null;
    return {
      head: this.head,
      window: this.passWindow,
      history,
      files: files.state(),
      resolved: resolved.state(),
      globHits,
      notebooks: this.notebooks,
      notebookCounts: this.notebookCounts,
    };
  }
}
