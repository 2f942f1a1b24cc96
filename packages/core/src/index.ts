export * from './contracts.js';
export * from './errors.js';
export * from './partition.js';
export * from './random.js';
export * from './result-file.js';
export * from './schema.js';
export * from './stats.js';
