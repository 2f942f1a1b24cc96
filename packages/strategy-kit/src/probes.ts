/** Liveness probes the conformance suite uses to prove nothing outlives close() or its primary. */
import { readFileSync } from 'node:fs';

/**
 * True while `pid` runs. Signal 0 probes without signalling (EPERM: it exists but is not ours). A zombie — exited
 * but not yet reaped, e.g. an orphan waiting for init — counts as gone: it holds no CPU and no memory.
 */
export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
  return processState(pid) !== 'Z';
}

/** The state letter of /proc/<pid>/stat (Linux), or undefined where it cannot be read. */
function processState(pid: number): string | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name in parentheses may itself contain spaces or parentheses: the state follows the last ')'.
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
  } catch {
    return undefined;
  }
}

/** Polls until none of `pids` is alive or `timeoutMs` passes; returns those still alive. */
export async function waitUntilGone(pids: readonly number[], timeoutMs: number): Promise<number[]> {
  const deadline = Date.now() + timeoutMs;
  let alive = pids.filter(isProcessAlive);
  while (alive.length > 0 && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    alive = alive.filter(isProcessAlive);
  }
  return alive;
}

/** OS threads of the current process (Linux /proc), or undefined where that is not available. */
export function threadCount(): number | undefined {
  try {
    const match = /^Threads:\s+(\d+)$/m.exec(readFileSync('/proc/self/status', 'utf8'));
    return match ? Number(match[1]) : undefined;
  } catch {
    return undefined;
  }
}

/** Polls until the thread count drops to `target` (a terminated thread is joined shortly after its exit event). */
export async function waitForThreadCount(target: number, timeoutMs = 5000): Promise<number | undefined> {
  const deadline = Date.now() + timeoutMs;
  let count = threadCount();
  while (count !== undefined && count > target && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 20));
    count = threadCount();
  }
  return count;
}
