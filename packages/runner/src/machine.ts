/**
 * What the run happened on. Numbers are only comparable between runs on the same kind of machine, and the
 * usable core count (quota and affinity included) decides what "ideal" speedup means.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import os from 'node:os';
import { derivedMachineIdentity, type Machine } from '@coresweep/core';
import { processProbe } from './process-usage.js';

function readText(path: string): string | null {
  try {
    return existsSync(path) ? readFileSync(path, 'utf8').trim() : null;
  } catch {
    return null;
  }
}

/** CPU quota in cores from cgroup v2 (cpu.max "quota period") or v1 (cfs_quota_us / cfs_period_us). */
export function cgroupCpuQuota(read: (path: string) => string | null = readText): number | null {
  const v2 = read('/sys/fs/cgroup/cpu.max');
  if (v2) {
    const [quota, period] = v2.split(/\s+/);
    if (quota === 'max' || !quota || !period) return null;
    const cores = Number(quota) / Number(period);
    return Number.isFinite(cores) && cores > 0 ? cores : null;
  }
  const quota = Number(read('/sys/fs/cgroup/cpu/cpu.cfs_quota_us'));
  const period = Number(read('/sys/fs/cgroup/cpu/cpu.cfs_period_us'));
  if (quota > 0 && period > 0) return quota / period;
  return null;
}

/** Parses a kernel CPU list such as "0-3,6" into [0, 1, 2, 3, 6]. */
export function parseCpuList(text: string): number[] {
  const cpus: number[] = [];
  for (const range of text.split(',')) {
    const [from, to] = range.split('-').map(Number);
    if (from === undefined || Number.isNaN(from)) continue;
    for (let cpu = from; cpu <= (to ?? from); cpu++) cpus.push(cpu);
  }
  return cpus;
}

/** CPUs this process may run on, from /proc/self/status (Linux); null elsewhere. */
export function cpuAffinity(): number[] | null {
  const status = readText('/proc/self/status');
  const line = status?.split('\n').find((l) => l.startsWith('Cpus_allowed_list:'));
  return line ? parseCpuList(line.split(':')[1]?.trim() ?? '') : null;
}

export function usableCores(parallelism: number, quota: number | null, affinity: number[] | null): number {
  let cores = parallelism;
  if (quota !== null) cores = Math.min(cores, Math.max(1, Math.floor(quota)));
  if (affinity !== null && affinity.length > 0) cores = Math.min(cores, affinity.length);
  return Math.max(1, cores);
}

/** This machine, with the identity derived from its hardware facts (core's `derivedMachineIdentity`). */
export function describeMachine(): Machine {
  const cpus = os.cpus();
  const quota = cgroupCpuQuota();
  const affinity = cpuAffinity();
  const parallelism = os.availableParallelism();
  const facts = {
    cpuModel: cpus[0]?.model.trim() || 'unknown',
    logicalCores: Math.max(1, cpus.length),
    availableParallelism: parallelism,
    cpuQuota: quota,
    cpuAffinity: affinity,
    usableCores: usableCores(parallelism, quota, affinity),
    memoryBytes: os.totalmem(),
    processMemory: processProbe().memory,
    os: `${os.type()} ${os.release()}`,
    kernel: os.version(),
    arch: os.arch(),
    loadAverage: { before: os.loadavg(), after: null },
  };
  return { ...derivedMachineIdentity(facts), ...facts };
}

/** The machine under the name given with `--machine` (already checked), as both id and label; unchanged without. */
export function namedMachine(machine: Machine, name: string | undefined): Machine {
  return name === undefined ? machine : { ...machine, id: name, label: name };
}

export function describeRuntime() {
  return {
    name: 'node',
    version: process.versions.node,
    v8: process.versions.v8,
    uvThreadpoolSize: uvThreadpoolSize(process.env.UV_THREADPOOL_SIZE),
  };
}

/** libuv's own default and ceiling for its thread pool (deps/uv/src/threadpool.c). */
export const UV_DEFAULT_THREADS = 4;
const UV_MAX_THREADS = 1024;

/**
 * The pool size libuv uses for UV_THREADPOOL_SIZE = `value`, read as libuv's init_threads() reads it: unset, the
 * default 4; set, atoi() of it, where 0 (or no number) becomes 1 and anything above 1024 — a negative number too,
 * being stored unsigned — becomes 1024. The cell processes inherit the runner's environment, so this is the pool
 * every cell's asynchronous crypto and zlib work shares.
 */
export function uvThreadpoolSize(value: string | undefined): number {
  if (value === undefined) return UV_DEFAULT_THREADS;
  const parsed = Number.parseInt(value.trimStart(), 10);
  if (Number.isNaN(parsed) || parsed === 0) return 1;
  if (parsed < 0 || parsed > UV_MAX_THREADS) return UV_MAX_THREADS;
  return parsed;
}

/** The git commit of the project (and whether the tree had changes), or nulls outside a git checkout. */
export function describeGit(root: string): { commit: string | null; dirty: boolean | null } {
  try {
    const commit = execFileSync('git', ['rev-parse', 'HEAD'], {
      cwd: root,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim();
    const status = execFileSync('git', ['status', '--porcelain', '--untracked-files=no'], {
      cwd: root,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    return { commit, dirty: status.trim().length > 0 };
  } catch {
    return { commit: null, dirty: null };
  }
}
