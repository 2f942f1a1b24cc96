/** The per-cell CSV download of a run, generated at build time: the same CSV as `coresweep export --format csv`. */
export { CSV_COLUMNS, toCsv } from '@coresweep/core';
