/**
 * The earlier runs a run's intervals learn the spread between runs from (core's between-runs.ts): result files in a
 * directory — by default the one the run writes to, `results/` — from the same machine with the same measurement of
 * a process. Files that do not parse (another tool's JSON, a file from a newer schema) are passed over silently:
 * they are not this run's business, and `coresweep report` names them.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { comparableRun, parseResultFile, type ResultFile } from '@coresweep/core';

/** The most recent comparable runs used: enough differences for a steady estimate, without reading a whole archive. */
export const MAX_EARLIER_RUNS = 10;

function parsed(path: string): ResultFile | null {
  try {
    return parseResultFile(readFileSync(path, 'utf8'), path);
  } catch {
    return null;
  }
}

/** The most recent runs in `directory` comparable with `current`, newest first, not counting `current` itself. */
export function earlierRuns(
  directory: string,
  current: Pick<ResultFile, 'id' | 'machine' | 'config'>,
  exclude: string,
): ResultFile[] {
  let names: string[];
  try {
    names = readdirSync(directory).filter((name) => name.endsWith('.json') && !name.startsWith('.'));
  } catch {
    return [];
  }
  const runs: ResultFile[] = [];
  for (const name of names) {
    const path = join(directory, name);
    if (resolve(path) === resolve(exclude)) continue;
    const run = parsed(path);
    if (run && run.id !== current.id && comparableRun(current, run)) runs.push(run);
  }
  return runs.sort((a, b) => b.createdAt.localeCompare(a.createdAt)).slice(0, MAX_EARLIER_RUNS);
}
