#!/usr/bin/env node
// `pnpm coresweep ...`: builds the workspace (a no-op when nothing changed), then runs the compiled CLI.
// Measurements always run compiled JavaScript from dist/, never TypeScript through a loader.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const cli = fileURLToPath(new URL('../packages/runner/dist/cli.js', import.meta.url));
// The first lines a user sees are coresweep's own: turbo's one-time telemetry notice and its update notice are
// switched off for this build (errors still reach stderr).
const build = spawnSync('pnpm', ['exec', 'turbo', 'run', 'build', '--output-logs=errors-only'], {
  cwd: root,
  stdio: ['ignore', 'ignore', 'inherit'],
  env: { ...process.env, TURBO_TELEMETRY_DISABLED: '1', TURBO_NO_UPDATE_NOTIFIER: '1' },
});
if (build.status !== 0) {
  console.error('coresweep: the build failed; run `pnpm build` to see why');
  process.exit(2);
}
if (!existsSync(cli)) {
  console.error(`coresweep: ${cli} is missing after the build`);
  process.exit(2);
}
const child = spawn(process.execPath, [cli, ...process.argv.slice(2)], { stdio: 'inherit' });
// A terminal's Ctrl-C reaches the CLI directly (same process group); a signal sent to this wrapper alone is
// passed on. Either way the wrapper waits for the CLI to save its results and exits with its code.
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, () => child.kill(signal));
}
child.on('exit', (code, signal) => {
  const signalCodes = { SIGHUP: 129, SIGINT: 130, SIGTERM: 143 };
  process.exit(code ?? signalCodes[signal] ?? 1);
});
