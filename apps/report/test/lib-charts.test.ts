import { readFileSync } from 'node:fs';
import { parseResultFile } from '@coresweep/core';
import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { changeChart, type RenderedChart, runPageCharts } from '../src/lib/charts';
import { compareCells } from '../src/lib/compare';
import { KNOWN_STRATEGY_COLOURS, orderStrategies, strategyColour } from '../src/lib/palette';
import { listResultFiles } from '../src/lib/read-results.mjs';
import { workloadsOf } from '../src/lib/series';
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
  const charts = Object.values(runPageCharts(run, 'do-math')).filter((c): c is RenderedChart => c !== null);

  it('are SVG with a <title> and <desc> that label the chart, and a legend', () => {
    // Seven charts from the cells; the overhead chart needs the file's fitted models, which this run lacks.
    expect(charts).toHaveLength(7);
    expect(runPageCharts(run, 'do-math').overhead).toBeNull();
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
    const { svg } = parse(charts[1] as RenderedChart);
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
    const { svg } = parse(charts[1] as RenderedChart);
    const strokes = new Set(
      [...svg.querySelectorAll('path[stroke], g[stroke] path')].map(
        (p) => p.getAttribute('stroke') ?? p.parentElement?.getAttribute('stroke'),
      ),
    );
    const svgText = (charts[1] as RenderedChart).svg;
    expect(svgText).toContain(KNOWN_STRATEGY_COLOURS['worker-threads']);
    expect(svgText).toContain(strategyColour('my-pool'));
    expect(strokes.size).toBeGreaterThan(0);
  });

  it('render every workload of every fixture without throwing', () => {
    for (const path of listResultFiles(fixturesDir)) {
      const file = parseResultFile(readFileSync(path, 'utf8'), path);
      for (const workload of workloadsOf(file)) {
        const all = Object.values(runPageCharts(file, workload));
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
    for (const r of runs) {
      const charts = Object.values(runPageCharts(r, 'do-math')).filter((c): c is RenderedChart => c !== null);
      expect(charts).toHaveLength(7);
      for (const chart of charts) expect(parse(chart).svg.querySelector('title')?.textContent).toBe(chart.title);
    }
  });
});

describe('palette', () => {
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
