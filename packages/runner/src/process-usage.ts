/**
 * CPU time and memory of the processes a strategy owns (forked children, cluster workers), read the way each
 * platform allows. Their CPU is not in the cell's own process.cpuUsage(), so it must be read while they are alive.
 *
 * - Linux: /proc/<pid>/stat (utime + stime) and VmHWM, the kernel's high-water mark of the resident set: `peak`.
 * - macOS and Windows: pidusage (`ps` on macOS, CPU time to the centisecond; WMI through PowerShell or wmic on
 *   Windows). Neither offers another process's peak resident set, so the memory is the resident set when read, at
 *   the end of the warm runs: `last-reading`, a lower bound of the peak, and the result file says which it is.
 * - Anywhere else nothing is read: the probe answers null and those columns stay empty rather than wrong.
 */
import pidusage from 'pidusage';
import { processCpuMs, processPeakRssBytes, sumOver } from './proc-stats.js';

/** How the memory of owned processes relates to their peak (recorded in the file as machine.processMemory). */
export type MemoryReading = 'peak' | 'last-reading';

export interface OwnedUsage {
  /** User + system CPU time of all the pids, ms. */
  cpuMs: number;
  /** Sum of their resident sets: the peak or the last reading, as the probe's `memory` says. */
  rssBytes: number;
}

export interface ProcessProbe {
  /** What `rssBytes` is on this platform; null where owned processes cannot be read at all. */
  memory: MemoryReading | null;
  /** Usage summed over `pids`; null when any of them cannot be read (a partial sum would understate). */
  read(pids: readonly number[]): Promise<OwnedUsage | null>;
}

/** pidusage's answer for the pids it found: `ctime` (CPU ms, user + system) and `memory` (resident bytes). */
export type UsageLookup = (pids: number[]) => Promise<Record<string, { ctime: number; memory: number }>>;

const lookupWithPidusage: UsageLookup = (pids) => pidusage(pids);

export const linuxProbe: ProcessProbe = {
  memory: 'peak',
  async read(pids) {
    const cpuMs = sumOver(pids, processCpuMs);
    const rssBytes = sumOver(pids, processPeakRssBytes);
    return cpuMs === null || rssBytes === null ? null : { cpuMs, rssBytes };
  },
};

/** The probe of macOS and Windows, through `lookup` (pidusage; the tests pass what `ps` would have answered). */
export function pidusageProbe(lookup: UsageLookup = lookupWithPidusage): ProcessProbe {
  return {
    memory: 'last-reading',
    async read(pids) {
      if (pids.length === 0) return { cpuMs: 0, rssBytes: 0 };
      let stats: Awaited<ReturnType<UsageLookup>>;
      try {
        stats = await lookup([...pids]);
      } catch {
        return null; // a pid already gone, or no `ps`: unknown, not zero
      }
      let cpuMs = 0;
      let rssBytes = 0;
      for (const pid of pids) {
        const stat = stats[pid];
        if (!stat || !Number.isFinite(stat.ctime) || !Number.isFinite(stat.memory)) return null;
        cpuMs += stat.ctime;
        rssBytes += stat.memory;
      }
      return { cpuMs, rssBytes };
    },
  };
}

const unreadable: ProcessProbe = {
  memory: null,
  async read(pids) {
    return pids.length === 0 ? { cpuMs: 0, rssBytes: 0 } : null;
  },
};

/** The probe for `platform` (this process's by default). */
export function processProbe(platform: NodeJS.Platform = process.platform, lookup?: UsageLookup): ProcessProbe {
  if (platform === 'linux' || platform === 'android') return linuxProbe;
  if (platform === 'darwin' || platform === 'win32') return pidusageProbe(lookup);
  return unreadable;
}
