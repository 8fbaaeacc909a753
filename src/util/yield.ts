/**
 * A turn of the event loop for work done in blocking batches (reading many small files with
 * synchronous calls): the history pass's git output, waiting in its pipe, is read between
 * two batches, so git never stalls long on a full pipe.
 */
export function yieldToEvents(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
