// Preloaded by the bench (`node --import`): reports this process's own peak RSS at exit, so
// mldebt's memory is measured apart from the git process it spawns.
import { writeSync } from 'node:fs';

process.on('exit', () => {
  writeSync(2, `\nmldebt-bench-rss ${process.resourceUsage().maxRSS}\n`);
});
