#!/usr/bin/env node
// Entry point for `npx jingzhun`: loads the TypeScript CLI in-process through tsx,
// so signals (SIGINT/SIGTERM) reach the CLI directly.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli/main.ts');
