import { readFileSync } from 'node:fs';

/** The runner's own version, recorded in every result file. */
export const TOOL_VERSION: string = (
  JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }
).version;
