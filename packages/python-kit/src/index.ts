export { MIN_PYTHON, type Probe, probePython, pythonCommand } from './interpreter.js';
export type { PoolMode } from './python-link.js';
export { type PythonPoolOptions, startPython } from './start.js';
export { pythonUnsupported, TWINS, type Twin, twinPath } from './twins.js';
