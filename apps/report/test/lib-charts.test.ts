import { readFileSync } from 'node:fs';
import { parseResultFile } from '@coresweep/core';
import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import {
  CHART_WIDTH,
  changeChart,
  crossoverMapChart,
  FIT_DASH,
  NARROW_WIDTH,
  type RenderedChart,
  runPageCharts,
  speedupChart,
} from '../src/lib/charts';
import { compareCells } from '../src/lib/compare';
import {
  KNOWN_STRATEGY_COLOURS,
  luminance,
  orderStrategies,
  strategyColour,
  textColourOn,
  tint,
} from '../src/lib/palette';
import { listResultFiles } from '../src/lib/read-results.mjs';
import { workloadsOf, workloadView } from '../src/lib/view';
import { fixturesDir } from './support/fixtures';
import { cell, resultFile } from './support/result';

function parse(chart: RenderedChart) {
  const { document } = parseHTML(`<!DOCTYPE html><html><body>${chart.svg}</body></html>`);
  const svg = document.querySelector('svg');
  if (!svg) throw new Error(`${chart.id}: no <svg>`);
  return { document, svg };
}

const hostile = '<script>alert(1)</script> & "quotes"';
const run = resultFile({
  workloadTitle: hostile,
  cells: [
    cell({ strategy: 'serial', workers: 1, median: 100, speedup: 1 }),
    cell({ strategy: 'worker-threads', workers: 1, median: 101, speedup: 0.99 }),
    cell({ strategy: 'worker-threads', workers: 2, median: 52, speedup: 1.92 }),
    cell({ strategy: 'my-pool', workers: 2, median: 55, speedup: 1.8 }),
    cell({ strategy: 'cluster', workers: 2, status: 'failed', error: hostile, median: null }),
  ],
});

describe('run page charts', () => {
  const charts = Object.values(runPageCharts(workloadView(run, 'do-math'))).filter(
    (c): c is RenderedChart => c !== null,
  );

  it('are SVG with a <title> and <desc> that label the chart, and a legend', () => {
    // Eight charts from the cells; the overhead chart needs the file's fitted models, which this run lacks.
    expect(charts).toHaveLength(8);
    expect(runPageCharts(workloadView(run, 'do-math')).overhead).toBeNull();
    for (const chart of charts) {
      const { svg } = parse(chart);
      expect(svg.getAttribute('role')).toBe('img');
      expect(svg.querySelector('title')?.textContent).toBe(chart.title);
      expect(svg.querySelector('desc')?.textContent).toBe(chart.description);
      expect(svg.getAttribute('aria-labelledby')).toBe(`${chart.id}-title ${chart.id}-desc`);
      expect(chart.legend.length).toBeGreaterThan(0);
      expect(chart.description.length).toBeGreaterThan(40);
    }
    expect(new Set(charts.map((c) => c.id)).size).toBe(charts.length);
  });

  it('label both axes with units', () => {
    const { svg } = parse(runPageCharts(workloadView(run, 'do-math')).speedup);
    const labels = [...svg.querySelectorAll('[aria-label$="axis label"] text')].map((t) => t.textContent);
    expect(labels).toEqual(expect.arrayContaining(['↑ Speedup vs serial (×)', 'Workers (threads or processes) →']));
  });

  it('escape text from the result file instead of emitting markup', () => {
    for (const chart of charts) {
      expect(chart.svg).not.toContain('<script');
      expect(chart.title).toContain(hostile);
      expect(chart.svg).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    }
  });

  it('draw each strategy in its palette colour', () => {
    const speedup = runPageCharts(workloadView(run, 'do-math')).speedup;
    const { svg } = parse(speedup);
    const strokes = new Set(
      [...svg.querySelectorAll('path[stroke], g[stroke] path')].map(
        (p) => p.getAttribute('stroke') ?? p.parentElement?.getAttribute('stroke'),
      ),
    );
    const svgText = speedup.svg;
    expect(svgText).toContain(KNOWN_STRATEGY_COLOURS['worker-threads']);
    expect(svgText).toContain(strategyColour('my-pool'));
    expect(strokes.size).toBeGreaterThan(0);
  });

  it('render every workload of every fixture without throwing', () => {
    for (const path of listResultFiles(fixturesDir)) {
      const file = parseResultFile(readFileSync(path, 'utf8'), path);
      for (const workload of workloadsOf(file)) {
        const all = Object.values(runPageCharts(workloadView(file, workload)));
        for (const chart of all) if (chart) expect(parse(chart).svg).toBeTruthy();
        if ((file.models?.scaling ?? []).some((m) => m.workload === workload)) expect(all.every(Boolean)).toBe(true);
      }
      const changes = compareCells(file, file);
      for (const workload of workloadsOf(file)) expect(parse(changeChart(changes, workload, 'same')).svg).toBeTruthy();
    }
  });
});

