// Generates the JSON Schemas that ship in schema/: the inventory (from the zod schema), the
// JSON report and the portfolio of `merge` (from the TypeScript models, so their TSDoc
// becomes descriptions).
// `npm run schema` writes them; test/schemas.test.ts fails when the committed files are stale.
import { fileURLToPath } from 'node:url';
import { createGenerator } from 'ts-json-schema-generator';
import { inventoryJsonSchema } from '../../dist/inventory/json-schema.js';

const root = fileURLToPath(new URL('../..', import.meta.url));

/** @returns {Record<string, string>} file name under schema/ -> content */
export function generateSchemas() {
  const fromModel = (file, type, name, title) => {
    const schema = createGenerator({
      path: `${root}src/model/${file}`,
      tsconfig: `${root}tsconfig.json`,
      type,
      skipTypeCheck: true,
      additionalProperties: false,
      sortProps: true,
    }).createSchema(type);
    schema.$id = `https://github.com/mldebt/mldebt/schema/${name}`;
    schema.title = title;
    return `${JSON.stringify(schema, null, 2)}\n`;
  };
  return {
    'debt.schema.json': `${JSON.stringify(inventoryJsonSchema(), null, 2)}\n`,
    'report.schema.json': fromModel(
      'report.ts',
      'Report',
      'report.schema.json',
      'mldebt JSON report',
    ),
    'portfolio.schema.json': fromModel(
      'portfolio.ts',
      'Portfolio',
      'portfolio.schema.json',
      'mldebt portfolio (merge --format json)',
    ),
  };
}
