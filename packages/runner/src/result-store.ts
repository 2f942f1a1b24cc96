/**
 * Durable output. The result file is written atomically (temporary file in the same directory, fsync, rename, fsync
 * of the directory), so a crash or a power loss mid-write never leaves a truncated file. Every finished repetition
 * is also in the journal beside it (journal.ts), so a crash loses at most the repetition that was running.
 */
import { closeSync, fsyncSync, mkdirSync, openSync, readdirSync, renameSync, rmSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { type ResultFile, validateResultFile } from '@coresweep/core';
import { isAlive } from './proc-stats.js';

/** Temporaries of `path` left by a writer that was killed between creating and renaming them. */
function removeStaleTemporaries(path: string): void {
  const prefix = `.${basename(path)}.`;
  for (const name of readdirSync(dirname(path))) {
    const pid = name.startsWith(prefix) && name.endsWith('.tmp') ? Number(name.slice(prefix.length, -4)) : Number.NaN;
    if (Number.isSafeInteger(pid) && pid !== process.pid && !isAlive(pid))
      rmSync(join(dirname(path), name), { force: true });
  }
}

export function writeFileAtomic(path: string, text: string): void {
  mkdirSync(dirname(path), { recursive: true });
  removeStaleTemporaries(path);
  const temporary = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
  const fd = openSync(temporary, 'w');
  try {
    writeSync(fd, text);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(temporary, path);
  // The rename lives in the directory: without this a power loss could still undo it.
  const dirFd = openSync(dirname(path), 'r');
  try {
    fsyncSync(dirFd);
  } finally {
    closeSync(dirFd);
  }
}

/** Validates against the schema before writing: an invalid file is a bug, and it must not reach the disk. */
export function writeResultFile(path: string, result: ResultFile): void {
  const valid = validateResultFile(result, path);
  writeFileAtomic(path, `${JSON.stringify(valid, null, 2)}\n`);
}
