/**
 * The runs of the site grouped by the machine they ran on (core's `machineIdentity`), and what the machines pages
 * compare: for each workload, the view of each machine's newest run that has it. Speedups come from each run's own
 * file, so every curve is against its own machine's serial run; machines are shown side by side, never averaged.
 */
import {
  type Crossover,
  formatSize,
  type Machine,
  machineIdentity,
  type ResultFile,
  runtimeId,
  SERIAL_ID,
} from '@coresweep/core';
import { type Series, seriesKey } from './chart-series.js';
import type { Run } from './load.js';
import { strategyColour } from './palette.js';
import { runViews, type WorkloadView, workloadsOf, workloadTitle } from './view.js';

export interface MachineGroup {
  id: string;
  label: string;
  /** This machine's runs, newest first (the site's order). */
  runs: Run[];
  /** The newest run's machine facts: what the machines page shows. */
  machine: Machine;
  /** The machine's colour on the cross-machine charts. */
  colour: string;
}

/** Tableau 10: ten colours apart from each other; machines past ten get a stable colour from their id. */
const MACHINE_COLOURS = [
  '#4e79a7',
  '#f28e2b',
  '#e15759',
  '#76b7b2',
  '#59a14f',
  '#edc948',
  '#b07aa1',
  '#ff9da7',
  '#9c755f',
  '#bab0ac',
];

/**
 * Machines in a fixed order (fewest usable cores first, then by label), each with its runs. `runs` is in the site's
 * newest-first order, so each group's first run is its newest.
 */
export function machinesOf(runs: readonly Run[]): MachineGroup[] {
  const groups = new Map<string, Omit<MachineGroup, 'colour'>>();
  for (const run of runs) {
    const { id, label } = machineIdentity(run.data.machine);
    const group = groups.get(id);
    if (group) group.runs.push(run);
    else groups.set(id, { id, label, runs: [run], machine: run.data.machine });
  }
  return [...groups.values()]
    .sort(
      (a, b) => a.machine.usableCores - b.machine.usableCores || (a.label < b.label ? -1 : a.label > b.label ? 1 : 0),
    )
    .map((group, i) => ({ ...group, colour: MACHINE_COLOURS[i] ?? strategyColour(group.id) }));
}

/** One machine's curves for one workload: the view of its newest run that measured the workload. */
export interface MachineCurves {
  machine: MachineGroup;
  run: Run;
  view: WorkloadView;
}

export interface WorkloadAcrossMachines {
  workload: string;
  title: string;
  /** Machines with a run of this workload, in the machines' order. */
  curves: MachineCurves[];
}

/** Workloads measured on at least one machine, each with every machine's newest run of it. */
export function workloadsAcrossMachines(machines: readonly MachineGroup[]): WorkloadAcrossMachines[] {
  const out = new Map<string, WorkloadAcrossMachines>();
  for (const machine of machines) {
    const seen = new Set<string>();
    for (const run of machine.runs) {
      for (const workload of workloadsOf(run.data)) {
        if (seen.has(workload)) continue; // an older run of the same machine and workload
        seen.add(workload);
        let entry = out.get(workload);
        if (!entry) {
          entry = { workload, title: workloadTitle(run.data, workload), curves: [] };
          out.set(workload, entry);
        }
        // A run over several runtimes has a view per runtime: the machine is shown on the first one it names.
        const view = runViews(run.data).find((v) => v.workload === workload) as WorkloadView;
        entry.curves.push({ machine, run, view });
      }
    }
  }
  return [...out.values()];
}

/**
 * Series drawn on the cross-machine charts (`chart-series.ts`: strategies, or strategies and transports where a
 * run split them): every one with a speedup on some machine, serial left out, each listed once by key.
 */
export function parallelSeries(across: WorkloadAcrossMachines): Series[] {
  const out = new Map<string, Series>();
  for (const { view } of across.curves) {
    const key = seriesKey(view.series);
    for (const s of view.series) {
      if (s.strategy !== SERIAL_ID && view.speedup.some((p) => key(p) === s.key) && !out.has(s.key)) out.set(s.key, s);
    }
  }
  return [...out.values()];
}

/** The keys of `parallelSeries`: the panels of the cross-machine charts and the rows of the crossover table. */
export function parallelStrategies(across: WorkloadAcrossMachines): string[] {
  return parallelSeries(across).map((s) => s.key);
}

/** Every size any machine measured the workload at, ascending. */
export function sizesAcross(across: WorkloadAcrossMachines): number[] {
  return [...new Set(across.curves.flatMap((c) => c.view.sizes))].sort((a, b) => a - b);
}

/** A machine's crossover for a strategy: at the worker count shown "at the core count" for that machine. */
export interface MachineCrossover {
  workers: number;
  crossover: Pick<Crossover, 'estimatedSize' | 'holdsAbove'> & { size: number | null };
}

/** `series`: a series key of the machine's view (a strategy id, or "strategy · transport"). */
export function crossoverOn(curves: MachineCurves, series: string): MachineCrossover | null {
  const workers = curves.view.atCores.get(series);
  if (workers === undefined) return null;
  const key = seriesKey(curves.view.series);
  const found = curves.run.data.models.crossovers.find(
    (c) =>
      c.workload === curves.view.workload &&
      key(c) === series &&
      c.workers === workers &&
      (!curves.view.runtime || (c.runtime !== undefined && runtimeId(c.runtime) === runtimeId(curves.view.runtime))),
  );
  return found ? { workers, crossover: found } : null;
}

/** "from 1M (break-even ≈ 420k)", "never up to 10M", "below 100k". */
export function describeCrossover(found: MachineCrossover | null, sizes: readonly number[]): string {
  if (!found) return '—';
  const { size, estimatedSize, holdsAbove } = found.crossover;
  const largest = sizes[sizes.length - 1];
  if (size === null) return largest === undefined ? 'never' : `never, up to ${formatSize(largest)}`;
  const estimate =
    estimatedSize === null
      ? ' (wins at the smallest size)'
      : ` (break-even ≈ ${formatSize(Math.round(estimatedSize))})`;
  return `from ${formatSize(size)}${estimate}${holdsAbove ? '' : ', not at every larger size'}`;
}

/**
 * How the memory of the processes a strategy owns was read on a machine (`machine.processMemory`); files written
 * before the field existed came from Linux runners, which read the peak.
 */
export function describeProcessMemory(reading: Machine['processMemory']): string {
  if (reading === null) return 'not measured on this OS (cells that own processes have no CPU or memory)';
  if (reading === 'last-reading') return 'resident set at the end of the warm runs (this OS has no peak for them)';
  return 'peak (kernel high-water mark)';
}

/** Facts of a file's machine the machines page lists, in display order. */
export function hardwareOf(run: ResultFile) {
  const m = run.machine;
  return {
    cpu: m.cpuModel,
    usableCores: m.usableCores,
    logicalCores: m.logicalCores,
    quota: m.cpuQuota,
    affinity: m.cpuAffinity,
    memoryBytes: m.memoryBytes,
    os: `${m.os} (${m.arch})`,
    runtime: `${run.runtime.name} ${run.runtime.version}`,
    processMemory: m.processMemory,
  };
}
