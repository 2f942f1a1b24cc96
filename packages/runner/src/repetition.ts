/**
 * The verdict on a repetition, decided here and nowhere else. The cell process reports what it saw (measure.ts:
 * an error, processes left alive, the first and the last checksum) and spawn-job.ts how the process ended (an
 * outcome, a timeout, a crash, an interrupt); this module turns both into the repetition's status, error and
 * timings, checking the checksum against the serial reference. A cell's status is then the worst of its
 * repetitions' (`cellStatus`).
 */
import { type CellStatus, median, type Phases, type Repetition } from '@coresweep/core';
import type { CellOutcome } from './protocol.js';
import type { JobResult } from './spawn-job.js';

/** The reference of a workload and size: its unpartitioned serial result and how long that one run took. */
export interface Reference {
  checksum: string | null;
  error: string | null;
  runMs: number;
  /** Bytes of the job's input; null or absent for a workload without data. */
  inputBytes?: number | null;
}

/** A repetition that produced no measurement: every measured field is null. */
export function unmeasured(index: number, durationMs: number, status: CellStatus, error: string | null): Repetition {
  return {
    index,
    status,
    error,
    checksum: null,
    samples: [],
    medianMs: null,
    coldMs: null,
    startMs: null,
    cpuMs: null,
    wallMs: null,
    utilisation: null,
    peakRssBytes: null,
    durationMs,
  };
}

/**
 * Status and error of a measured repetition, in order of precedence: what went wrong inside the cell (an error, a
 * failed close(), processes left alive), a missing reference, a checksum other than the reference's, a warm result
 * other than the first.
 */
function verdict(outcome: CellOutcome, reference: Reference | undefined): Pick<Repetition, 'status' | 'error'> {
  if (outcome.error !== null) return { status: 'failed', error: outcome.error };
  if (outcome.leftoverPids.length > 0) {
    return { status: 'failed', error: `close() left processes alive: ${outcome.leftoverPids.join(', ')}` };
  }
  if (!reference?.checksum) {
    return { status: 'failed', error: `no reference result: ${reference?.error ?? 'not computed'}` };
  }
  if (outcome.checksum !== reference.checksum) {
    return {
      status: 'wrong-result',
      error: `checksum ${outcome.checksum} differs from the serial reference ${reference.checksum}`,
    };
  }
  if (outcome.warmChecksum !== outcome.checksum) {
    return { status: 'wrong-result', error: 'a warm run returned a different result than the first run' };
  }
  return { status: 'ok', error: null };
}

/**
 * Where the repetition's time went: the cell process's own phases, and from the runner's duration of the whole
 * process what came before its clock started and after it stopped. The parts add up to `durationMs`.
 */
function phasesOf(outcome: CellOutcome, durationMs: number): Phases | undefined {
  const { phases, startMs, coldMs } = outcome;
  if (!phases || startMs === null || coldMs === null) return undefined;
  return {
    processMs: Math.max(0, durationMs - phases.endMs) + phases.loadMs,
    startMs,
    firstRunMs: Math.max(0, coldMs - startMs),
    warmupMs: Math.max(0, phases.warmupMs),
    timedMs: Math.max(0, phases.timedMs),
    closeMs: Math.max(0, phases.closeMs),
  };
}

/** One finished (or abandoned) repetition of a cell, from how its process ended and the reference of its size. */
export function repetitionFrom(result: JobResult, index: number, reference: Reference | undefined): Repetition {
  const { durationMs } = result;
  if (result.kind === 'timeout') return unmeasured(index, durationMs, 'timeout', result.error);
  if (result.kind === 'crashed') return unmeasured(index, durationMs, 'failed', result.error);
  if (result.kind === 'interrupted') return unmeasured(index, durationMs, 'skipped', 'interrupted');
  const outcome = result.outcome;
  if (outcome.kind !== 'cell') {
    return unmeasured(index, durationMs, 'failed', 'cell process answered with a reference outcome');
  }
  const phases = phasesOf(outcome, durationMs);
  return {
    index,
    ...verdict(outcome, reference),
    checksum: outcome.checksum,
    samples: outcome.samples,
    medianMs: outcome.samples.length > 0 ? median(outcome.samples) : null,
    coldMs: outcome.coldMs,
    startMs: outcome.startMs,
    cpuMs: outcome.cpuMs,
    wallMs: outcome.wallMs,
    utilisation: outcome.utilisation,
    peakRssBytes: outcome.peakRssBytes,
    bytesMoved: outcome.bytesMoved,
    movementMs: outcome.movementMs,
    durationMs,
    ...(phases && { phases }),
  };
}

/** Which status wins when repetitions disagree: the most alarming one. */
const STATUS_RANK: Record<CellStatus, number> = { 'wrong-result': 4, timeout: 3, failed: 2, skipped: 1, ok: 0 };

/** A cell's status and error: those of its worst repetition; `skipped` (not run) when it has none. */
export function cellStatus(repetitions: readonly Repetition[]): { status: CellStatus; error: string | null } {
  const worst = repetitions.reduce<Repetition | undefined>(
    (worst, rep) => (worst === undefined || STATUS_RANK[rep.status] > STATUS_RANK[worst.status] ? rep : worst),
    undefined,
  );
  const status = worst?.status ?? 'skipped';
  return { status, error: status === 'ok' ? null : (worst?.error ?? 'not run') };
}
