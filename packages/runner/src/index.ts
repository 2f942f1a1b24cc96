export { assertStrategy, assertWorkload, type Discovered, type Discovery, discover } from './discovery.js';
export { defaultWorkerCounts, type PlannedCell, planCells, planOrder } from './plan.js';
export { PRESETS, type Preset } from './presets.js';
export { findRepoRoot } from './repo-root.js';
