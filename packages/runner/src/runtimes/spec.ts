/**
 * `--runtimes node,node@24,bun,deno@2`: which runtimes a run's cell processes start with. `node` alone is the Node that
 * runs coresweep; `node@MAJOR`, `bun[@VERSION]` and `deno[@VERSION]` name a version or a prefix of one (`1`, `1.4`,
 * `1.4.5`); without a version, Bun and Deno mean the newest one in the cache, or the registry's latest.
 */
import { CoresweepError } from '@coresweep/core';

export const RUNTIME_NAMES = ['node', 'bun', 'deno'] as const;
export type RuntimeName = (typeof RUNTIME_NAMES)[number];

export interface RuntimeSpec {
  name: RuntimeName;
  /** A version or a prefix of one; undefined: the running Node, or any version of Bun or Deno. */
  version?: string;
}

const SPEC_PATTERN = /^(node|bun|deno)(?:@(\d+(?:\.\d+){0,2}))?$/;

export const RUNTIME_SPEC_HELP = 'node, node@MAJOR, bun[@VERSION], deno[@VERSION]';

/** One entry of --runtimes, or of a run's recorded runtimes (`bun@1.4.5`). */
export function parseRuntimeSpec(text: string, flag = '--runtimes'): RuntimeSpec {
  const match = SPEC_PATTERN.exec(text.trim());
  if (!match) {
    throw new CoresweepError(
      'E_USAGE',
      `${flag}: ${JSON.stringify(text)} is not a runtime (valid: ${RUNTIME_SPEC_HELP}; e.g. node@24, bun@1.4)`,
    );
  }
  const name = match[1] as RuntimeName;
  return match[2] === undefined ? { name } : { name, version: match[2] };
}

export function specText(spec: RuntimeSpec): string {
  return spec.version === undefined ? spec.name : `${spec.name}@${spec.version}`;
}
