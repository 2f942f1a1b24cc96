/**
 * Result files are data from anywhere: seeded random mutations of a real result file — truncated, fields missing,
 * retyped or added, numbers too large for a double (1e400 parses as Infinity), a wrong schemaVersion, not JSON at
 * all, markup in names and texts — given to the reader every command shares (core's parseResultFile), then a sample
 * to `coresweep compare` and one bad file among good ones to `coresweep report`.
 *
 * Property: a file is either accepted as a valid result file, or refused with an input error whose message names
 * the file and the field (or says it is not JSON) — never another exception, never a stack trace.
 * Unknown extra fields are accepted and dropped: readers stay forward compatible with files from newer versions
 * that only add fields (a change of meaning needs a new schemaVersion, which is refused).
 *
 * Reproduce a failure with CORESWEEP_FUZZ_SEED=<the seed in the test name>.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRandom, isInputError, parseResultFile } from '@coresweep/core';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT } from './helpers.js';
import { errorLines, runCli, STACK_FRAME } from './spawn-cli.js';

const SEED = Number(process.env.CORESWEEP_FUZZ_SEED ?? 19_700_101);
const dir = mkdtempSync(join(tmpdir(), 'coresweep-fuzz-results-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A real run's file (the report's fixture, written by the runner's own code paths): 119 cells, all field kinds. */
const GOOD_TEXT = readFileSync(join(ROOT, 'apps/report/test/fixtures/synthetic-run.json'), 'utf8');
const GOOD = JSON.parse(GOOD_TEXT) as Record<string, unknown>;

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Path = (string | number)[];
type Random = () => number;
const pick = <T>(random: Random, list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;

/** As the reader names fields: cells[3].wallMs.median */
function describePath(path: Path): string {
  if (path.length === 0) return '(root)';
  return path.map((key, i) => (typeof key === 'number' ? `[${key}]` : i === 0 ? key : `.${key}`)).join('');
}

/** Every path in the document, leaves and containers; the long cell arrays are sampled to keep this small. */
function paths(value: Json, prefix: Path = [], out: Path[] = []): Path[] {
  out.push(prefix);
  if (Array.isArray(value)) {
    const indexes = value.length > 4 ? [0, 1, value.length - 1] : value.map((_, i) => i);
    for (const i of indexes) paths(value[i] as Json, [...prefix, i], out);
  } else if (value !== null && typeof value === 'object') {
    for (const key of Object.keys(value)) paths(value[key] as Json, [...prefix, key], out);
  }
  return out;
}

function at(root: Json, path: Path): Json {
  return path.reduce<Json>((node, key) => (node as Record<string | number, Json>)[key] as Json, root);
}

const clone = (): Json => JSON.parse(GOOD_TEXT) as Json;
const ALL_PATHS = paths(GOOD as Json);
const OBJECT_PATHS = ALL_PATHS.filter((p) => {
  const node = at(GOOD as Json, p);
  // config.sizes is a map from workload id to sizes, not a record of fixed fields.
  return node !== null && typeof node === 'object' && !Array.isArray(node) && p.at(-1) !== 'sizes';
});
const LEAF_PATHS = ALL_PATHS.filter((p) => {
  const node = at(GOOD as Json, p);
  return node === null || typeof node !== 'object';
});
const NUMBER_PATHS = LEAF_PATHS.filter((p) => typeof at(GOOD as Json, p) === 'number');
const STRING_PATHS = LEAF_PATHS.filter((p) => typeof at(GOOD as Json, p) === 'string');

const MARKUP = [
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '"><svg onload=alert(1)>',
  '{{constructor.constructor("alert(1)")()}}',
  '\u001b[2J\u001b]0;owned\u0007',
  "=cmd|' /C calc'!A0",
  '| a | b |',
  '',
  'x'.repeat(10_000),
];
const OTHER_VALUES: Json[] = [null, true, 0, -1, 1.5, '', 'text', [], {}, [1, 2], { a: 1 }];

interface Mutation {
  kind: string;
  text: string;
  /** The field the message must name (the path or one of its ancestors), when the mutation touches one. */
  path?: Path;
  /** Must be accepted. */
  accept?: boolean;
  /** Checked on the parsed result when accepted. */
  check?: (parsed: Record<string, unknown>) => void;
}

function mutate(random: Random): Mutation {
  const doc = clone();
  const kind = pick(random, ['truncate', 'delete', 'retype', 'extra', 'huge', 'version', 'not-json', 'markup']);
  switch (kind) {
    case 'truncate': {
      const trimmed = GOOD_TEXT.trimEnd();
      return { kind, text: trimmed.slice(0, Math.floor(random() * trimmed.length)) };
    }
    case 'delete': {
      const path = pick(
        random,
        ALL_PATHS.filter((p) => p.length > 0 && typeof p.at(-1) === 'string'),
      );
      delete (at(doc, path.slice(0, -1)) as Record<string, Json>)[path.at(-1) as string];
      return { kind, text: JSON.stringify(doc), path };
    }
    case 'retype': {
      const path = pick(
        random,
        LEAF_PATHS.filter((p) => p.length > 0),
      );
      const original = at(doc, path);
      const value = pick(
        random,
        OTHER_VALUES.filter((v) => typeof v !== typeof original),
      );
      (at(doc, path.slice(0, -1)) as Record<string | number, Json>)[path.at(-1) as string] = value;
      return { kind, text: JSON.stringify(doc), path };
    }
    case 'extra': {
      const path = pick(random, OBJECT_PATHS);
      const key = pick(random, ['futureField', 'x-vendor', '__proto__x', 'évolution', '<b>k</b>']);
      (at(doc, path) as Record<string, Json>)[key] = pick(random, [...OTHER_VALUES, pick(random, MARKUP)]);
      return {
        kind,
        text: JSON.stringify(doc),
        accept: true,
        check: (parsed) => expect(Object.keys(at(parsed as Json, path) as object)).not.toContain(key),
      };
    }
    case 'huge': {
      const path = pick(random, NUMBER_PATHS);
      const marker = '"__HUGE__"';
      (at(doc, path.slice(0, -1)) as Record<string | number, Json>)[path.at(-1) as string] = '__HUGE__';
      const text = JSON.stringify(doc, null, pick(random, [0, 2])).replace(marker, pick(random, ['1e400', '-1e400']));
      return { kind, text, path };
    }
    case 'version': {
      const value = pick(random, ['0', '2', '"1"', 'null', '-1', '1e400', '1.5', '[1]']);
      return {
        kind,
        text: GOOD_TEXT.replace('"schemaVersion": 1', `"schemaVersion": ${value}`),
        path: ['schemaVersion'],
      };
    }
    case 'not-json': {
      const text = pick(random, [
        '',
        ' ',
        'null',
        '[]',
        '"a string"',
        '42',
        '<!DOCTYPE html><html><body>404</body></html>',
        `${GOOD_TEXT.slice(0, 100)}<<<<<<< HEAD`,
        GOOD_TEXT.replace(/\n}\s*$/, ',\n}'),
        String.fromCharCode(...Array.from({ length: 64 }, () => Math.floor(random() * 256))),
        '{"schemaVersion": 1, "cells": NaN}',
      ]);
      return { kind, text };
    }
    default: {
      // Markup in free text is data and must be kept verbatim; in an id it is refused (ids become file names,
      // URLs and CSS classes in the report).
      const path = pick(random, STRING_PATHS);
      const markup = pick(
        random,
        MARKUP.filter((m) => m !== ''),
      );
      (at(doc, path.slice(0, -1)) as Record<string | number, Json>)[path.at(-1) as string] = markup;
      return { kind, text: JSON.stringify(doc), path };
    }
  }
}

