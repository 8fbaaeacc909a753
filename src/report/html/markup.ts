/**
 * Building HTML safely: every value interpolated into {@link html} is escaped unless it is
 * already {@link SafeHtml} (the output of another `html` call or a chart function). Inventory
 * text (titles, owners, evidence notes, commit subjects) can therefore never become markup or
 * script, whatever it contains — the one rule that keeps a report of untrusted text safe to open.
 */

/** Markup that is already escaped; only {@link html}, {@link joinHtml} and {@link trustedHtml} make it. */
export class SafeHtml {
  constructor(readonly text: string) {}
  toString(): string {
    return this.text;
  }
}

/** A value {@link html} accepts: text (escaped), numbers, safe markup, lists of them, or nothing. */
export type HtmlValue =
  string | number | SafeHtml | null | undefined | false | readonly HtmlValue[];

/** `&`, `<`, `>`, `"` and `'` as entities: safe in text and in quoted attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => ENTITIES[char]!);
}

const ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

function render(value: HtmlValue): string {
  if (value === null || value === undefined || value === false) return '';
  if (value instanceof SafeHtml) return value.text;
  if (Array.isArray(value)) return (value as readonly HtmlValue[]).map(render).join('');
  return escapeHtml(String(value));
}

/**
 * A template literal that escapes what it interpolates: `` html`<td>${title}</td>` ``.
 * Arrays are concatenated, `null`, `undefined` and `false` render as nothing.
 *
 * The indentation after a line break in the template's own text is dropped: source templates
 * are indented for reading, and those spaces would otherwise be repeated in the output for
 * every item. A line break still separates what it separated (HTML reads it as a space), and
 * interpolated values are never touched.
 */
export function html(strings: TemplateStringsArray, ...values: HtmlValue[]): SafeHtml {
  const parts = dedented(strings);
  let out = parts[0]!;
  for (let i = 0; i < values.length; i++) out += render(values[i]!) + parts[i + 1]!;
  return new SafeHtml(out);
}

const DEDENTED = new WeakMap<TemplateStringsArray, string[]>();

function dedented(strings: TemplateStringsArray): string[] {
  let parts = DEDENTED.get(strings);
  if (!parts) {
    parts = strings.map((part) => part.replace(/\n[ \t]+/g, '\n'));
    DEDENTED.set(strings, parts);
  }
  return parts;
}

/** Pieces of markup joined with a separator (escaped like any value). */
export function joinHtml(parts: readonly HtmlValue[], separator: HtmlValue = ''): SafeHtml {
  return new SafeHtml(parts.map(render).join(render(separator)));
}

/**
 * Markup written by mldebt itself (the stylesheet, the script): never pass user text here.
 */
export function trustedHtml(markup: string): SafeHtml {
  return new SafeHtml(markup);
}

/**
 * An element id from an item id: `item-DATA-001`. Inventory ids are capitals, digits and
 * dashes, but anything else is made safe too, so an id always works as a fragment.
 */
export function anchorId(prefix: string, id: string): string {
  return `${prefix}-${id.replace(/[^A-Za-z0-9_-]/g, (char) => `_${char.codePointAt(0)!.toString(16)}`)}`;
}
