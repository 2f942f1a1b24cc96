import { derivedMachineIdentity, type ResultFile } from '@coresweep/core';
import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { crossMachineEfficiencyChart, crossMachineSpeedupChart } from '../src/lib/charts';
import { toRuns } from '../src/lib/load';
import {
  crossoverOn,
  describeCrossover,
  describeProcessMemory,
  machinesOf,
  workloadsAcrossMachines,
} from '../src/lib/machines';
import { cell, resultFile } from './support/result';

/** A run of do-math at 1M on a machine with `cores` usable cores, worker-threads at 1, 2, 4 workers. */
function runOn(cores: number, id: string, createdAt: string, speedups: [number, number, number]): ResultFile {
  const file = resultFile({
    id,
    createdAt,
    cores,
    cells: [
      cell({ strategy: 'serial', workers: 1, size: 1_000_000, speedup: 1 }),
      ...[1, 2, 4].map((workers, i) =>
        cell({ strategy: 'worker-threads', workers, size: 1_000_000, speedup: speedups[i] as number }),
      ),
    ],
  });
  file.models.crossovers = [1, 2, 4].map((workers) => ({
    workload: 'do-math',
    strategy: 'worker-threads',
    workers,
    size: cores === 1 ? null : 1_000_000,
    estimatedSize: cores === 1 ? null : 400_000,
    holdsAbove: true,
  }));
  return file;
}

const asRuns = (files: ResultFile[]) =>
  toRuns(files.map((data, i) => ({ name: `${i}.json`, text: JSON.stringify(data), data })));

describe('machines', () => {
  it('groups runs by machine: a file without an id joins the files of the same hardware that carry one', () => {
    const old = runOn(2, 'old', '2025-01-01T00:00:00Z', [1, 1.9, 1.9]);
    const newer = runOn(2, 'new', '2025-02-01T00:00:00Z', [1, 1.95, 1.9]);
    newer.machine = { ...newer.machine, ...derivedMachineIdentity(newer.machine) };
    const oneCore = runOn(1, 'taskset', '2025-02-02T00:00:00Z', [1, 0.98, 0.97]);
    const named = runOn(2, 'named', '2025-02-03T00:00:00Z', [1, 1.9, 1.9]);
    named.machine = { ...named.machine, id: 'lab', label: 'lab box' };
    const machines = machinesOf(asRuns([old, newer, oneCore, named]));
    expect(machines.map((m) => [m.machine.usableCores, m.runs.map((r) => r.data.id)])).toEqual([
      [1, ['taskset']],
      [2, ['new', 'old']],
      [2, ['named']],
    ]);
    expect(machines[1]?.label).toBe('Test CPU · 2 usable cores · 1 GB · linux x64');
    expect(machines[2]?.label).toBe('lab box');
    expect(new Set(machines.map((m) => m.colour)).size).toBe(3);
  });

  it("takes each machine's newest run of a workload, with its own speedups and cores", () => {
    const machines = machinesOf(
      asRuns([
        runOn(2, 'old', '2025-01-01T00:00:00Z', [1, 1.5, 1.5]),
        runOn(2, 'new', '2025-02-01T00:00:00Z', [1, 1.95, 1.9]),
        runOn(1, 'taskset', '2025-02-02T00:00:00Z', [1, 0.98, 0.97]),
      ]),
    );
    const [across] = workloadsAcrossMachines(machines);
    expect(across?.curves.map((c) => [c.run.data.id, c.view.cores])).toEqual([
      ['taskset', 1],
      ['new', 2],
    ]);
    const two = across?.curves[1];
    expect(two?.view.speedup.find((p) => p.strategy === 'worker-threads' && p.workers === 2)?.speedup).toBe(1.95);
    // crossover at the worker count the run pages show: the machine's cores
    expect(two && crossoverOn(two, 'worker-threads')?.workers).toBe(2);
    const one = across?.curves[0];
    expect(one && crossoverOn(one, 'worker-threads')?.workers).toBe(1);
    expect(describeCrossover(one ? crossoverOn(one, 'worker-threads') : null, [1_000_000])).toBe('never, up to 1M');
    expect(describeCrossover(two ? crossoverOn(two, 'worker-threads') : null, [1_000_000])).toBe(
      'from 1M (break-even ≈ 400k)',
    );
    expect(describeCrossover(null, [])).toBe('—');
  });

  it("draws one line per machine in each strategy panel, and marks each machine's own cores", () => {
    const machines = machinesOf(
      asRuns([
        runOn(2, 'two', '2025-02-01T00:00:00Z', [1, 1.95, 1.9]),
        runOn(1, 'one', '2025-02-02T00:00:00Z', [1, 0.98, 0.97]),
      ]),
    );
    const [across] = workloadsAcrossMachines(machines);
    if (!across) throw new Error('no workload');
    const chart = crossMachineSpeedupChart(across, 1_000_000);
    if (!chart) throw new Error('no chart');
    const { document } = parseHTML(`<html><body>${chart.svg}</body></html>`);
    const svg = document.querySelector('svg');
    // two machines: their measured lines and their ideal lines, in the machines' colours
    const strokes = [...(svg?.querySelectorAll('path') ?? [])].map((p) => p.getAttribute('stroke'));
    for (const m of machines) expect(strokes).toContain(m.colour);
    expect(chart.legend.filter((l) => l.kind === 'rule').map((l) => l.label)).toEqual([
      `1 usable core of ${machines[0]?.label}`,
      `2 usable cores of ${machines[1]?.label}`,
    ]);
    expect(chart.description).toContain(`${machines[0]?.label}: 1`);
    expect(chart.description).toContain(`${machines[1]?.label}: 2`);
    expect(crossMachineEfficiencyChart(across, 1_000_000)?.title).toContain('efficiency on every machine');
    expect(crossMachineSpeedupChart(across, 999)).toBeNull();
  });

  it('says how the memory of owned processes was read, reading older files as Linux peaks', () => {
    expect(describeProcessMemory('peak')).toMatch(/^peak/);
    expect(describeProcessMemory(undefined)).toMatch(/^peak/);
    expect(describeProcessMemory('last-reading')).toMatch(/end of the warm runs/);
    expect(describeProcessMemory(null)).toMatch(/^not measured/);
  });
});
