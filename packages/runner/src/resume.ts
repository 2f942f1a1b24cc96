/**
 * What `--resume FILE` starts from: the run's identity and configuration, and every repetition already finished.
 * Both the result file (written at the end or on an interrupt) and its journal (written as the run goes) are read;
 * either alone is enough, so a run whose runner was killed before the file was ever written resumes from the
 * journal.
 */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import {
  CoresweepError,
  cellIdentity,
  cellKey,
  parseResultFile,
  type Repetition,
  type ResultFile,
  type RunConfig,
} from '@coresweep/core';
import { type JournalContents, type JournalEntry, journalPath, readJournal } from './journal.js';
import type { PlannedCell } from './plan.js';

export interface ResumeState {
  outPath: string;
  id: string;
  createdAt: string;
  config: RunConfig;
  /** Every finished repetition, by cell key string; at most one per repetition index (any number per cell). */
  done: Map<string, Repetition[]>;
  /** The same repetitions with their cells, for the fresh journal of the resumed run. */
  entries: JournalEntry[];
  /** Lines for the user (damaged journal lines that will run again). */
  notes: string[];
}

function sameRun(file: ResultFile, journal: JournalContents, path: string): void {
  if (journal.run && journal.run.id !== file.id) {
    throw new CoresweepError(
      'E_USAGE',
      `--resume: ${journalPath(path)} belongs to run ${journal.run.id}, not to ${file.id} of ${path}; move one of them away`,
    );
  }
}

export function loadResumeState(path: string): ResumeState {
  const outPath = resolve(path);
  const file = existsSync(outPath) ? parseResultFile(readFileSync(outPath, 'utf8'), outPath) : null;
  const journal = readJournal(outPath);
  if (!file && !journal) throw new CoresweepError('E_USAGE', `--resume: ${path} does not exist`);
  if (!file && !journal?.run) {
    throw new CoresweepError(
      'E_USAGE',
      `--resume: ${path} was never written and its journal has no run record (written by an older coresweep, or ` +
        'damaged): the configuration is unknown, so it cannot be resumed. Start a new run.',
    );
  }
  if (file && journal) sameRun(file, journal, path);
  const run = file ?? (journal?.run as NonNullable<JournalContents['run']>);

  const done = new Map<string, Repetition[]>();
  const entries: JournalEntry[] = [];
  const add = (entry: JournalEntry) => {
    // A skipped repetition never ran: it is still to do.
    if (entry.repetition.status === 'skipped') return;
    const key = cellKey(entry.cell);
    const list = done.get(key) ?? [];
    // The file and the journal hold the same repetitions; a repetition index is one fresh process, kept once.
    if (list.some((r) => r.index === entry.repetition.index)) return;
    list.push(entry.repetition);
    done.set(key, list);
    entries.push(entry);
  };
  for (const cell of file?.cells ?? []) {
    // The identity (transport included), with the runtime as the file recorded it, engine and all.
    const { runtime: _named, ...identity } = cellIdentity(cell);
    const planned: PlannedCell = { ...identity, parts: cell.parts, ...(cell.runtime ? { runtime: cell.runtime } : {}) };
    for (const repetition of cell.repetitions) add({ cell: planned, repetition });
  }
  for (const entry of journal?.entries ?? []) add(entry);

  const notes =
    journal && journal.unreadable > 0
      ? [`${journalPath(path)}: ${journal.unreadable} damaged line(s) skipped; those repetitions run again`]
      : [];
  return { outPath, id: run.id, createdAt: run.createdAt, config: run.config, done, entries, notes };
}
