// Writes schema/debt.schema.json and schema/report.schema.json (run: npm run schema).
import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { generateSchemas } from './lib/schemas.js';

const dir = fileURLToPath(new URL('../schema/', import.meta.url));
mkdirSync(dir, { recursive: true });
for (const [name, content] of Object.entries(generateSchemas())) {
  writeFileSync(`${dir}${name}`, content);
  process.stderr.write(`wrote schema/${name}\n`);
}
