/**
 * What the benchmarks share: finding the strategies to measure (the way the conformance test finds them), closing
 * them afterwards without leaving a process behind, and how they print the load and a rate.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { isProcessAlive } from '../dist/probes.js';

/** This process's runtime, as a strategy's unsupported() is asked about it. */
const RUNTIME = { name: 'node', version: process.versions.node, engine: `V8 ${process.versions.v8}` };

/**
 * Serial and every strategy that runs parts in parallel, from packages/strategies/, restricted to the ids in
 * `only` (a Set) when given, plus `extra`; sorted with the ids of `first` in that order ahead of the rest by id.
 * With `target` ({ workload: id, size }), a strategy that declares it cannot run that job here (its unsupported():
 * the Python pools above their sizes or without a CPython twin) is left out, with a line saying why.
 */
export async function loadStrategies({ only, first, extra = [], target }) {
  const dir = new URL('../../strategies/', import.meta.url);
  const found = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (!entry.isDirectory()) continue;
    const manifestUrl = new URL(`${entry.name}/package.json`, dir);
    const manifest = JSON.parse(readFileSync(manifestUrl, 'utf8'));
    if (!manifest.coresweep?.strategy) continue;
    const strategy = (await import(new URL(manifest.coresweep.strategy, manifestUrl).href)).default;
    if (only && !only.has(strategy.id)) continue;
    if (strategy.id !== 'serial' && strategy.parallelism === 'none') continue;
    const refusal = target ? (strategy.unsupported?.({ ...target, runtime: RUNTIME }) ?? null) : null;
    if (refusal) console.error(`left out: ${strategy.id} (${refusal})`);
    else found.push(strategy);
  }
  for (const strategy of extra) if (!only || only.has(strategy.id)) found.push(strategy);
  const rank = (id) => (first.includes(id) ? first.indexOf(id) : first.length);
  return found.sort((a, b) => rank(a.id) - rank(b.id) || a.id.localeCompare(b.id));
}

/** Closes every bench's executor and reports any process it owned that is still alive afterwards. */
export async function closeAll(benches) {
  const pids = benches.flatMap((b) => b.executor.pids?.() ?? []);
  await Promise.allSettled(benches.map((b) => b.executor.close()));
  const leftover = pids.filter(isProcessAlive);
  if (leftover.length > 0) console.error(`LEAK: processes still alive after close(): ${leftover.join(', ')}`);
}

/** The 1-, 5- and 15-minute load averages, `0.52/0.40/0.31`. */
export const loadAverages = () =>
  loadavg()
    .map((l) => l.toFixed(2))
    .join('/');

/** Parts per second as `720k`, `1.20M`. */
export const formatRate = (r) =>
  r >= 1e6 ? `${(r / 1e6).toFixed(2)}M` : r >= 1e3 ? `${(r / 1e3).toFixed(1)}k` : r.toFixed(1);
