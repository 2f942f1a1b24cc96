/**
 * `coresweep export FILE --format csv|bmf|hyperfine [--out PATH]`: a result file in a format other tools read
 * (spreadsheets, Bencher, hyperfine's scripts). Written to stdout unless --out is given.
 */
import { CoresweepError, type ResultFile, toCsv } from '@coresweep/core';
import { parseCommandArgs } from '../args.js';
import { type JsonExport, toBmf, toHyperfine } from '../export-json.js';
import { readResultFile, writeOutput } from '../read-result.js';

export const EXPORT_HELP = `coresweep export FILE --format csv|bmf|hyperfine [--out PATH]
  --format csv        one row per cell (RFC 4180); cells that are not ok have a status and error but no numbers
  --format bmf        Bencher Metric Format: latency (ns, with the 95% interval) and throughput (units/s) per cell
  --format hyperfine  the JSON of hyperfine --export-json: times in seconds, one result per cell
  --out PATH          write to PATH instead of stdout
  Benchmark names are workload/size/strategy/workers; bmf and hyperfine leave out cells that are not ok
  (listed on stderr).`;

const FORMATS = ['csv', 'bmf', 'hyperfine'] as const;
type Format = (typeof FORMATS)[number];

function render(run: ResultFile, format: Format): { text: string; skipped: string[] } {
  if (format === 'csv') return { text: toCsv(run), skipped: [] };
  const exported: JsonExport = format === 'bmf' ? toBmf(run) : toHyperfine(run);
  return { text: `${JSON.stringify(exported.value, null, 2)}\n`, skipped: exported.skipped };
}

export async function exportCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs('export', args, {
    format: { type: 'string' },
    out: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) {
    process.stdout.write(`${EXPORT_HELP}\n`);
    return 0;
  }
  const format = values.format as string | undefined;
  if (format === undefined) {
    throw new CoresweepError('E_USAGE', `--format: required (valid: ${FORMATS.join(', ')})`);
  }
  if (!(FORMATS as readonly string[]).includes(format)) {
    throw new CoresweepError(
      'E_USAGE',
      `--format: unknown format ${JSON.stringify(format)} (valid: ${FORMATS.join(', ')})`,
    );
  }
  if (positionals.length !== 1) {
    throw new CoresweepError('E_USAGE', `coresweep export: needs exactly one result file (got ${positionals.length})`);
  }
  const out = values.out as string | undefined;
  if (out === '') throw new CoresweepError('E_USAGE', '--out: needs a file name');
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
