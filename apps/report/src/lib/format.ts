/**
 * The report's own formatting: dates and commits. Numbers (sizes, times, ratios, bytes, missing values) are
 * formatted by core, so the report reads exactly like the terminal. Deterministic: no locale, UTC dates.
 */
import { MISSING } from '@coresweep/core';

/** "2025-11-20 09:30 UTC". */
export function formatDate(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

export function shortCommit(commit: string | null): string {
  return commit ? commit.slice(0, 10) : MISSING;
}
