// Coverage-parsing bench: lcov must parse at >= 100 MB/s with flat memory.
//
// Generates deterministic lcov tracefiles in the temp directory, times readCoverageReport
// on each in a fresh Node process (so peak RSS, from resourceUsage().maxRSS, is the
// reader's alone), prints one JSON line and deletes the files. The tracefile repeats a fixed set of
// source files once per test name (TN:), as lcov concatenated from many test runs does, so
// the per-file hit maps stay the same size however large the file grows: peak RSS for the
// small and the large file should then be about equal ("flat"); a reader that buffered
// the file would grow with it.
//
// Run after a build:  npx tsc -p tsconfig.build.json && node scripts/bench-coverage.js
// Options: --mb <size of the large file, default 100>
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readCoverageReport } from '../dist/signals/coverage/index.js';

const SOURCE_FILES = 2000;
const LINES_PER_FILE = 300;
const MB = 1024 * 1024;

const mbFlag = process.argv.indexOf('--mb');
const targetMb = (mbFlag > 0 && Number(process.argv[mbFlag + 1])) || 100;

/** A small xorshift PRNG: the same bytes on every run and machine. */
function createRandom(seed) {
  let state = seed >>> 0 || 1;
  return () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 0x100000000;
  };
}

/** Writes one test run's records for every source file; returns nothing, streams. */
async function writeTracefile(path, bytes) {
  const out = createWriteStream(path);
  const random = createRandom(42);
  let written = 0;
  for (let run = 0; written < bytes; run++) {
    for (let f = 0; f < SOURCE_FILES && written < bytes; f++) {
      const parts = [`TN:run_${run}\nSF:/ci/build/project/src/module_${f % 40}/file_${f}.ts\n`];
      parts.push(`FN:1,handler_${f}\nFNDA:${run},handler_${f}\n`);
      for (let line = 1; line <= LINES_PER_FILE; line++) {
        const hits = random() < 0.3 ? 0 : Math.floor(random() * 1000);
        parts.push(`DA:${line},${hits}\n`);
        if (line % 25 === 0) parts.push(`BRDA:${line},0,0,${hits}\n`);
      }
      parts.push(`LF:${LINES_PER_FILE}\nLH:${LINES_PER_FILE}\nend_of_record\n`);
      const chunk = parts.join('');
      written += Buffer.byteLength(chunk);
      if (!out.write(chunk)) await once(out, 'drain');
    }
  }
  out.end();
  await once(out, 'finish');
}

/** Child mode: read one tracefile and report time and this process's peak RSS. */
async function measureInThisProcess(path) {
  const started = process.hrtime.bigint();
  const cpuBefore = process.cpuUsage();
  const report = await readCoverageReport(path);
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const cpu = process.cpuUsage(cpuBefore);
  console.log(
    JSON.stringify({
      seconds,
      cpuSeconds: (cpu.user + cpu.system) / 1e6,
      files: report.files.size,
      maxRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
    }),
  );
}

/** Generates a tracefile and reads it in a fresh process, so its peak RSS is its own. */
async function measure(mb) {
  const path = join(tmpdir(), `mldebt-bench-${process.pid}-${mb}.lcov`);
  try {
    await writeTracefile(path, mb * MB);
    const { size } = await stat(path);
    const child = spawnSync(process.execPath, [fileURLToPath(import.meta.url), '--measure', path], {
      encoding: 'utf8',
    });
    if (child.status !== 0) throw new Error(`bench child failed: ${child.stderr}`);
    const result = JSON.parse(child.stdout);
    return {
      mb: Math.round((size / MB) * 10) / 10,
      seconds: Math.round(result.seconds * 1000) / 1000,
      mbPerSecond: Math.round(size / MB / result.seconds),
      // CPU time is what the reader costs; wall time also counts other load on the machine.
      mbPerCpuSecond: Math.round(size / MB / result.cpuSeconds),
      peakRssMb: result.maxRssMb,
      files: result.files,
    };
  } finally {
    await rm(path, { force: true });
  }
}

if (process.argv[2] === '--measure') {
  await measureInThisProcess(process.argv[3]);
} else {
  // A quarter-size run beside the full one: with flat memory their peak RSS is about equal.
  const small = await measure(Math.max(1, Math.round(targetMb / 4)));
  const large = await measure(targetMb);
  console.log(
    JSON.stringify({
      bench: 'coverage-lcov',
      mbPerSecond: large.mbPerSecond,
      peakRssMb: large.peakRssMb,
      large,
      small,
    }),
  );
}
