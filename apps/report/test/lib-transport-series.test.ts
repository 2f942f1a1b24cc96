/**
 * A workload run over several transports: its cells differ only by transport, so every chart and every "who wins"
 * of its page must keep them apart, one series per strategy and transport. The fixture is a real run of this
 * machine (sha256, serial, worker-threads and child-process at 1 and 2 workers, sizes 4 and 64, transports clone,
 * shared, json and advanced); the machine was shared when it ran, so these tests check shapes, never numbers.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Cell, cellIdentity, NO_TRANSPORT, parseResultFile, SERIAL_ID, transportOf } from '@coresweep/core';
import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { changeChart, type RenderedChart, runPageCharts } from '../src/lib/charts';
import { compareCells } from '../src/lib/compare';
import { crossoverMap } from '../src/lib/crossover-map';
import { crossoversAtCores, fittedCurves, modelRows, overheadAtCores } from '../src/lib/models';
import { listResultFiles } from '../src/lib/read-results.mjs';
import { coldWarm, resources, timeVsSize } from '../src/lib/series';
import { workloadsOf, workloadView } from '../src/lib/view';

const FIXTURE = join(import.meta.dirname, 'fixtures', 'this-machine-2-cores', 'sha256-transports.json');
const run = parseResultFile(readFileSync(FIXTURE, 'utf8'), FIXTURE);
const view = workloadView(run, 'sha256');

/** What tells two points of one strategy apart: their transport, when data moved. */
const identity = (p: { strategy: string; transport?: string }) => `${p.strategy}/${p.transport ?? NO_TRANSPORT}`;

/** The series the charts must draw, worked out from the cells alone: "strategy · transport" where a strategy ran over several. */
function expectedSeries(cells: readonly Cell[]): string[] {
  const transports = new Map<string, Set<string>>();
  for (const c of cells) transports.set(c.strategy, (transports.get(c.strategy) ?? new Set()).add(transportOf(c)));
  return [...transports].flatMap(([strategy, ts]) =>
    ts.size > 1 ? [...ts].map((t) => `${strategy} · ${t}`) : [strategy],
  );
}

/** The labels an item list shows once per combination of the fields given: duplicates mean two series collided. */
function duplicates<T>(items: readonly T[], key: (item: T) => string): string[] {
  const seen = new Set<string>();
  return items.map(key).filter((k) => seen.has(k) || !seen.add(k));
}

function svgOf(chart: RenderedChart) {
  const { document } = parseHTML(`<!DOCTYPE html><html><body>${chart.svg}</body></html>`);
  return document.querySelector('svg') as unknown as Element;
}

/** The colours of the measured lines of a chart, a path each: the ideal and the fitted curves are dashed. */
function lineColours(chart: RenderedChart): string[] {
  return [...svgOf(chart).querySelectorAll('g[aria-label="line"] path[stroke]')]
    .filter((path) => path.closest('[stroke-dasharray]') === null)
    .map((path) => path.getAttribute('stroke') ?? '');
}

const series = expectedSeries(view.cells);
const split = series.filter((s) => s.includes(' · '));

