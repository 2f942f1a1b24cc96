/**
 * Bad input, property style: seeded random argument vectors for `coresweep run`, each a mix of valid options and
 * exactly one fault — a bad value (negative, zero, huge, NaN, fractional, unknown names, duplicates, empty, unicode,
 * markup, a missing file), an unknown flag, a flag without its value or a stray argument. Property: the run is
 * refused before it starts anything, with one line naming the faulty flag (or value), exit 2, never a stack trace.
 *
 * The bulk runs in-process (runCommand throws the input error the CLI prints); a sample goes through the real CLI.
 * Reproduce a failure with CORESWEEP_FUZZ_SEED=<the seed in the test name>.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRandom, isInputError } from '@coresweep/core';
import { afterAll, describe, expect, it } from 'vitest';
import {
  parseIntegerList,
  parseList,
  parseNonNegativeInteger,
  parsePositiveInteger,
  parsePositiveNumber,
} from '../src/args.js';
import { runCommand } from '../src/commands/run.js';
import { ROOT } from './helpers.js';
import { errorLines, runCli, STACK_FRAME } from './spawn-cli.js';

const SEED = Number(process.env.CORESWEEP_FUZZ_SEED ?? 6_061_994);
const dir = mkdtempSync(join(tmpdir(), 'coresweep-fuzz-args-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const existing = join(dir, 'existing.json');
writeFileSync(existing, '{}\n');

type Random = () => number;
const pick = <T>(random: Random, list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;

/** Values every parser must refuse, whatever the flag. */
const NEVER = ['', ' ', '\t', 'NaN', 'nan', 'Infinity', '-Infinity', 'abc', 'null', 'undefined', '[]', '{}', '💥'];
/** Refused by every integer parser. */
const BAD_INTEGERS = [
  ...NEVER,
  '0',
  '-0',
  '00',
  '-1',
  '-42',
  '1.5',
  '0.5',
  '+3',
  '1e400',
  '1e30',
  '9'.repeat(40),
  '9007199254740993',
  '0x10',
  '0b11',
  '1e-3',
  '1 2',
  '١٢', // Arabic-Indic digits
  '２', // fullwidth
  '𝟏', // mathematical bold digit
  '1\u200b', // zero-width space
  '\u202e12', // right-to-left override
  '<b>2</b>',
];
const BAD_LISTS = ['1,', ',1', '1,,2', ',', '2,2', '1,2,1', '1;2'];
const BAD_NUMBERS = [...NEVER, '0', '-0', '-5', '-1e-9', '1e400', '0,5', '1 s', '5s', '２'];
const BAD_NAMES = [
  'nope',
  'SERIAL',
  'sérial',
  'serial,serial',
  'serial,',
  ',',
  '<script>alert(1)</script>',
  '../../etc/passwd',
  'worker_threads',
  'x'.repeat(300),
  '🚀',
  'serial,,async',
  'serial;async',
];

interface Flag {
  name: string;
  valid: string[];
  bad: string[];
}

