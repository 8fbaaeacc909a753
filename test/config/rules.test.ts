/**
 * The pure rules of config evidence on their own: which keys are secret-like, which values
 * are literals, which files form environment families, and what drift and staleness say.
 */
import { describe, expect, it } from 'vitest';
import { configTypeOf } from '../../src/signals/config/config-types.js';
import { findDrift } from '../../src/signals/config/drift.js';
import { familiesOf, groupFamilies } from '../../src/signals/config/environments.js';
import { documentKeys } from '../../src/signals/config/key-paths.js';
import { isLiteralSecret, isSecretKey } from '../../src/signals/config/secrets.js';
import { findStale, type ConfigHistory } from '../../src/signals/config/stale.js';
import { findUnversioned } from '../../src/signals/config/unversioned.js';

describe('config types', () => {
  it('knows config files by extension, and .env files by name', () => {
    const typed = [
      'a/b.yaml',
      'b.YML',
      'c.json',
      'd.toml',
      'e.ini',
      'setup.cfg',
      'f.properties',
      '.env',
      'svc/.env.production',
      'main.py',
      'README',
      'environment.txt',
    ].map((p) => [p, configTypeOf(p)]);
    expect(Object.fromEntries(typed)).toEqual({
      'a/b.yaml': 'yaml',
      'b.YML': 'yaml',
      'c.json': 'json',
      'd.toml': 'toml',
      'e.ini': 'ini',
      'setup.cfg': 'ini',
      'f.properties': 'properties',
      '.env': 'env',
      'svc/.env.production': 'env',
      'main.py': null,
      README: null,
      'environment.txt': null,
    });
  });
});

describe('secret-like keys', () => {
  it.each([
    'password',
    'db_password',
    'DB-PASSWORD',
    'dbPassword',
    'passwd',
    'pwd',
    'secret',
    'client_secret',
    'clientSecret',
    'token',
    'githubToken',
    'auth-token',
    'api_key',
    'apiKey',
    'APIKey',
    'apikey',
    'x-api-key',
    'access_key',
    'AWS_SECRET_ACCESS_KEY',
    'private_key',
    'privateKey',
    'credentials',
    'gcp.credentials',
    'passphrase',
  ])('%s is secret-like', (key) => {
    expect(isSecretKey(key)).toBe(true);
  });

  it.each([
    'password_file',
    'token_url',
    'tokenizer',
    'secret_name',
    'pad_token',
    'eos_token',
    'max_tokens',
    'maxToken',
    'key',
    'primary_key',
    'cwd',
    'username',
    '',
  ])('%s is not', (key) => {
    expect(isSecretKey(key)).toBe(false);
  });
});

describe('literal values', () => {
  it.each([
    ['s3cr3t'],
    ['  hunter2 '],
    [12345],
    [['a-literal']],
    ['prefix$notavar'],
    ['ab/cd+ef=='],
    ['-----BEGIN PRIVATE KEY-----'],
  ])('%j is a literal', (value) => {
    expect(isLiteralSecret(value)).toBe(true);
  });

  it.each([
    [''],
    ['   '],
    [null],
    [undefined],
    [true],
    [false],
    ['false'],
    ['${DB_PASSWORD}'],
    ['${{ secrets.TOKEN }}'],
    ['$DB_PASSWORD'],
    ['{{ vault_token }}'],
    ['{% raw %}x'],
    ['<changeme>'],
    ['<your token>'],
    ['changeme'],
    ['CHANGE_ME'],
    ['xxx'],
    ['XXXXXXXX'],
    ['***'],
    ['REDACTED'],
    ['null'],
    ['None'],
    ['~'],
    ['your-api-key-here'],
    ['os.environ["DB_PASSWORD"]'],
    ["os.environ.get('X')"],
    ['os.getenv("X")'],
    ['env(DATABASE_PASSWORD)'],
    ['ENV["X"]'],
    ['process.env.TOKEN'],
    ['%(password)s'],
    ['ENC[AES256_GCM,data:abc,iv:def]'],
    ['/run/secrets/db_password'],
    ['./creds.json'],
    ['~/.aws/credentials'],
    ['secrets/service-account.json'],
    ['tls.key'],
    [{ nested: 'mapping' }],
    [[]],
    [new Date(0)],
  ])('%j is not', (value) => {
    expect(isLiteralSecret(value)).toBe(false);
  });

  it('a value tagged as an environment lookup is not a literal', () => {
    expect(isLiteralSecret('DB_PASSWORD', true)).toBe(false);
  });
});

