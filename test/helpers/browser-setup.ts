import { beforeEach } from 'vitest';
import { reportOpenPages } from './browser.js';

// A failed browser test prints what its pages showed: a timeout alone does not say why.
beforeEach((ctx) => {
  ctx.onTestFailed(async () => {
    const report = await reportOpenPages(`${ctx.task.file.name}-${ctx.task.name}`);
    if (report) console.error(`[browser] state at failure of "${ctx.task.name}":\n${report}`);
  });
});
