/**
 * Streams an XML report through saxes (a maintained, conforming streaming parser) so a
 * Cobertura or JaCoCo file of hundreds of MB never sits in memory whole. Well-formedness
 * errors, including a truncated document (unclosed root), become UserErrors at saxes' line
 * and column.
 */
import { createReadStream } from 'node:fs';
import { SaxesParser, type SaxesTagPlain } from 'saxes';
import { UserError } from '../../errors.js';
import { failAt, type ReportSource } from './report-errors.js';

/** The callbacks a reader gives; `fail` throws at the parser's current position. */
export interface XmlHandlers {
  onOpen(tag: SaxesTagPlain, fail: (message: string) => never): void;
  onClose?(name: string): void;
  /** Text inside elements; only wanted by readers that need it (Cobertura `<source>`). */
  onText?(text: string): void;
}

/** 64 KiB reads: see read-lines.ts for why not larger. */
const CHUNK_BYTES = 64 * 1024;

/** Parses the whole report, calling the handlers as elements stream by. */
export async function readXmlOf(source: ReportSource, handlers: XmlHandlers): Promise<void> {
  const parser = new SaxesParser({ xmlns: false, position: true });
  // saxes' column is the 0-based column of the next character, which is the 1-based column
  // of the character it just read: the one at fault.
  const fail = (message: string): never =>
    failAt(source, parser.line, Math.max(1, parser.column), message);
  parser.on('opentag', (tag) => handlers.onOpen(tag, fail));
  if (handlers.onClose) {
    const onClose = handlers.onClose;
    parser.on('closetag', (tag) => onClose(tag.name));
  }
  if (handlers.onText) parser.on('text', handlers.onText);

  const stream = createReadStream(source.path, { encoding: 'utf8', highWaterMark: CHUNK_BYTES });
  try {
    for await (const chunk of stream as AsyncIterable<string>) {
      writeOrFail(() => parser.write(chunk), parser, source);
    }
    writeOrFail(() => parser.close(), parser, source);
  } finally {
    stream.destroy();
  }
}

function writeOrFail(step: () => void, parser: SaxesParser, source: ReportSource): void {
  try {
    step();
  } catch (error) {
    if (error instanceof UserError) throw error;
    // saxes prefixes "line:column: "; the location carries that, keep the reason only.
    // Some reasons end with a name from the document ("unclosed tag: <name>"): clipped, so
    // the message stays one short line whatever the document holds.
    const reason = clipReason((error as Error).message.replace(/^\d+:\d+: /, ''));
    failAt(source, parser.line, Math.max(1, parser.column), `malformed XML: ${reason}`);
  }
}

/** How much of a name from the document a parser's reason may quote. */
const MAX_QUOTED_NAME = 40;

function clipReason(reason: string): string {
  const colon = reason.indexOf(': ');
  if (colon < 0 || reason.length - colon - 2 <= MAX_QUOTED_NAME) return reason;
  return `${reason.slice(0, colon + 2 + MAX_QUOTED_NAME)}…`;
}
