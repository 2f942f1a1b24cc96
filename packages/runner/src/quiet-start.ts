/**
 * A quiet start. Right before a run, the machine is usually still busy with what the user did just before — the
 * build `pnpm bench` starts with, or a previous run — and the 1-minute load average keeps reporting that work for
 * minutes after it ended. So before the first measured process the runner watches how many cores other processes
 * really use now (system-wide CPU time from /proc/stat, while the runner itself sleeps), waits — bounded, with a
 * visible line — until that stays low, and bases the busy-machine warning on that reading, not on the load average:
 * the warning then fires for other work that is still running, and not for a build that has finished.
 */
import { readFileSync } from 'node:fs';
import os from 'node:os';

/** Other work below this many cores counts as quiet; at or above it, the run warns (as a load of 0.5 did before). */
export const QUIET_CORES = 0.5;
/** Consecutive quiet samples that make a settled machine. */
const QUIET_SAMPLES = 2;
/** Length of one sample: long enough to see a busy core, short enough to start promptly. */
const SAMPLE_MS = 1000;

/** The default longest wait in seconds; CORESWEEP_SETTLE_SEC overrides it (the test suite sets 0). */
export function defaultSettleSeconds(env: NodeJS.ProcessEnv = process.env): number {
  const text = env.CORESWEEP_SETTLE_SEC;
  const value = text === undefined ? Number.NaN : Number(text);
  return Number.isFinite(value) && value >= 0 ? value : 30;
}

interface CpuTimes {
  busy: number;
  total: number;
}

/** The aggregate `cpu` line of /proc/stat: busy = everything but idle and iowait; null where there is none. */
export function readCpuTimes(read: () => string = () => readFileSync('/proc/stat', 'utf8')): CpuTimes | null {
  try {
    const line = read()
      .split('\n')
      .find((l) => l.startsWith('cpu '));
    if (!line) return null;
    // user nice system idle iowait irq softirq steal (guest time is already counted in user)
    const fields = line.trim().split(/\s+/).slice(1, 9).map(Number);
    if (fields.length < 5 || fields.some((f) => !Number.isFinite(f))) return null;
    const total = fields.reduce((a, b) => a + b, 0);
    const idle = (fields[3] ?? 0) + (fields[4] ?? 0);
    return { busy: total - idle, total };
  } catch {
    return null;
  }
}

export interface SettleProbe {
  /** Cores in use by other processes over the next sample, or null when it cannot be measured. */
  otherWorkCores(): Promise<number | null>;
  /** The 1-minute load average now. */
  loadAverage(): number;
}

/** The probe of this machine: /proc/stat over one sample, scaled by the online CPUs it covers. */
export function systemProbe(): SettleProbe {
  return {
    async otherWorkCores() {
      const before = readCpuTimes();
      await new Promise((resolve) => setTimeout(resolve, SAMPLE_MS));
      const after = readCpuTimes();
      if (!before || !after || after.total <= before.total) return null;
      return ((after.busy - before.busy) / (after.total - before.total)) * os.cpus().length;
    },
    loadAverage: () => os.loadavg()[0] ?? 0,
  };
}

export interface Settled {
  /** Cores other work used in the last sample; null where that cannot be measured (no /proc/stat). */
  otherWorkCores: number | null;
  /** Seconds spent waiting. */
  waitedSec: number;
  /** True when the machine was quiet within the bound (or there was nothing to measure). */
  quiet: boolean;
}

/**
 * Waits until other work uses fewer than QUIET_CORES for QUIET_SAMPLES samples in a row, at most `maxSeconds`.
 * Nothing is printed when the machine is quiet at once; otherwise one line when the wait starts and one when it
 * ends. With `maxSeconds` 0 it takes no sample at all and returns at once.
 */
export async function settle(
  maxSeconds: number,
  say: (line: string) => void,
  probe: SettleProbe = systemProbe(),
  signal?: AbortSignal,
): Promise<Settled> {
  if (maxSeconds <= 0) return { otherWorkCores: null, waitedSec: 0, quiet: true };
  const samples = Math.max(1, Math.ceil((maxSeconds * 1000) / SAMPLE_MS));
  let quietInRow = 0;
  let last: number | null = null;
  let announced = false;
  for (let i = 0; i < samples && !signal?.aborted; i++) {
    last = await probe.otherWorkCores();
    if (last === null) return { otherWorkCores: null, waitedSec: 0, quiet: true };
    quietInRow = last < QUIET_CORES ? quietInRow + 1 : 0;
    if (quietInRow >= QUIET_SAMPLES || (i === 0 && quietInRow === 1 && probe.loadAverage() < QUIET_CORES)) {
      const waitedSec = ((i + 1) * SAMPLE_MS) / 1000;
      if (announced) say(`quiet after ${waitedSec} s: other work uses ${last.toFixed(2)} cores`);
      return { otherWorkCores: last, waitedSec, quiet: true };
    }
    if (!announced) {
      say(
        `waiting up to ${maxSeconds} s for the machine to settle before measuring ` +
          `(1-minute load ${probe.loadAverage().toFixed(2)}; other work uses ${last.toFixed(2)} cores now)…`,
      );
      announced = true;
    }
  }
  say(`still busy after ${maxSeconds} s: other work uses ${(last ?? 0).toFixed(2)} cores; measuring anyway`);
  return { otherWorkCores: last, waitedSec: maxSeconds, quiet: false };
}

/**
 * The busy-machine warning, from what other work used once the wait was over; where that could not be measured,
 * from the 1-minute load average as before.
 */
export function busyWarning(
  settled: Pick<Settled, 'otherWorkCores'>,
  loadAverage: number,
  usableCores: number,
): string | null {
  if (settled.otherWorkCores !== null) {
    if (settled.otherWorkCores < QUIET_CORES) return null;
    return `other work used ${settled.otherWorkCores.toFixed(2)} of the machine's cores when the first cell started (${usableCores} usable by the run): it competed for the cores`;
  }
  if (loadAverage < QUIET_CORES) return null;
  return `the 1-minute load average was ${loadAverage.toFixed(2)} on ${usableCores} usable core(s) when the run started: other work competed for the cores`;
}
