import { join, resolve } from 'node:path';

/** The directory of result files the tests read: CORESWEEP_REPORT_FIXTURES, or test/fixtures. */
export const fixturesDir = resolve(
  process.env.CORESWEEP_REPORT_FIXTURES ?? join(import.meta.dirname, '..', 'fixtures'),
);
