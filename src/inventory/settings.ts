/**
 * Settings with every default filled in: the one place defaults live (README documents them).
 */
import { DEFAULT_SETTINGS, type InventorySettings } from './schema.js';

export interface ResolvedSettings {
  window: string;
  staleAfter: string;
  coverageFloor: number;
  fixPattern: RegExp;
  frequencyLevels: readonly number[];
  costLevels: readonly number[];
  tagMultipliers: Readonly<Record<string, number>>;
  lineChurn: boolean;
  coverage: string[];
  thresholds: { failAbove: number | null; failTotalAbove: number | null };
}

export function resolveSettings(settings: InventorySettings): ResolvedSettings {
  return {
    window: settings.window ?? DEFAULT_SETTINGS.window,
    staleAfter: settings.stale_after ?? DEFAULT_SETTINGS.stale_after,
    coverageFloor: settings.coverage_floor ?? DEFAULT_SETTINGS.coverage_floor,
    fixPattern: new RegExp(settings.fix_pattern ?? DEFAULT_SETTINGS.fix_pattern, 'i'),
    frequencyLevels: settings.frequency_levels ?? DEFAULT_SETTINGS.frequency_levels,
    costLevels: settings.cost_levels ?? DEFAULT_SETTINGS.cost_levels,
    tagMultipliers: { ...DEFAULT_SETTINGS.tag_multipliers, ...(settings.tag_multipliers ?? {}) },
    lineChurn: settings.line_churn ?? DEFAULT_SETTINGS.line_churn,
    coverage: settings.coverage ?? [],
    thresholds: {
      failAbove: settings.thresholds?.fail_above ?? null,
      failTotalAbove: settings.thresholds?.fail_total_above ?? null,
    },
  };
}
