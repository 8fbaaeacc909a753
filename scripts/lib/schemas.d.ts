/** File name under schema/ -> generated content. */
export function generateSchemas(): Record<string, string>;