describe('a run with several transports per strategy', () => {
  it('is the fixture the tests need: two strategies with two transports each, all ok', () => {
    expect(split.length).toBeGreaterThanOrEqual(4);
    expect(new Set(split.map((s) => s.split(' · ')[0]))).toEqual(new Set(['worker-threads', 'child-process']));
    expect(view.cells.every((c) => c.status === 'ok')).toBe(true);
    expect(view.sizes.length).toBe(2);
    expect(view.workers).toEqual([1, 2]);
  });

  it('gives the view one series per strategy and transport, labelled "strategy · transport"', () => {
    expect(view.series.map((s) => s.key)).toEqual(series);
    // every series its own colour, the transports of a strategy in shades of it
    expect(new Set(view.series.map((s) => s.colour)).size).toBe(series.length);
  });

  it('keeps the points of each transport apart in every series the charts draw', () => {
    const at = (p: { size: number; workers: number }) => `${p.size}/${p.workers}`;
    expect(view.speedup.length).toBe(view.cells.length);
    expect(duplicates(view.speedup, (p) => `${identity(p)}/${at(p)}`)).toEqual([]);
    expect(duplicates(resources(view), (p) => `${identity(p)}/${at(p)}`)).toEqual([]);
    expect(resources(view).length).toBe(view.cells.length);
    // at the core count: one point per series and size
    expect(timeVsSize(view).length).toBe(series.length * view.sizes.length);
    expect(duplicates(timeVsSize(view), (p) => `${identity(p)}/${p.size}`)).toEqual([]);
    expect(coldWarm(view).length).toBe(series.length * view.sizes.length);
    expect(duplicates(fittedCurves(view), (p) => `${identity(p)}/${p.size}/${p.model}/${p.workers}`)).toEqual([]);
  });

  it('lets each strategy and transport compete for best: one best per series and size, one winner per size', () => {
    for (const size of view.sizes) {
      const bests = view.bests.filter((b) => b.size === size);
      expect(bests.map(identity).sort()).toEqual(view.series.map(identity).sort());
      expect(bests.filter((b) => b.winner)).toHaveLength(1);
    }
    for (const w of view.winners) for (const tied of w.tiedWith) expect(series).toContain(tied);
  });

  it('ranks every strategy and transport in each square of the crossover map', () => {
    for (const square of crossoverMap(view)) {
      const measured = view.cells.filter(
        (c) => c.size === square.size && (c.workers === square.workers || c.strategy === SERIAL_ID),
      );
      expect(square.ranking.map(identity).sort()).toEqual(measured.map((c) => identity(cellIdentity(c))).sort());
    }
  });

  it('reads the fitted models and crossovers of each transport apart', () => {
    const keyed = (items: ReadonlyArray<{ strategy: string; transport?: string; size: number | null }>) =>
      duplicates(items, (r) => `${identity(r)}/${r.size}`);
    expect(modelRows(view).length).toBe(split.length * view.sizes.length);
    expect(keyed(modelRows(view))).toEqual([]);
    expect(overheadAtCores(view).length).toBe(split.length * view.sizes.length);
    expect(keyed(overheadAtCores(view))).toEqual([]);
    expect(duplicates(crossoversAtCores(view), identity)).toEqual([]);
    expect(crossoversAtCores(view).length).toBe(split.length);
  });

  it('draws a line of its own, in a colour of its own, for each strategy and transport, named in the legend', () => {
    const charts = runPageCharts(view);
    for (const chart of [charts.speedup, charts.efficiency, charts.utilisation, charts.memory]) {
      const colours = lineColours(chart);
      // one path per series in each size's panel
      expect(colours.length, chart.id).toBe(series.length * view.sizes.length);
      expect(new Set(colours), chart.id).toEqual(new Set(view.series.map((s) => s.colour)));
      expect(
        chart.legend.map((l) => l.label),
        chart.id,
      ).toEqual(expect.arrayContaining(series));
    }
    const time = charts.time;
    expect(new Set(lineColours(time))).toEqual(new Set(view.series.map((s) => s.colour)));
    for (const s of series) expect(time.legend.some((l) => l.label.startsWith(`${s} (`))).toBe(true);
  });

  it('gives each strategy and transport its own row in the bar and dot charts and squares of the map', () => {
    const charts = runPageCharts(view);
    const rowLabels = (chart: RenderedChart) =>
      [...svgOf(chart).querySelectorAll('[aria-label="y-axis tick label"] text')].map((t) => t.textContent);
    // the best-speedup and overhead bars label their rows once, the cold vs warm dots once per size
    expect(rowLabels(charts.best)).toEqual(series);
    expect(rowLabels(charts.overhead as RenderedChart)).toEqual(split);
    expect(rowLabels(charts.coldWarm)).toEqual(view.sizes.flatMap(() => series));
    expect((charts.map as RenderedChart).description).not.toMatch(/worker-threads [\d.]+×|child-process [\d.]+×/);
  });
});

describe('comparing two runs with several transports per strategy', () => {
  it('gives each strategy, transport and worker count a row of its own', () => {
    const changes = compareCells(run, run);
    expect(duplicates(changes, (c) => `${identity(c)}/${c.size}/${c.workers}`)).toEqual([]);
    const compared = changes.filter((c) => c.change !== null);
    expect(compared.length).toBe(run.cells.length);
    const rows = [
      ...svgOf(changeChart(changes, 'sha256', 'same')).querySelectorAll('[aria-label="y-axis tick label"] text'),
    ];
    const expected = view.cells.map((c) => {
      const s = series.find((label) => label === c.strategy || label === `${c.strategy} · ${transportOf(c)}`);
      return `${s} ×${c.workers}`;
    });
    expect(new Set(rows.map((t) => t.textContent))).toEqual(new Set(expected));
    expect(rows.length).toBe(expected.length / view.sizes.length);
  });
});

describe('runs without data or with one transport per strategy', () => {
  it('keep the strategy id as the key and label of every series', () => {
    for (const path of listResultFiles(join(import.meta.dirname, 'fixtures'))) {
      const file = parseResultFile(readFileSync(path, 'utf8'), path);
      for (const workload of workloadsOf(file)) {
        const v = workloadView(file, workload);
        const splits = expectedSeries(v.cells).some((s) => s.includes(' · '));
        if (!splits) expect(v.series.map((s) => s.key)).toEqual(v.strategies);
      }
    }
  });
});
