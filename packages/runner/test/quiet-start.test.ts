/**
 * The quiet start: the wait for other work to quiet down before the first measured process, and the busy-machine
 * warning based on what other work used once the wait was over. The probe is scripted: no timing is asserted.
 */
import { describe, expect, it } from 'vitest';
import { busyWarning, defaultSettleSeconds, readCpuTimes, type SettleProbe, settle } from '../src/quiet-start.js';

function scripted(cores: (number | null)[], load = 4.46): SettleProbe & { taken: number } {
  const probe = {
    taken: 0,
    async otherWorkCores() {
      const value = cores[Math.min(probe.taken, cores.length - 1)] as number | null;
      probe.taken++;
      return value;
    },
    loadAverage: () => load,
  };
  return probe;
}

describe('settle', () => {
  it('waits while the build just before is still running, with a visible line, and stops once it has ended', async () => {
    const lines: string[] = [];
    const probe = scripted([1.9, 1.7, 0.1, 0.05, 0.02]);
    const settled = await settle(30, (l) => lines.push(l), probe);
    expect(settled).toEqual({ otherWorkCores: 0.05, waitedSec: 4, quiet: true });
    expect(probe.taken).toBe(4);
    expect(lines).toEqual([
      'waiting up to 30 s for the machine to settle before measuring (1-minute load 4.46; other work uses 1.90 cores now)…',
      'quiet after 4 s: other work uses 0.05 cores',
    ]);
  });
  it('a high load average left by work that has ended costs one more sample, not minutes', async () => {
    const lines: string[] = [];
    const settled = await settle(30, (l) => lines.push(l), scripted([0.03, 0.02], 4.46));
    expect(settled.quiet).toBe(true);
    expect(settled.waitedSec).toBe(2);
    expect(lines).toHaveLength(2);
  });
  it('says nothing when the machine is quiet at once', async () => {
    const lines: string[] = [];
    const probe = scripted([0.01], 0.1);
    expect(await settle(30, (l) => lines.push(l), probe)).toMatchObject({ quiet: true, waitedSec: 1 });
    expect(lines).toEqual([]);
  });
  it('gives up at the bound and keeps the reading for the warning when the load is someone else’s', async () => {
    const lines: string[] = [];
    const probe = scripted([1.2]);
    const settled = await settle(5, (l) => lines.push(l), probe);
    expect(settled).toEqual({ otherWorkCores: 1.2, waitedSec: 5, quiet: false });
    expect(probe.taken).toBe(5);
    expect(lines.at(-1)).toBe('still busy after 5 s: other work uses 1.20 cores; measuring anyway');
    expect(busyWarning(settled, 4.46, 2)).toMatch(
      /^other work used 1\.20 of the machine's cores when the first cell started/,
    );
  });
  it('with a bound of 0 takes no sample; without /proc/stat it does not wait', async () => {
    const probe = scripted([1.5]);
    expect(await settle(0, () => {}, probe)).toEqual({ otherWorkCores: null, waitedSec: 0, quiet: true });
    expect(probe.taken).toBe(0);
    expect(await settle(30, () => {}, scripted([null]))).toEqual({ otherWorkCores: null, waitedSec: 0, quiet: true });
  });
});

describe('busyWarning', () => {
  it('ignores the load average when other work was measured quiet', () => {
    expect(busyWarning({ otherWorkCores: 0.1 }, 4.46, 2)).toBeNull();
  });
  it('falls back to the load average where other work could not be measured', () => {
    expect(busyWarning({ otherWorkCores: null }, 0.2, 2)).toBeNull();
    expect(busyWarning({ otherWorkCores: null }, 1.5, 2)).toMatch(/1-minute load average was 1\.50 on 2 usable core/);
  });
});

describe('readCpuTimes and defaultSettleSeconds', () => {
  it('reads busy and total ticks from the aggregate cpu line', () => {
    const stat = 'cpu  100 5 50 1000 20 3 2 1 0 0\ncpu0 50 2 25 500 10 1 1 0 0 0\n';
    expect(readCpuTimes(() => stat)).toEqual({ busy: 161, total: 1181 });
    expect(readCpuTimes(() => 'nothing here')).toBeNull();
    expect(
      readCpuTimes(() => {
        throw new Error('ENOENT');
      }),
    ).toBeNull();
  });
  it('is 30 s unless CORESWEEP_SETTLE_SEC says otherwise', () => {
    expect(defaultSettleSeconds({})).toBe(30);
    expect(defaultSettleSeconds({ CORESWEEP_SETTLE_SEC: '0' })).toBe(0);
    expect(defaultSettleSeconds({ CORESWEEP_SETTLE_SEC: 'x' })).toBe(30);
  });
});
