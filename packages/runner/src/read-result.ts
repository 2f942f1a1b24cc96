/**
 * Reading a result file named on the command line. Every way it can go wrong (missing, unreadable, not JSON, not
 * the schema) becomes one CoresweepError line that names the file, so the CLI prints it and exits 2.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { CoresweepError, parseResultFile, type ResultFile } from '@coresweep/core';

const FS_REASONS: Record<string, string> = {
  ENOENT: 'no such file',
  EISDIR: 'is a directory, not a result file',
  EACCES: 'permission denied',
};

export function readResultFile(path: string): ResultFile {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? '';
    const reason = FS_REASONS[code] ?? `cannot be read (${code || (error as Error).message})`;
    throw new CoresweepError('E_USAGE', `${path}: ${reason}`);
  }
  return parseResultFile(text, path);
}

/** Writes an output file, turning file-system errors into one usage line naming the flag and the path. */
export function writeOutput(path: string, text: string, flag: string): void {
  try {
    writeFileSync(path, text);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? '';
    const reason = code === 'ENOENT' ? 'its directory does not exist' : (FS_REASONS[code] ?? (error as Error).message);
    throw new CoresweepError('E_USAGE', `${flag}: cannot write ${path}: ${reason}`);
  }
}
