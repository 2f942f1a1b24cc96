/**
 * How numbers read, the same in the terminal and in the report: sizes with a unit suffix (`300M`), times with
 * three significant digits (`512 ms`, `1.23 s`), ratios as `1.86×`, and `—` where a value is missing. Deterministic:
 * no locale, so a summary, a compare table and a report page can be checked against each other.
 */

/** What stands where a number is missing: a cell that failed, a side that was not measured. */
export const MISSING = '—';

function present(value: number | null | undefined): value is number {
  return value !== null && value !== undefined && Number.isFinite(value);
}

/** Drops trailing zeros of a decimal: "1.50" -> "1.5", "2.00" -> "2". */
function trimZeros(value: string): string {
  return value.includes('.') ? value.replace(/0+$/, '').replace(/\.$/, '') : value;
}

const SIZE_UNITS: ReadonlyArray<[scale: number, suffix: string]> = [
  [1e12, 'T'],
  [1e9, 'G'],
  [1e6, 'M'],
  [1e3, 'k'],
];

/** Units of work: 1000000 -> "1M", 300000000 -> "300M", 200000 -> "200k", 2500 -> "2.5k", 999 -> "999". */
export function formatSize(size: number): string {
  for (const [scale, suffix] of SIZE_UNITS) {
    if (Math.abs(size) >= scale) return `${trimZeros((size / scale).toFixed(2))}${suffix}`;
  }
  return String(size);
}

/** Three significant digits: 0.0123 ms, 1.23 ms, 123 ms, 1.23 s, 12.3 s. */
export function formatMs(ms: number | null | undefined): string {
  if (!present(ms)) return MISSING;
  if (ms >= 1000) return `${trimZeros((ms / 1000).toPrecision(3))} s`;
  if (ms === 0) return '0 ms';
  return `${trimZeros(ms.toPrecision(3))} ms`;
}

/** A ratio such as a speedup: 1.8634 -> "1.86×". */
export function formatSpeedup(value: number | null | undefined): string {
  if (!present(value)) return MISSING;
  return `${value.toFixed(2)}×`;
}

/** A fraction as a percentage: 0.934 -> "93%", with `digits` 1 -> "93.4%". */
export function formatPercent(fraction: number | null | undefined, digits = 0): string {
  if (!present(fraction)) return MISSING;
  return `${(fraction * 100).toFixed(digits)}%`;
}

/** A precision target or an interval's relative half-width: 0.02 -> "±2%", 0.015 -> "±1.5%", 0.0123 -> "±1.23%". */
export function formatPrecision(fraction: number | null | undefined): string {
  if (!present(fraction)) return MISSING;
  return `±${Number((fraction * 100).toPrecision(3))}%`;
}

/**
 * A signed relative change: 0.052 -> "+5.2%", -0.1 -> "−10.0%" (a true minus sign), 1.5 -> "+150%" (no decimal
 * once the change is 100% or more: it would only be noise).
 */
export function formatChange(fraction: number | null | undefined): string {
  if (!present(fraction)) return MISSING;
  const percent = fraction * 100;
  const digits = Math.abs(percent) >= 100 ? 0 : 1;
  const text = Math.abs(percent).toFixed(digits);
  return `${fraction > 0 ? '+' : fraction < 0 ? '−' : ''}${text}%`;
}

/** Memory in binary units with three significant digits: 52428800 -> "50 MiB". */
export function formatBytes(bytes: number | null | undefined): string {
  if (!present(bytes)) return MISSING;
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${unit === 0 ? value : trimZeros(value.toPrecision(3))} ${units[unit]}`;
}

/** An interval with each end formatted: "1.2 ms – 1.4 ms"; missing when there is no interval. */
export function formatInterval(
  interval: readonly [number, number] | null | undefined,
  format: (n: number) => string,
): string {
  if (!interval) return MISSING;
  return `${format(interval[0])} – ${format(interval[1])}`;
}
