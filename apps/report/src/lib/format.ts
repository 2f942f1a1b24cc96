/**
 * Number and date formatting of pages, charts and the CSV. Sizes, times, ratios and missing values are core's, so the
 * report reads exactly like the terminal; dates and commits are the report's own. Deterministic: no locale,
 * UTC dates.
 */
import { MISSING } from '@coresweep/core';

export {
  formatBytes,
  formatChange,
  formatInterval,
  formatMs,
  formatPercent,
  formatSize,
  formatSpeedup,
  MISSING,
} from '@coresweep/core';

/** "2025-11-20 09:30 UTC". */
export function formatDate(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

export function shortCommit(commit: string | null): string {
  return commit ? commit.slice(0, 10) : MISSING;
}
