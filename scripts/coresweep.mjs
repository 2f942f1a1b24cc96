#!/usr/bin/env node
// `pnpm coresweep ...`: builds the workspace (a no-op when nothing changed), then runs the compiled CLI.
// Measurements always run compiled JavaScript from dist/, never TypeScript through a loader.
//
// One package that does not build (a plugin just scaffolded and not yet installed, a half-made edit) must not take
// the tool down: the build carries on past it, and the CLI is told which packages failed (CORESWEEP_BUILD_FAILURES),
// so that `list` and `run` leave them out with their first error. Only a failure of the CLI itself, or of a package
// it is built from, stops here.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { constants } from 'node:os';
import { isAbsolute, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const cli = fileURLToPath(new URL('../packages/runner/dist/cli.js', import.meta.url));
const RUNNER_TASK = '@coresweep/runner#build';

// The first lines a user sees are coresweep's own: turbo's one-time telemetry notice and its update notice are
// switched off for this build. Its output is kept: shown in full if the CLI itself cannot be built, and otherwise
// summed up by the CLI, one line per package that failed.
const build = spawnSync(
  'pnpm',
  ['exec', 'turbo', 'run', 'build', '--continue=dependencies-successful', '--output-logs=errors-only', '--summarize'],
  {
    cwd: root,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    maxBuffer: 64 * 1024 * 1024,
    env: { ...process.env, TURBO_TELEMETRY_DISABLED: '1', TURBO_NO_UPDATE_NOTIFIER: '1' },
  },
);
const output = `${build.stdout ?? ''}${build.stderr ?? ''}`;

/** The tasks of turbo's run summary (then deleted: one is written per build), or null when there is none. */
function summaryTasks() {
  const path = /Summary:\s+(\S+\.json)/.exec(output)?.[1];
  if (!path) return null;
  const file = isAbsolute(path) ? path : join(root, path);
  try {
    return JSON.parse(readFileSync(file, 'utf8')).tasks ?? null;
  } catch {
    return null;
  } finally {
    rmSync(file, { force: true });
  }
}

const tasks = summaryTasks();
const failed = (tasks ?? []).filter((task) => task.execution?.exitCode !== 0);
const runnerBuilt = tasks !== null && !failed.some((task) => task.taskId === RUNNER_TASK);
if (build.status !== 0 && !runnerBuilt) {
  process.stderr.write(output);
  console.error('coresweep: the build failed; run `pnpm build` to see why');
  process.exit(2);
}
if (!existsSync(cli)) {
  console.error(`coresweep: ${cli} is missing after the build`);
  process.exit(2);
}
// A task that never ran (a package it depends on failed) has no log of this build.
const failures = failed.map((task) => ({
  directory: join(root, task.directory),
  log: task.execution && task.logFile ? join(root, task.logFile) : null,
}));
const env = failures.length > 0 ? { ...process.env, CORESWEEP_BUILD_FAILURES: JSON.stringify(failures) } : process.env;
const child = spawn(process.execPath, [cli, ...process.argv.slice(2)], { stdio: 'inherit', env });
// A terminal's Ctrl-C reaches the CLI directly (same process group); a signal sent to this wrapper alone is
// passed on. Either way the wrapper waits for the CLI to save its results and exits with its code.
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, () => child.kill(signal));
}
// A CLI ended by a signal (killed before it could save, or by SIGKILL) exits as a shell reports it: 128 + its number.
child.on('exit', (code, signal) => {
  process.exit(code ?? 128 + (constants.signals[signal] ?? 0));
});
