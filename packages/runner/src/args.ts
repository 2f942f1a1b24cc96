/**
 * Checking option values: every number and list an option holds is parsed here, so that the rest of the runner
 * only ever sees valid ones. Every problem is a CoresweepError E_USAGE with one line of text naming the flag.
 */
import { CoresweepError } from '@coresweep/core';

/** A strictly positive safe integer, written in plain digits (1e6 and 1_000_000 are accepted for sizes). */
export function parsePositiveInteger(text: string, flag: string, max = Number.MAX_SAFE_INTEGER): number {
  const cleaned = text.trim().replaceAll('_', '');
  const value = /^\d+(\.\d+)?e\d+$/i.test(cleaned)
    ? Number(cleaned)
    : /^\d+$/.test(cleaned)
      ? Number(cleaned)
      : Number.NaN;
  if (!Number.isSafeInteger(value) || value < 1) {
    throw new CoresweepError('E_USAGE', `${flag}: ${JSON.stringify(text)} is not a positive integer`);
  }
  if (value > max) throw new CoresweepError('E_USAGE', `${flag}: ${value} is larger than the maximum ${max}`);
  return value;
}

export function parseNonNegativeInteger(text: string, flag: string): number {
  if (text.trim() === '0') return 0;
  return parsePositiveInteger(text, flag);
}

export function parsePositiveNumber(text: string, flag: string): number {
  const value = Number(text);
  if (text.trim() === '' || !Number.isFinite(value) || value <= 0) {
    throw new CoresweepError('E_USAGE', `${flag}: ${JSON.stringify(text)} is not a positive number`);
  }
  return value;
}

/** Splits a comma list, rejecting empty items and duplicates (a duplicate is almost always a typo). */
export function parseList(text: string, flag: string): string[] {
  const items = text.split(',').map((item) => item.trim());
  if (items.some((item) => item === ''))
    throw new CoresweepError('E_USAGE', `${flag}: empty item in ${JSON.stringify(text)}`);
  const seen = new Set<string>();
  for (const item of items) {
    if (seen.has(item)) throw new CoresweepError('E_USAGE', `${flag}: ${item} is listed twice`);
    seen.add(item);
  }
  return items;
}

export function parseIntegerList(text: string, flag: string, max?: number): number[] {
  return parseList(text, flag).map((item) => parsePositiveInteger(item, flag, max));
}

/** Checks names against the valid choices; the message lists the choices. */
export function requireKnown(names: string[], known: string[], flag: string, kind: string): void {
  for (const name of names) {
    if (!known.includes(name)) {
      throw new CoresweepError(
        kind === 'strategy' ? 'E_UNKNOWN_STRATEGY' : kind === 'workload' ? 'E_UNKNOWN_WORKLOAD' : 'E_USAGE',
        `${flag}: unknown ${kind} ${JSON.stringify(name)} (valid: ${known.join(', ')})`,
      );
    }
  }
}
