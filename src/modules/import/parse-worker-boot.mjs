// Starts the parsing worker from its TypeScript source: the worker thread gets tsx's loader of its
// own (as bin/jingzhun.js registers it for the main thread), then imports the entry it is given.
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
await import(workerData.entry);