describe('sparse runs', () => {
  it('render every chart without a serial reference, with failed cells only, or with a single cell', () => {
    const runs = [
      resultFile({
        cells: [cell({ strategy: 'worker-threads', workers: 2 }), cell({ strategy: 'async', workers: 1 })],
      }),
      resultFile({
        cells: [
          cell({ strategy: 'serial', workers: 1, status: 'timeout', median: null, error: 'E_TIMEOUT' }),
          cell({ strategy: 'cluster', workers: 2, status: 'skipped', median: null }),
        ],
      }),
      resultFile({ cells: [cell({ strategy: 'serial', workers: 1, speedup: 1 })] }),
    ];
    for (const [i, r] of runs.entries()) {
      const charts = Object.values(runPageCharts(workloadView(r, 'do-math'))).filter(
        (c): c is RenderedChart => c !== null,
      );
      // the crossover map needs a speedup somewhere: only the run with an ok serial cell has one
      expect(charts).toHaveLength(i === 2 ? 8 : 7);
      for (const chart of charts) expect(parse(chart).svg.querySelector('title')?.textContent).toBe(chart.title);
    }
  });
});

describe('palette', () => {
  it('tints towards white and picks the more readable text colour', () => {
    expect(tint('#000000', 0.5)).toBe('#808080');
    expect(tint('#0072b2', 0)).toBe('#0072b2');
    expect(tint('#0072b2', 1)).toBe('#ffffff');
    expect(luminance('#ffffff')).toBeCloseTo(1);
    expect(textColourOn('#0072b2')).toBe('#ffffff');
    expect(textColourOn('#e69f00')).toBe('#111111');
    expect(textColourOn(tint('#0072b2', 0.72))).toBe('#111111');
  });

  it('gives known strategies their fixed colours and unknown ids a stable, valid colour', () => {
    expect(strategyColour('worker-threads')).toBe('#0072b2');
    expect(strategyColour('serial')).toBe(KNOWN_STRATEGY_COLOURS.serial);
    expect(strategyColour('my-pool')).toMatch(/^#[0-9a-f]{6}$/);
    expect(strategyColour('my-pool')).toBe(strategyColour('my-pool'));
    expect(strategyColour('my-pool')).not.toBe(strategyColour('other-pool'));
    expect(Object.values(KNOWN_STRATEGY_COLOURS)).not.toContain(strategyColour('my-pool'));
  });

  it('orders known strategies first in a fixed order', () => {
    expect(orderStrategies(['zz', 'cluster', 'serial', 'aa', 'async', 'cluster'])).toEqual([
      'serial',
      'async',
      'cluster',
      'zz',
      'aa',
    ]);
  });
});

describe('crossover map chart', () => {
  const map = resultFile({
    cores: 2,
    cells: [
      cell({ size: 10, strategy: 'serial', workers: 1, speedup: 1 }),
      cell({ size: 10, strategy: 'worker-threads', workers: 2, speedup: 0.5 }),
      cell({ size: 1000, strategy: 'serial', workers: 1, speedup: 1 }),
      cell({ size: 1000, strategy: 'worker-threads', workers: 1, speedup: 0.98 }),
      cell({ size: 1000, strategy: 'worker-threads', workers: 2, speedup: 1.9, speedupCi: [1.85, 1.95] }),
      cell({ size: 1000, strategy: 'child-process', workers: 2, speedup: 1.7, speedupCi: [1.6, 1.8] }),
      cell({ size: 10, strategy: 'child-process', workers: 2, speedup: 0.45 }),
    ],
  });
  const chart = crossoverMapChart(workloadView(map, 'do-math')) as RenderedChart;
  const texts = () => [...parse(chart).svg.querySelectorAll('text')].map((t) => t.textContent ?? '');

  it('labels each cell with the winner, its speedup, its share of ideal and its margin or a tie', () => {
    expect(chart.title).toMatch(/which strategy wins at each worker count and size/);
    const all = texts();
    expect(all).toEqual(
      expect.arrayContaining([
        'worker-threads',
        '1.90× · 95% of ideal',
        '+12% over child-process',
        'serial',
        '1.00× · 50% of ideal',
        '+100% over worker-threads',
        '2 = cores',
        '1k units',
      ]),
    );
    expect(all.some((t) => t.startsWith('tie: +2.0% vs worker-threads'))).toBe(true);
  });

  it('fills a clear win with the strategy colour and a tie with a pale tint of it', () => {
    const fills = [...parse(chart).svg.querySelectorAll('rect')].map((r) => r.getAttribute('fill'));
    expect(fills).toContain(strategyColour('worker-threads'));
    expect(fills).toContain(strategyColour('serial'));
    expect(fills).toContain(tint(strategyColour('serial'), 0.72));
  });

  it('describes every cell in words and lists winners and the tie rule in the legend', () => {
    expect(chart.description).toMatch(/2 worker count/);
    expect(chart.description).toContain('2 workers: 10 units: serial 1.00× (50% of ideal), +100% over worker-threads');
    expect(chart.description).toContain('a tie with worker-threads');
    const labels = chart.legend.map((l) => l.label);
    expect(labels).toEqual(expect.arrayContaining(['serial', 'worker-threads']));
    expect(labels.some((l) => /tie/.test(l))).toBe(true);
    expect(chart.minWidth).toBeLessThanOrEqual(CHART_WIDTH);
  });

  it('is left out when nothing has a speedup', () => {
    const noSerial = resultFile({ cells: [cell({ strategy: 'worker-threads', workers: 2 })] });
    expect(crossoverMapChart(workloadView(noSerial, 'do-math'))).toBeNull();
  });
});

describe('fitted curves on the speedup chart', () => {
  const cells = [
    cell({ strategy: 'serial', workers: 1, speedup: 1 }),
    ...[1, 2, 3, 4].map((w) => cell({ strategy: 'worker-threads', workers: w, speedup: [1, 1.9, 1.85, 1.8][w - 1] })),
    ...[1, 2, 3, 4].map((w) => cell({ strategy: 'cluster', workers: w, speedup: [0.9, 1.6, 1.5, 1.4][w - 1] })),
  ];
  const model = (strategy: string, ok: boolean) => ({
    workload: 'do-math',
    size: 1000,
    strategy,
    karpFlatt: [],
    amdahl: ok
      ? { status: 'ok' as const, serialFraction: 0.05, ci95: null, rmse: 0.01 }
      : { status: 'insufficient' as const, reason: 'no' },
    usl: ok
      ? { status: 'ok' as const, sigma: 0.05, kappa: 0.03, peakWorkers: 5.5, peakSpeedup: 2.1, rmse: 0.02 }
      : { status: 'insufficient' as const, reason: 'no' },
    overhead: [],
  });
  const withFits = resultFile({
    cores: 2,
    cells,
    models: { scaling: [model('worker-threads', true), model('cluster', false)], crossovers: [] },
  });

  it('draws a dashed USL and a dotted Amdahl line in the strategy colour, and says so in the legend', () => {
    const chart = speedupChart(workloadView(withFits, 'do-math'));
    const { svg } = parse(chart);
    const dashed = [...svg.querySelectorAll(`[stroke-dasharray="${FIT_DASH.usl}"]`)];
    const dotted = [...svg.querySelectorAll(`[stroke-dasharray="${FIT_DASH.amdahl}"]`)];
    const colourOf = (el: Element) =>
      [el, ...el.querySelectorAll('path')].map((e) => e.getAttribute('stroke')).find((c) => c !== null);
    expect(dashed.map(colourOf)).toContain(strategyColour('worker-threads'));
    expect(dotted.map(colourOf)).toContain(strategyColour('worker-threads'));
    // the insufficient cluster fit draws nothing
    expect([...dashed, ...dotted].map(colourOf)).not.toContain(strategyColour('cluster'));
    expect(chart.legend.map((l) => l.kind)).toEqual(expect.arrayContaining(['fit-usl', 'fit-amdahl']));
    expect(chart.description).toMatch(/Universal Scalability Law/);
  });

  it('has no fit legend when every fit is insufficient', () => {
    const none = resultFile({
      cores: 2,
      cells,
      models: { scaling: [model('worker-threads', false), model('cluster', false)], crossovers: [] },
    });
    const chart = speedupChart(workloadView(none, 'do-math'));
    expect(chart.legend.map((l) => l.kind)).not.toContain('fit-usl');
    expect(chart.svg).not.toContain(`stroke-dasharray="${FIT_DASH.usl}"`);
  });

  it('are drawn at the full chart width with a minimum that keeps them readable', () => {
    const chart = speedupChart(workloadView(withFits, 'do-math'));
    expect(parse(chart).svg.getAttribute('width')).toBe(String(CHART_WIDTH));
    expect(chart.minWidth).toBeGreaterThanOrEqual(250);
    expect(chart.minWidth).toBeLessThan(CHART_WIDTH);
  });
});

describe('narrow-screen variants', () => {
  it('draw every run page chart a second time, narrower, with its own ids and the same title', () => {
    for (const chart of Object.values(runPageCharts(workloadView(run, 'do-math')))) {
      if (!chart) continue;
      const narrow = chart.narrow as RenderedChart;
      expect(narrow.id).toBe(`${chart.id}-narrow`);
      expect(narrow.title).toBe(chart.title);
      const { svg } = parse(narrow);
      expect(svg.getAttribute('width')).toBe(String(NARROW_WIDTH));
      expect(svg.getAttribute('aria-labelledby')).toBe(`${narrow.id}-title ${narrow.id}-desc`);
      expect(parse(chart).svg.getAttribute('width')).toBe(String(CHART_WIDTH));
      expect(narrow.minWidth).toBeLessThan(NARROW_WIDTH);
    }
  });
});
