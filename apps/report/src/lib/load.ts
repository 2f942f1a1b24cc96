/**
 * The runs the site is built from: every valid result file of the results directory, newest first, each with a
 * URL-safe slug that is unique within the site.
 */
import type { ResultFile } from '@coresweep/core';
import { readResultDirectory } from './read-results.mjs';

/** Environment variables through which scripts/build-report.mjs hands its options to the pages. */
export const RESULTS_DIR_ENV = 'CORESWEEP_RESULTS_DIR';
export const SKIP_INVALID_ENV = 'CORESWEEP_SKIP_INVALID';

export interface Run {
  /** URL segment of this run: derived from its id, unique within the site. */
  slug: string;
  /** File name inside the results directory. */
  file: string;
  /** The file's text as read: the JSON download is exactly this. */
  text: string;
  data: ResultFile;
}

/** Lowercase letters, digits, dots and dashes only; never empty. */
export function slugify(value: string): string {
  const slug = value
    .toLowerCase()
    .replace(/[^a-z0-9.-]+/g, '-')
    .replace(/\.{2,}/g, '.')
    .replace(/^[-.]+|[-.]+$/g, '')
    .slice(0, 80)
    .replace(/[-.]+$/g, '');
  return slug || 'run';
}

/** Newest first (createdAt), ties broken by file name, so the order never depends on the file system. */
export function sortRuns<T extends { file: string; data: ResultFile }>(runs: readonly T[]): T[] {
  return runs.slice().sort((a, b) => {
    const ta = Date.parse(a.data.createdAt);
    const tb = Date.parse(b.data.createdAt);
    if (ta !== tb) return tb - ta;
    return a.file < b.file ? -1 : a.file > b.file ? 1 : 0;
  });
}

/** Sorts newest first and gives each run a unique slug (the oldest keeps the plain slug, later ones get -2, -3). */
export function toRuns(files: ReadonlyArray<{ name: string; text: string; data: ResultFile }>): Run[] {
  const sorted = sortRuns(files.map((f) => ({ file: f.name, text: f.text, data: f.data })));
  const used = new Set<string>();
  const slugs: string[] = [];
  // Oldest first, so adding a newer run never renames the pages of an older one.
  for (let i = sorted.length - 1; i >= 0; i--) {
    const base = slugify((sorted[i] as (typeof sorted)[number]).data.id);
    let slug = base;
    for (let n = 2; used.has(slug); n++) slug = `${base}-${n}`;
    used.add(slug);
    slugs[i] = slug;
  }
  return sorted.map((run, i) => ({ ...run, slug: slugs[i] as string }));
}

export function loadRuns(dir: string, options: { skipInvalid?: boolean } = {}): Run[] {
  return toRuns(readResultDirectory(dir, { skipInvalid: options.skipInvalid ?? false }).files);
}

const cache = new Map<string, { runs: Run[]; skipped: Array<{ path: string; message: string }> }>();

function siteDirectory() {
  const dir = process.env[RESULTS_DIR_ENV];
  if (!dir) throw new Error(`${RESULTS_DIR_ENV} is not set: build the report with scripts/build-report.mjs`);
  const skipInvalid = process.env[SKIP_INVALID_ENV] === '1';
  const key = `${dir}\0${skipInvalid}`;
  let entry = cache.get(key);
  if (!entry) {
    const directory = readResultDirectory(dir, { skipInvalid });
    entry = { runs: toRuns(directory.files), skipped: directory.skipped };
    cache.set(key, entry);
  }
  return entry;
}

/**
 * The runs of the directory named by CORESWEEP_RESULTS_DIR (read once per build). The build script validates the
 * directory before Astro starts, so by the time pages ask, invalid files were either reported or are to be skipped.
 */
export function siteRuns(): Run[] {
  return siteDirectory().runs;
}

/** Files skipped as invalid (only with --skip-invalid), with their one-line reason. */
export function siteSkipped(): Array<{ path: string; message: string }> {
  return siteDirectory().skipped;
}

export function findRun(runs: readonly Run[], slug: string): Run {
  const run = runs.find((r) => r.slug === slug);
  if (!run) throw new Error(`no run with slug ${slug}`);
  return run;
}
