/**
 * The import's parsing worker (a worker thread, started by parse-client.ts): reads, splits, parses and
 * checks the file's rows (households.ts) and posts the messages to the main thread, which does the
 * registry's lookups and writes. At most AHEAD batches wait unread in the main thread: it posts
 * 'more' each time it takes one, so memory stays flat whatever the file's size.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { packBatch, readHouseholds, type ParseSettings } from './households.js';
import { UnreadableFileError } from './reader.js';

const AHEAD = 2;

const port = parentPort!;
const { file, settings } = workerData as { file: string; settings: ParseSettings };
let credits = AHEAD;
let wake: (() => void) | null = null;
port.on('message', (m) => {
  if (m === 'more') {
    credits++;
    wake?.();
    wake = null;
  }
});

try {
  for await (const msg of readHouseholds(file, settings)) {
    if (msg.type === 'batch') {
      while (credits === 0) await new Promise<void>((resolve) => (wake = resolve));
      credits--;
    }
    // a batch crosses as one JSON string: V8 parses JSON much faster than it deserializes a
    // structured clone of the same objects; a household's fields, income and provenance go once
    port.postMessage(
      msg.type === 'batch' ? { type: 'batch', json: packBatch(msg.households), rows: msg.rows } : msg,
    );
  }
} catch (err) {
  const e = err as Error;
  port.postMessage({
    type: 'error',
    unreadable: err instanceof UnreadableFileError,
    message: e?.message ?? String(err),
    stack: e?.stack,
  });
}
port.close();
