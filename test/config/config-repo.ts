/**
 * A repository with config evidence of every kind, built with fixed dates: environment
 * families in three spellings, secrets in every format behind several key spellings and
 * placeholder forms, a stale parameter file, unversioned configs, and files that cannot be
 * examined (unparsable, binary, too large, a symlink out of the repository, a tracked file
 * deleted from disk). Every planted secret value is listed in {@link PLANTED}, so tests can
 * assert that none of them reaches any output.
 */
import { mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { git, type CommitSpec } from '../../scripts/lib/repo-builder.js';
import { inventoryOf, itemYaml, makeRepo } from '../helpers/audit-repo.js';

const ana = { name: 'Ana', email: 'ana@example.com' };

/** Distinct literal values under secret-like keys (and one in a file that does not parse). */
export const PLANTED = {
  yamlPassword: 'Y4mlPa55-A1',
  yamlApiKey: 'Y4mlKey-B2',
  jsonClientSecret: 'JsonSecret-C3',
  jsonToken: 'JsonTok-D4',
  tomlPassword: 'TomlPa55-E5',
  tomlAws: 'TomlAws-F6',
  iniPassword: 'IniPa55-G7',
  envPassword: 'EnvPa55-H8',
  propertiesPassword: 'PropPa55-I9',
  cfgToken: 'CfgTok-J10',
  brokenToml: 'TomlBroken-K11',
  brokenYaml: 'YamlBroken-L12',
  outside: 'Outside-M13',
  dotenvProd: 'DotenvProd-N14',
  numericPin: 'PIN-is-not-a-string',
} as const;

const secretsYaml = `db:
  host: db.internal
  password: "${PLANTED.yamlPassword}"
apiKey: ${PLANTED.yamlApiKey}
placeholders:
  password: \${DB_PASSWORD}
  token: "{{ vault_token }}"
  api_key: <changeme>
  secret: ""
  client_secret: null
  private_key: !ENV PRIVATE_KEY
  access_key: changeme
  pwd: "***"
  credentials: xxx
tokenizer: bert-base
pad_token: "[PAD]"
`;

const secretsJson = `{
  "auth": {
    "client_secret": "${PLANTED.jsonClientSecret}",
    "x_api_key": "$API_KEY"
  },
  "servers": [
    { "name": "a", "token": "${PLANTED.jsonToken}" }
  ]
}
`;

const secretsToml = `[database]
password = "${PLANTED.tomlPassword}"

[aws]
AWS_SECRET_ACCESS_KEY = "${PLANTED.tomlAws}"
session_token = "\${AWS_SESSION_TOKEN}"
`;

const secretsIni = `[db]
password = ${PLANTED.iniPassword}
api-key = %(api_key_env)s
`;

const secretsEnv = `# local defaults
DB_PASSWORD=${PLANTED.envPassword}
GITHUB_TOKEN=\${GH_TOKEN}
SECRET_KEY=os.environ["SECRET_KEY"]
`;

const secretsProperties = `db.password=${PLANTED.propertiesPassword}
service.apiKey=
`;

const setupCfg = `[auth]
token: ${PLANTED.cfgToken}
user = svc
`;

/** Families: the file name, a dotted part, `.env.*`, and a directory. */
const configFiles: Record<string, string> = {
  'configs/dev.yaml': 'db:\n  host: localhost\n  pool:\n    size: 2\nfeatures: [a, b]\n',
  'configs/prod.yaml': 'db:\n  host: db.prod\nfeatures: [a]\n',
  'configs/staging.yaml': 'db:\n  host: db.staging\n  pool:\n    size: 4\nfeatures: []\n',
  'settings/settings.prod.json': '{ "timeout_ms": 300, "retries": 3 }\n',
  'settings/settings.staging.json': '{ "retries": 2 }\n',
  'svc/.env.production': `SENTRY_DSN=https://sentry\nAPI_URL=https://api\nAPI_TOKEN=${PLANTED.dotenvProd}\n`,
  'svc/.env.development': 'API_URL=http://localhost\nAPI_TOKEN=${API_TOKEN}\n',
  'envs/prod/app.yaml': 'replicas: 3\nimage: app\n',
  'envs/dev/app.yaml': 'image: app\n',
};

/** HEAD is 2026-06-30T12:00:00Z; the default 180-day window starts 2026-01-01T12:00:00Z. */
export const commits: CommitSpec[] = [
  {
    date: '2024-01-10T10:00:00Z',
    author: ana,
    message: 'Initial configs',
    files: {
      '.gitignore': '*.local.yaml\nlocal/cache/\n',
      'model/params.yaml': 'lr: 0.1\nepochs: 10\n',
      'model/train.py': 'def train():\n    pass\n',
      'frozen/params.yaml': 'alpha: 1\n',
      'frozen/solver.py': 'x = 1\n',
    },
  },
  {
    date: '2026-02-01T10:00:00Z',
    author: ana,
    message: 'Add environment configs and secrets',
    files: {
      ...configFiles,
      'secrets/app.yaml': secretsYaml,
      'secrets/app.json': secretsJson,
      'secrets/app.toml': secretsToml,
      'secrets/app.ini': secretsIni,
      'secrets/.env': secretsEnv,
      'secrets/app.properties': secretsProperties,
      'secrets/setup.cfg': setupCfg,
      'secrets/pin.yaml': `pin_password: 4242\nnote: ${PLANTED.numericPin}\n`,
      'broken/bad.toml': `name = "x"\npassword = "${PLANTED.brokenToml}" trailing\n`,
      'broken/bad.yaml': `ok: 1\npassword: [${PLANTED.brokenYaml}\n`,
      'broken/blob.json': `{"password": "x"}\u0000\u0001`,
      'broken/huge.json': `{"data": "${'x'.repeat(1024 * 1024)}"}`,
      'broken/gone.yaml': 'token: will-be-deleted\n',
      'broken/fine.yaml': 'a: 1\n',
    },
  },
  {
    date: '2026-06-30T12:00:00Z',
    author: ana,
    message: 'Tune training',
    files: { 'model/train.py': 'def train():\n    return 1\n' },
  },
];

export const inventory = inventoryOf([
  itemYaml('DRIFT-001', ['configs/prod.yaml', 'configs/staging.yaml', 'settings/**', 'svc/**']),
  itemYaml('DRIFT-002', ['envs/**']),
  itemYaml('SEC-003', ['secrets/**']),
  itemYaml('STALE-004', ['model/**']),
  itemYaml('FROZEN-005', ['frozen/**']),
  itemYaml('LOCAL-006', ['local/**']),
  itemYaml('BROKEN-007', ['broken/**']),
  itemYaml('CLEAN-008', ['broken/fine.yaml']),
  itemYaml('NOPATH-009', []),
]);

/**
 * Builds the repository in `dir/name`, then adds what history cannot hold: a committed
 * symlink out of the repository, a tracked file deleted from disk, and unversioned files.
 */
export function buildConfigRepo(dir: string, name = 'repo'): string {
  const repo = makeRepo(dir, name, commits, inventory);
  const outside = join(dir, 'outside-secret.yaml');
  writeFileSync(outside, `password: ${PLANTED.outside}\n`);
  symlinkSync(outside, join(repo, 'broken', 'link.yaml'));
  // An extra commit dated before HEAD's would move the window: keep HEAD's date.
  const date = '2026-06-30T12:00:00Z';
  git(repo, ['add', 'broken/link.yaml']);
  git(repo, ['commit', '-q', '-m', 'Link shared config'], {
    env: { GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date },
  });
  rmSync(join(repo, 'broken', 'gone.yaml'));
  mkdirSync(join(repo, 'local', 'cache'), { recursive: true });
  writeFileSync(join(repo, 'local', 'new.yaml'), 'a: 1\n');
  writeFileSync(join(repo, 'local', 'app.local.yaml'), 'password: only-on-disk\n');
  writeFileSync(join(repo, 'local', 'cache', 'hidden.yaml'), 'a: 1\n');
  writeFileSync(join(repo, 'local', 'notes.txt'), 'not a config\n');
  return repo;
}
