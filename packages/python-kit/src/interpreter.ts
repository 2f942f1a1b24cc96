/**
 * Which CPython runs the twins, and whether it is there. `CORESWEEP_PYTHON` names the interpreter (default `python3`
 * on the PATH). Whether it runs, and its version, is asked once per process and command: the runner plans a run by
 * asking every cell's strategy synchronously (`Strategy.unsupported`), so the probe is synchronous too, and the
 * answer is remembered.
 */
import { execaSync } from 'execa';

/** Oldest CPython the server is written for (concurrent.futures initializers, spawn-safe barriers). */
export const MIN_PYTHON: readonly [number, number] = [3, 8];

/** Generous: a cold interpreter behind a version manager's shim on a busy machine still answers within this. */
const PROBE_TIMEOUT_MS = 10_000;

/** The interpreter command: `CORESWEEP_PYTHON`, or `python3` from the PATH. */
export function pythonCommand(): string {
  return process.env.CORESWEEP_PYTHON?.trim() || 'python3';
}

/** What a probe learned: the version, or why the interpreter cannot be used. */
export type Probe = { version: string } | { problem: string };

function probe(command: string): Probe {
  const result = execaSync(command, ['-I', '-c', 'import platform; print(platform.python_version())'], {
    reject: false,
    timeout: PROBE_TIMEOUT_MS,
    stdin: 'ignore',
  });
  if (result.failed) {
    if ((result as { code?: string }).code === 'ENOENT') {
      return {
        problem: `no ${command} on this machine (install CPython ${MIN_PYTHON.join('.')} or later, or set CORESWEEP_PYTHON)`,
      };
    }
    const detail = String(result.stderr || result.shortMessage)
      .trim()
      .split('\n')[0];
    return { problem: `${command} does not run: ${detail}` };
  }
  const version = String(result.stdout).trim();
  const [major = 0, minor = 0] = version.split('.').map(Number);
  if (major < MIN_PYTHON[0] || (major === MIN_PYTHON[0] && minor < MIN_PYTHON[1])) {
    return { problem: `${command} is Python ${version}; the Python strategies need ${MIN_PYTHON.join('.')} or later` };
  }
  return { version };
}

const probes = new Map<string, Probe>();

/** The interpreter's version or its problem, probed once per command and process. */
export function probePython(command = pythonCommand()): Probe {
  let known = probes.get(command);
  if (!known) {
    known = probe(command);
    probes.set(command, known);
  }
  return known;
}
