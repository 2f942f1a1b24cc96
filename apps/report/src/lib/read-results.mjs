/**
 * Reading a directory of result files. Plain JavaScript so that both the command-line entry point
 * (scripts/build-report.mjs, run by Node without a TypeScript loader) and the Astro pages use the same code.
 * Every file is validated with @coresweep/core; an invalid file throws a CoresweepError whose one-line message
 * names the file and the field, or is skipped with that message when `skipInvalid` is set.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { isAbsolute, join, relative } from 'node:path';
import { CoresweepError, parseResultFile } from '@coresweep/core';

/**
 * @param {string} dir
 * @returns {string[]} absolute paths of the *.json files directly in `dir`, sorted by name
 */
export function listResultFiles(dir) {
  let stat;
  try {
    stat = statSync(dir);
  } catch {
    throw new CoresweepError('E_USAGE', `${dir}: results directory not found`);
  }
  if (!stat.isDirectory()) throw new CoresweepError('E_USAGE', `${dir}: not a directory`);
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.toLowerCase().endsWith('.json'))
    .map((entry) => join(dir, entry.name))
    .sort();
}

/**
 * @param {string} dir
 * @param {{ skipInvalid?: boolean, cwd?: string }} [options]
 * @returns {import('./read-results.d.mts').ResultDirectory}
 */
export function readResultDirectory(dir, options = {}) {
  const cwd = options.cwd ?? process.cwd();
  /** @type {import('./read-results.d.mts').ResultDirectory} */
  const out = { files: [], skipped: [] };
  for (const path of listResultFiles(dir)) {
    // Named relative to the working directory when it lies below it, else by its absolute path.
    const rel = relative(cwd, path);
    const name = rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : path;
    try {
      const text = readFileSync(path, 'utf8');
      out.files.push({
        path,
        name: path.slice(dir.length).replace(/^[\\/]+/, ''),
        text,
        data: parseResultFile(text, name),
      });
    } catch (error) {
      if (!(error instanceof CoresweepError) || !options.skipInvalid) throw error;
      out.skipped.push({ path, message: error.message });
    }
  }
  return out;
}
