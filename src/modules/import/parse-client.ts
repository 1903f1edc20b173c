import { Worker, type ResourceLimits } from 'node:worker_threads';
import { readHouseholds, unpackBatch, type ParseMessage, type ParseSettings } from './households.js';
import { UnreadableFileError } from './reader.js';

type WorkerMessage =
  | Exclude<ParseMessage, { type: 'batch' }>
  | { type: 'batch'; json: string; rows: number }
  | { type: 'error'; unreadable: boolean; message: string; stack?: string };

/**
 * The worker thread's entry. From TypeScript sources (tsx: the CLI, the server, tests) through a small
 * boot file that registers tsx inside the worker; from compiled JavaScript directly.
 */
function startWorker(file: string, settings: ParseSettings, resourceLimits?: ResourceLimits): Worker {
  const fromSource = import.meta.url.endsWith('.ts');
  const entry = new URL(fromSource ? './parse-worker.ts' : './parse-worker.js', import.meta.url);
  const workerData = { file, settings, entry: entry.href };
  // the worker allocates the short-lived strings and rows of parsing: a young generation as large as
  // the CLI's (tuneHeapForImport), so that few of them survive a scavenge
  resourceLimits = { ...resourceLimits };
  return fromSource
    ? new Worker(new URL('./parse-worker-boot.mjs', import.meta.url), { workerData, resourceLimits })
    : new Worker(entry, { workerData, resourceLimits });
}

/**
 * The households of a file (households.ts) read, parsed and checked in a worker thread, so that the
 * main thread only talks to the database meanwhile. The same messages as `readHouseholds`. A file
 * that cannot be read throws UnreadableFileError; a worker that fails or dies throws — never a hang.
 * Leaving the loop early (an error, a rollback) terminates the worker.
 */
export async function* householdsFromWorker(
  file: string,
  settings: ParseSettings,
  resourceLimits?: ResourceLimits,
): AsyncGenerator<ParseMessage> {
  const worker = startWorker(file, settings, resourceLimits);
  const queue: WorkerMessage[] = [];
  let failure: Error | null = null;
  let ended = false;
  let notify: (() => void) | null = null;
  const wake = () => {
    notify?.();
    notify = null;
  };
  worker.on('message', (m: WorkerMessage) => {
    queue.push(m);
    wake();
  });
  worker.on('error', (err) => {
    failure ??= new Error(`the import's parsing worker failed: ${err.message}`, { cause: err });
    wake();
  });
  worker.on('exit', (code) => {
    if (!ended)
      failure ??= new Error(
        `the import's parsing worker stopped before the end of the file (exit code ${code})`,
      );
    wake();
  });
  try {
    for (;;) {
      const m = queue.shift();
      if (!m) {
        if (failure) throw failure;
        await new Promise<void>((resolve) => (notify = resolve));
        continue;
      }
      if (m.type === 'error') {
        ended = true;
        if (m.unreadable) throw new UnreadableFileError(m.message);
        throw new Error(`reading the file failed: ${m.message}`);
      }
      if (m.type === 'batch') {
        worker.postMessage('more');
        yield { type: 'batch', households: unpackBatch(m.json), rows: m.rows };
        continue;
      }
      if (m.type === 'end' || (m.type === 'header' && m.fatal.length)) ended = true;
      yield m;
      if (ended) return;
    }
  } finally {
    ended = true;
    await worker.terminate();
  }
}

/** Where an import reads its file: in a worker thread (default) or on the main thread. */
export function householdsOf(
  file: string,
  settings: ParseSettings,
  inWorker: boolean,
  resourceLimits?: ResourceLimits,
) {
  return inWorker ? householdsFromWorker(file, settings, resourceLimits) : readHouseholds(file, settings);
}
