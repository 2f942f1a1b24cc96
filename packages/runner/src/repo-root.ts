import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The workspace root: the nearest ancestor of `from` holding pnpm-workspace.yaml. Discovery, default result and
 * report paths hang off it, so `pnpm coresweep` behaves the same from any sub-directory.
 */
export function findRepoRoot(from: string = dirname(fileURLToPath(import.meta.url))): string | null {
  let dir = resolve(from);
  for (;;) {
    if (existsSync(join(dir, 'pnpm-workspace.yaml'))) return dir;
    const parent = dirname(dir);
    if (parent === dir) return null;
    dir = parent;
  }
}

/** The repo root this runner was built in, or the current directory when it runs outside a workspace. */
export function defaultRoot(): string {
  return findRepoRoot() ?? process.cwd();
}
