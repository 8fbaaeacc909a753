// Types for bench-items.js (plain ESM JavaScript, run by scripts/bench.js).

export interface BenchItem {
  id: string;
  title: string;
  category: string;
  risk: number;
  cost_of_delay: number;
  paths: string[];
}

export function itemsFromFiles(
  files: string[],
  count: number,
): { version: 1; project: string; items: BenchItem[] };
