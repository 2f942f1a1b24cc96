import type { ResultFile } from '@coresweep/core';

export interface ResultFileEntry {
  /** Absolute path of the file. */
  path: string;
  /** File name inside the results directory. */
  name: string;
  /** The file's text exactly as read (served as the JSON download). */
  text: string;
  data: ResultFile;
}

export interface ResultDirectory {
  files: ResultFileEntry[];
  /** Files skipped with `skipInvalid`, with the one-line reason. */
  skipped: Array<{ path: string; message: string }>;
}

export function listResultFiles(dir: string): string[];
export function readResultDirectory(dir: string, options?: { skipInvalid?: boolean; cwd?: string }): ResultDirectory;
