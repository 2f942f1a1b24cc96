/**
 * `@coresweep/core/define`: the part of core a workload, a strategy and the cell process need — the contracts, typed
 * errors, partitioning, payload sizes, seeded generators, module loading and the formatting of sizes — without the
 * result schema (zod), the statistics and the models. Every measured process, and every worker thread or process a
 * strategy starts, loads it: the whole of core would add about 0.1 s to each of them (zod alone), and a full run
 * starts thousands. The main entry re-exports all of it.
 */
// Whole modules: each holds public API only (the main entry names the same exports one by one).
export * from './contracts.js';
export * from './errors.js';
export * from './format.js';
export * from './load.js';
export * from './partition.js';
export * from './payload.js';
export * from './random.js';
