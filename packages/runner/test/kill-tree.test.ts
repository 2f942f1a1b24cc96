import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { killTree } from '../src/kill-tree.js';
import { processesWithMarker, waitFor } from './processes.js';

describe('killTree', () => {
  it('walks the tree with taskkill (tree-kill) on Windows, which has no process groups to signal', () => {
    const killed: Array<[number, string]> = [];
    let done = false;
    killTree(
      4242,
      {
        platform: 'win32',
        killDescendants: (pid, signal, callback) => {
          killed.push([pid, signal]);
          callback();
        },
      },
      () => {
        done = true;
      },
    );
    expect(killed).toEqual([[4242, 'SIGKILL']]);
    expect(done).toBe(true);
  });

  it('kills the whole process group elsewhere, a grandchild included', async () => {
    // A group leader that starts a child ignoring SIGTERM, then prints the child's pid.
    const script =
      "const c=require('node:child_process').spawn(process.execPath,['-e','process.on(\"SIGTERM\",()=>{});setInterval(()=>{},1e3)'],{stdio:'ignore'});console.log(c.pid);setInterval(()=>{},1e3)";
    const marker = `CORESWEEP_KILL_TREE_TEST_${process.pid}`;
    const leader = spawn(process.execPath, ['-e', script], {
      detached: true,
      stdio: ['ignore', 'pipe', 'ignore'],
      env: { ...process.env, [marker]: '1' },
    });
    const grandchild = await new Promise<number>((resolve) => leader.stdout.once('data', (d) => resolve(Number(d))));
    expect(processesWithMarker(marker)).toContain(grandchild);
    const exited = new Promise((resolve) => leader.once('exit', resolve));
    killTree(leader.pid, { platform: 'linux' });
    await exited;
    expect(await waitFor(() => processesWithMarker(marker).length === 0, 5000, 20)).toBe(true);
  });

  it('is quiet about a tree that is already gone, and about no pid at all', () => {
    expect(() => killTree(2 ** 22 + 17, { platform: 'linux' })).not.toThrow();
    let done = false;
    killTree(undefined, {}, () => {
      done = true;
    });
    expect(done).toBe(true);
  });
});
