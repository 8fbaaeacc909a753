/**
 * How ML practice findings read in every format: each kind's rule, why it matters and how
 * to fix it (the same words in `explain`, markdown, HTML and SARIF's rule descriptions), the
 * per-kind counts of an item, and the findings an annotation format places on files.
 *
 * The two `no-*` kinds are hints: drawn from what was not found near training or
 * data-loading code, so they are worded as such ("hint: …") and annotated as notes.
 */
import type { PracticeFinding, PracticeFindingKind, Report, ScoredItem } from '../model/index.js';
import type { RenderOptions } from './format.js';
import { shownItems } from './format.js';

/** Kinds in the order summaries list them. */
export const PRACTICE_KINDS: readonly PracticeFindingKind[] = [
  'data-in-git',
  'unpinned-dependency',
  'magic-number',
  'no-tracking',
  'no-validation',
];

export interface PracticeRule {
  /** One line: what the rule finds. */
  rule: string;
  why: string;
  fix: string;
}

/** Each kind's rule, why it matters, and its fix. */
export const PRACTICE_RULES: Record<PracticeFindingKind, PracticeRule> = {
  'data-in-git': {
    rule: 'A data or model file (parquet, pickle, checkpoint, ONNX, …; CSV/TSV/JSONL over 1 MB) tracked in git outside Git LFS and DVC',
    why: 'Every version stays in every clone forever, diffs and reviews cannot read it, and which data trained which model is lost',
    fix: 'Move it to DVC (dvc add) or Git LFS (git lfs track), or to an artifact store, and keep only the pointer in git',
  },
  'unpinned-dependency': {
    rule: 'An environment file (requirements, pyproject, setup.cfg, environment.yml, Pipfile) with dependencies without a version bound, and no lock file',
    why: 'The same commit installs different libraries on different days: a training run cannot be reproduced, and serving drifts from training',
    fix: 'Pin versions, or commit a lock file (uv lock, poetry lock, pip-compile --generate-hashes, conda-lock)',
  },
  'magic-number': {
    rule: 'Literal hyperparameters (learning rate, batch size, epochs, seed, threshold) assigned in training or serving code',
    why: 'Values buried in code are changed without review, differ between training and serving, and are not recorded with the experiment',
    fix: 'Read them from a versioned config file (YAML, Hydra, gin) or CLI options, and log them with the run',
  },
  'no-tracking': {
    rule: 'Hint: training code with no import of an experiment-tracking library (mlflow, wandb, dvc.api, clearml, neptune, comet_ml, aim)',
    why: 'Without tracked runs, which parameters, data and code produced a model cannot be answered when it misbehaves',
    fix: 'Log parameters, metrics and artifacts of each training run to a tracker; ignore this hint if tracking happens elsewhere',
  },
  'no-validation': {
    rule: 'Hint: data-loading code with no import of a data-validation library (great_expectations, pandera, pydantic, tfdv, deepchecks, evidently)',
    why: 'Schema and distribution changes in input data pass silently into training and serving: the most common silent ML failure',
    fix: 'Check a schema (and ranges) where data enters the pipeline, and fail on violations; ignore this hint if validation happens elsewhere',
  },
};

/** Whether findings of the kind are hints (drawn from what was not found), not facts. */
export function isHint(kind: PracticeFindingKind): boolean {
  return kind === 'no-tracking' || kind === 'no-validation';
}

/** Per kind, how many findings (kinds without findings left out), in {@link PRACTICE_KINDS} order. */
export function countPracticeKinds(
  findings: readonly PracticeFinding[],
): [PracticeFindingKind, number][] {
  const counts = new Map<PracticeFindingKind, number>();
  for (const f of findings) counts.set(f.kind, (counts.get(f.kind) ?? 0) + 1);
  return PRACTICE_KINDS.filter((kind) => counts.has(kind)).map((kind) => [kind, counts.get(kind)!]);
}

/** `1 data-in-git, 1 no-validation` for an item's findings; null when there are none. */
export function summarizePractices(item: ScoredItem): string | null {
  const findings = item.signals.practices;
  if (findings === null || findings.length === 0) return null;
  return countPracticeKinds(findings)
    .map(([kind, count]) => `${count} ${kind}`)
    .join(', ');
}

/** The kinds present among `findings`, in {@link PRACTICE_KINDS} order. */
export function practiceKindsOf(findings: readonly PracticeFinding[]): PracticeFindingKind[] {
  return countPracticeKinds(findings).map(([kind]) => kind);
}

/**
 * The practice findings annotation formats place on files: every finding of every shown item,
 * whatever its score, in rank order.
 */
export function selectPracticeFindings(
  report: Report,
  options: RenderOptions,
): { item: ScoredItem; finding: PracticeFinding }[] {
  return [...shownItems(report, options)]
    .sort((a, b) => a.rank - b.rank)
    .flatMap((item) => (item.signals.practices ?? []).map((finding) => ({ item, finding })));
}
