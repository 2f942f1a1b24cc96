/**
 * Durable output. The result file is written atomically (temporary file in the same directory, fsync, rename),
 * so a crash mid-write never leaves a truncated file; every finished repetition is appended to a journal beside
 * it first, so a crash or kill loses at most the repetition that was running.
 */
import {
  appendFileSync,
  closeSync,
  existsSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  writeSync,
} from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { type Repetition, RepetitionSchema, type ResultFile, validateResultFile } from '@coresweep/core';
import type { PlannedCell } from './plan.js';

export function writeFileAtomic(path: string, text: string): void {
  mkdirSync(dirname(path), { recursive: true });
  const temporary = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
  const fd = openSync(temporary, 'w');
  try {
    writeSync(fd, text);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(temporary, path);
}

/** Validates against the schema before writing: an invalid file is a bug, and it must not reach the disk. */
export function writeResultFile(path: string, result: ResultFile): void {
  const valid = validateResultFile(result, path);
  writeFileAtomic(path, `${JSON.stringify(valid, null, 2)}\n`);
}

export function journalPath(resultPath: string): string {
  return `${resultPath}.journal.jsonl`;
}

export interface JournalEntry {
  cell: PlannedCell;
  repetition: Repetition;
}

export function appendJournal(resultPath: string, entry: JournalEntry): void {
  mkdirSync(dirname(resultPath), { recursive: true });
  appendFileSync(journalPath(resultPath), `${JSON.stringify(entry)}\n`);
}

/** Reads the journal, skipping a torn last line (the process died mid-append) and anything that fails the schema. */
export function readJournal(resultPath: string): JournalEntry[] {
  const path = journalPath(resultPath);
  if (!existsSync(path)) return [];
  const entries: JournalEntry[] = [];
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    if (line.trim() === '') continue;
    try {
      const entry = JSON.parse(line) as JournalEntry;
      if (RepetitionSchema.safeParse(entry.repetition).success && entry.cell) entries.push(entry);
    } catch {
      // torn line from a crash mid-append: that repetition will simply run again
    }
  }
  return entries;
}
