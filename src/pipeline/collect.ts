/**
 * Running the collectors side by side and turning what they measured per group of globs into
 * each ranked item's signals, with the diagnostics of everything that could not be measured.
 */
import type { Diagnostic, ItemSignals } from '../model/index.js';
import type { Collector, CollectorResult } from '../signals/collector.js';
import type { RunContext } from './context.js';
import { PhaseTimer } from '../util/phase-timer.js';

export interface Collected {
  /** Index-aligned with `context.ranked`. */
  signals: ItemSignals[];
  warnings: Diagnostic[];
  notes: Diagnostic[];
  /** Whether the clone is shallow; whether churn was measured after all. */
  shallow: boolean;
  lineChurn: boolean;
}

/**
 * Runs every collector (in parallel) and merges their results per item. With the run's
 * `onDebug`, each collector's own span is reported under its name (they overlap: a collector
 * that reads the shared history pass waits for it).
 */
export async function collectSignals(
  context: RunContext,
  collectors: readonly Collector[],
): Promise<Collected> {
  const timer = new PhaseTimer(context.options.onDebug);
  const results = await Promise.all(
    collectors.map((c) => timer.time(c.name, () => c.collect(context))),
  );
  const ran = results.filter((r): r is CollectorResult => r !== null);
  const { globIndex, ranked } = context;

  const warnings = ran.flatMap((r) => r.warnings);
  const notes = ran.flatMap((r) => r.notes);
  // Globs that select nothing are known only where files were listed.
  const dead = context.filesListed() ? globIndex.deadGlobs() : null;

  const signals = ranked.map((_, i): ItemSignals => {
    const group = globIndex.groupOfItem[i]!;
    const measured = group < 0 ? [] : ran.map((r) => r.groups[group] ?? {});
    const pick = <K extends 'git' | 'coverage' | 'config' | 'practices' | 'codeowners'>(
      key: K,
    ): ItemSignals[K] | null => {
      for (const m of measured) if (m[key] !== undefined) return m[key] ?? null;
      return null;
    };
    const git = pick('git');
    return {
      git,
      gitNotMeasured:
        group < 0 ? 'no paths' : (context.gitNotMeasured ?? (git === null ? 'no file' : null)),
      deadGlobs: dead?.[i] ?? [],
      coverage: pick('coverage'),
      config: pick('config'),
      practices: pick('practices'),
      codeowners: pick('codeowners'),
    };
  });

  const facts = Object.assign({}, ...ran.map((r) => r.facts ?? {})) as CollectorResult['facts'];
  return {
    signals,
    warnings,
    notes,
    shallow: facts?.shallow ?? false,
    lineChurn: facts?.lineChurn ?? context.lineChurn,
  };
}
