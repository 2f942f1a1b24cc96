/**
 * Killing a cell's whole process tree. On Linux and macOS every cell is the leader of its own process group and one
 * signal to the group takes threads, forked children and cluster workers with it. Windows has no process groups to
 * signal: there the tree is walked and killed by `taskkill /T /F` (through tree-kill).
 */
import treeKill from 'tree-kill';

export interface KillTreeOptions {
  platform?: NodeJS.Platform;
  /** Kills `pid` and its descendants on Windows (tree-kill by default; the tests pass a fake). */
  killDescendants?: (pid: number, signal: string, done: (error?: Error) => void) => void;
}

/** Kills `pid`'s tree; ignores a tree that is already gone. `done` is called once the kill was sent. */
export function killTree(pid: number | undefined, options: KillTreeOptions = {}, done: () => void = () => {}): void {
  if (pid === undefined) {
    done();
    return;
  }
  const platform = options.platform ?? process.platform;
  if (platform === 'win32') {
    (options.killDescendants ?? treeKill)(pid, 'SIGKILL', () => done());
    return;
  }
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    // ESRCH: nothing left to kill (or, started by hand, not a group leader: the caller handles itself)
  }
  done();
}
