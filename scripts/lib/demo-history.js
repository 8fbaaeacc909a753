// Turns the readable spec in fixtures/demo/ into the commit list of the demo repository.
//
// The spec says who works on what, how often and how buggy (repo.yaml), what code they
// write (vocabulary.yaml) and what the repository looked like on day one (files/). This
// module replays a year of that activity as file contents that really evolve, so line
// churn, renames, merges and fix ratios look like a real ML repository's. A seeded PRNG
// drives every choice: the same spec always gives the same commits and the same hashes.

import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import picomatch from 'picomatch';
import { parse } from 'yaml';

/** Where the spec lives: `<project>/fixtures/demo`. */
export const DEMO_SPEC_DIR = fileURLToPath(new URL('../../fixtures/demo/', import.meta.url));

const DAY_MS = 86_400_000;

// ------------------------------------------------------------------------------------
// Loading

function listFiles(root) {
  const out = [];
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.isFile()) out.push(relative(root, full).split(sep).join('/'));
    }
  };
  walk(root);
  return out.sort();
}

/**
 * Reads repo.yaml, vocabulary.yaml and the day-one files from `dir`.
 * @param {string} [dir]
 */
export function loadDemoSpec(dir = DEMO_SPEC_DIR) {
  const repo = parse(readFileSync(join(dir, 'repo.yaml'), 'utf8'));
  const vocabulary = parse(readFileSync(join(dir, 'vocabulary.yaml'), 'utf8'));
  const filesDir = join(dir, 'files');
  /** @type {Record<string, string>} */
  const files = {};
  for (const path of listFiles(filesDir)) files[path] = readFileSync(join(filesDir, path), 'utf8');
  return { ...repo, vocabulary, files, dir };
}

// ------------------------------------------------------------------------------------
// Small deterministic helpers

/** mulberry32: a tiny seeded PRNG returning floats in [0, 1). */
export function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function pick(rand, list) {
  return list[Math.floor(rand() * list.length)];
}

/** round(n * share) distinct indices in [0, n), chosen by the PRNG. */
function sample(rand, n, share) {
  const order = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i -= 1) {
    const j = Math.floor(rand() * (i + 1));
    [order[i], order[j]] = [order[j], order[i]];
  }
  return order.slice(0, Math.round(n * share));
}

function pickWeighted(rand, weights) {
  const entries = Object.entries(weights);
  const total = entries.reduce((s, [, w]) => s + w, 0);
  let r = rand() * total;
  for (const [key, w] of entries) {
    r -= w;
    if (r < 0) return key;
  }
  return entries[entries.length - 1][0];
}

/** A matcher for a list of globs where `!glob` excludes. */
function globMatcher(globs) {
  const list = Array.isArray(globs) ? globs : [globs];
  const yes = list.filter((g) => !g.startsWith('!'));
  const no = list.filter((g) => g.startsWith('!')).map((g) => g.slice(1));
  const isYes = picomatch(yes, { dot: true });
  const isNo = no.length > 0 ? picomatch(no, { dot: true }) : () => false;
  return (path) => isYes(path) && !isNo(path);
}

