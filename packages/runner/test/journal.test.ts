/**
 * The journal on its own: what a runner killed at any moment leaves behind, and what `--resume` makes of it.
 */
import { appendFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Repetition, RunConfig } from '@coresweep/core';
import { afterAll, describe, expect, it } from 'vitest';
import { JOURNAL_VERSION, type JournalEntry, journalPath, readJournal, startJournal } from '../src/journal.js';
import { loadResumeState } from '../src/resume.js';
import { buildResultFile } from './result-builder.js';

const dir = mkdtempSync(join(tmpdir(), 'coresweep-journal-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let counter = 0;
const fresh = () => join(dir, `run-${counter++}.json`);

const CONFIG: RunConfig = {
  preset: 'custom',
  workloads: ['do-math'],
  sizes: { 'do-math': [1000] },
  strategies: ['serial', 'async'],
  workers: [1, 2],
  repetitions: 2,
  partsPerWorker: 1,
  timeoutSec: null,
  seed: 5,
  warmupIterations: 1,
  minIterations: 2,
  timeBudgetMs: 5,
};
const RUN = { id: 'run-a', createdAt: '2026-01-01T00:00:00.000Z', config: CONFIG };

function entry(strategy: string, workers: number, index: number): JournalEntry {
  const repetition: Repetition = {
    index,
    status: 'ok',
    error: null,
    checksum: 'sum=1',
    samples: [1, 2],
    medianMs: 1.5,
    coldMs: 3,
    startMs: 1,
    cpuMs: 3,
    wallMs: 3,
    utilisation: 1,
    peakRssBytes: 1000,
    durationMs: 50,
  };
  return { cell: { workload: 'do-math', size: 1000, strategy, workers, parts: workers }, repetition };
}

describe('the journal', () => {
  it('starts with the run record, then one fsynced line per repetition, and reads back the same', () => {
    const out = fresh();
    const journal = startJournal(out, RUN);
    journal.append(entry('serial', 1, 0));
    journal.append(entry('async', 2, 0));
    journal.close();
    const first = JSON.parse(readFileSync(journalPath(out), 'utf8').split('\n')[0] as string);
    expect(first).toMatchObject({ record: 'run', journalVersion: JOURNAL_VERSION, id: 'run-a' });
    const read = readJournal(out);
    expect(read?.run).toEqual(RUN);
    expect(read?.entries).toEqual([entry('serial', 1, 0), entry('async', 2, 0)]);
    expect(read?.unreadable).toBe(0);
  });

  it('drops a torn last line, keeps a whole last line that lost only its newline', () => {
    const out = fresh();
    startJournal(out, RUN, [entry('serial', 1, 0)]).close();
    const whole = JSON.stringify({ record: 'repetition', ...entry('async', 1, 0) });
    appendFileSync(journalPath(out), whole.slice(0, 40));
    expect(readJournal(out)?.entries).toEqual([entry('serial', 1, 0)]);
    expect(readJournal(out)?.unreadable).toBe(0);

    const other = fresh();
    startJournal(other, RUN, [entry('serial', 1, 0)]).close();
    appendFileSync(journalPath(other), whole);
    expect(readJournal(other)?.entries).toEqual([entry('serial', 1, 0), entry('async', 1, 0)]);
  });

  it('counts a damaged line in the middle and keeps the rest', () => {
    const out = fresh();
    startJournal(out, RUN, [entry('serial', 1, 0)]).close();
    appendFileSync(journalPath(out), '{"record":"repetition","cell":\n');
    appendFileSync(journalPath(out), `${JSON.stringify({ record: 'repetition', ...entry('async', 1, 0) })}\n`);
    const read = readJournal(out);
    expect(read?.entries).toEqual([entry('serial', 1, 0), entry('async', 1, 0)]);
    expect(read?.unreadable).toBe(1);
  });

  it('holds more repetitions of a cell than the configuration plans', () => {
    const out = fresh();
    const many = [0, 1, 2, 3, 4].map((i) => entry('async', 2, i));
    startJournal(out, RUN, many).close();
    expect(readJournal(out)?.entries).toEqual(many);
    expect(
      loadResumeState(out)
        .done.get('do-math/1000/async/2')
        ?.map((r) => r.index),
    ).toEqual([0, 1, 2, 3, 4]);
  });

  it("keeps a run's precision target, so a resumed run goes on adding rounds", () => {
    const out = fresh();
    const adaptive = { ...RUN, config: { ...CONFIG, precision: 0.02, maxRepetitions: 6, timeCapSec: null } };
    startJournal(
      out,
      adaptive,
      [0, 1, 2].map((i) => entry('async', 2, i)),
    ).close();
    expect(loadResumeState(out).config).toEqual(adaptive.config);
  });

  it('refuses a journal of another format version, naming the field', () => {
    const out = fresh();
    writeFileSync(journalPath(out), `${JSON.stringify({ record: 'run', journalVersion: 99, ...RUN })}\n`);
    expect(() => readJournal(out)).toThrow(/journalVersion: expected 1, found 99/);
  });

  it('rewriting it on resume drops the torn line the next append would be glued to', () => {
    const out = fresh();
    startJournal(out, RUN, [entry('serial', 1, 0)]).close();
    appendFileSync(journalPath(out), '{"record":"repet');
    const state = loadResumeState(out);
    const journal = startJournal(out, RUN, state.entries);
    journal.append(entry('async', 1, 0));
    journal.close();
    expect(readJournal(out)?.entries).toEqual([entry('serial', 1, 0), entry('async', 1, 0)]);
    expect(readJournal(out)?.unreadable).toBe(0);
  });
});

describe('the resume state', () => {
  it('comes from the journal alone when the result file was never written', () => {
    const out = fresh();
    startJournal(out, RUN, [entry('serial', 1, 0), entry('async', 1, 0), entry('async', 1, 0)]).close();
    const state = loadResumeState(out);
    expect(state).toMatchObject({ id: 'run-a', createdAt: RUN.createdAt, config: CONFIG, notes: [] });
    // the duplicate (same cell, same index) is kept once
    expect(state.entries).toEqual([entry('serial', 1, 0), entry('async', 1, 0)]);
  });

  it("keys the repetitions of a result file's cells by their transport and runtime", () => {
    const out = fresh();
    const bun = { name: 'bun', version: '1.4.5', engine: 'JavaScriptCore' };
    const file = buildResultFile({
      cells: [
        { workload: 'sha256', strategy: 'serial', workers: 1, runtime: bun },
        { workload: 'sha256', strategy: 'worker-threads', workers: 2, transport: 'clone', runtime: bun },
        { workload: 'sha256', strategy: 'worker-threads', workers: 2, transport: 'shared', runtime: bun },
      ],
    });
    writeFileSync(out, JSON.stringify(file));
    const state = loadResumeState(out);
    expect([...state.done.keys()]).toEqual([
      'sha256/1000000/serial/1/bun@1.4.5',
      'sha256/1000000/worker-threads/2/clone/bun@1.4.5',
      'sha256/1000000/worker-threads/2/shared/bun@1.4.5',
    ]);
    const clone = state.entries.find((e) => e.cell.strategy === 'worker-threads');
    expect(clone?.cell).toMatchObject({ transport: 'clone', runtime: bun });
  });

  it('refuses a journal from before the run record with a clear line', () => {
    const out = fresh();
    writeFileSync(journalPath(out), `${JSON.stringify(entry('serial', 1, 0))}\n`);
    expect(() => loadResumeState(out)).toThrow(
      /was never written and its journal has no run record \(written by an older coresweep, or damaged\)/,
    );
  });

  it('merges the result file and its journal, each repetition once, and still reads an older journal beside a file', () => {
    const out = fresh();
    const file = buildResultFile({ id: 'run-b', cells: [{ strategy: 'serial', workers: 1, medians: [1, 1] }] });
    writeFileSync(out, JSON.stringify(file));
    const serial = file.cells[0]!;
    const same = { cell: { ...entry('serial', 1, 0).cell, size: serial.size, workload: serial.workload } };
    // an older journal: repetition lines without a run record
    writeFileSync(
      journalPath(out),
      [
        JSON.stringify({ ...same, repetition: serial.repetitions[1] }),
        JSON.stringify({ ...entry('async', 2, 0) }),
        '',
      ].join('\n'),
    );
    const state = loadResumeState(out);
    expect(state.id).toBe('run-b');
    expect(state.config).toEqual(file.config);
    expect(state.entries.map((e) => `${e.cell.strategy}/${e.cell.workers}#${e.repetition.index}`)).toEqual([
      'serial/1#0',
      'serial/1#1',
      'async/2#0',
    ]);
  });

  it('refuses a journal of another run beside the file', () => {
    const out = fresh();
    writeFileSync(out, JSON.stringify(buildResultFile({ id: 'run-c', cells: [{ strategy: 'serial', workers: 1 }] })));
    startJournal(out, RUN).close();
    expect(() => loadResumeState(out)).toThrow(/belongs to run run-a, not to run-c/);
  });

  it('says when damaged lines will run again', () => {
    const out = fresh();
    startJournal(out, RUN).close();
    appendFileSync(journalPath(out), 'garbage\n');
    expect(loadResumeState(out).notes).toEqual([
      `${journalPath(out)}: 1 damaged line(s) skipped; those repetitions run again`,
    ]);
  });
});
