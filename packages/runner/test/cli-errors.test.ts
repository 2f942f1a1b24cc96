/** Bad input: one line naming the problem (and the valid choices), exit code 2, never a stack trace. */
import { describe, expect, it } from 'vitest';
import { cli, expectOneLineError, FIXTURES, runArgs } from './helpers.js';

const cases: [string, string[], RegExp][] = [
  ['unknown strategy', ['run', '--strategies', 'nope'], /unknown strategy "nope" \(valid: serial, .*worker-threads/],
  ['unknown workload', ['run', '--workloads', 'nope'], /unknown workload "nope" \(valid: .*do-math.*primes/],
  ['zero workers', ['run', '--workers', '0'], /--workers: "0" is not a positive integer/],
  ['negative workers', ['run', '--workers', '-1'], /--workers/],
  ['non-integer size', ['run', '--sizes', 'abc'], /--sizes: "abc" is not a positive integer/],
  ['fractional size', ['run', '--sizes', '2.5'], /--sizes: "2.5" is not a positive integer/],
  ['NaN repetitions', ['run', '--repetitions', 'NaN'], /--repetitions: "NaN" is not a positive integer/],
  ['zero precision', ['run', '--precision', '0'], /--precision: "0" is not a percentage between 0 and 100/],
  ['precision as a word', ['run', '--precision', 'high'], /--precision: "high" is not a percentage/],
  [
    'max below the minimum',
    ['run', '--precision', '2', '--repetitions', '5', '--max-repetitions', '4'],
    /--max-repetitions: 4 is fewer than the 5 repetition\(s\) every cell gets first/,
  ],
  ['a cap without a target', ['run', '--time-cap', '60'], /--time-cap: needs a --precision target/],
  [
    'a maximum with fixed repetitions',
    ['run', '--preset', 'full', '--repetitions', '3', '--max-repetitions', '9'],
    /--max-repetitions: needs a --precision target/,
  ],
  ['duplicate workers', ['run', '--workers', '2,2'], /--workers: 2 is listed twice/],
  [
    'a history directory that is not there',
    ['run', '--workloads', 'do-math', '--strategies', 'serial', '--history', 'no-such-dir'],
    /--history: no-such-dir is not a directory \(give a directory of result files, or off\)/,
  ],
  ['empty list item', ['run', '--strategies', 'serial,'], /--strategies: empty item/],
  ['unknown flag', ['run', '--frobnicate'], /Unknown option '--frobnicate' \(valid options: --preset/],
  ['unknown preset', ['run', '--preset', 'huge'], /--preset: unknown preset "huge" \(valid: quick, full\)/],
  ['huge worker count', ['run', '--workers', '100000'], /larger than the maximum 1024/],
  [
    'unknown transport',
    ['run', '--transports', 'clone,pigeon'],
    /--transports: unknown transport "pigeon" \(valid: clone, transfer, shared, json, advanced\)/,
  ],
  ['duplicate transport', ['run', '--transports', 'json,json'], /--transports: json is listed twice/],
  ['missing strategy file', ['run', '--strategy', './missing.js'], /missing\.js: no such file/],
  ['invalid strategy module', ['run', '--strategy', `${FIXTURES}not-a-strategy.mjs`], /id "Bad Id" must be lowercase/],
  [
    'unknown command',
    ['frobnicate'],
    /unknown command "frobnicate" \(valid: run, list, report, compare, export, new, runtimes\)/,
  ],
  ['unknown runtime', ['run', '--runtimes', 'rhino'], /--runtimes: "rhino" is not a runtime \(valid: node, node@MAJOR/],
  ['runtime tag', ['run', '--runtimes', 'bun@latest'], /--runtimes: "bun@latest" is not a runtime/],
  ['runtime twice', ['run', '--runtimes', 'node,node'], /--runtimes: node is listed twice/],
  [
    'one runtime two ways',
    ['run', '--runtimes', `node,node@${process.versions.node.split('.')[0]}`],
    /--runtimes: node and node@\d+ are the same runtime \(node \d+\.\d+\.\d+\)/,
  ],
  ['runtime option with --resume', ['run', '--resume', 'x.json', '--runtimes', 'bun'], /drop --runtimes/],
  ['bad timeout', ['run', '--timeout', '-5'], /--timeout/],
  ['machine name with a slash', ['run', '--machine', 'my/box'], /--machine: "my\/box" is not a machine name/],
  ['tiny timeout', ['run', '--timeout', '1e-300'], /--timeout: 1e-300 is smaller than the minimum 0.5 s/],
];

describe('coresweep CLI bad input', () => {
  it.each(cases)('%s exits 2 with one clear line', async (_name, args, message) => {
    const result = await cli(args);
    expectOneLineError(result, message);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it('a run that would take days asks for --yes', async () => {
    const result = await cli(
      runArgs({ workloads: 'do-math', sizes: 9000000000, strategies: 'serial', repetitions: 1000, timeout: 0.5 }),
    );
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toMatch(/estimated to take .* pass --yes/);
  });
});
