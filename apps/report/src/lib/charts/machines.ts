/**
 * The cross-machine charts of a workload: for one size, the speedup (and the efficiency) of each strategy on every
 * machine, a panel per strategy, a line per machine in the machine's colour, and each machine's own usable cores
 * marked by a dotted rule in its colour. Each line is against its own machine's serial run (the file's speedups).
 */
import { formatSize } from '@coresweep/core';
import * as Plot from '@observablehq/plot';
import { seriesKey } from '../chart-series.js';
import type { WorkloadAcrossMachines } from '../machines.js';
import { parallelStrategies } from '../machines.js';
import { INK } from '../palette.js';
import { plural } from '../plural.js';
import { IDEAL_DASH, workersAxis } from './marks.js';
import { CHART_WIDTH, type LegendItem, type RenderedChart, render } from './render.js';

interface MachinePoint {
  machine: string;
  strategy: string;
  workers: number;
  speedup: number;
  lo: number;
  hi: number;
  efficiencyPct: number;
  cores: number;
}

/** The points of every machine at `size`, for the series drawn (`strategy` holds the series key: the panel). */
function pointsAt(across: WorkloadAcrossMachines, size: number, strategies: readonly string[]): MachinePoint[] {
  return across.curves.flatMap(({ machine, view }) => {
    const key = seriesKey(view.series);
    return view.speedup
      .filter((p) => p.size === size && strategies.includes(key(p)))
      .map((p) => ({
        machine: machine.label,
        strategy: key(p),
        workers: p.workers,
        speedup: p.speedup,
        lo: p.lo,
        hi: p.hi,
        efficiencyPct: p.efficiency * 100,
        cores: view.cores,
      }));
  });
}

/** Machines with a point at this size, with their colours and cores. */
function machinesDrawn(across: WorkloadAcrossMachines, points: readonly MachinePoint[]) {
  return across.curves
    .filter((c) => points.some((p) => p.machine === c.machine.label))
    .map((c) => ({ label: c.machine.label, colour: c.machine.colour, cores: c.view.cores }));
}

function legend(drawn: ReturnType<typeof machinesDrawn>, idealLabel: string): LegendItem[] {
  return [
    ...drawn.map((m) => ({ label: `${m.label}`, kind: 'line' as const, colour: m.colour })),
    ...drawn.map((m) => ({
      label: `${plural(m.cores, 'usable core')} of ${m.label}`,
      kind: 'rule' as const,
      colour: m.colour,
    })),
    { label: idealLabel, kind: 'ideal', colour: INK.mark },
  ];
}

/** The ideal of each machine: min(workers, its cores), over the workers every machine measured. */
function idealPoints(
  drawn: ReturnType<typeof machinesDrawn>,
  workers: readonly number[],
  strategies: readonly string[],
) {
  return strategies.flatMap((strategy) =>
    drawn.flatMap((m) =>
      workers.map((w) => ({
        machine: m.label,
        strategy,
        workers: w,
        speedup: Math.min(w, m.cores),
        efficiencyPct: (Math.min(w, m.cores) / w) * 100,
      })),
    ),
  );
}

type Measure = 'speedup' | 'efficiency';

function crossMachineChart(
  across: WorkloadAcrossMachines,
  size: number,
  measure: Measure,
  width: number,
): RenderedChart | null {
  const strategies = parallelStrategies(across);
  const points = pointsAt(across, size, strategies);
  if (points.length === 0) return null;
  const drawn = machinesDrawn(across, points);
  const workers = [...new Set(points.map((p) => p.workers))].sort((a, b) => a - b);
  const y = measure === 'speedup' ? 'speedup' : 'efficiencyPct';
  const top =
    measure === 'speedup'
      ? Math.max(...drawn.map((m) => m.cores), ...points.map((p) => p.hi), 1) * 1.1
      : Math.max(100, ...points.map((p) => p.efficiencyPct)) * 1.05;
  const colour = { domain: drawn.map((m) => m.label), range: drawn.map((m) => m.colour) };
  const what = measure === 'speedup' ? 'speedup over its own serial run' : 'parallel efficiency (speedup ÷ workers)';
  const idealLabel =
    measure === 'speedup'
      ? 'ideal on each machine: min(workers, its cores)'
      : 'best possible efficiency on each machine';
  return render({
    id: `machines-${measure}-${across.workload}-${size}`,
    title: `${across.title}, ${formatSize(size)} units: ${measure} on every machine`,
    description:
      `Line chart, one panel per strategy (${strategies.join(', ')}). x: workers (${workers.join(', ')}); y: ${what}` +
      `${measure === 'speedup' ? ' (×)' : ' in percent'}; one line per machine (${drawn.map((m) => m.label).join('; ')}), ` +
      `each against that machine's own serial run. Dotted vertical lines in a machine's colour mark its usable cores ` +
      `(${drawn.map((m) => `${m.label}: ${m.cores}`).join('; ')}); thin dashed lines are each machine's ideal.`,
    legend: legend(drawn, idealLabel),
    plot: {
      width,
      height: 320,
      marginLeft: 44,
      marginBottom: 40,
      fx: { label: 'Strategy', padding: 0.12 },
      x: workersAxis(workers),
      y: {
        label: measure === 'speedup' ? '↑ Speedup vs own serial (×)' : '↑ Parallel efficiency (%)',
        domain: [0, top],
        grid: true,
        nice: true,
      },
      color: colour,
      marks: [
        Plot.ruleY([measure === 'speedup' ? 1 : 100], { stroke: INK.reference }),
        Plot.ruleX(drawn, { x: 'cores', stroke: 'label', strokeDasharray: '1.5 3', strokeWidth: 1.5 }),
        Plot.lineY(idealPoints(drawn, workers, strategies), {
          x: 'workers',
          y,
          z: 'machine',
          stroke: 'machine',
          fx: 'strategy',
          strokeDasharray: IDEAL_DASH,
          strokeWidth: 1,
          strokeOpacity: 0.7,
        }),
        Plot.lineY(points, { x: 'workers', y, z: 'machine', stroke: 'machine', fx: 'strategy', strokeWidth: 2.2 }),
        Plot.dot(points, { x: 'workers', y, fill: 'machine', fx: 'strategy', r: 3 }),
      ],
    },
  });
}

/** Speedup vs workers at one size: every machine on one chart, a panel per strategy. */
export function crossMachineSpeedupChart(across: WorkloadAcrossMachines, size: number, width = CHART_WIDTH) {
  return crossMachineChart(across, size, 'speedup', width);
}

/** Parallel efficiency vs workers at one size: every machine on one chart, a panel per strategy. */
export function crossMachineEfficiencyChart(across: WorkloadAcrossMachines, size: number, width = CHART_WIDTH) {
  return crossMachineChart(across, size, 'efficiency', width);
}
