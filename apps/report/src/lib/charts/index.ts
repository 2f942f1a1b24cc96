/**
 * The report's charts, one file per chart family: the crossover map, the best speedup per strategy, scaling
 * (speedup, efficiency), time (time vs size, cold vs warm), resources (CPU, memory), overhead, the compare
 * page's change chart, and the machines pages' speedup and efficiency of every machine. `render.ts` turns a Plot specification into labelled SVG; `marks.ts` holds what the
 * families share. A new chart is a new family file that builds a `ChartSpec` from a `WorkloadView`.
 */
import { runtimeLabel } from '@coresweep/core';
import { INK } from '../palette.js';
import type { WorkloadView } from '../view.js';
import { bestSpeedupChart } from './best-speedup.js';
import { crossoverMapChart } from './crossover-map.js';
import { overheadChart } from './overhead.js';
import { type LegendItem, type RenderedChart, withNarrow } from './render.js';
import { memoryChart, utilisationChart } from './resources.js';
import { efficiencyChart, speedupChart } from './scaling.js';
import { coldWarmChart, timeVsSizeChart } from './time.js';

export { bestSpeedupChart } from './best-speedup.js';
export { changeChart } from './change.js';
export { crossoverMapChart } from './crossover-map.js';
export { crossMachineEfficiencyChart, crossMachineSpeedupChart } from './machines.js';
export { FIT_DASH, IDEAL_DASH, logTicks } from './marks.js';
export { overheadChart } from './overhead.js';
export {
  CHART_WIDTH,
  type LegendItem,
  type LegendKind,
  NARROW_WIDTH,
  type RenderedChart,
  withNarrow,
} from './render.js';
export { memoryChart, utilisationChart } from './resources.js';
export { runtimeColdChart, runtimeMemoryChart, runtimeSpeedupChart } from './runtimes.js';
export { efficiencyChart, speedupChart } from './scaling.js';
export { coldWarmChart, timeVsSizeChart } from './time.js';

/**
 * A runtime's view (a run that holds several) names its runtime first in every chart's legend: the charts of the
 * runtimes look alike, and a chart shown on its own must still say which one it is.
 */
function withRuntime<T extends RenderedChart | null>(view: WorkloadView, chart: T): T {
  if (!view.runtime || chart === null) return chart;
  const item: LegendItem = {
    label: `runtime: ${runtimeLabel(view.runtime)} (${view.runtime.engine})`,
    kind: 'none',
    colour: INK.mark,
  };
  return { ...chart, legend: [item, ...chart.legend] } as T;
}

/** Every chart of a workload page, in page order, each with its narrow-screen variant. */
export function runPageCharts(view: WorkloadView) {
  const chart = <T extends RenderedChart | null>(build: (width: number) => T): T =>
    withRuntime(view, withNarrow(build));
  return {
    map: chart((w) => crossoverMapChart(view, w)),
    best: chart((w) => bestSpeedupChart(view, w)),
    speedup: chart((w) => speedupChart(view, w)),
    efficiency: chart((w) => efficiencyChart(view, w)),
    time: chart((w) => timeVsSizeChart(view, w)),
    coldWarm: chart((w) => coldWarmChart(view, w)),
    utilisation: chart((w) => utilisationChart(view, w)),
    memory: chart((w) => memoryChart(view, w)),
    overhead: chart((w) => overheadChart(view, w)),
  };
}
