/**
 * The report's charts, one file per chart family: the crossover map, the best speedup per strategy, scaling
 * (speedup, efficiency), time (time vs size, cold vs warm), resources (CPU, memory), overhead, the compare
 * page's change chart, and the machines pages' speedup and efficiency of every machine. `render.ts` turns a Plot specification into labelled SVG; `marks.ts` holds what the
 * families share. A new chart is a new family file that builds a `ChartSpec` from a `WorkloadView`.
 */
import type { WorkloadView } from '../view.js';
import { bestSpeedupChart } from './best-speedup.js';
import { crossoverMapChart } from './crossover-map.js';
import { overheadChart } from './overhead.js';
import { withNarrow } from './render.js';
import { memoryChart, utilisationChart } from './resources.js';
import { efficiencyChart, speedupChart } from './scaling.js';
import { coldWarmChart, timeVsSizeChart } from './time.js';

export { bestSpeedupChart } from './best-speedup.js';
export { changeChart } from './change.js';
export { crossoverMapChart } from './crossover-map.js';
export { crossMachineEfficiencyChart, crossMachineSpeedupChart } from './machines.js';
export { FIT_DASH, IDEAL_DASH, logTicks } from './marks.js';
export { overheadChart } from './overhead.js';
export { CHART_WIDTH, type LegendItem, type LegendKind, NARROW_WIDTH, type RenderedChart } from './render.js';
export { memoryChart, utilisationChart } from './resources.js';
export { efficiencyChart, speedupChart } from './scaling.js';
export { coldWarmChart, timeVsSizeChart } from './time.js';

/** Every chart of a workload page, in page order, each with its narrow-screen variant. */
export function runPageCharts(view: WorkloadView) {
  return {
    map: withNarrow((w) => crossoverMapChart(view, w)),
    best: withNarrow((w) => bestSpeedupChart(view, w)),
    speedup: withNarrow((w) => speedupChart(view, w)),
    efficiency: withNarrow((w) => efficiencyChart(view, w)),
    time: withNarrow((w) => timeVsSizeChart(view, w)),
    coldWarm: withNarrow((w) => coldWarmChart(view, w)),
    utilisation: withNarrow((w) => utilisationChart(view, w)),
    memory: withNarrow((w) => memoryChart(view, w)),
    overhead: withNarrow((w) => overheadChart(view, w)),
  };
}