function ancestors(path: Path): string[] {
  return path.map((_, i) => describePath(path.slice(0, i + 1)));
}

describe(`result files from elsewhere, parsed (seed ${SEED})`, () => {
  it('400 random mutations: accepted, or one input error naming the file and the field', () => {
    const random = createRandom(SEED);
    const seen = new Map<string, { accepted: number; refused: number }>();
    for (let i = 0; i < 400; i++) {
      const m = mutate(random);
      const name = `mutant-${i}.json`;
      const counts = seen.get(m.kind) ?? { accepted: 0, refused: 0 };
      seen.set(m.kind, counts);
      const context = `${m.kind}${m.path ? ` at ${describePath(m.path)}` : ''}`;
      let parsed: Record<string, unknown> | null = null;
      try {
        parsed = parseResultFile(m.text, name) as unknown as Record<string, unknown>;
      } catch (error) {
        expect(isInputError(error), `${context}: ${String(error)}`).toBe(true);
        const message = (error as Error).message;
        expect(message.startsWith(`${name}: `), `${context}: ${message}`).toBe(true);
        expect(message).not.toMatch(STACK_FRAME);
        if (!message.startsWith(`${name}: not valid JSON`)) {
          expect(message, context).not.toContain('\n');
          // The field or the object it belongs to is named (a missing key is reported on the key itself).
          if (m.path) {
            const named = ancestors(m.path).some(
              (p) => message.includes(`${name}: ${p}`) || message.includes(`; ${p}`),
            );
            expect(named, `${context}: ${message}`).toBe(true);
          }
        }
        expect(m.accept, `${context} must be accepted: ${message}`).not.toBe(true);
        counts.refused++;
        continue;
      }
      counts.accepted++;
      expect(m.kind === 'truncate' || m.kind === 'not-json' || m.kind === 'huge', context).toBe(false);
      m.check?.(parsed);
    }
    // Every kind of mutation was exercised.
    expect([...seen.keys()].sort()).toEqual(
      ['delete', 'extra', 'huge', 'markup', 'not-json', 'retype', 'truncate', 'version'].sort(),
    );
  });

  it('markup in free text is kept verbatim; in an id it is refused naming the field', () => {
    const doc = clone() as Record<string, Json>;
    const strategies = doc.strategies as { [k: string]: Json }[];
    strategies[0]!.title = '<script>alert(1)</script>';
    (doc.machine as Record<string, Json>).cpuModel = '<img src=x onerror=alert(1)>';
    const parsed = parseResultFile(JSON.stringify(doc), 'markup.json');
    expect(parsed.strategies[0]?.title).toBe('<script>alert(1)</script>');
    expect(parsed.machine.cpuModel).toBe('<img src=x onerror=alert(1)>');
    strategies[0]!.id = '<b>serial</b>';
    expect(() => parseResultFile(JSON.stringify(doc), 'markup.json')).toThrow(
      /^markup\.json: strategies\[0\]\.id: must be lowercase letters, digits and dashes$/,
    );
  });

  it('1e400 parses as Infinity and is refused, naming the field', () => {
    const text = GOOD_TEXT.replace(/"memoryBytes": \d+/, '"memoryBytes": 1e400');
    expect(() => parseResultFile(text, 'huge.json')).toThrow(/^huge\.json: machine\.memoryBytes: .*Infinity$/);
  });

  // V8's JSON.parse message quotes the text around the error, line breaks included: the message must still be one line.
  it('a JSON syntax error near a line break is still reported on one line', () => {
    let message = '';
    try {
      parseResultFile(`\uFEFF${GOOD_TEXT.replace('{', '{,')}`, 'bom.json');
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toMatch(/^bom\.json: not valid JSON/);
    expect(message).not.toContain('\n');
  });

  it('a byte-order mark before valid JSON is accepted', () => {
    expect(parseResultFile(`\uFEFF${GOOD_TEXT}`, 'bom.json').schemaVersion).toBe(1);
  });
});

describe('coresweep compare with bad files', () => {
  const base = join(dir, 'base.json');
  writeFileSync(base, GOOD_TEXT);
  const write = (name: string, text: string) => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  };

  it.each([
    [
      'a number beyond double range',
      'huge.json',
      GOOD_TEXT.replace(/"usableCores": \d+/, '"usableCores": 1e400'),
      /huge\.json: machine\.usableCores: /,
    ],
    ['a missing field', 'missing.json', GOOD_TEXT.replace('"runtime":', '"runtimeX":'), /missing\.json: runtime: /],
    ['a wrong type', 'type.json', GOOD_TEXT.replace(/"state": "\w+"/, '"state": 7'), /type\.json: state: /],
    [
      'an HTML page',
      'page.json',
      '<!DOCTYPE html>\n<html><body>Not Found</body></html>\n',
      /page\.json: not valid JSON/,
    ],
    [
      'markup as a strategy id',
      'id.json',
      GOOD_TEXT.replace('"id": "serial"', '"id": "<i>serial</i>"'),
      /id\.json: strategies\[0\]\.id: must be lowercase/,
    ],
  ])('%s: exit 2, one line naming the file and the field', async (_name, file, text, message) => {
    const result = await runCli(['compare', base, write(file, text)], { cwd: dir });
    expect(result.exitCode, result.all).toBe(2);
    expect(result.stdout).toBe('');
    const lines = errorLines(result.stderr);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(message);
    expect(result.stderr).not.toMatch(STACK_FRAME);
  });

  it('extra unknown fields are accepted (forward compatible) and compare as usual', async () => {
    const doc = JSON.parse(GOOD_TEXT) as Record<string, unknown>;
    doc.futureTopLevel = { anything: [1, 2, 3] };
    (doc.machine as Record<string, unknown>).gpuModel = 'a newer field';
    (doc.cells as Record<string, unknown>[])[0]!.energyJoules = 12.5;
    const result = await runCli(['compare', base, write('extra.json', JSON.stringify(doc))], { cwd: dir });
    expect(result.exitCode, result.all).toBe(0);
    expect(result.stdout).toMatch(/of \d+ compared cells/);
  });

  // The caution line quotes the CPU model of a result file: control sequences in it must not reach the terminal.
  it('terminal control sequences from a file never reach the terminal', async () => {
    const doc = JSON.parse(GOOD_TEXT) as { machine: { cpuModel: string }; cells: { error: string | null }[] };
    doc.machine.cpuModel = 'Evil \u001b]0;owned\u0007\u001b[2J CPU';
    const result = await runCli(['compare', base, write('escape.json', JSON.stringify(doc))], { cwd: dir });
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toContain('Evil');
    expect(result.stdout).not.toContain('\u001b');
  });
});

