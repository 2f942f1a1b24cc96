/**
 * Speaking of the packages discovery left out: one line each for `list` and at the start of `run`, and a clear
 * error naming the package and its problem when a command asks for a strategy or workload that one of them would
 * have provided (rather than "unknown strategy").
 */
import { CoresweepError } from '@coresweep/core';
import { requireKnown } from './args.js';
import type { ComponentKind, Discovery, LeftOut } from './discovery.js';

export function leftOutLine(item: LeftOut): string {
  return `${item.source}: ${item.error}`;
}

/** The left-out package that most likely provides `id` of this kind, if any. */
export function leftOutFor(discovery: Discovery, kind: ComponentKind, id: string): LeftOut | undefined {
  return discovery.leftOut.find(
    (item) => (item.kinds.length === 0 || item.kinds.includes(kind)) && item.names.includes(id),
  );
}

/** Every requested id must be discovered; one that a left-out package would provide is named with its problem. */
export function requireDiscovered(ids: string[], discovery: Discovery, kind: ComponentKind, flag: string): void {
  const known = (kind === 'strategy' ? discovery.strategies : discovery.workloads).map((d) => d.value.id);
  for (const id of ids) {
    if (known.includes(id)) continue;
    const match = leftOutFor(discovery, kind, id);
    if (match) {
      throw new CoresweepError('E_USAGE', `${flag}: the ${kind} ${id} is left out: ${leftOutLine(match)}`);
    }
    const others = discovery.leftOut.filter((item) => item.kinds.length === 0 || item.kinds.includes(kind));
    if (others.length > 0) {
      throw new CoresweepError(
        kind === 'strategy' ? 'E_UNKNOWN_STRATEGY' : 'E_UNKNOWN_WORKLOAD',
        `${flag}: unknown ${kind} ${JSON.stringify(id)} (valid: ${known.join(', ')}; left out: ` +
          `${others.map((item) => item.source).join(', ')}: see coresweep list)`,
      );
    }
  }
  requireKnown(ids, known, flag, kind);
}
