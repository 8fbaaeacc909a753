/**
 * A place inside a parsed document, as messages name it: `items[2].cost_of_delay.amount`,
 * `files["src/a b.py"].summary`. One rule for the inventory, baselines and JSON coverage
 * reports: names that read as identifiers (hyphens allowed) follow a dot, other keys are
 * quoted in brackets, list positions are bracketed numbers.
 */

const PLAIN_KEY = /^[A-Za-z_$][\w$-]*$/;

/**
 * @param quote makes a key printable and short (keys come from the user's file)
 * @param root how the document itself is named when the path is empty
 */
export function formatDataPath(
  path: readonly PropertyKey[],
  quote: (key: string) => string,
  root = '(document)',
): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else if (PLAIN_KEY.test(String(part))) out += `${out === '' ? '' : '.'}${quote(String(part))}`;
    else out += `["${quote(String(part))}"]`;
  }
  return out === '' ? root : out;
}
