/**
 * The series of a workload: what each line, bar, dot and crossover-map square of its charts stands for, and what
 * competes for "best". A series is a strategy, except where the workload ran one strategy over several transports
 * (a kernel with data run with `--transports clone,shared,...`): then each transport of that strategy is a series
 * of its own, "worker-threads · shared", since those cells differ only by transport and would otherwise fall on
 * one line. Workloads without data and runs with one transport per strategy keep the strategy id as key and label.
 */
import { DATA_TRANSPORTS, NO_TRANSPORT, type Transport, transportOf } from '@coresweep/core';
import { orderStrategies, strategyColour, transportColour } from './palette.js';

export interface Series {
  /** What the charts group and label by, unique in the workload: the strategy id, or "strategy · transport". */
  key: string;
  strategy: string;
  /** The transport of the series' cells; a strategy with one transport has it whatever it is. */
  transport: Transport;
  colour: string;
}

/** What names a series: a strategy and, when data moved, the transport (cells, chart points, model entries). */
export interface SeriesIdentity {
  strategy: string;
  transport?: Transport | undefined;
}

/** A strategy and, where data moved, its transport: "worker-threads · shared". */
export function strategyTransportLabel(item: { strategy: string; transport: string }): string {
  return item.transport === NO_TRANSPORT ? item.strategy : `${item.strategy} · ${item.transport}`;
}

/** Transports in the order the matrix lists them, `none` first. */
function orderTransports(transports: Iterable<Transport>): Transport[] {
  const unique = new Set(transports);
  const order: readonly Transport[] = [NO_TRANSPORT, ...DATA_TRANSPORTS];
  return order.filter((t) => unique.has(t));
}

/**
 * The series of a workload's cells: strategies in the fixed order, and within a strategy that ran over several
 * transports one series per transport, in the matrix's order, each in a shade of the strategy's colour.
 */
export function seriesOfCells(cells: readonly SeriesIdentity[]): Series[] {
  return orderStrategies(cells.map((c) => c.strategy)).flatMap((strategy) => {
    const transports = orderTransports(cells.filter((c) => c.strategy === strategy).map(transportOf));
    if (transports.length <= 1) {
      return [{ key: strategy, strategy, transport: transports[0] ?? NO_TRANSPORT, colour: strategyColour(strategy) }];
    }
    return transports.map((transport, i) => ({
      key: strategyTransportLabel({ strategy, transport }),
      strategy,
      transport,
      colour: transportColour(strategy, i),
    }));
  });
}

/**
 * The series an item belongs to. An item of a strategy the series do not list (a model entry without cells) is a
 * series of its own in the strategy's colour.
 */
export function seriesOf(series: readonly Series[], item: SeriesIdentity): Series {
  const ofStrategy = series.filter((s) => s.strategy === item.strategy);
  if (ofStrategy.length === 1) return ofStrategy[0] as Series;
  const transport = transportOf(item);
  return (
    ofStrategy.find((s) => s.transport === transport) ?? {
      key: strategyTransportLabel({ strategy: item.strategy, transport }),
      strategy: item.strategy,
      transport,
      colour: strategyColour(item.strategy),
    }
  );
}

/** The key of an item's series, as a function: the channel the charts group, colour and label by. */
export function seriesKey(series: readonly Series[]): (item: SeriesIdentity) => string {
  return (item) => seriesOf(series, item).key;
}

/** The series that `items` belong to, in the workload's order. */
export function seriesIn(series: readonly Series[], items: readonly SeriesIdentity[]): Series[] {
  const keys = new Set(items.map(seriesKey(series)));
  return series.filter((s) => keys.has(s.key));
}

/** Compares two items by their series' place in `series` (a view's fixed order). */
export function bySeries(series: readonly Series[]) {
  const key = seriesKey(series);
  const order = series.map((s) => s.key);
  return (a: SeriesIdentity, b: SeriesIdentity) => order.indexOf(key(a)) - order.indexOf(key(b));
}

/**
 * The transport of an item that moved data, to spread into a point derived from it; nothing otherwise, as in
 * core's cell identity, so points of workloads without data are what they were before transports.
 */
export function transportField(item: { transport?: Transport | undefined }): { transport?: Transport } {
  const transport = transportOf(item);
  return transport === NO_TRANSPORT ? {} : { transport };
}

/** What one series is, in a chart's description: "strategy", or "strategy and transport" where transports split. */
export function seriesNoun(series: readonly Series[]): string {
  return series.some((s) => s.key !== s.strategy) ? 'strategy and transport' : 'strategy';
}
