/** Liveness probes the conformance suite uses to prove nothing outlives close(). */
import { readFileSync } from 'node:fs';

/** True while `pid` exists (signal 0 probes without signalling); EPERM means it exists but is not ours. */
export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
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
