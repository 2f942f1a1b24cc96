/** `coresweep list`: what would run, and where each strategy and workload came from. */

import { parseCommandArgs } from '../args.js';
import { discover } from '../discovery.js';
import { table } from '../format.js';
import { leftOutLine } from '../left-out.js';

export async function listCommand(args: string[], root: string): Promise<number> {
  const { values } = parseCommandArgs('list', args, {
    strategy: { type: 'string', multiple: true },
    workload: { type: 'string', multiple: true },
    json: { type: 'boolean' },
  });
  const found = await discover({
    root,
    strategyPaths: (values.strategy as string[] | undefined) ?? [],
    workloadPaths: (values.workload as string[] | undefined) ?? [],
  });
  if (values.json) {
    const strategies = found.strategies.map((s) => ({
      id: s.value.id,
      title: s.value.title,
      parallelism: s.value.parallelism,
      source: s.source,
      url: s.url,
    }));
    const workloads = found.workloads.map((w) => ({
      id: w.value.id,
      title: w.value.title,
      sizes: w.value.sizes,
      source: w.source,
      url: w.url,
    }));
    const leftOut = found.leftOut.map((item) => ({ source: item.source, kinds: item.kinds, error: item.error }));
    process.stdout.write(`${JSON.stringify({ strategies, workloads, leftOut }, null, 2)}\n`);
    return 0;
  }
  const strategyRows = [
    ['id', 'parallelism', 'title', 'from'],
    ...found.strategies.map((s) => [s.value.id, s.value.parallelism, s.value.title, s.source]),
  ];
  const workloadRows = [
    ['id', 'quick sizes', 'full sizes', 'from'],
    ...found.workloads.map((w) => [w.value.id, w.value.sizes.quick.join(','), w.value.sizes.full.join(','), w.source]),
  ];
  process.stdout.write(
    `Strategies (${found.strategies.length})\n${table(strategyRows)}\n\nWorkloads (${found.workloads.length})\n${table(workloadRows)}\n`,
  );
  // Everything else stays usable; these are named with their problem so they can be fixed (or moved away).
  if (found.leftOut.length > 0) {
    const lines = found.leftOut.map((item) => `  ${leftOutLine(item)}`).join('\n');
    process.stdout.write(`\nLeft out (${found.leftOut.length}): not usable until fixed\n${lines}\n`);
  }
  return 0;
}
