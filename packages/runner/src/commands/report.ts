/**
 * `coresweep report`: builds the static report site with apps/report's build script. The report is a separate
 * app (it never imports the runner); the runner only starts it as a child process with execa.
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { CoresweepError } from '@coresweep/core';
import { execaNode } from 'execa';
import { parseCommandArgs } from '../args.js';

export const REPORT_HELP = `coresweep report [--results DIR] [--out DIR] [--base /sub/path/] [--skip-invalid]
  --results DIR   directory of result files (default: results/)
  --out DIR       where the site is written (default: report-site/)
  --base PATH     the sub-path the site will be published under (default: /)
  --skip-invalid  skip result files that fail validation, with a warning, instead of stopping`;

export async function buildReport(
  root: string,
  options: { results: string; out: string; base?: string; skipInvalid?: boolean },
): Promise<number> {
  const script = join(root, 'apps', 'report', 'scripts', 'build-report.mjs');
  if (!existsSync(script)) throw new CoresweepError('E_USAGE', `the report app is missing (${script})`);
  if (!existsSync(options.results)) throw new CoresweepError('E_USAGE', `--results: ${options.results} does not exist`);
  const args = ['--results', options.results, '--out', options.out];
  if (options.base) args.push('--base', options.base);
  if (options.skipInvalid) args.push('--skip-invalid');
  const child = await execaNode(script, args, { stdio: 'inherit', reject: false, cwd: join(root, 'apps', 'report') });
  return child.exitCode ?? 1;
}

export async function reportCommand(args: string[], root: string): Promise<number> {
  const { values } = parseCommandArgs('report', args, {
    results: { type: 'string' },
    out: { type: 'string' },
    base: { type: 'string' },
    'skip-invalid': { type: 'boolean' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) {
    process.stdout.write(`${REPORT_HELP}\n`);
    return 0;
  }
  const base = values.base as string | undefined;
  if (base !== undefined && !base.startsWith('/'))
    throw new CoresweepError('E_USAGE', `--base: ${base} must start with /`);
  return buildReport(root, {
    results: resolve((values.results as string | undefined) ?? join(root, 'results')),
    out: resolve((values.out as string | undefined) ?? join(root, 'report-site')),
    ...(base !== undefined ? { base } : {}),
    skipInvalid: Boolean(values['skip-invalid']),
  });
}
