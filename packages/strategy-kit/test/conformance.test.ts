/**
 * Runs the conformance suite over every strategy package under packages/strategies/ (built dist output: run
 * `npx turbo run build` first). Discovery here is deliberately tiny — the `coresweep.strategy` field of each
 * package.json — until the runner's own discovery replaces it.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describeStrategyConformance } from '@coresweep/strategy-kit/conformance';
import { describe, expect, it } from 'vitest';

const strategiesDir = new URL('../../strategies/', import.meta.url);

const discovered = readdirSync(strategiesDir, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .flatMap((entry) => {
    const packageUrl = new URL(`${entry.name}/package.json`, strategiesDir);
    const manifest = JSON.parse(readFileSync(packageUrl, 'utf8')) as { coresweep?: { strategy?: string } };
    const entryPoint = manifest.coresweep?.strategy;
    return entryPoint ? [{ name: entry.name, url: new URL(entryPoint, packageUrl).href }] : [];
  });

describe('strategy discovery', () => {
  it('finds the five strategies of this repository', () => {
    expect(discovered.map((s) => s.name).sort()).toEqual(
      expect.arrayContaining(['async', 'child-process', 'cluster', 'serial', 'worker-threads']),
    );
  });
});

for (const { name, url } of discovered) describeStrategyConformance(url, { name });
