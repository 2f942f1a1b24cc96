/**
 * Which runtime this process is: Node, Bun or Deno, with its version and engine. Run in the runner's own process (the
 * running Node) and, as the probe, under every runtime a run asks for, so every cell's `runtime` is described by the
 * same code. Bun and Deno both present themselves as some Node version through `process.versions.node`: their own
 * globals come first.
 */
import type { RuntimeInfo } from '@coresweep/core';

interface RuntimeGlobals {
  Deno?: { version: { deno: string; v8: string } };
}

export function describeThisRuntime(): RuntimeInfo {
  const deno = (globalThis as RuntimeGlobals).Deno;
  if (deno) return { name: 'deno', version: deno.version.deno, engine: `V8 ${deno.version.v8}` };
  const versions = process.versions as NodeJS.ProcessVersions & { bun?: string; webkit?: string };
  if (versions.bun) {
    const webkit = versions.webkit ? ` (WebKit ${versions.webkit.slice(0, 7)})` : '';
    return { name: 'bun', version: versions.bun, engine: `JavaScriptCore${webkit}` };
  }
  return { name: 'node', version: versions.node, engine: `V8 ${versions.v8}` };
}
