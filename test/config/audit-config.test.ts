/**
 * Config evidence through the API, in-process, on a real repository: each kind of finding on
 * the right item, at the right file and line, and what could not be examined said in notes.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConfigFinding, Report, ScoredItem } from '../../src/model/index.js';
import { auditIn, inventoryOf, itemYaml, tempDir } from '../helpers/audit-repo.js';
import { buildConfigRepo } from './config-repo.js';

const temp = tempDir('config');
afterAll(temp.remove);
let report: Report;
beforeAll(async () => {
  const repo = buildConfigRepo(temp.dir);
  report = await auditIn(repo);
});

function item(id: string): ScoredItem {
  const found = report.items.find((i) => i.id === id);
  if (!found) throw new Error(`no item ${id}`);
  return found;
}

function findings(id: string): ConfigFinding[] {
  const config = item(id).signals.config;
  if (config === null) throw new Error(`${id}: config not examined`);
  return config;
}

describe('environment drift', () => {
  it('compares files that differ by an environment name: file name, dotted part, .env, directory', () => {
    expect(findings('DRIFT-001')).toEqual([
      {
        kind: 'drift',
        file: 'configs/prod.yaml',
        line: null,
        key: null,
        detail: 'missing 1 key that configs/dev.yaml, configs/staging.yaml have: db.pool.size',
      },
      {
        kind: 'drift',
        file: 'settings/settings.staging.json',
        line: null,
        key: null,
        detail: 'missing 1 key that settings/settings.prod.json has: timeout_ms',
      },
      {
        kind: 'drift',
        file: 'svc/.env.development',
        line: null,
        key: null,
        detail: 'missing 1 key that svc/.env.production has: SENTRY_DSN',
      },
      {
        kind: 'secret',
        file: 'svc/.env.production',
        line: 3,
        key: 'API_TOKEN',
        detail: 'hardcoded secret: a literal value under API_TOKEN (the value is never shown)',
      },
    ]);
    expect(findings('DRIFT-002')).toEqual([
      {
        kind: 'drift',
        file: 'envs/dev/app.yaml',
        line: null,
        key: null,
        detail: 'missing 1 key that envs/prod/app.yaml has: replicas',
      },
    ]);
  });

  it('reads siblings the item does not select, and reports only the files it does', () => {
    // configs/dev.yaml is not the item's, yet prod is compared with it; dev's own findings
    // (none here) would not be reported on DRIFT-001.
    expect(findings('DRIFT-001').some((f) => f.file === 'configs/dev.yaml')).toBe(false);
  });

  it('raises risk by one per kind, and says why', () => {
    expect(item('DRIFT-001').risk).toEqual({
      declared: 2,
      effective: 4,
      reasons: ['+1 config finding: drift', '+1 config finding: secret'],
    });
  });
});

describe('hardcoded secrets', () => {
  it('finds literal values under secret-like keys in every format, with key path and line', () => {
    const secrets = findings('SEC-003')
      .filter((f) => f.kind === 'secret')
      .map((f) => `${f.file}:${f.line} ${f.key}`);
    expect(secrets).toEqual([
      'secrets/.env:2 DB_PASSWORD',
      'secrets/app.ini:2 db.password',
      'secrets/app.json:3 auth.client_secret',
      'secrets/app.json:7 servers[0].token',
      'secrets/app.properties:1 db.password',
      'secrets/app.toml:2 database.password',
      'secrets/app.toml:5 aws.AWS_SECRET_ACCESS_KEY',
      'secrets/app.yaml:3 db.password',
      'secrets/app.yaml:4 apiKey',
      'secrets/pin.yaml:1 pin_password',
      'secrets/setup.cfg:2 auth.token',
    ]);
    expect(findings('SEC-003').every((f) => f.kind === 'secret')).toBe(true);
  });
});

describe('stale config files', () => {
  it('reports a parameter file unchanged past stale_after while the item changed in the window', () => {
    expect(findings('STALE-004')).toEqual([
      {
        kind: 'stale',
        file: 'model/params.yaml',
        line: null,
        key: null,
        detail:
          // The history pass reaches back max(window, stale_after) only: older is "before".
          'unchanged since before 2025-06-30, more than 365d before the window end 2026-06-30, while 1 other file of the item changed in the window',
      },
    ]);
  });

  it('does not when nothing else of the item changed', () => {
    expect(findings('FROZEN-005')).toEqual([]);
    expect(item('FROZEN-005').risk.reasons).toEqual([]);
  });
});

describe('unversioned config files', () => {
  it('lists untracked and ignored configs, not those inside an ignored directory', () => {
    expect(findings('LOCAL-006')).toEqual([
      {
        kind: 'unversioned',
        file: 'local/app.local.yaml',
        line: null,
        key: null,
        detail:
          'ignored by git (.gitignore, .git/info/exclude or core.excludesFile): never committed',
      },
      {
        kind: 'unversioned',
        file: 'local/new.yaml',
        line: null,
        key: null,
        detail: 'untracked: on disk, never committed, and not ignored',
      },
    ]);
  });
});

describe('files that cannot be examined', () => {
  it('a file that fails to parse is a finding, and raises no risk', () => {
    expect(findings('BROKEN-007')).toEqual([
      {
        kind: 'unparsable',
        file: 'broken/bad.toml',
        line: 2,
        key: null,
        detail: 'does not parse as TOML at line 2',
      },
      {
        kind: 'unparsable',
        file: 'broken/bad.yaml',
        line: 3,
        key: null,
        detail: 'does not parse as YAML at line 3',
      },
    ]);
    expect(item('BROKEN-007').risk.reasons).toEqual([]);
  });

  it('binary, too large, missing and out-of-repository files are skipped with notes', () => {
    const notes = report.notes.filter((n) => n.code === 'config-skipped').map((n) => n.message);
    expect(notes).toEqual([
      '1 config file not examined (could not be read): broken/gone.yaml (no such file or directory)',
      '1 config file not examined (larger than 1 MiB): broken/huge.json',
      '1 config file not examined (binary: NUL bytes): broken/blob.json',
      '1 config file not examined (a symlink out of the repository, never followed): broken/link.yaml',
    ]);
  });

  it('an item whose config files are fine has no findings; an item without paths was not examined', () => {
    expect(findings('CLEAN-008')).toEqual([]);
    expect(item('NOPATH-009').signals.config).toBeNull();
  });
});

describe('staleness measured from the window end', () => {
  it('names the last change when the history pass reaches it', async () => {
    const repo = buildConfigRepo(temp.dir, 'stale-after');
    writeFileSync(
      join(repo, 'stale.yml'),
      inventoryOf(
        [itemYaml('STALE-001', ['model/train.py', 'secrets/app.yaml'])],
        'settings:\n  stale_after: 90d\n',
      ),
    );
    const stale = await auditIn(repo, { config: 'stale.yml' });
    expect(stale.items[0]!.signals.config?.filter((f) => f.kind === 'stale')).toEqual([
      {
        kind: 'stale',
        file: 'secrets/app.yaml',
        line: null,
        key: null,
        detail:
          'unchanged since 2026-02-01, more than 90d before the window end 2026-06-30, while 1 other file of the item changed in the window',
      },
    ]);
  });
});

describe('outside git', () => {
  it('examines drift, secrets and parse errors; says stale and unversioned are not measured', async () => {
    const plain = join(temp.dir, 'plain');
    mkdirSync(join(plain, 'conf'), { recursive: true });
    writeFileSync(join(plain, 'conf', 'prod.yaml'), 'a: 1\nb: 2\n');
    writeFileSync(join(plain, 'conf', 'dev.yaml'), 'a: 1\ntoken: plain-dir-value\n');
    // configparser's `key: value` and continuation lines: a naive INI reading would make the
    // values keys, and drift would print them as keys the sibling lacks.
    writeFileSync(
      join(plain, 'conf', 'app.prod.cfg'),
      '[auth]\npassword: ColonValue-P1\nprivate_key =\n    Continued-P2\nuser = a\n',
    );
    writeFileSync(join(plain, 'conf', 'app.dev.cfg'), '[auth]\nuser = b\nextra = 1\n');
    writeFileSync(join(plain, 'debt.yaml'), inventoryOf([itemYaml('CONF-001', ['conf/**'])]));
    const plainReport = await auditIn(plain);
    expect(
      plainReport.items[0]!.signals.config?.map((f) => `${f.kind} ${f.file} ${f.detail}`),
    ).toEqual([
      'drift conf/app.dev.cfg missing 2 keys that conf/app.prod.cfg has: auth.password, auth.private_key',
      'drift conf/app.prod.cfg missing 1 key that conf/app.dev.cfg has: auth.extra',
      'secret conf/app.prod.cfg hardcoded secret: a literal value under auth.password (the value is never shown)',
      'secret conf/app.prod.cfg hardcoded secret: a literal value under auth.private_key (the value is never shown)',
      'drift conf/dev.yaml missing 1 key that conf/prod.yaml has: b',
      'secret conf/dev.yaml hardcoded secret: a literal value under token (the value is never shown)',
      'drift conf/prod.yaml missing 1 key that conf/dev.yaml has: token',
    ]);
    expect(plainReport.notes.map((n) => n.code)).toContain('config-history-not-measured');
    expect(JSON.stringify(plainReport)).not.toMatch(/ColonValue|Continued|plain-dir-value/);
  });
});