describe('coresweep report with one bad file among good ones', () => {
  const results = join(dir, 'results');
  const site = join(dir, 'site');
  const good = JSON.parse(GOOD_TEXT) as {
    strategies: { title: string; description: string }[];
    machine: { cpuModel: string };
    cells: { status: string; error: string | null }[];
  };
  good.strategies[1]!.title = 'Async <script>alert("title")</script>';
  good.strategies[1]!.description = '<img src=x onerror=alert("description")>';
  good.machine.cpuModel = 'CPU <svg onload=alert("cpu")>';
  for (const cell of good.cells.filter((c) => c.status !== 'ok')) cell.error = '<script>alert("error")</script>';
  const write = (name: string, text: string) => {
    writeFileSync(join(results, name), text);
  };

  it('stops with one line naming the file and the field, or skips it with a warning and builds the rest', async () => {
    mkdirSync(results, { recursive: true });
    write('a-good.json', JSON.stringify(good, null, 2));
    write('b-bad.json', GOOD_TEXT.replace(/"median": [\d.e+-]+/, '"median": 1e400'));

    const strict = await runCli(['report', '--results', results, '--out', site], { cwd: dir });
    expect(strict.exitCode, strict.all).toBe(2);
    const lines = errorLines(strict.stderr);
    expect(lines, strict.stderr).toHaveLength(1);
    expect(lines[0]).toMatch(/b-bad\.json: cells\[\d+\]\.wallMs\.median: .*Infinity/);
    expect(strict.stderr).not.toMatch(STACK_FRAME);

    const lenient = await runCli(['report', '--results', results, '--out', site, '--skip-invalid'], {
      cwd: dir,
      timeout: 180_000,
    });
    expect(lenient.exitCode, lenient.all).toBe(0);
    const warnings = lenient.stderr.split('\n').filter((line) => line.includes('b-bad.json'));
    expect(warnings).toEqual([
      expect.stringMatching(/^warning: skipping .*b-bad\.json: cells\[\d+\]\.wallMs\.median: /),
    ]);
    expect(lenient.stdout).toContain(join(site, 'index.html'));

    // The good file was rendered, and none of its markup became markup of the site.
    const html = readdirSync(site, { recursive: true, encoding: 'utf8' })
      .filter((name) => name.endsWith('.html'))
      .map((name) => readFileSync(join(site, name), 'utf8'))
      .join('\n');
    expect(html.includes('Async &lt;script&gt;alert(&quot;title&quot;)')).toBe(true);
    expect(html.includes('CPU &lt;svg onload=alert(&quot;cpu&quot;)&gt;')).toBe(true);
    // Inside a quoted attribute value (data-value="…", quotes escaped) a < is inert text: look outside them.
    const outsideAttributes = html.replace(/="[^"]*"/g, '=""');
    for (const raw of ['<script>alert(', '<img src=x onerror', '<svg onload']) {
      expect(outsideAttributes.includes(raw), `raw ${raw} in the site`).toBe(false);
    }
  }, 240_000);
});
