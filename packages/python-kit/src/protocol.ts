/** The lines the Node side and python/server.py exchange (see the server's docstring): one JSON object per line. */
import type { PartRange, SerializedError } from '@coresweep/core/define';

/** Node -> Python: one job; Python answers with one result or one error for it. */
export interface JobRequest {
  id: number;
  size: number;
  parts: readonly PartRange[];
}

export type PythonMessage =
  | { type: 'ready'; pids: number[]; python: string; startMethod: string | null }
  | { type: 'load-failed'; error: SerializedError }
  | { type: 'result'; id: number; results: unknown[] }
  | { type: 'part-failed'; id: number; error: SerializedError }
  | { type: 'broken'; error: SerializedError };
