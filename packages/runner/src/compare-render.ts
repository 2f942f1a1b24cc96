/**
 * Rendering a compare result: an aligned table for the terminal and a GitHub-flavoured Markdown version for a pull
 * request comment. Both come from the same rows so they can never disagree.
 */
import {
  type CellIdentity,
  cellLabel,
  describeVerdictRule,
  formatChange,
  formatLevel,
  formatMs,
  MISSING,
  type ResultFile,
  runtimeLabel,
  runtimesOf,
} from '@coresweep/core';
import type { CompareResult, CompareSettings } from './compare-cells.js';
import { table } from './format.js';

export interface RenderInput {
  basePath: string;
  headPath: string;
  base: ResultFile;
  head: ResultFile;
  result: CompareResult;
  settings: CompareSettings;
  /** Percent from --fail-above, when given. */
  failAbove: number | undefined;
}

function pValue(p: number | null): string {
  if (p === null) return MISSING;
  return p < 0.001 ? '<0.001' : p.toFixed(3);
}

/** Confidence as a label: alpha 0.05 -> `95%`, 0.01 -> `99%`, 0.1 -> `90%`. */
function confidenceLabel(alpha: number): string {
  return `${Number(((1 - alpha) * 100).toPrecision(4))}%`;
}

const HEADER = ['cell', 'base', 'head', 'change', 'interval of change', 'level', 'p', 'processes', 'verdict'];
/** Column of the verdict, for emphasis in Markdown. */
const VERDICT_COLUMN = HEADER.indexOf('verdict');

/** A cell's name, with its runtime where cells of several runtimes meet. */
function label(input: RenderInput, cell: CellIdentity): string {
  return cellLabel(cell, { runtime: input.result.byRuntime });
}

/** One row per compared cell, as plain text; the Markdown renderer escapes it. */
function rows(input: RenderInput): string[][] {
  return input.result.compared.map((c) => {
    const { comparison: cmp } = c;
    const [lo, hi] = cmp.changeInterval;
    return [
      label(input, c.key),
      formatMs(cmp.baseTime),
      formatMs(cmp.headTime),
      formatChange(cmp.change),
      cmp.level === null ? MISSING : `[${formatChange(lo)}, ${formatChange(hi)}]`,
      formatLevel(cmp.level),
      pValue(cmp.pValue),
      `${cmp.processes[0]}v${cmp.processes[1]}${cmp.insufficient ? ' ‡' : ''}`,
      cmp.verdict,
    ];
  });
}

/** The runtimes the run's cells ran on (the runner's own for a file from before cells recorded theirs). */
function runtimesText(run: ResultFile): string {
  const runtimes = runtimesOf(run.cells);
  return runtimes.length > 0 ? runtimes.map(runtimeLabel).join(' + ') : runtimeLabel(run.runtime);
}

function describeRun(path: string, run: ResultFile): string {
  const commit = run.git.commit ? `, commit ${run.git.commit.slice(0, 10)}${run.git.dirty ? ' (dirty)' : ''}` : '';
  return `${path} (${run.id}, ${run.createdAt}${commit}, ${runtimesText(run)}, ${run.machine.usableCores} usable cores)`;
}

/** The message of an error without its stack: one line per cell is what a table or a PR comment has room for. */
function firstLine(text: string): string {
  return text.split(/\r?\n/).find((line) => line.trim() !== '') ?? '';
}

/** Everything besides the table, as plain sentences, shared by both renderers. */
function notes(input: RenderInput): { caution: string | null; lists: [string, string[]][]; footnotes: string[] } {
  const { result, settings } = input;
  const caution =
    result.environment.length > 0
      ? `the runs come from different machines or runtimes (${result.environment.join('; ')}): a change may come from the environment, not the code`
      : null;
  const lists: [string, string[]][] = [
    ['only in base', result.onlyBase.map((cell) => label(input, cell))],
    ['only in head', result.onlyHead.map((cell) => label(input, cell))],
    [
      'not compared (not ok on one or both sides)',
      result.notOk.map(
        (u) => `${label(input, u.key)}: base ${u.base}, head ${u.head}${u.error ? `: ${firstLine(u.error)}` : ''}`,
      ),
    ],
  ];
  const footnotes: string[] = [];
  const insufficient = result.compared.find((c) => c.comparison.insufficient);
  if (insufficient) {
    footnotes.push(
      `‡: ${insufficient.comparison.insufficient}: the interval cannot reach ${confidenceLabel(settings.alpha)}, so no verdict is made (run with --repetitions 3 or more)`,
    );
  }
  footnotes.push(
    `base, head: each side's time (geometric mean of its per-process medians); verdict: ${describeVerdictRule(settings)}`,
  );
  return { caution, lists, footnotes };
}

