// CPU time of the processes the bench has run, read from Linux's /proc/self/stat: the user
// and system time of every child it has waited for, and of every process those children
// waited for in turn (mldebt's gits). A run's CPU is the difference across it, so the bench
// must run one thing at a time. Elsewhere (no /proc) there is no figure: null, never 0.
import { readFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';

let ticksPerSecond;

function clockTicks() {
  if (ticksPerSecond === undefined) {
    const out = spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout;
    const n = Number(out?.trim());
    ticksPerSecond = Number.isInteger(n) && n > 0 ? n : null;
  }
  return ticksPerSecond;
}

/**
 * Seconds of CPU used so far by this process's waited-for descendants (cutime + cstime), or
 * null where /proc or the clock's tick rate cannot be read.
 */
export function childrenCpuSeconds() {
  let stat;
  try {
    stat = readFileSync('/proc/self/stat', 'utf8');
  } catch {
    return null;
  }
  const ticks = clockTicks();
  // The command name (field 2) is in parentheses and may hold spaces: count from after it.
  // The rest starts at field 3 (state); cutime and cstime are fields 16 and 17.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const cutime = Number(fields[16 - 3]);
  const cstime = Number(fields[17 - 3]);
  if (ticks === null || !Number.isFinite(cutime) || !Number.isFinite(cstime)) return null;
  return (cutime + cstime) / ticks;
}

/** mldebt's own CPU seconds, from the line report-usage.js writes at exit; null without it. */
export function ownCpuSeconds(stderr) {
  const match = /mldebt-bench-cpu (\d+)/.exec(stderr);
  return match ? Number(match[1]) / 1e6 : null;
}
