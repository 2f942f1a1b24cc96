#!/usr/bin/env node
/**
 * The `coresweep` command. Input errors print one line and exit 2; anything else unexpected prints its stack and
 * exits 1 (it is a bug, and the stack is what a bug report needs).
 */
import { isInputError } from '@coresweep/core';
import { COMPARE_HELP, compareCommand } from './commands/compare.js';
import { EXPORT_HELP, exportCommand } from './commands/export.js';
import { listCommand } from './commands/list.js';
import { NEW_HELP, newCommand } from './commands/new.js';
import { REPORT_HELP, reportCommand } from './commands/report.js';
import { RUN_HELP, runCommand } from './commands/run.js';
import { RUNTIMES_HELP, runtimesCommand } from './commands/runtimes.js';
import { defaultRoot } from './repo-root.js';

const HELP = `coresweep — how does CPU-bound JavaScript scale on this machine?

Usage:
  coresweep run [options]        run the benchmark matrix and write a result file (coresweep run --help)
  coresweep list                 discovered strategies and workloads, with where each came from
  coresweep report [options]     build the static report site from result files (coresweep report --help)
  coresweep compare BASE HEAD    per-cell change between two result files, with significance (coresweep compare --help)
  coresweep export FILE          a result file as CSV, Bencher BMF or hyperfine JSON (coresweep export --help)
  coresweep new strategy NAME    scaffold a strategy package (or: new workload NAME) (coresweep new --help)
  coresweep runtimes             the runtime cache for run --runtimes; --install a,b fetches runtimes into it

Exit codes: 0 all cells ok; 1 the run finished but some cell failed; 2 bad usage or bad input;
129/130/143 interrupted by SIGHUP/SIGINT/SIGTERM (the finished part is saved).

${RUN_HELP}

${REPORT_HELP}

${COMPARE_HELP}

${EXPORT_HELP}

${NEW_HELP}

${RUNTIMES_HELP}`;

// `coresweep run | head` closes our stdout early (EPIPE), and a closed terminal or SSH session turns every write to it
// into EIO: either way the run must go on and still write its result file.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE' && error.code !== 'EIO') throw error;
  });
}

async function main(argv: string[]): Promise<number> {
  const [command, ...args] = argv;
  const root = defaultRoot();
  switch (command) {
    case 'run':
      return (await runCommand(args, root)).exitCode;
    case 'list':
      return listCommand(args, root);
    case 'report':
      return reportCommand(args, root);
    case 'compare':
      return compareCommand(args);
    case 'export':
      return exportCommand(args);
    case 'new':
      return newCommand(args, root);
    case 'runtimes':
      return runtimesCommand(args);
    case undefined:
    case 'help':
    case '--help':
    case '-h':
      process.stdout.write(`${HELP}\n`);
      return command === undefined ? 2 : 0;
    default:
      process.stderr.write(
        `coresweep: unknown command ${JSON.stringify(command)} (valid: run, list, report, compare, export, new, runtimes)\n`,
      );
      return 2;
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    if (isInputError(error)) {
      process.stderr.write(`coresweep: ${error.message}\n`);
      process.exitCode = 2;
    } else {
      process.stderr.write(
        `coresweep: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
      );
      process.exitCode = 1;
    }
  },
);