function summary(input: RenderInput, slow: number): string {
  const count = (verdict: string) => input.result.compared.filter((c) => c.comparison.verdict === verdict).length;
  const line = `${count('slower')} slower, ${count('faster')} faster, ${count('no clear change')} no clear change of ${input.result.compared.length} compared cells`;
  if (input.failAbove === undefined) return line;
  return slow > 0
    ? `${line}; ${slow} significant slowdown(s) above ${input.failAbove}%: failing`
    : `${line}; no significant slowdown above ${input.failAbove}%`;
}

/** Control characters (newlines, ANSI escapes) in names or errors would break the one-line-per-item layout. */
function plain(text: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: stripping them is the point
  return text.replace(/[\u0000-\u001f\u007f-\u009f]+/g, ' ');
}

export function renderTerminal(input: RenderInput, slow: number): string {
  const { caution, lists, footnotes } = notes(input);
  // Everything printed here may quote a result file from elsewhere: no control sequence may reach the terminal.
  const out = [
    `base: ${plain(describeRun(input.basePath, input.base))}`,
    `head: ${plain(describeRun(input.headPath, input.head))}`,
  ];
  if (caution) out.push(`caution: ${plain(caution)}`);
  out.push('');
  if (input.result.compared.length > 0) {
    out.push(table([HEADER, ...rows(input)].map((row) => row.map(plain))), '');
  } else {
    out.push('no cell is ok in both files: nothing to compare', '');
  }
  for (const [title, items] of lists) {
    if (items.length > 0) out.push(`${title}:`, ...items.map((item) => `  ${plain(item)}`));
  }
  out.push('', ...footnotes.map(plain), summary(input, slow));
  return `${out.join('\n')}\n`;
}

/**
 * Escapes text for GitHub-flavoured Markdown: backslash before every punctuation character that could start markup
 * (including `|`, which would end a table cell, `<` of raw HTML, `@` of mentions and `#` of issue links), and line
 * breaks folded into spaces so that a multi-line error stays inside its table cell or list item.
 */
export function escapeMarkdown(text: string): string {
  return plain(text).replace(/[\\`*_[\]<>#!|~@&]/g, (ch) => `\\${ch}`);
}

export function renderMarkdown(input: RenderInput, slow: number): string {
  const { caution, lists, footnotes } = notes(input);
  const out = ['### coresweep compare', ''];
  out.push(`**base:** ${escapeMarkdown(describeRun(input.basePath, input.base))}  `);
  out.push(`**head:** ${escapeMarkdown(describeRun(input.headPath, input.head))}`, '');
  if (caution) out.push('> [!WARNING]', `> ${escapeMarkdown(`Caution: ${caution}`)}`, '');
  if (input.result.compared.length > 0) {
    out.push(
      `| ${HEADER.join(' | ')} |`,
      `|:--|${HEADER.slice(1)
        .map(() => '--:')
        .join('|')}|`,
    );
    for (const row of rows(input)) {
      const cells = row.map(escapeMarkdown);
      // Emphasis on the verdicts a reviewer must not miss.
      if (row[VERDICT_COLUMN] === 'slower') cells[VERDICT_COLUMN] = '**slower**';
      out.push(`| ${cells.join(' | ')} |`);
    }
    out.push('');
  } else {
    out.push('No cell is ok in both files: nothing to compare.', '');
  }
  for (const [title, items] of lists) {
    if (items.length > 0)
      out.push(`**${escapeMarkdown(title)}:**`, '', ...items.map((i) => `- ${escapeMarkdown(i)}`), '');
  }
  out.push(...footnotes.map((f) => `<sub>${escapeMarkdown(f)}</sub>  `), '', escapeMarkdown(summary(input, slow)));
  return `${out.join('\n')}\n`;
}
