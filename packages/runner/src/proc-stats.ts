/**
 * CPU time and peak memory of other processes, read from /proc (Linux). Child processes of a strategy are not in
 * process.cpuUsage(), so their CPU must be read while they are alive. Elsewhere these return null and the
 * resource columns of those cells stay empty rather than wrong.
 */
import { readFileSync } from 'node:fs';

let ticksPerSecond = 100; // USER_HZ is 100 on every mainstream Linux build

export function setTicksPerSecond(value: number): void {
  ticksPerSecond = value;
}

/** utime + stime of one process in ms, or null if it is gone or /proc is missing. */
export function processCpuMs(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name is in parentheses and may contain spaces: split after the last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const utime = Number(fields[11]);
    const stime = Number(fields[12]);
    if (!Number.isFinite(utime) || !Number.isFinite(stime)) return null;
    return ((utime + stime) * 1000) / ticksPerSecond;
  } catch {
    return null;
  }
}

/** Peak resident set size (VmHWM) of one process in bytes, or null. */
export function processPeakRssBytes(pid: number): number | null {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const match = /^VmHWM:\s+(\d+)\s+kB/m.exec(status);
    return match ? Number(match[1]) * 1024 : null;
  } catch {
    return null;
  }
}

/** Sum over pids; null when any of them cannot be read (a partial sum would understate). */
export function sumOver(pids: readonly number[], read: (pid: number) => number | null): number | null {
  let total = 0;
  for (const pid of pids) {
    const value = read(pid);
    if (value === null) return null;
    total += value;
  }
  return total;
}

/** True while a process `pid` exists, ours or not (EPERM), a zombie not yet reaped included. */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
