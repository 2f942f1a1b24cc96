/**
 * Options declared once: the help of every command lists exactly the options it parses, unknown options are refused
 * with the declared ones listed, and `run --report` is an option like any other (accepted beside --resume).
 */
import { isInputError } from '@coresweep/core';
import { describe, expect, it } from 'vitest';
import { runCommand } from '../src/commands/run.js';
import { helpText, parseCommand } from '../src/options.js';
import { RUN_COMMAND } from '../src/run-options.js';
import { ROOT } from './helpers.js';

const DEMO = {
  name: 'demo',
  usage: 'coresweep demo [options]',
  options: {
    size: { type: 'string', value: 'N', help: 'how big (default: 1)' },
    tags: { type: 'string', multiple: true, value: 'T', help: 'a tag (repeatable)' },
    quiet: { type: 'boolean', help: 'say less' },
  },
  notes: '  Notes come last.',
} as const;

async function inputError(run: () => Promise<unknown>): Promise<string> {
  try {
    await run();
  } catch (error) {
    expect(isInputError(error), String(error)).toBe(true);
    return (error as Error).message;
  }
  throw new Error('expected an input error');
}

describe('declared options', () => {
  it('parse into typed values, repeatable ones as arrays', () => {
    const parsed = parseCommand(DEMO, ['--size', '3', '--tags', 'a', '--tags=b', '--quiet', 'rest']);
    expect(parsed).toEqual({ values: { size: '3', tags: ['a', 'b'], quiet: true }, positionals: ['rest'] });
  });

  it('generate the help: usage, one aligned line per option, then the notes', () => {
    expect(helpText(DEMO).split('\n')).toEqual([
      'coresweep demo [options]',
      '  --size N                   how big (default: 1)',
      '  --tags T                   a tag (repeatable)',
      '  --quiet                    say less',
      '  Notes come last.',
    ]);
  });

  it('refuse an unknown option with one line listing the declared ones and --help', () => {
    expect(() => parseCommand(DEMO, ['--sise', '3'])).toThrow(
      /^coresweep demo: Unknown option '--sise' \(valid options: --size, --tags, --quiet, --help\)$/,
    );
  });

  it('run: every option is in the help, --report included', () => {
    const help = helpText(RUN_COMMAND);
    for (const name of Object.keys(RUN_COMMAND.options)) expect(help).toMatch(new RegExp(`^  --${name}\\b`, 'm'));
    expect(help).toMatch(/--report +when the run ends, build the report/);
    expect(help).toMatch(
      /--repetitions R +fresh processes per cell; with --precision, the minimum \(default: quick 1, full 3\)/,
    );
    expect(help).toMatch(/--precision PCT\|off .*\(default: quick off, full 2\)/);
    expect(help).toMatch(/--max-repetitions N .*serial gets 2N \(default: quick 1, full 10\)/);
  });

  it('run: --report is an option, not configuration, so it may come with --resume', async () => {
    const missing = `${ROOT}no-such-run.json`;
    expect(await inputError(() => runCommand(['--resume', missing, '--report'], ROOT))).toBe(
      `--resume: ${missing} does not exist`,
    );
    expect(await inputError(() => runCommand(['--resume', missing, '--seed', '1'], ROOT))).toBe(
      '--resume takes the configuration from the file; drop --seed',
    );
    expect(await inputError(() => runCommand(['--report=yes'], ROOT))).toMatch(/--report/);
  });
});
