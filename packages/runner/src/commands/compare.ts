/**
 * `coresweep compare BASE.json HEAD.json`: per-cell change between two runs with its interval and core's
 * faster / slower / no clear change verdict (the rule the report's compare pages use too); `--fail-above` turns it
 * into a CI gate.
 */
import { CoresweepError, DEFAULT_ALPHA, DEFAULT_NOISE } from '@coresweep/core';
import { compareRuns, slowdownsAbove } from '../compare-cells.js';
import { renderMarkdown, renderTerminal } from '../compare-render.js';
import { helpText, nonEmpty, parseCommand } from '../options.js';
import { readResultFile, writeOutput } from '../read-result.js';

const COMPARE_COMMAND = {
  name: 'compare',
  usage: 'coresweep compare BASE.json HEAD.json [--fail-above PCT] [--noise PCT] [--alpha A] [--markdown FILE]',
  options: {
    'fail-above': {
      type: 'string',
      value: 'PCT',
      help: 'exit 1 when a cell is called slower and its change is above PCT percent (default: never)',
    },
    noise: {
      type: 'string',
      value: 'PCT',
      help: `a verdict needs the interval of the change wholly beyond ±PCT percent (default: ${DEFAULT_NOISE * 100})`,
    },
    alpha: {
      type: 'string',
      value: 'A',
      help: `the interval of the change has confidence 1 - A (default: ${DEFAULT_ALPHA})`,
    },
    markdown: {
      type: 'string',
      value: 'FILE',
      help: 'also write the comparison as a GitHub-flavoured Markdown table (for a pull request comment)',
    },
  },
  notes: `  Cells are matched by workload, size, strategy and workers. The interval is Welch's on the per-process medians of
  ok repetitions (log scale); with fewer than 3 ok processes on a side no verdict is made.
  Exit codes: 0 compared; 1 a significant slowdown above --fail-above; 2 bad usage or an unreadable or invalid file.`,
} as const;

export const COMPARE_HELP = helpText(COMPARE_COMMAND);

/** A non-negative percentage; `10`, `10%` and `2.5` are accepted. */
function parsePercent(text: string, flag: string): number {
  const cleaned = text.trim().replace(/%$/, '');
  const value = Number(cleaned);
  if (cleaned === '' || !Number.isFinite(value) || value < 0) {
    throw new CoresweepError('E_USAGE', `${flag}: ${JSON.stringify(text)} is not a percentage (a number >= 0)`);
  }
  return value;
}

function parseAlpha(text: string): number {
  const value = Number(text);
  if (text.trim() === '' || !(value > 0 && value < 1)) {
    throw new CoresweepError('E_USAGE', `--alpha: ${JSON.stringify(text)} is not a number between 0 and 1`);
  }
  return value;
}

export async function compareCommand(args: string[]): Promise<number> {
  const parsed = parseCommand(COMPARE_COMMAND, args);
  if (!parsed) return 0;
  const { values, positionals } = parsed;
  if (positionals.length !== 2) {
    throw new CoresweepError(
      'E_USAGE',
      `coresweep compare: needs exactly two result files, BASE.json HEAD.json (got ${positionals.length})`,
    );
  }
  // Flags first: a typo in a flag should not wait for two files to be read and validated.
  const failAbove = values['fail-above'] === undefined ? undefined : parsePercent(values['fail-above'], '--fail-above');
  const noise = values.noise === undefined ? DEFAULT_NOISE * 100 : parsePercent(values.noise, '--noise');
  const alpha = values.alpha === undefined ? DEFAULT_ALPHA : parseAlpha(values.alpha);
  const markdown = nonEmpty(values.markdown, 'markdown', 'a file name');

  const [basePath, headPath] = positionals as [string, string];
  const base = readResultFile(basePath);
  const head = readResultFile(headPath);
  const settings = { noise: noise / 100, alpha };
  const result = compareRuns(base, head, settings);
  const slow = failAbove === undefined ? 0 : slowdownsAbove(result, failAbove).length;
  const input = { basePath, headPath, base, head, result, settings, failAbove };
  if (markdown !== undefined) writeOutput(markdown, renderMarkdown(input, slow), '--markdown');
  process.stdout.write(renderTerminal(input, slow));
  return slow > 0 ? 1 : 0;
}
