// Generates the two JSON Schemas that ship in schema/: the inventory (from the zod schema)
// and the JSON report (from the TypeScript Report model, so its TSDoc becomes descriptions).
// `npm run schema` writes them; test/schemas.test.ts fails when the committed files are stale.
import { fileURLToPath } from 'node:url';
import { createGenerator } from 'ts-json-schema-generator';
import { inventoryJsonSchema } from '../../dist/inventory/json-schema.js';

const root = fileURLToPath(new URL('../..', import.meta.url));

/** @returns {Record<string, string>} file name under schema/ -> content */
export function generateSchemas() {
  const report = createGenerator({
    path: `${root}src/model/report.ts`,
    tsconfig: `${root}tsconfig.json`,
    type: 'Report',
    skipTypeCheck: true,
    additionalProperties: false,
    sortProps: true,
  }).createSchema('Report');
  report.$id = 'https://github.com/mldebt/mldebt/schema/report.schema.json';
  report.title = 'mldebt JSON report';
  return {
    'debt.schema.json': `${JSON.stringify(inventoryJsonSchema(), null, 2)}\n`,
    'report.schema.json': `${JSON.stringify(report, null, 2)}\n`,
  };
}
