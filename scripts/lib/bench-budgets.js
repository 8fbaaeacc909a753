// The bench's verdict: each row is one measurement against its peer, measured side by side in
// the same run, with the budget its ratio must meet. Pure, so the table and the exit code
// are tested without timing anything.

/**
 * @typedef {object} BenchRow
 * @property {string} repository  where it was measured
 * @property {string} measure     what mldebt did (`cold audit`, `warm re-run`, ...)
 * @property {string} peer        what it is compared with (`git log --numstat`, ...)
 * @property {number | null} value  mldebt's figure (seconds, or MB for memory); null: not measured
 * @property {number | null} peerValue  the peer's figure; null for absolute budgets
 * @property {string} unit        `s` or `MB`
 * @property {number} budget      the most the ratio (or the absolute value) may be
 * @property {'ratio' | 'absolute' | 'floor'} kind  whether `budget` bounds value/peerValue from
 *   above, value itself from above, or value itself from below (a throughput)
 * @property {boolean} strict     `<` instead of `≤`
 * @property {string} [skip]      why the row is not judged: `not built` (the feature is not in
 *   this build yet: shown, never a failure) or another reason (e.g. below 10,000 commits)
 * @property {BenchCpu} [cpu]     the CPU the measured runs used (medians), where it was read
 */

/**
 * @typedef {object} BenchCpu
 * @property {number} cores       cores of the machine
 * @property {number | null} total  seconds of CPU of mldebt's run: its process and its gits
 * @property {number | null} own    of which mldebt's own process (all its threads)
 * @property {number | null} peer   seconds of CPU of the peer's run (all its processes)
 */

/** The ratio a row is judged on (value for absolute rows), two decimals; null when not measured. */
export function ratioOf(row) {
  if (row.value === null) return null;
  if (row.kind !== 'ratio') return row.value;
  if (row.peerValue === null || row.peerValue === 0) return null;
  return Math.round((row.value / row.peerValue) * 100) / 100;
}

/**
 * The best ratio the row's CPU allows on this machine: every second of CPU mldebt's run used
 * (its own process and its gits), spread over every core with none ever idle, against the
 * peer's time. Two decimals; null where the CPU was not read or the row has no peer.
 * A budget below it cannot be met on this machine by running the same work better in
 * parallel: only by doing less work.
 */
export function bestRatioOf(row) {
  const cpu = row.cpu;
  if (row.kind !== 'ratio' || !cpu || cpu.total === null || !row.peerValue) return null;
  return Math.round((cpu.total / cpu.cores / row.peerValue) * 100) / 100;
}

/** `ok`, `MISS`, or the reason the row is not judged. */
export function verdictOf(row) {
  if (row.skip !== undefined) return row.skip;
  const ratio = ratioOf(row);
  if (ratio === null) return 'not measured';
  if (row.kind === 'floor')
    return (row.strict ? ratio > row.budget : ratio >= row.budget) ? 'ok' : 'MISS';
  const ok = row.strict ? ratio < row.budget : ratio <= row.budget;
  return ok ? 'ok' : 'MISS';
}

/** Budgets missed (one line each), and rows shown but not judged because not built yet. */
export function judge(rows) {
  const missed = [];
  const notBuilt = [];
  for (const row of rows) {
    const verdict = verdictOf(row);
    const name = `${row.repository}: ${row.measure} vs ${row.peer}`;
    const best = bestRatioOf(row);
    const reach =
      verdict === 'MISS' && best !== null && best > row.budget
        ? `; out of reach on ${row.cpu.cores} cores: its CPU alone allows ${best.toFixed(2)}× at best`
        : '';
    if (verdict === 'MISS' || verdict === 'not measured')
      missed.push(`${name}: ${formatRatio(row)} (budget ${budgetText(row)}${reach})`);
    else if (verdict === 'not built') notBuilt.push(name);
  }
  return { missed, notBuilt };
}

function budgetText(row) {
  const op = row.kind === 'floor' ? (row.strict ? '>' : '≥') : row.strict ? '<' : '≤';
  return row.kind === 'ratio' ? `${op} ${row.budget}×` : `${op} ${row.budget} ${row.unit}`;
}

function formatValue(value, unit) {
  if (value === null) return '—';
  return unit === 's' ? `${value.toFixed(2)} s` : `${Math.round(value)} ${unit}`;
}

function formatRatio(row) {
  const ratio = ratioOf(row);
  if (ratio === null) return '—';
  return row.kind === 'ratio' ? `${ratio.toFixed(2)}×` : formatValue(ratio, row.unit);
}

/** The table: one line per row, columns padded; markdown so README can quote it as is. */
export function formatTable(rows) {
  const header = [
    'repository',
    'mldebt',
    'time',
    'peer',
    'time',
    'ratio',
    'at best',
    'budget',
    'result',
  ];
  const lines = rows.map((row) => [
    row.repository,
    row.measure,
    formatValue(row.value, row.unit),
    row.peer,
    row.kind === 'ratio' ? formatValue(row.peerValue, row.unit) : '',
    formatRatio(row),
    bestRatioOf(row)?.toFixed(2).concat('×') ?? '',
    budgetText(row),
    verdictOf(row),
  ]);
  const widths = header.map((h, c) => Math.max(h.length, ...lines.map((l) => l[c].length)));
  const line = (cells) => `| ${cells.map((cell, c) => cell.padEnd(widths[c])).join(' | ')} |`;
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...lines.map(line)].join('\n');
}

/**
 * One line per row whose CPU was read: where the time went, mldebt's own process apart from
 * the gits it ran, and the peer's CPU beside it.
 */
export function formatCpu(rows) {
  const seconds = (x) => (x === null ? '—' : `${x.toFixed(2)} s`);
  return rows
    .filter((row) => row.cpu && row.cpu.total !== null)
    .map((row) => {
      const { total, own, peer, cores } = row.cpu;
      const gits = own === null ? null : Math.max(0, total - own);
      const best = bestRatioOf(row);
      return (
        `${row.repository} · ${row.measure}: ${seconds(total)} of CPU ` +
        `(mldebt ${seconds(own)}, its git processes ${seconds(gits)}); ` +
        `${row.peer} ${seconds(peer)}` +
        (best === null ? '' : `; on ${cores} cores at best ${best.toFixed(2)}×`)
      );
    });
}
