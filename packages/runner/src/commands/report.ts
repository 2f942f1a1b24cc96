/**
 * `coresweep report`: builds the static report site with apps/report's build script. The report is a separate
 * app (it never imports the runner); the runner only starts it as a child process with execa.
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { CoresweepError } from '@coresweep/core';
import { execaNode } from 'execa';
import { helpText, parseCommand } from '../options.js';

const REPORT_COMMAND = {
  name: 'report',
  usage: 'coresweep report [--results DIR] [--out DIR] [--base /sub/path/] [--skip-invalid]',
  options: {
    results: {
      type: 'string',
      value: 'DIR',
      help: 'a tree of result files in any layout, e.g. one folder per machine (default: results/)',
    },
    out: { type: 'string', value: 'DIR', help: 'where the site is written (default: report-site/)' },
    base: { type: 'string', value: 'PATH', help: 'the sub-path the site will be published under (default: /)' },
    'skip-invalid': {
      type: 'boolean',
      help: 'skip result files that fail validation, with a warning, instead of stopping',
    },
  },
} as const;

export const REPORT_HELP = helpText(REPORT_COMMAND);

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
  const parsed = parseCommand(REPORT_COMMAND, args);
  if (!parsed) return 0;
  const { values } = parsed;
  const base = values.base;
  if (base !== undefined && !base.startsWith('/'))
    throw new CoresweepError('E_USAGE', `--base: ${base} must start with /`);
  return buildReport(root, {
    results: resolve(values.results ?? join(root, 'results')),
    out: resolve(values.out ?? join(root, 'report-site')),
    ...(base !== undefined ? { base } : {}),
    skipInvalid: Boolean(values['skip-invalid']),
  });
}
