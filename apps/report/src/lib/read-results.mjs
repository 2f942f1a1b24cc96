/**
 * Reading a tree of result files: one directory, one folder per machine, or CI artifacts downloaded in any layout.
 * Plain JavaScript so that both the command-line entry point (scripts/build-report.mjs, run by Node without a
 * TypeScript loader) and the Astro pages use the same code. Every file is validated with @coresweep/core; an invalid
 * file throws a CoresweepError whose one-line message names the file and the field, or is skipped with that message
 * when `skipInvalid` is set. A second copy of a run already read (the same artifact downloaded twice) is always
 * skipped, naming both files.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { isAbsolute, join, relative } from 'node:path';
import { CoresweepError, machineIdentity, parseResultFile } from '@coresweep/core';

/** @param {string} dir @param {string[]} out */
function walk(dir, out) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    // Hidden folders and installed packages hold no results, and node_modules can hold thousands of JSON files.
    if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) walk(path, out);
    else if (entry.isFile() && entry.name.toLowerCase().endsWith('.json')) out.push(path);
  }
  return out;
}

/**
 * @param {string} dir
 * @returns {string[]} absolute paths of the *.json files in `dir` and every folder below it, sorted by path
 */
export function listResultFiles(dir) {
  let stat;
  try {
    stat = statSync(dir);
  } catch {
    throw new CoresweepError('E_USAGE', `${dir}: results directory not found`);
  }
  if (!stat.isDirectory()) throw new CoresweepError('E_USAGE', `${dir}: not a directory`);
  return walk(dir, []).sort();
}

/** What makes two files the same run: its id, when it started and the machine it ran on. */
function runIdentity(data) {
  return `${data.id}\0${data.createdAt}\0${machineIdentity(data.machine).id}`;
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
  /** @type {Map<string, string>} run identity -> the name of the file it was first read from */
  const seen = new Map();
  for (const path of listResultFiles(dir)) {
    // Named relative to the working directory when it lies below it, else by its absolute path.
    const rel = relative(cwd, path);
    const name = rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : path;
    let entry;
    try {
      const text = readFileSync(path, 'utf8');
      entry = { path, name: relative(dir, path), text, data: parseResultFile(text, name) };
    } catch (error) {
      if (!(error instanceof CoresweepError) || !options.skipInvalid) throw error;
      out.skipped.push({ path, message: error.message });
      continue;
    }
    const identity = runIdentity(entry.data);
    const first = seen.get(identity);
    if (first !== undefined) {
      out.skipped.push({ path, message: `${name}: the same run as ${first} (run ${entry.data.id}), read once` });
      continue;
    }
    seen.set(identity, name);
    out.files.push(entry);
  }
  return out;
}
