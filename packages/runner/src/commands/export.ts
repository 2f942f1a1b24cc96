/**
 * `coresweep export FILE --format csv|bmf|hyperfine [--out PATH]`: a result file in a format other tools read
 * (spreadsheets, Bencher, hyperfine's scripts). Written to stdout unless --out is given.
 */
import { CoresweepError, type ResultFile, toCsv } from '@coresweep/core';
import { type JsonExport, toBmf, toHyperfine } from '../export-json.js';
import { helpText, nonEmpty, parseCommand } from '../options.js';
import { readResultFile, writeOutput } from '../read-result.js';

/** The formats, declared once: the help lists them from here. */
const FORMATS = {
  csv: 'one row per cell (RFC 4180); cells that are not ok have a status and error but no numbers',
  bmf: 'Bencher Metric Format: latency (ns, with the 95% interval) and throughput (units/s) per cell',
  hyperfine: 'the JSON of hyperfine --export-json: times in seconds, one result per cell',
} as const;
type Format = keyof typeof FORMATS;
const FORMAT_NAMES = Object.keys(FORMATS) as Format[];

const EXPORT_COMMAND = {
  name: 'export',
  usage: `coresweep export FILE --format ${FORMAT_NAMES.join('|')} [--out PATH]`,
  options: {
    format: { type: 'string', value: 'F', help: 'the format (required), one of:' },
    out: { type: 'string', value: 'PATH', help: 'write to PATH instead of stdout' },
  },
  notes: [
    ...FORMAT_NAMES.map((name) => `    ${name.padEnd(10)} ${FORMATS[name]}`),
    '  Benchmark names are workload/size/strategy/workers; bmf and hyperfine leave out cells that are not ok',
    '  (listed on stderr).',
  ].join('\n'),
} as const;

export const EXPORT_HELP = helpText(EXPORT_COMMAND);

function render(run: ResultFile, format: Format): { text: string; skipped: string[] } {
  if (format === 'csv') return { text: toCsv(run), skipped: [] };
  const exported: JsonExport = format === 'bmf' ? toBmf(run) : toHyperfine(run);
  return { text: `${JSON.stringify(exported.value, null, 2)}\n`, skipped: exported.skipped };
}

export async function exportCommand(args: string[]): Promise<number> {
  const parsed = parseCommand(EXPORT_COMMAND, args);
  if (!parsed) return 0;
  const { values, positionals } = parsed;
  const format = values.format;
  if (format === undefined) {
    throw new CoresweepError('E_USAGE', `--format: required (valid: ${FORMAT_NAMES.join(', ')})`);
  }
  if (!(FORMAT_NAMES as string[]).includes(format)) {
    throw new CoresweepError(
      'E_USAGE',
      `--format: unknown format ${JSON.stringify(format)} (valid: ${FORMAT_NAMES.join(', ')})`,
    );
  }
  if (positionals.length !== 1) {
    throw new CoresweepError('E_USAGE', `coresweep export: needs exactly one result file (got ${positionals.length})`);
  }
  const out = nonEmpty(values.out, 'out', 'a file name');
  const run = readResultFile(positionals[0] as string);
  const { text, skipped } = render(run, format as Format);
  if (out === undefined) process.stdout.write(text);
  else writeOutput(out, text, '--out');
  if (skipped.length > 0) {
    // stderr, so that stdout stays exactly the exported document.
    process.stderr.write(`coresweep export: ${skipped.length} cell(s) not ok were left out: ${skipped.join(', ')}\n`);
  }
  return 0;
}
