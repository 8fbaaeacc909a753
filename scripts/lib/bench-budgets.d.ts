// Types for bench-budgets.js (plain ESM JavaScript, run by scripts/bench.js).

export interface BenchRow {
  repository: string;
  measure: string;
  peer: string;
  value: number | null;
  peerValue: number | null;
  unit: string;
  budget: number;
  kind: 'ratio' | 'absolute' | 'floor';
  strict: boolean;
  skip?: string;
  cpu?: BenchCpu;
}

export interface BenchCpu {
  cores: number;
  total: number | null;
  own: number | null;
  peer: number | null;
}

export function ratioOf(row: BenchRow): number | null;
export function bestRatioOf(row: BenchRow): number | null;
export function verdictOf(row: BenchRow): string;
export function judge(rows: BenchRow[]): { missed: string[]; notBuilt: string[] };
export function formatTable(rows: BenchRow[]): string;
export function formatCpu(rows: BenchRow[]): string[];