describe('environment families', () => {
  it('finds the environment in a file name, a dotted part or a directory', () => {
    expect(familiesOf('config/prod.yaml')).toEqual([
      { family: 'config/*.yaml', environment: 'prod' },
    ]);
    expect(familiesOf('settings.Staging.json')).toEqual([
      { family: 'settings.*.json', environment: 'staging' },
    ]);
    expect(familiesOf('.env.production')).toEqual([
      { family: '.env.*', environment: 'production' },
    ]);
    expect(familiesOf('envs/prod/app.yaml')).toEqual([
      { family: 'envs/*/app.yaml', environment: 'prod' },
    ]);
    expect(familiesOf('svc/.env.production.local').map((f) => f.family)).toEqual([
      'svc/.env.*.local',
      'svc/.env.production.*',
    ]);
    expect(familiesOf('config/base.yaml')).toEqual([]);
    expect(familiesOf('production-notes/app.yaml')).toEqual([]);
  });

  it('keeps families of two members or more, members sorted', () => {
    const families = groupFamilies([
      'c/prod.yaml',
      'c/dev.yaml',
      'c/base.yaml',
      'lonely/qa.json',
      '.env.production',
      '.env.development',
      '.env',
    ]);
    expect([...families]).toEqual([
      ['c/*.yaml', ['c/dev.yaml', 'c/prod.yaml']],
      ['.env.*', ['.env.development', '.env.production']],
    ]);
  });
});

describe('drift', () => {
  const member = (file: string, document: Record<string, unknown>) => ({
    file,
    keys: documentKeys(document),
  });

  it('lists, per file, the dotted keys its siblings have and it lacks; a list is one key', () => {
    const findings = findDrift([
      member('c/dev.yaml', { db: { host: 'h', pool: { size: 1 } }, hosts: ['a', 'b'], x: {} }),
      member('c/prod.yaml', { db: { host: 'h' }, hosts: ['c'], x: {} }),
      member('c/qa.yaml', { db: { host: 'h', pool: { size: 2 } }, hosts: [], x: { z: 1 }, y: 1 }),
    ]);
    expect([...findings.values()]).toEqual([
      {
        kind: 'drift',
        file: 'c/dev.yaml',
        line: null,
        key: null,
        detail: 'missing 2 keys that c/qa.yaml has: x.z, y',
      },
      {
        kind: 'drift',
        file: 'c/prod.yaml',
        line: null,
        key: null,
        detail: 'missing 3 keys that c/dev.yaml, c/qa.yaml have: db.pool.size, x.z, y',
      },
    ]);
    // qa.yaml has every key: its `x` is a filled mapping where the others have an empty one.
    expect(findings.has('c/qa.yaml')).toBe(false);
  });

  it('caps the listed keys and gives the count', () => {
    const many = Object.fromEntries(Array.from({ length: 13 }, (_, i) => [`k${i + 10}`, i]));
    const findings = findDrift([member('a/dev.json', many), member('a/prod.json', {})]);
    expect(findings.get('a/prod.json')?.detail).toBe(
      'missing 13 keys that a/dev.json has: k10, k11, k12, k13, k14, k15, k16, k17, k18, k19, and 3 more',
    );
  });
});

describe('staleness', () => {
  const DAY = 86_400_000;
  const untilMs = Date.parse('2026-06-30T12:00:00Z');
  const history = (changes: Record<string, number | 'older' | null>): ConfigHistory => ({
    sinceMs: untilMs - 180 * DAY,
    untilMs,
    staleAfter: '365d',
    reachMs: untilMs - 365 * DAY,
    lastChange: (path) => (path in changes ? changes[path]! : 'older'),
  });

  it('reports a config unchanged past stale_after while other files of the item changed', () => {
    const files = ['m/params.yaml', 'm/train.py', 'm/old.cfg', 'm/new.yaml'];
    const findings = findStale(
      ['m/params.yaml', 'm/old.cfg', 'm/new.yaml'],
      files,
      history({
        'm/params.yaml': untilMs - 400 * DAY,
        'm/train.py': untilMs - 3 * DAY,
        'm/old.cfg': 'older',
        'm/new.yaml': null,
      }),
    );
    expect(findings.map((f) => [f.file, f.detail])).toEqual([
      [
        'm/params.yaml',
        'unchanged since 2025-05-26, more than 365d before the window end 2026-06-30, while 1 other file of the item changed in the window',
      ],
      [
        'm/old.cfg',
        'unchanged since before 2025-06-30, more than 365d before the window end 2026-06-30, while 1 other file of the item changed in the window',
      ],
    ]);
  });

  it('reports nothing when nothing else of the item changed in the window', () => {
    expect(
      findStale(
        ['m/params.yaml'],
        ['m/params.yaml', 'm/train.py'],
        history({ 'm/params.yaml': untilMs - 400 * DAY, 'm/train.py': untilMs - 300 * DAY }),
      ),
    ).toEqual([]);
  });

  it('a config changed in the window itself is not stale, and does not count as another file', () => {
    expect(findStale(['m/a.yaml'], ['m/a.yaml'], history({ 'm/a.yaml': untilMs - DAY }))).toEqual(
      [],
    );
  });
});

describe('unversioned', () => {
  it('lists at most 20 files, the last one with the count of the rest', () => {
    const files = Array.from({ length: 23 }, (_, i) => ({
      path: `local/f${String(i).padStart(2, '0')}.yaml`,
      why: 'untracked' as const,
    }));
    const findings = findUnversioned(files);
    expect(findings).toHaveLength(20);
    expect(findings.at(-1)?.file).toBe('local/f19.yaml');
    expect(findings.at(-1)?.detail).toMatch(
      /; 3 more unversioned config files of the item not listed$/,
    );
    expect(findings[0]?.detail).toBe('untracked: on disk, never committed, and not ignored');
  });
});
