// Preloaded by the bench (`node --import`): reports this process's own peak RSS and CPU time
// at exit, so mldebt's memory and work are measured apart from the git processes it spawns.
// CPU is user + system time of every thread of the process (V8's collector threads too).
import { writeSync } from 'node:fs';

process.on('exit', () => {
  const { user, system } = process.cpuUsage();
  writeSync(
    2,
    `\nmldebt-bench-rss ${process.resourceUsage().maxRSS}\nmldebt-bench-cpu ${user + system}\n`,
  );
});
