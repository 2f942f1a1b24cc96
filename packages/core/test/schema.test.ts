/** The committed JSON Schema must be exactly what the zod definitions generate: it is published to other tools. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseResultFile, validateResultFile } from '../src/result-file.js';
import { resultJsonSchema } from '../src/schema.js';

const committed = JSON.parse(readFileSync(new URL('../schema/result.schema.json', import.meta.url), 'utf8'));

describe('result schema', () => {
  it('matches the committed JSON Schema file (run `pnpm --filter @coresweep/core schema:write` after changing schema.ts)', () => {
    expect(resultJsonSchema()).toEqual(committed);
  });

  it('names the file and the field of a bad result file', () => {
    expect(() => parseResultFile('{"schemaVersion": 1, "id": 5}', 'runs/a.json')).toThrow(/^runs\/a\.json: id: /);
    expect(() => parseResultFile('{not json', 'b.json')).toThrow(/^b\.json: not valid JSON/);
    expect(() => validateResultFile({ schemaVersion: 2 }, 'c.json')).toThrow(
      'c.json: schemaVersion: expected 1, found 2',
    );
    expect(() => validateResultFile([], 'd.json')).toThrow(/^d\.json: /);
  });
});
