// Types for process-cpu.js (plain ESM JavaScript, run by scripts/bench.js).

export function childrenCpuSeconds(): number | null;
export function ownCpuSeconds(stderr: string): number | null;
