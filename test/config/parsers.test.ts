/**
 * Every config format through the one parser entry: the document's keys and where they are
 * written, and failures that carry a line and nothing of the text.
 */
import { describe, expect, it } from 'vitest';
import type { ConfigType } from '../../src/signals/config/config-types.js';
import { formatKeyPath, keyEntries } from '../../src/signals/config/key-paths.js';
import { parseConfig, type ParsedConfig } from '../../src/signals/config/parse/index.js';

async function parsed(text: string, type: ConfigType): Promise<ParsedConfig> {
  const result = await parseConfig(text, type);
  if (!result.ok) throw new Error(`expected ${type} to parse, failed at ${result.failure.line}`);
  return result.parsed;
}

/** Every key path (dotted) with its line. */
async function keyLines(text: string, type: ConfigType): Promise<Record<string, number | null>> {
  const doc = await parsed(text, type);
  const lines: Record<string, number | null> = {};
  for (const entry of keyEntries(doc.value)) {
    lines[formatKeyPath(entry.path)] = doc.lines.lineOf(entry.path);
  }
  return lines;
}

describe('key paths and their lines', () => {
  it('YAML: nested mappings, lists, merge keys, !ENV tags', async () => {
    const text = [
      'base: &base',
      '  host: h',
      'db:',
      '  <<: *base',
      '  password: !ENV DB_PASSWORD',
      '  pools:',
      '    - token: t',
      '',
    ].join('\n');
    expect(await keyLines(text, 'yaml')).toEqual({
      base: 1,
      'base.host': 2,
      db: 3,
      // Merged in from the anchor: no line of its own under db, its parent's line.
      'db.host': 3,
      'db.password': 5,
      'db.pools': 6,
      'db.pools[0].token': 7,
    });
    expect([...(await parsed(text, 'yaml')).envLookups]).toHaveLength(1);
  });

  it('YAML: several documents are a list of them', async () => {
    expect(await keyLines('a: 1\n---\nb:\n  token: x\n', 'yaml')).toEqual({
      '[0].a': 1,
      '[1].b': 3,
      '[1].b.token': 4,
    });
  });

  it('JSON: object keys at any depth, inside arrays too', async () => {
    const text = '{\n  "a": {\n    "b": [ {"token": "x"},\n {"k\\"q": 1} ]\n  },\n  "c": "}"\n}\n';
    expect(await keyLines(text, 'json')).toEqual({
      a: 2,
      'a.b': 3,
      'a.b[0].token': 3,
      'a.b[1].k"q': 4,
      c: 6,
    });
  });

  it('TOML: tables, arrays of tables, dotted and quoted keys, inline tables', async () => {
    const text = [
      'title = "t"',
      'text = """',
      'password = "inside a string"',
      '"""',
      '[db.main]',
      'password = "p"',
      'pool.size = 3',
      '[[servers]]',
      'name = "a"',
      '[[servers]]',
      '"api-key" = "k"',
      'auth = { token = "t" }',
      '',
    ].join('\n');
    expect(await keyLines(text, 'toml')).toEqual({
      title: 1,
      text: 2,
      db: 5,
      'db.main': 5,
      'db.main.password': 6,
      'db.main.pool': 7,
      'db.main.pool.size': 7,
      servers: 8,
      'servers[0].name': 9,
      'servers[1].api-key': 11,
      'servers[1].auth': 12,
      // Inside an inline table: the table's line.
      'servers[1].auth.token': 12,
    });
  });

  it('INI and .cfg: sections split on dots, configparser delimiters and continuation lines', async () => {
    const text = [
      '; comment',
      '[db.main]',
      'password: p',
      'url = http://h:5432/x',
      'private_key =',
      '    line one',
      '    line two',
      '[other]',
      'flag',
      '',
    ].join('\n');
    const doc = await parsed(text, 'ini');
    expect(doc.value).toEqual({
      db: { main: { password: 'p', url: 'http://h:5432/x', private_key: 'line one line two' } },
      other: { flag: true },
    });
    expect(await keyLines(text, 'ini')).toEqual({
      db: 2,
      'db.main': 2,
      'db.main.password': 3,
      'db.main.url': 4,
      'db.main.private_key': 5,
      other: 8,
      'other.flag': 9,
    });
  });

  it('.env: export prefixes, quotes, comments', async () => {
    expect(await keyLines('# c\nA=1\nexport DB_PASSWORD="x y"\n\nB = 2\n', 'env')).toEqual({
      A: 2,
      DB_PASSWORD: 3,
      B: 5,
    });
  });

  it('.properties: separators, escapes, continuation lines', async () => {
    const text = '# c\ndb.password = s\nkey\\ with\\ space : v\nlong = a \\\n  b\nlast value\n';
    expect((await parsed(text, 'properties')).value).toEqual({
      'db.password': 's',
      'key with space': 'v',
      long: 'a b',
      last: 'value',
    });
    expect(await keyLines(text, 'properties')).toEqual({
      'db.password': 2,
      'key with space': 3,
      long: 4,
      last: 6,
    });
  });
});

describe('failures', () => {
  const SECRET = 'Pl4nted-Val';
  it.each<[ConfigType, string, number | null]>([
    // An unclosed quote is noticed where the text ends.
    ['yaml', `a: 1\npassword: "${SECRET}\n`, 3],
    ['yaml', `a: [1,\npassword: *${SECRET}\n`, 2],
    ['json', `{\n  "password": ${SECRET}\n}`, 2],
    ['toml', `a = 1\npassword = "${SECRET}" x\n`, 2],
  ])('%s: the line, and no message at all', async (type, text, line) => {
    const result = await parseConfig(text, type);
    expect(result).toEqual({ ok: false, failure: { line } });
    expect(JSON.stringify(result)).not.toContain(SECRET);
  });

  it('YAML aliases that expand too far are a failure with a reason of our own', async () => {
    const lines = ['a: &a [x, x, x, x, x, x, x, x, x, x]'];
    for (let i = 1; i < 8; i++) {
      const prev = String.fromCharCode(96 + i);
      const name = String.fromCharCode(97 + i);
      lines.push(`${name}: &${name} [${Array(10).fill(`*${prev}`).join(', ')}]`);
    }
    const result = await parseConfig(lines.join('\n'), 'yaml');
    expect(result).toEqual({
      ok: false,
      failure: { line: null, reason: 'aliases expand to more than 100 copies of their anchors' },
    });
  });

  it('deep nesting never crashes: it parses, or fails to parse, without throwing', async () => {
    const depth = 20_000;
    for (const [type, text] of [
      ['json', '['.repeat(depth) + ']'.repeat(depth)],
      ['json', '{"a":'.repeat(depth) + '1' + '}'.repeat(depth)],
      ['yaml', '['.repeat(depth) + ']'.repeat(depth)],
      ['toml', `a = ${'['.repeat(depth)}${']'.repeat(depth)}`],
    ] as [ConfigType, string][]) {
      const result = await parseConfig(text, type);
      if (result.ok) {
        // Walking it is bounded too.
        expect([...keyEntries(result.parsed.value)].length).toBeLessThan(100);
      } else {
        expect(result.failure.line === null || result.failure.line >= 1).toBe(true);
      }
    }
  });
});
