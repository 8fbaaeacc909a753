#!/usr/bin/env node
// Runs the CLI's bundle, which `npm run build` makes (and so `npm install` in a checkout).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const bundle = new URL('../dist/bundle/main.js', import.meta.url);
if (existsSync(bundle)) await import(bundle.href);
else {
  const root = fileURLToPath(new URL('..', import.meta.url));
  process.stderr.write(`mldebt: not built: run \`npm run build\` in ${root}\n`);
  process.exitCode = 2;
}
