/** `coresweep list`: what would run, and where each strategy and workload came from. */

import { discover, MODULE_PATH_OPTIONS } from '../discovery.js';
import { table } from '../format.js';
import { leftOutLine } from '../left-out.js';
import { helpText, parseCommand } from '../options.js';

const LIST_COMMAND = {
  name: 'list',
  usage: 'coresweep list [--json] [--strategy ./module.js]... [--workload ./module.js]...',
  options: {
    json: { type: 'boolean', help: 'print JSON instead of tables' },
    ...MODULE_PATH_OPTIONS,
  },
} as const;

export const LIST_HELP = helpText(LIST_COMMAND);

export async function listCommand(args: string[], root: string): Promise<number> {
  const parsed = parseCommand(LIST_COMMAND, args);
  if (!parsed) return 0;
  const { values } = parsed;
  const found = await discover({ root, strategyPaths: values.strategy ?? [], workloadPaths: values.workload ?? [] });
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
