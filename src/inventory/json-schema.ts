/**
 * The inventory's JSON Schema, generated from the zod schema so the two cannot drift.
 * Editors use it through `# yaml-language-server: $schema=...` for completion and hovers.
 */
import { z } from 'zod';
import { inventorySchema } from './schema.js';

export function inventoryJsonSchema(): Record<string, unknown> {
  // `input`: what a user writes (defaults make keys optional), not what the loader returns.
  const schema = z.toJSONSchema(inventorySchema, { target: 'draft-7', io: 'input' });
  return {
    ...schema,
    $id: 'https://github.com/mldebt/mldebt/schema/debt.schema.json',
    title: 'mldebt inventory (debt.yaml)',
  };
}