const FLAGS: Flag[] = [
  { name: 'preset', valid: ['quick', 'full'], bad: [...NEVER, 'QUICK', 'quick ', 'huge', 'quick,full', '<i>'] },
  { name: 'workloads', valid: ['do-math', 'primes', 'do-math,primes'], bad: BAD_NAMES },
  { name: 'strategies', valid: ['serial', 'serial,async', 'worker-threads'], bad: BAD_NAMES },
  { name: 'sizes', valid: ['1000', '1e4', '2000,3000', '1_000'], bad: [...BAD_INTEGERS, ...BAD_LISTS] },
  { name: 'workers', valid: ['1', '1,2', '3', '007'], bad: [...BAD_INTEGERS, ...BAD_LISTS, '1025', '100000'] },
  { name: 'repetitions', valid: ['1', '3'], bad: [...BAD_INTEGERS, '1001', '1,2'] },
  { name: 'parts-per-worker', valid: ['1', '4'], bad: [...BAD_INTEGERS, '1000001'] },
  { name: 'warmup', valid: ['0', '2'], bad: BAD_INTEGERS.filter((v) => !['0', '-0', '00'].includes(v)) },
  { name: 'iterations', valid: ['1', '5'], bad: [...BAD_INTEGERS, '100001'] },
  { name: 'time-budget', valid: ['10', '0.5'], bad: BAD_NUMBERS },
  { name: 'timeout', valid: ['5', '0.5'], bad: [...BAD_NUMBERS, '1e308', '604801', '0.25', '1e-300'] },
  { name: 'seed', valid: ['0', '42'], bad: BAD_INTEGERS.filter((v) => !['0', '-0', '00'].includes(v)) },
  { name: 'out', valid: [], bad: ['', ' ', existing, dir] },
  { name: 'resume', valid: [], bad: ['', join(dir, 'missing.json')] },
  { name: 'strategy', valid: [], bad: [join(dir, 'missing-strategy.mjs'), existing] },
  { name: 'workload', valid: [], bad: [join(dir, 'missing-workload.mjs'), dir] },
];
const VALUED = FLAGS.filter((f) => f.valid.length > 0);
const UNKNOWN = ['--frobnicate', '--Workers', '--worker', '-x', '-w', '--size', '---', '--yes=1', '--help=no', '--🚀'];
const STRAY = ['4', 'quick', 'do-math', '-', 'run', '💥'];

interface Case {
  argv: string[];
  /** What the single line must contain. */
  names: string;
  fault: string;
}

function generate(random: Random, index: number): Case {
  // Two to five valid options (each flag once), in random order, then the fault.
  const chosen = [...VALUED].sort(() => random() - 0.5).slice(0, 2 + Math.floor(random() * 4));
  const groups = chosen.map((flag) => {
    const value = pick(random, flag.valid);
    return random() < 0.5 ? [`--${flag.name}`, value] : [`--${flag.name}=${value}`];
  });
  if (!chosen.some((flag) => flag.name === 'out')) groups.push(['--out', join(dir, `never-written-${index}.json`)]);
  const argv = groups.flat();
  const kind = pick(random, ['value', 'value', 'value', 'unknown', 'missing', 'stray'] as const);
  if (kind === 'value') {
    const flag = pick(
      random,
      FLAGS.filter((f) => f.name !== 'resume' || argv.length === 2),
    );
    const value = pick(random, flag.bad);
    // --resume takes the configuration from the file: alone, its own value is what is wrong.
    const base = flag.name === 'resume' ? [] : argv;
    const split = random() < 0.5 && !value.startsWith('-');
    const names = flag.name === 'strategy' || flag.name === 'workload' ? value || `--${flag.name}` : `--${flag.name}`;
    return {
      argv: [...base, ...(split ? [`--${flag.name}`, value] : [`--${flag.name}=${value}`])],
      names,
      fault: `--${flag.name} ${JSON.stringify(value)}`,
    };
  }
  if (kind === 'unknown') {
    const flag = pick(random, UNKNOWN);
    groups.splice(Math.floor(random() * (groups.length + 1)), 0, [flag]);
    return { argv: groups.flat(), names: flag.replace(/=.*/, ''), fault: `unknown ${flag}` };
  }
  if (kind === 'missing') {
    const flag = pick(
      random,
      FLAGS.filter((f) => f.name !== 'resume'),
    );
    // Either last, or followed by another option that parseArgs must not take for the value.
    if (random() < 0.5)
      return { argv: [...argv, `--${flag.name}`], names: `--${flag.name}`, fault: `--${flag.name} last` };
    return { argv: [`--${flag.name}`, ...argv], names: `--${flag.name}`, fault: `--${flag.name} without value` };
  }
  const stray = pick(random, STRAY);
  return { argv: [...argv, stray], names: JSON.stringify(stray), fault: `stray ${stray}` };
}

function cases(seed: number, count: number): Case[] {
  const random = createRandom(seed);
  return Array.from({ length: count }, (_, i) => generate(random, i));
}

