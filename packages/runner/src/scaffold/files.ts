/**
 * What the scaffolded packages have in common: where they go, whether they live inside a pnpm workspace (then they
 * use `workspace:*` dependencies and extend the workspace's tsconfig.base.json) or outside one (then they name
 * versions and carry a complete tsconfig), and writing the files without ever overwriting anything.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { CoresweepError } from '@coresweep/core';
import { findRepoRoot } from '../repo-root.js';

/** Version ranges for packages outside this workspace (the versions this repository builds and tests with). */
export const EXTERNAL_VERSIONS = {
  coresweep: '^0.1.0',
  vitest: '^4.1.12',
  typescript: '~5.9.3',
  typesNode: '^20.19.43',
} as const;

/** Where a new package lands and how it relates to the workspace around it. */
export interface Placement {
  /** Absolute directory of the new package. */
  dir: string;
  /** The pnpm workspace root when `dir` is one of its package folders, else null. */
  workspaceRoot: string | null;
  /** `extends` path of tsconfig.json (relative, POSIX separators) when the workspace has a tsconfig.base.json. */
  tsconfigBase: string | null;
}

/** Package folder globs of a pnpm-workspace.yaml (`- packages/*` lines); only `dir/*` globs are understood. */
export function workspaceFolders(root: string): string[] {
  const file = join(root, 'pnpm-workspace.yaml');
  if (!existsSync(file)) return [];
  const folders: string[] = [];
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    const match = /^\s*-\s*['"]?([^'"#\s]+)\/\*['"]?\s*(#.*)?$/.exec(line);
    if (match?.[1]) folders.push(match[1].replace(/^\.\//, ''));
  }
  return folders;
}

export function placement(dir: string): Placement {
  const root = findRepoRoot(dirname(dir));
  if (root) {
    const parent = relative(root, dirname(dir)).split(sep).join('/');
    if (workspaceFolders(root).includes(parent)) {
      const base = join(root, 'tsconfig.base.json');
      const tsconfigBase = existsSync(base) ? relative(dir, base).split(sep).join('/') : null;
      return { dir, workspaceRoot: root, tsconfigBase };
    }
  }
  return { dir, workspaceRoot: null, tsconfigBase: null };
}

const STANDALONE_COMPILER_OPTIONS = {
  target: 'ES2023',
  lib: ['ES2023'],
  module: 'NodeNext',
  moduleResolution: 'NodeNext',
  strict: true,
  noUncheckedIndexedAccess: true,
  verbatimModuleSyntax: true,
  isolatedModules: true,
  declaration: true,
  sourceMap: true,
  skipLibCheck: true,
  types: ['node'],
};

/** A JavaScript string literal in the repository's style (single quotes). */
export function quote(text: string): string {
  return `'${text.replaceAll('\\', '\\\\').replaceAll("'", "\\'").replaceAll('\n', '\\n')}'`;
}

/** An object property `key: 'value',` at `indent`, broken after the colon when the line would pass 120 columns. */
export function stringProperty(indent: string, key: string, value: string): string {
  const line = `${indent}${key}: ${quote(value)},`;
  return line.length <= 120 ? line : `${indent}${key}:\n${indent}  ${quote(value)},`;
}

/** JSON as the formatter writes it: two spaces, arrays of plain values on one line. */
export function formatJson(value: unknown): string {
  const text = JSON.stringify(value, null, 2).replace(
    /\[\n\s*([^[\]{}]*?)\n\s*\]/g,
    (_match, items: string) => `[${items.split(/,\n\s*/).join(', ')}]`,
  );
  return `${text}\n`;
}

/** tsconfig.json: compiles src/ to dist/ (tests import dist: only compiled JavaScript is measured). */
export function tsconfigJson(where: Placement): string {
  const config = where.tsconfigBase
    ? { extends: where.tsconfigBase, compilerOptions: { rootDir: 'src', outDir: 'dist' }, include: ['src'] }
    : { compilerOptions: { ...STANDALONE_COMPILER_OPTIONS, rootDir: 'src', outDir: 'dist' }, include: ['src'] };
  return formatJson(config);
}

/** A dependency on a coresweep package: the workspace's own copy inside the workspace, a version range outside. */
export function coresweepDependency(where: Placement): string {
  return where.workspaceRoot ? 'workspace:*' : EXTERNAL_VERSIONS.coresweep;
}

/** Tools a package outside the workspace must bring itself (inside, the workspace root provides them). */
export function toolDevDependencies(where: Placement): Record<string, string> {
  if (where.workspaceRoot) return {};
  return {
    '@types/node': EXTERNAL_VERSIONS.typesNode,
    typescript: EXTERNAL_VERSIONS.typescript,
    vitest: EXTERNAL_VERSIONS.vitest,
  };
}

export function sortedObject(record: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => a.localeCompare(b)));
}

/** What sets one scaffolded package.json apart from another. */
export interface ManifestFields {
  name: string;
  description: string;
  /** `coresweep-strategy` or `coresweep-workload`: with `coresweep`, what discovery looks for. */
  keyword: string;
  coresweep: Record<string, unknown>;
  /** Runtime dependencies besides @coresweep/core. */
  dependencies?: Record<string, string>;
  /** Development dependencies besides the tools a package outside the workspace brings. */
  devDependencies?: Record<string, string>;
}

/** package.json of a scaffolded package: ESM, src/ compiled to dist/ by tsc, found by discovery with no other edit. */
export function packageJson(where: Placement, fields: ManifestFields): string {
  const manifest = {
    name: fields.name,
    version: '0.1.0',
    description: fields.description,
    type: 'module',
    keywords: [fields.keyword],
    coresweep: fields.coresweep,
    exports: {
      '.': { types: './dist/index.d.ts', default: './dist/index.js' },
      './package.json': './package.json',
    },
    main: './dist/index.js',
    types: './dist/index.d.ts',
    files: ['dist'],
    scripts: where.workspaceRoot
      ? { build: 'tsc -p tsconfig.json' }
      : { build: 'tsc -p tsconfig.json', test: 'tsc -p tsconfig.json && vitest run' },
    dependencies: sortedObject({ '@coresweep/core': coresweepDependency(where), ...fields.dependencies }),
    devDependencies: sortedObject({ ...fields.devDependencies, ...toolDevDependencies(where) }),
  };
  return `${JSON.stringify(manifest, null, 2)}\n`;
}

/** Writes every file under `dir`, which must not exist yet (nothing is ever overwritten). */
export function writePackage(dir: string, files: Record<string, string>): void {
  if (existsSync(dir)) {
    throw new CoresweepError('E_USAGE', `${dir} already exists; choose another name or --dir (nothing was written)`);
  }
  for (const [path, text] of Object.entries(files)) {
    const file = join(dir, path);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, text, { flag: 'wx' });
  }
}
