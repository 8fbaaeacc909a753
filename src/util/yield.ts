/**
 * Turns of the event loop for work done in blocking batches (reading many small files with
 * synchronous calls): the history pass's git output, waiting in its pipe, is read between
 * two batches, so git never stalls long on a full pipe.
 */

/** One turn of the event loop. */
export function yieldToEvents(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/**
 * A pace for a loop of blocking calls: call it before each, and every `every`th call waits
 * for a turn of the event loop (the others return at once).
 */
export function pacer(every: number): () => Promise<void> | undefined {
  let calls = 0;
  return () => {
    if (++calls < every) return undefined;
    calls = 0;
    return yieldToEvents();
  };
}