describe(`argument parsers (seed ${SEED})`, () => {
  const random = createRandom(SEED);
  const anything = [...BAD_INTEGERS, ...BAD_NUMBERS, ...BAD_LISTS, '1', '7', '1e3', '1_000', '2.5', '３', ' 4 '];

  it('return a valid value or throw one input-error line naming the flag, for 2000 random strings', () => {
    const parsers: [string, (text: string) => unknown, (value: unknown) => boolean][] = [
      ['positive', (t) => parsePositiveInteger(t, '--p', 1000), (v) => Number.isSafeInteger(v) && (v as number) >= 1],
      ['non-negative', (t) => parseNonNegativeInteger(t, '--n'), (v) => Number.isSafeInteger(v) && (v as number) >= 0],
      ['number', (t) => parsePositiveNumber(t, '--f'), (v) => Number.isFinite(v) && (v as number) > 0],
      [
        'integer list',
        (t) => parseIntegerList(t, '--l'),
        (v) =>
          (v as number[]).every((n) => Number.isSafeInteger(n) && n > 0) &&
          new Set(v as number[]).size === (v as number[]).length,
      ],
      ['name list', (t) => parseList(t, '--s'), (v) => (v as string[]).every((s) => s.trim() === s && s !== '')],
    ];
    let accepted = 0;
    for (let i = 0; i < 2000; i++) {
      // Random compositions of nasty fragments, so that the parsers also see what nobody listed.
      const text = Array.from({ length: 1 + Math.floor(random() * 3) }, () => pick(random, anything)).join(
        pick(random, ['', ',', ' ', '.', 'e', '-']),
      );
      const [name, parse, valid] = pick(random, parsers);
      let value: unknown;
      try {
        value = parse(text);
      } catch (error) {
        expect(isInputError(error), `${name} ${JSON.stringify(text)}: ${error}`).toBe(true);
        const message = (error as Error).message;
        expect(message).not.toContain('\n');
        expect(message).toMatch(/^--[pnfls]: /);
        continue;
      }
      accepted++;
      expect(valid(value), `${name} ${JSON.stringify(text)} gave ${JSON.stringify(value)}`).toBe(true);
    }
    expect(accepted).toBeGreaterThan(0); // the generator does produce valid input too
  });
});

describe(`coresweep run with one fault among valid options (seed ${SEED})`, () => {
  const inProcess = cases(SEED, 150);

  it('refuses 150 random vectors in-process with one line naming the fault', async () => {
    for (const c of inProcess) {
      const context = `${c.fault}: coresweep run ${c.argv.map((a) => JSON.stringify(a)).join(' ')}`;
      let error: unknown = null;
      try {
        await runCommand(c.argv, ROOT);
      } catch (e) {
        error = e;
      }
      expect(error, context).not.toBeNull();
      expect(isInputError(error), `${context}: ${String(error)}`).toBe(true);
      const message = (error as Error).message;
      expect(message, context).not.toContain('\n');
      expect(message, context).toContain(c.names);
    }
  }, 60_000);

  // Real processes for a sample (each start costs a few hundred ms); NUL cannot travel in argv.
  const sample = cases(SEED + 1, 12).filter((c) => !c.argv.some((a) => a.includes('\0')));
  it.each(sample.map((c) => [c.fault, c] as const))('the CLI: %s exits 2 with one line', async (_fault, c) => {
    const result = await runCli(['run', ...c.argv], { cwd: dir });
    const context = `coresweep run ${c.argv.map((a) => JSON.stringify(a)).join(' ')}\n${result.all}`;
    expect(result.exitCode, context).toBe(2);
    expect(result.stdout, context).toBe('');
    const lines = errorLines(result.stderr);
    expect(lines, context).toHaveLength(1);
    expect(lines[0], context).toMatch(/^coresweep: /);
    expect(lines[0], context).toContain(c.names);
    expect(result.stderr).not.toMatch(STACK_FRAME);
  });
});
