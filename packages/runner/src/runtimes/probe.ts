/** Runs probe-main.js under a runtime and reads back its description: proof that the binary runs, and what it is. */
import { fileURLToPath } from 'node:url';
import { CoresweepError, type RuntimeInfo } from '@coresweep/core';
import { execa } from 'execa';
import type { Launch } from './launch.js';

const PROBE_MAIN = fileURLToPath(new URL('./probe-main.js', import.meta.url));

/** A runtime that cannot print a line of JSON in this long is broken (a first start of Deno takes about a second). */
const PROBE_TIMEOUT_MS = 60_000;

export async function probeRuntime(launch: Launch, what: string): Promise<RuntimeInfo> {
  const result = await execa(launch.command, [...launch.args, PROBE_MAIN], {
    reject: false,
    timeout: PROBE_TIMEOUT_MS,
    stdin: 'ignore',
  });
  const fail = (why: string) => new CoresweepError('E_RUNTIME', `runtime ${what}: ${launch.command} ${why}`);
  if (result.failed) throw fail(`does not run: ${String(result.stderr || result.shortMessage || '').split('\n')[0]}`);
  try {
    const info = JSON.parse(
      String(result.stdout ?? '')
        .trim()
        .split('\n')
        .at(-1) ?? '',
    ) as RuntimeInfo | null;
    if (info && typeof info.name === 'string' && typeof info.version === 'string' && typeof info.engine === 'string') {
      return { name: info.name, version: info.version, engine: info.engine };
    }
  } catch {
    // reported below
  }
  throw fail(`printed no runtime description: ${JSON.stringify(String(result.stdout ?? '').slice(0, 200))}`);
}
