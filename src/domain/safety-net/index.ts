export * from './benefit.js';
export * from './month.js';
export * from './params.js';
export * from './reconcile.js';
export * from './review.js';
export * from './schedule.js';
export * from './tekun.js';
export * from './temporary.js';
