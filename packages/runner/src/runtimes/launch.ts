/**
 * How a JavaScript file is started under each runtime. Node and Bun run a file as `BINARY FILE ARGS…`; Deno needs its
 * `run` command and, since a cell process reads /proc, spawns processes and threads and loads code by file URL, every
 * permission (`-A`). The cell process is this file in every case, so the runner speaks one protocol with all of them.
 */
import type { RuntimeName } from './spec.js';

export interface Launch {
  /** The runtime's executable. */
  command: string;
  /** Arguments that come before the script. */
  args: string[];
}

export function launchFor(name: RuntimeName, binary: string): Launch {
  return name === 'deno' ? { command: binary, args: ['run', '-A'] } : { command: binary, args: [] };
}

/** The running Node, with no loader or inspector flags: what every cell ran with before runtimes were an axis. */
export function runningNodeLaunch(): Launch {
  return { command: process.execPath, args: [] };
}