function toIso(ms) {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function dateMs(value) {
  const s = String(value);
  const ms = Date.parse(/^\d{4}-\d{2}-\d{2}$/.test(s) ? `${s}T00:00:00Z` : s);
  if (Number.isNaN(ms)) throw new Error(`demo spec: bad date ${JSON.stringify(value)}`);
  return ms;
}

function fill(template, vars) {
  return template.replace(/\$\{(\w+)\}/g, (m, key) => (key in vars ? String(vars[key]) : m));
}

function titleOf(name) {
  const words = name
    .replace(/_v\d+$/, '')
    .replace(/_/g, ' ')
    .toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

function moduleOf(path) {
  return path.replace(/\.py$/, '').split('/').join('.');
}

/** Code written before the black refactor used single quotes (docstrings excepted). */
function singleQuoted(code) {
  return code
    .replace(/"""/g, '\uE000')
    .replace(/"/g, "'")
    .replace(/\uE000/g, '"""');
}

function blackQuoted(code) {
  return code
    .replace(/'''/g, '\uE000')
    .replace(/'/g, '"')
    .replace(/\uE000/g, "'''");
}

// ------------------------------------------------------------------------------------
// Code edits: each returns the new content, or null when it cannot apply.

function definedNames(content) {
  return new Set([...content.matchAll(/^\s*def (\w+)\(/gm)].map((m) => m[1]));
}

/** Appends a block at the end of a file, separated the way the file's language expects. */
function appendBlock(path, content, block) {
  const body = content.replace(/\n*$/, '');
  const text = block.replace(/^\n+/, '').replace(/\n*$/, '');
  if (body === '') return `${text}\n`;
  const cmd = body.lastIndexOf('\nCMD ');
  if (path.split('/').pop() === 'Dockerfile' && cmd >= 0) {
    // Docker instructions go before the final CMD.
    return `${body.slice(0, cmd)}\n${text}${body.slice(cmd)}\n`;
  }
  let gap = '\n';
  if (path.endsWith('.py')) gap = /^(def|class|@)/.test(text) ? '\n\n\n' : '\n\n';
  return `${body}${gap}${text}\n`;
}

const NUMBER_LINE = /^(.*?[=:]\s*)(-?\d+(?:\.\d+)?)(,?\s*(?:#.*)?)$/;
const UNTUNABLE = /\b(def|range|version|port|env|VERSION|return|FROM)\b|^\s*#|:\/\//;

/** Retunes one numeric constant; returns { content, key } or null. */
function tweakNumber(rand, content) {
  const lines = content.split('\n');
  const candidates = [];
  lines.forEach((line, i) => {
    if (NUMBER_LINE.test(line) && !UNTUNABLE.test(line)) candidates.push(i);
  });
  if (candidates.length === 0) return null;
  const i = pick(rand, candidates);
  const [, left, num, right] = /** @type {RegExpMatchArray} */ (lines[i].match(NUMBER_LINE));
  let next;
  if (num.includes('.')) {
    const value = Number(num);
    const decimals = value >= 100 ? 1 : Math.max(num.split('.')[1].length, 2);
    const scaled = value * (0.7 + rand() * 0.6);
    next = (value >= 100 ? Math.round(scaled / 100) * 100 : scaled).toFixed(decimals);
    if (Number(next) === value) next = (value + 10 ** -decimals).toFixed(decimals);
  } else {
    const value = Number(num);
    const options = [value + 1, value * 2, Math.max(1, Math.round(value / 2)), value + 5];
    next = String(options.filter((v) => v !== value)[Math.floor(rand() * 3)] ?? value + 1);
  }
  const key = (left.match(/["']?(\w+)["']?\s*[=:]\s*$/) ?? [])[1] ?? 'value';
  lines[i] = `${left}${next}${right}`;
  return { content: lines.join('\n'), key };
}

/** Inserts a guard at the top of a function taking `needs`; returns { content, key } or null. */
function insertGuard(rand, content, guards, quote) {
  const lines = content.split('\n');
  const options = [];
  lines.forEach((line, i) => {
    const m = line.match(/^(\s*)def (\w+)\((.*)\).*:\s*$/);
    if (!m) return;
    let at = i + 1;
    const next = (lines[at] ?? '').trim();
    if (next.startsWith('"""') || next.startsWith("'''")) {
      const q = next.slice(0, 3);
      if (!(next.length > 3 && next.endsWith(q))) {
        while (at < lines.length && !lines[at + 1]?.trim().endsWith(q)) at += 1;
        at += 1;
      }
      at += 1;
    }
    for (const guard of guards) {
      if (!new RegExp(`\\b${guard.needs}\\b`).test(m[3])) continue;
      const first = quote(guard.lines[0]);
      const body = lines.slice(at, at + 6).map((l) => l.trim());
      if (body.includes(first)) continue;
      options.push({ at, indent: `${m[1]}    `, guard, name: m[2] });
    }
  });
  if (options.length === 0) return null;
  const { at, indent, guard, name } = pick(rand, options);
  lines.splice(at, 0, ...guard.lines.map((l) => `${indent}${quote(l)}`));
  return { content: lines.join('\n'), key: name };
}

/** Top-level function blocks: [{ name, start, end }] with `end` exclusive. */
function topLevelFunctions(lines) {
  const out = [];
  for (let i = 0; i < lines.length; i += 1) {
    const m = lines[i].match(/^def (\w+)\(/);
    if (!m) continue;
    let end = i + 1;
    while (end < lines.length && (lines[end] === '' || /^\s/.test(lines[end]))) end += 1;
    while (end > i + 1 && lines[end - 1] === '') end -= 1;
    out.push({ name: m[1], start: i, end });
  }
  return out;
}

function removeFunctions(content, test) {
  const lines = content.split('\n');
  const removed = [];
  const keep = [];
  let cursor = 0;
  for (const fn of topLevelFunctions(lines)) {
    if (!test(fn.name)) continue;
    keep.push(...lines.slice(cursor, fn.start));
    removed.push(lines.slice(fn.start, fn.end).join('\n'));
    cursor = fn.end;
  }
  keep.push(...lines.slice(cursor));
  const text = `${keep
    .join('\n')
    .replace(/\n{3,}(?=\S)/g, '\n\n\n')
    .replace(/\n+$/, '')}\n`;
  return { content: text, removed };
}

// ------------------------------------------------------------------------------------
// Routine activity

function monthsBetween(from, to) {
  const out = [];
  let [y, m] = String(from).split('-').map(Number);
  const [ty, tm] = String(to).split('-').map(Number);
  while (y < ty || (y === ty && m <= tm)) {
    out.push([y, m]);
    m += 1;
    if (m > 12) [y, m] = [y + 1, 1];
  }
  return out;
}

/** Timestamps of the routine commits of one area period, with their kind and author. */
function planPeriod(rand, spec, areaName, period) {
  const first = dateMs(spec.start) + DAY_MS;
  const last = dateMs(spec.end) - DAY_MS; // routine work stops the day before the last commit
  const plans = [];
  for (const [y, m] of monthsBetween(period.from, period.to)) {
    const monthStart = Date.UTC(y, m - 1, 1);
    const monthEnd = Date.UTC(y, m, 1) - DAY_MS;
    const lo = Math.max(monthStart, first);
    const hi = Math.min(monthEnd, last);
    if (hi < lo) continue;
    const days = Math.round((hi - lo) / DAY_MS) + 1;
    const expected =
      (period.per_month * days * (0.75 + rand() * 0.5)) / ((monthEnd - monthStart) / DAY_MS + 1);
    const count = Math.floor(expected) + (rand() < expected % 1 ? 1 : 0);
    for (let k = 0; k < count; k += 1) {
      let day = lo + Math.floor(rand() * days) * DAY_MS;
      const weekday = new Date(day).getUTCDay();
      if ((weekday === 0 || weekday === 6) && rand() < 0.85) {
        const monday = day + (weekday === 6 ? 2 : 1) * DAY_MS;
        const friday = day - (weekday === 6 ? 1 : 2) * DAY_MS;
        day = monday <= hi ? monday : friday >= lo ? friday : day;
      }
      const time = ((8 + Math.floor(rand() * 10)) * 3600 + Math.floor(rand() * 3600)) * 1000;
      plans.push({
        at: day + time,
        area: areaName,
        kind: 'feat',
        author: pickWeighted(rand, period.authors),
        withTest: false,
      });
    }
  }
  // Exact shares rather than coin flips, so the story's fix ratios hold for any seed.
  for (const i of sample(rand, plans.length, period.fix_share ?? 0)) plans[i].kind = 'fix';
  for (const i of sample(rand, plans.length, period.test_share ?? 0)) plans[i].withTest = true;
  return plans;
}

// ------------------------------------------------------------------------------------
// The replay

function identity(spec, key, at) {
  const member = spec.team[key];
  if (!member) throw new Error(`demo spec: unknown team member ${key}`);
  for (const alias of member.aliases ?? []) {
    if (at >= dateMs(alias.from) && at < dateMs(alias.to) + DAY_MS) {
      return { name: alias.name, email: alias.email };
    }
  }
  return { name: member.name, email: member.email };
}

function mailmapOf(spec) {
  const lines = [
    '# Map old identities to the canonical one (git shortlog, git log --use-mailmap).',
  ];
  for (const member of Object.values(spec.team)) {
    for (const alias of member.aliases ?? []) {
      lines.push(`${member.name} <${member.email}> ${alias.name} <${alias.email}>`);
    }
  }
  return `${lines.join('\n')}\n`;
}

/** Paths an event writes, to keep routine commits off a side branch's files. */
function pathsOfEvent(event) {
  return [
    ...(event.add ?? []),
    ...Object.keys(event.append ?? {}),
    ...(event.replace ?? []).map((r) => r.files),
    ...(event.rename ?? []).flat(),
  ];
}

/**
 * Replays the spec into the commits of the demo repository, oldest first.
 * @param {ReturnType<typeof loadDemoSpec>} spec
 * @returns {import('./repo-builder.js').CommitSpec[]}
 */
export function generateDemoCommits(spec) {
  const rand = mulberry32(spec.seed);
  const vocab = spec.vocabulary;

  // 1. Plan: routine commits per area and period, scripted events at fixed times.
  const plans = [];
  for (const [name, area] of Object.entries(spec.areas)) {
    for (const period of area.periods) plans.push(...planPeriod(rand, spec, name, period));
  }
  const events = spec.events.map((event, order) => ({ at: dateMs(event.date), order, event }));
  const timeline = [
    ...events.map((e) => ({ ...e, scripted: true })),
    ...plans.map((p, order) => ({ ...p, order, scripted: false })),
  ].sort((a, b) => a.at - b.at || Number(b.scripted) - Number(a.scripted) || a.order - b.order);

  const blackAt = Math.min(...events.filter((e) => e.event.black).map((e) => e.at), Infinity);
  const quoteAt = (at) => (at < blackAt ? singleQuoted : (code) => code);

  // Side branches: their files are off limits to routine commits while they are open.
  const branchLocks = new Map();
  for (const { at, event } of events) {
    const branch = event.branch ?? event.merge;
    if (!branch) continue;
    const lock = branchLocks.get(branch) ?? { from: at, to: at, paths: [] };
    lock.from = Math.min(lock.from, at);
    lock.to = Math.max(lock.to, at);
    lock.paths.push(...pathsOfEvent(event));
    branchLocks.set(branch, lock);
  }
  const lockedAt = (at) => {
    const globs = [...branchLocks.values()]
      .filter((l) => at >= l.from && at <= l.to)
      .flatMap((l) => l.paths);
    return globs.length > 0 ? picomatch(globs, { dot: true }) : () => false;
  };

  const matchers = Object.fromEntries(
    Object.entries(spec.areas).map(([name, area]) => [name, globMatcher(area.files)]),
  );
  const usedNames = new Map(); // area -> Set of function names already written

  /** @type {Map<string, Map<string, string>>} branch -> path -> content */
  const trees = new Map([['main', new Map()]]);
  const branchBase = new Map(); // branch -> tree it started from (for the merge)
  const commits = [];
  let lastAt = 0;

  const newName = (area, base, taken) => {
    const used = usedNames.get(area) ?? new Set();
    usedNames.set(area, used);
    let name = base;
    for (let k = 2; used.has(name) || taken.has(name); k += 1) name = `${base}_v${k}`;
    used.add(name);
    return name;
  };

  const nextName = (area, taken) => {
    const names = vocab[area]?.names ?? [];
    const used = usedNames.get(area) ?? new Set();
    const fresh = names.filter((n) => !used.has(n) && !taken.has(n));
    return newName(area, fresh.length > 0 ? pick(rand, fresh) : pick(rand, names), taken);
  };

  /** A feature edit on one file: append a snippet or retune a constant. */
  const featureEdit = (areaName, path, content, quote, preferAppend) => {
    const words = vocab[areaName] ?? {};
    const snippets = (words.snippets ?? []).filter(
      (s) => !s.requires || content.includes(quote(s.requires)),
    );
    const tryAppend = () => {
      if (snippets.length === 0 || !words.names) return null;
      // Once the vocabulary is used up, prefer retuning what exists (then name_v2, ...).
      const used = usedNames.get(areaName) ?? new Set();
      if (preferAppend && words.names.every((n) => used.has(n)) && tweakNumber(() => 0, content)) {
        return null;
      }
      const name = nextName(areaName, definedNames(content));
      const snippet = pick(rand, snippets);
      const code = fill(snippet.code, {
        name,
        title: titleOf(name),
        n: 2 + Math.floor(rand() * 30),
        f: (0.5 + rand() * 4).toFixed(2),
      });
      return { content: appendBlock(path, content, quote(code)), key: name, op: 'append' };
    };
    const tryTweak = () => {
      const r = tweakNumber(rand, content);
      return r && { ...r, op: 'tweak' };
    };
    return preferAppend ? (tryAppend() ?? tryTweak()) : (tryTweak() ?? tryAppend());
  };

  /** A fix on one file: insert a guard or correct a constant. */
  const fixEdit = (areaName, content, quote) => {
    const guards = vocab[areaName]?.guards ?? [];
    const tryGuard = () => {
      const r = guards.length > 0 ? insertGuard(rand, content, guards, quote) : null;
      return r && { ...r, op: 'guard' };
    };
    const tryTweak = () => {
      const r = tweakNumber(rand, content);
      return r && { ...r, op: 'fix_tweak' };
    };
    return rand() < 0.65 ? (tryGuard() ?? tryTweak()) : (tryTweak() ?? tryGuard());
  };

  const addTest = (areaName, tree, key, modulePath, quote) => {
    const area = spec.areas[areaName];
    const template = vocab[areaName]?.test;
    if (!area.tests || !template || !tree.has(area.tests)) return;
    const current = tree.get(area.tests);
    const testName = newName(`${areaName}:tests`, key, definedNames(current));
    const code = fill(template, { name: key, module: modulePath, n: 5 + Math.floor(rand() * 40) });
    // The test function is named after the code it tests; keep the import of the real name.
    const renamed = code.replace(`def test_${key}_`, `def test_${testName}_`);
    tree.set(area.tests, appendBlock(area.tests, current, quote(renamed)));
  };

  const routine = (plan) => {
    const tree = /** @type {Map<string, string>} */ (trees.get('main'));
    const quote = quoteAt(plan.at);
    const locked = lockedAt(plan.at);
    const candidates = [...tree.keys()].filter((p) => matchers[plan.area](p) && !locked(p));
    if (candidates.length === 0) return null;
    const path = pick(rand, candidates);
    const content = /** @type {string} */ (tree.get(path));
    const result =
      plan.kind === 'fix'
        ? fixEdit(plan.area, content, quote)
        : featureEdit(plan.area, path, content, quote, rand() < 0.6);
    if (!result) return null;
    tree.set(path, result.content);
    if (plan.kind === 'feat' && rand() < 0.3 && candidates.length > 1) {
      const other = pick(
        rand,
        candidates.filter((p) => p !== path),
      );
      const extra = featureEdit(
        plan.area,
        other,
        /** @type {string} */ (tree.get(other)),
        quote,
        false,
      );
      if (extra) tree.set(other, extra.content);
    }
    if (
      plan.withTest &&
      path.endsWith('.py') &&
      result.op !== 'tweak' &&
      result.op !== 'fix_tweak'
    ) {
      addTest(plan.area, tree, result.key, moduleOf(path), quote);
    }
    const templates = vocab[plan.area]?.messages?.[result.op] ?? [
      `${plan.area}: ${result.op} \${name}`,
    ];
    return fill(pick(rand, templates), { name: result.key });
  };

  const scripted = (event, tree) => {
    const quote = quoteAt(dateMs(event.date));
    const renames = [];
    if (event.import) {
      const held = event.hold_back ? picomatch(event.hold_back, { dot: true }) : () => false;
      for (const [path, content] of Object.entries(spec.files)) {
        if (!held(path)) tree.set(path, content);
      }
    }
    for (const path of event.add ?? []) {
      if (!(path in spec.files)) throw new Error(`demo spec: ${path} is not in files/`);
      tree.set(path, spec.files[path]);
    }
    for (const [from, to] of event.rename ?? []) {
      if (!tree.has(from)) throw new Error(`demo spec: cannot rename missing ${from}`);
      tree.set(to, /** @type {string} */ (tree.get(from)));
      tree.delete(from);
      renames.push([from, to]);
    }
    for (const r of event.replace ?? []) {
      const match = picomatch(r.files, { dot: true });
      let hits = 0;
      for (const [path, content] of tree) {
        if (!match(path) || !content.includes(r.from)) continue;
        tree.set(path, content.split(r.from).join(r.to));
        hits += 1;
      }
      if (hits === 0) throw new Error(`demo spec: "${r.from}" not found in ${r.files}`);
    }
    for (const [path, text] of Object.entries(event.append ?? {})) {
      const code = path.endsWith('.py') ? quote(text) : text;
      tree.set(path, tree.has(path) ? `${tree.get(path)}${code}` : code);
    }
    if (event.black) {
      const match = picomatch(event.black, { dot: true });
      for (const [path, content] of tree) if (match(path)) tree.set(path, blackQuoted(content));
    }
    if (event.move_functions) {
      const { from, to, match, header } = event.move_functions;
      const re = new RegExp(match);
      const { content, removed } = removeFunctions(/** @type {string} */ (tree.get(from)), (n) =>
        re.test(n),
      );
      const names = removed.map(
        (block) => /** @type {RegExpMatchArray} */ (block.match(/^def (\w+)/))[1],
      );
      const lines = content.split('\n');
      const lastImport = lines.reduce((acc, l, i) => (/^(import|from) /.test(l) ? i : acc), 0);
      if (names.length > 0) {
        const list = names.map((n) => `    ${n},`).join('\n');
        lines.splice(lastImport + 1, 0, `from ${moduleOf(to)} import (  # noqa: F401\n${list}\n)`);
      }
      tree.set(from, lines.join('\n'));
      tree.set(to, `${header}\n\n${removed.join('\n\n\n')}\n`);
      for (const [path, text] of tree) {
        let next = text;
        for (const name of names) {
          next = next
            .split(`from ${moduleOf(from)} import ${name}\n`)
            .join(`from ${moduleOf(to)} import ${name}\n`);
        }
        if (next !== text) tree.set(path, next);
      }
    }
    for (const [path, name] of Object.entries(event.remove_function ?? {})) {
      const { content, removed } = removeFunctions(
        /** @type {string} */ (tree.get(path)),
        (n) => n === name,
      );
      if (removed.length === 0) throw new Error(`demo spec: no function ${name} in ${path}`);
      tree.set(path, content);
    }
    if (event.mailmap) tree.set('.mailmap', mailmapOf(spec));
    return renames;
  };

  for (const step of timeline) {
    const event = step.scripted ? step.event : null;
    const branch = event?.branch ?? 'main';
    let startsBranch = false;
    if (!trees.has(branch)) {
      trees.set(branch, new Map(trees.get('main')));
      branchBase.set(branch, new Map(trees.get('main')));
      startsBranch = true;
    }
    const tree = /** @type {Map<string, string>} */ (trees.get(branch));
    const before = new Map(tree);
    let message;
    let renames = [];
    let merge;
    if (event) {
      message = event.message;
      renames = scripted(event, tree);
      if (event.merge) {
        const side = trees.get(event.merge);
        const base = branchBase.get(event.merge);
        if (!side || !base) throw new Error(`demo spec: unknown branch ${event.merge}`);
        for (const path of new Set([...side.keys(), ...base.keys()])) {
          if (side.get(path) === base.get(path)) continue;
          if (side.has(path)) tree.set(path, /** @type {string} */ (side.get(path)));
          else tree.delete(path);
        }
        merge = [event.merge];
      }
    } else {
      message = routine(step);
      if (message === null) continue;
    }

    /** @type {Record<string, string | null>} */
    const files = {};
    const renamedFrom = new Map(renames.map(([from, to]) => [to, from]));
    for (const path of [...new Set([...before.keys(), ...tree.keys()])].sort()) {
      const now = tree.get(path);
      const was = before.get(renamedFrom.get(path) ?? path);
      if (renames.some(([from]) => from === path)) continue;
      if (now === was) continue;
      files[path] = now ?? null;
    }
    if (Object.keys(files).length === 0 && renames.length === 0 && !merge) continue;

    const at = Math.max(step.at, lastAt + 1000);
    lastAt = at;
    const who = identity(spec, event?.author ?? step.author, at);
    /** @type {import('./repo-builder.js').CommitSpec} */
    const commit = { date: toIso(at), author: who, message: message.replace(/\n*$/, '\n') };
    if (branch !== 'main') commit.branch = branch;
    if (startsBranch) commit.from = 'main';
    if (merge) commit.merge = merge;
    if (renames.length > 0) commit.renames = renames;
    commit.files = files;
    commits.push(commit);
  }
  return commits;
}

// ------------------------------------------------------------------------------------
// The working tree after the build: files a checkout has besides history.

/**
 * Writes what a real checkout has besides history: untracked local files. (The demo's
 * coverage reports are real coverage.py output kept in fixtures/demo/coverage/, see
 * scripts/regen-demo-coverage.sh.) Nothing here touches git state.
 * @param {string} dir
 * @param {ReturnType<typeof loadDemoSpec>} spec
 */
export function writeDemoWorkingTree(dir, spec) {
  const extra = spec.working_tree ?? {};
  for (const [path, content] of Object.entries(extra.untracked ?? {})) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), content);
  }
}
