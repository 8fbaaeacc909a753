// Types for demo-history.js: the demo repository's spec (fixtures/demo/) and its replay.

import type { CommitSpec } from './repo-builder.js';

/** A team member; `aliases` are other identities used during the given dates. */
export interface DemoTeamMember {
  name: string;
  email: string;
  role?: string;
  aliases?: { name: string; email: string; from: string; to: string }[];
}

/** A stretch of routine activity of one area, months `YYYY-MM`, both ends included. */
export interface DemoPeriod {
  from: string;
  to: string;
  per_month: number;
  fix_share?: number;
  test_share?: number;
  /** Team member key -> weight. */
  authors: Record<string, number>;
}

export interface DemoArea {
  /** picomatch globs over the files that exist at the time; `!glob` excludes. */
  files: string[];
  /** Test file new tests of this area go to. */
  tests?: string;
  periods: DemoPeriod[];
}

/** A scripted commit; see the comments in fixtures/demo/repo.yaml for each operation. */
export interface DemoEvent {
  date: string;
  author: string;
  message: string;
  branch?: string;
  import?: boolean;
  hold_back?: string[];
  add?: string[];
  rename?: [string, string][];
  replace?: { files: string; from: string; to: string }[];
  append?: Record<string, string>;
  black?: string;
  move_functions?: { from: string; to: string; match: string; header: string };
  remove_function?: Record<string, string>;
  mailmap?: boolean;
  merge?: string;
}

export interface DemoSnippet {
  code: string;
  requires?: string;
}

/** Per area: what routine commits write and say (fixtures/demo/vocabulary.yaml). */
export interface DemoVocabularyArea {
  names?: string[];
  snippets?: DemoSnippet[];
  guards?: { needs: string; lines: string[] }[];
  test?: string;
  messages: Partial<Record<'append' | 'tweak' | 'guard' | 'fix_tweak', string[]>>;
}

export interface DemoWorkingTree {
  /** Path -> content, written after the build and never committed. */
  untracked?: Record<string, string>;
  /** A Cobertura report with line coverage per glob (first match wins). */
  coverage?: { file: string; source: string; rates: Record<string, number> };
}

/** The loaded spec: repo.yaml plus vocabulary.yaml and the day-one files. */
export interface DemoSpec {
  project: string;
  seed: number;
  /** Date of the first commit, `YYYY-MM-DD`. */
  start: string;
  /** Date of the last commit, `YYYY-MM-DD`: the audit window ends there. */
  end: string;
  team: Record<string, DemoTeamMember>;
  areas: Record<string, DemoArea>;
  events: DemoEvent[];
  working_tree?: DemoWorkingTree;
  vocabulary: Record<string, DemoVocabularyArea>;
  /** Repository path -> content of fixtures/demo/files/. */
  files: Record<string, string>;
  /** Directory the spec was read from. */
  dir: string;
}

/** Absolute path of fixtures/demo/. */
export const DEMO_SPEC_DIR: string;

/** Reads repo.yaml, vocabulary.yaml and files/ from `dir` (default fixtures/demo/). */
export function loadDemoSpec(dir?: string): DemoSpec;

/** Replays the spec into the commits of the demo repository, oldest first. Deterministic. */
export function generateDemoCommits(spec: DemoSpec): CommitSpec[];

/**
 * Writes the untracked files and the CI coverage report into a built demo repository.
 * Returns the absolute path of the coverage report, or null when the spec has none.
 */
export function writeDemoWorkingTree(dir: string, spec: DemoSpec): { coverage: string | null };

/** mulberry32: a small seeded PRNG returning floats in [0, 1). */
export function mulberry32(seed: number): () => number;
