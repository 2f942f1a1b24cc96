/**
 * Owned processes on every platform: the probes of process-usage.ts, and a real cell measured through the macOS /
 * Windows code path with only its boundary (what pidusage gets from `ps`) answered by a fake.
 */
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { measureCell } from '../src/measure.js';
import { processCpuMs } from '../src/proc-stats.js';
import { processProbe, type UsageLookup } from '../src/process-usage.js';
import type { CellJob } from '../src/protocol.js';
import { ROOT } from './helpers.js';

const url = (path: string) => pathToFileURL(`${ROOT}${path}`).href;

function job(strategy: string): CellJob {
  return {
    kind: 'cell',
    strategyUrl: url(`packages/strategies/${strategy}/dist/index.js`),
    workloadUrl: url('packages/workloads/dist/do-math.js'),
    size: 2_000_000,
    workers: 2,
    parts: 2,
    usableCores: 2,
    warmupIterations: 1,
    minIterations: 3,
    timeBudgetMs: 20,
    transport: 'none',
    seed: 1,
  };
}

/** The current resident set of a live process, as `ps -o rss` reports it (VmRSS, not the peak). */
function residentBytes(pid: number): number {
  const match = /^VmRSS:\s+(\d+)\s+kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  if (!match) throw new Error(`no VmRSS for ${pid}`);
  return Number(match[1]) * 1024;
}

/**
 * What pidusage answers on macOS for live pids: ctime (CPU ms) and memory (resident bytes), here read from this
 * Linux machine's /proc so that the numbers are the real processes' own. Every call is recorded.
 */
function psLikeLookup(calls: number[][]): UsageLookup {
  return async (pids) => {
    calls.push(pids);
    return Object.fromEntries(
      pids.map((pid) => [pid, { ctime: processCpuMs(pid) ?? Number.NaN, memory: residentBytes(pid) }]),
    );
  };
}

describe('the probe of owned processes', () => {
  it('sums CPU time and resident memory over the pids on macOS and Windows, and says the memory is a last reading', async () => {
    const lookup: UsageLookup = async () => ({
      '11': { ctime: 1200, memory: 50e6 },
      '12': { ctime: 800, memory: 70e6 },
    });
    for (const platform of ['darwin', 'win32'] as const) {
      const probe = processProbe(platform, lookup);
      expect(probe.memory).toBe('last-reading');
      expect(await probe.read([11, 12])).toEqual({ cpuMs: 2000, rssBytes: 120e6 });
      expect(await probe.read([])).toEqual({ cpuMs: 0, rssBytes: 0 });
    }
  });

  it('answers null, never a partial sum, when a pid is missing or the lookup fails', async () => {
    const partial = processProbe('darwin', async () => ({ '11': { ctime: 5, memory: 1 } }));
    expect(await partial.read([11, 12])).toBeNull();
    const failing = processProbe('darwin', async () => {
      throw new Error('No matching pid found');
    });
    expect(await failing.read([11])).toBeNull();
  });

  it('reads nothing on a platform it has no interface for', async () => {
    const probe = processProbe('aix');
    expect(probe.memory).toBeNull();
    expect(await probe.read([process.pid])).toBeNull();
  });

  it('reads the kernel peak on Linux', async () => {
    expect(processProbe('linux').memory).toBe('peak');
  });
});

describe('a cell of a process strategy measured through the macOS code path', () => {
  it('fills in CPU, utilisation and memory from what ps answers for the forked workers', async () => {
    const calls: number[][] = [];
    const outcome = await measureCell(job('child-process'), processProbe('darwin', psLikeLookup(calls)));
    expect(outcome.error).toBeNull();
    // Read at the start and the end of the timed runs, and for memory: each time the two forked workers.
    expect(calls.length).toBe(3);
    for (const pids of calls) {
      expect(pids).toHaveLength(2);
      expect(pids).not.toContain(process.pid);
    }
    expect(outcome.cpuMs).toBeGreaterThan(0);
    expect(outcome.utilisation).toBeGreaterThan(0);
    // This process's own peak plus two live Node processes' resident sets.
    expect(outcome.peakRssBytes).toBeGreaterThan(process.resourceUsage().maxRSS * 1024 + 2 * 10e6);
    expect(outcome.leftoverPids).toEqual([]);
  });

  it('leaves CPU, utilisation and memory empty where the owned processes cannot be read', async () => {
    const outcome = await measureCell(job('child-process'), processProbe('aix'));
    expect(outcome.error).toBeNull();
    expect(outcome.samples.length).toBeGreaterThan(0);
    expect(outcome.cpuMs).toBeNull();
    expect(outcome.utilisation).toBeNull();
    expect(outcome.peakRssBytes).toBeNull();
  });
});
