/**
 * The run journal, `FILE.journal.jsonl` beside the result file: everything needed to finish a run whose result file
 * was never written (the runner killed by SIGKILL or the OOM killer, a power loss).
 *
 * Line 1 is the run record — format version, run id, start time and the whole configuration — written atomically
 * before the first job starts. Every later line is one finished repetition, appended and fsynced before the next
 * repetition starts, so a crash loses at most the repetition that was running. The reader keeps every repetition it
 * finds, however many a cell has: a run may plan more repetitions of a cell than its configuration's count.
 */
import { closeSync, existsSync, fsyncSync, openSync, readFileSync, writeSync } from 'node:fs';
import {
  CellSchema,
  ConfigSchema,
  CoresweepError,
  type Repetition,
  RepetitionSchema,
  type RunConfig,
} from '@coresweep/core';
import type { PlannedCell } from './plan.js';
import { writeFileAtomic } from './result-store.js';

/** Version of the journal's format; a journal of another version is refused rather than half understood. */
export const JOURNAL_VERSION = 1;

export function journalPath(resultPath: string): string {
  return `${resultPath}.journal.jsonl`;
}

/** What the first line records: with it a run can be resumed from the journal alone. */
export interface JournalRun {
  id: string;
  createdAt: string;
  config: RunConfig;
}

export interface JournalEntry {
  cell: PlannedCell;
  repetition: Repetition;
}

export interface JournalContents {
  /** The run record, or null for a journal written before it existed (repetition lines only). */
  run: JournalRun | null;
  entries: JournalEntry[];
  /** Repetition lines that could not be read (damaged in the middle of the file): those repetitions run again. */
  unreadable: number;
}

const CellKeySchema = CellSchema.pick({
  workload: true,
  size: true,
  strategy: true,
  workers: true,
  transport: true,
  runtime: true,
  parts: true,
});

function runLine(run: JournalRun): string {
  return JSON.stringify({ record: 'run', journalVersion: JOURNAL_VERSION, ...run });
}

function entryLine(entry: JournalEntry): string {
  return JSON.stringify({ record: 'repetition', cell: entry.cell, repetition: entry.repetition });
}

function parseJson(line: string): unknown {
  try {
    return JSON.parse(line);
  } catch {
    return undefined;
  }
}

/** A repetition line, current (`record: "repetition"`) or from before the run record existed (no `record`). */
function parseEntry(value: unknown): JournalEntry | null {
  if (value === null || typeof value !== 'object') return null;
  const record = value as { record?: unknown; cell?: unknown; repetition?: unknown };
  if (record.record !== undefined && record.record !== 'repetition') return null;
  const cell = CellKeySchema.safeParse(record.cell);
  const repetition = RepetitionSchema.safeParse(record.repetition);
  return cell.success && repetition.success ? { cell: cell.data, repetition: repetition.data } : null;
}

function parseRun(value: unknown, path: string): JournalRun {
  const record = value as { journalVersion?: unknown; id?: unknown; createdAt?: unknown; config?: unknown };
  if (record.journalVersion !== JOURNAL_VERSION) {
    throw new CoresweepError(
      'E_INVALID_RESULT_FILE',
      `${path}: journalVersion: expected ${JOURNAL_VERSION}, found ${JSON.stringify(record.journalVersion) ?? 'nothing'}`,
    );
  }
  const config = ConfigSchema.safeParse(record.config);
  if (typeof record.id !== 'string' || record.id === '' || typeof record.createdAt !== 'string' || !config.success) {
    throw new CoresweepError('E_INVALID_RESULT_FILE', `${path}: line 1: not a valid run record`);
  }
  return { id: record.id, createdAt: record.createdAt, config: config.data };
}

/**
 * Reads the journal of `resultPath`, or null when there is none. A torn last line (the runner died in the middle of
 * appending it) is dropped: that repetition simply runs again.
 */
export function readJournal(resultPath: string): JournalContents | null {
  const path = journalPath(resultPath);
  if (!existsSync(path)) return null;
  const text = readFileSync(path, 'utf8');
  const lines = text.split('\n');
  // Everything after the last newline is a line whose append did not complete.
  const torn = lines.pop() ?? '';
  const contents: JournalContents = { run: null, entries: [], unreadable: 0 };
  let first = true;
  for (const line of lines) {
    if (line.trim() === '') continue;
    const value = parseJson(line);
    if (first && (value as { record?: unknown } | undefined)?.record === 'run') {
      contents.run = parseRun(value, path);
    } else {
      const entry = parseEntry(value);
      if (entry) contents.entries.push(entry);
      else contents.unreadable++;
    }
    first = false;
  }
  // A complete record that only lacks its newline is still whole.
  const lastEntry = torn.trim() === '' ? null : parseEntry(parseJson(torn));
  if (lastEntry) contents.entries.push(lastEntry);
  return contents;
}

/** An open journal: each append reaches the disk (fsync) before it returns. */
export class JournalWriter {
  private fd: number | null;
  constructor(readonly path: string) {
    this.fd = openSync(path, 'a');
  }

  append(entry: JournalEntry): void {
    if (this.fd === null) throw new Error(`journal ${this.path} is closed`);
    writeSync(this.fd, `${entryLine(entry)}\n`);
    fsyncSync(this.fd);
  }

  close(): void {
    if (this.fd !== null) closeSync(this.fd);
    this.fd = null;
  }
}

/**
 * Writes the journal afresh — the run record, then `entries` (what a resumed run already holds) — atomically, and
 * opens it for appending. Rewriting on every start also drops a torn last line, which the next append would
 * otherwise be glued to.
 */
export function startJournal(resultPath: string, run: JournalRun, entries: JournalEntry[] = []): JournalWriter {
  const path = journalPath(resultPath);
  writeFileAtomic(path, [runLine(run), ...entries.map(entryLine)].map((line) => `${line}\n`).join(''));
  return new JournalWriter(path);
}
