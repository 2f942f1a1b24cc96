/** Number and date formatting shared by pages, charts and the CSV. Deterministic: no locale, UTC dates. */

function trim(value: string): string {
  return value.includes('.') ? value.replace(/0+$/, '').replace(/\.$/, '') : value;
}

/** 1000000 -> "1M", 300000000 -> "300M", 200000 -> "200k", 2500 -> "2.5k", 999 -> "999". */
export function formatSize(size: number): string {
  const units: Array<[number, string]> = [
    [1e12, 'T'],
    [1e9, 'G'],
    [1e6, 'M'],
    [1e3, 'k'],
  ];
  for (const [scale, suffix] of units) {
    if (Math.abs(size) >= scale) return `${trim((size / scale).toFixed(2))}${suffix}`;
  }
  return String(size);
}

/** Full number with thin grouping: 300000000 -> "300,000,000". */
export function formatInteger(value: number): string {
  return Math.round(value)
    .toString()
    .replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** Three significant digits: 0.0123 ms, 1.23 ms, 123 ms, 1.23 s, 12.3 s. */
export function formatMs(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) return '—';
  if (ms >= 1000) return `${trim((ms / 1000).toPrecision(3))} s`;
  if (ms === 0) return '0 ms';
  return `${trim(ms.toPrecision(3))} ms`;
}

export function formatSpeedup(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  return `${value.toFixed(2)}×`;
}

/** A fraction as a percentage: 0.934 -> "93%". */
export function formatPercent(fraction: number | null | undefined, digits = 0): string {
  if (fraction === null || fraction === undefined || !Number.isFinite(fraction)) return '—';
  return `${(fraction * 100).toFixed(digits)}%`;
}

/** A signed relative change: 0.052 -> "+5.2%", -0.1 -> "−10.0%". */
export function formatChange(fraction: number | null | undefined): string {
  if (fraction === null || fraction === undefined || !Number.isFinite(fraction)) return '—';
  const pct = (fraction * 100).toFixed(1);
  return fraction > 0 ? `+${pct}%` : fraction < 0 ? `−${pct.slice(1)}%` : '0.0%';
}

export function formatBytes(bytes: number | null | undefined): string {
  if (bytes === null || bytes === undefined || !Number.isFinite(bytes)) return '—';
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${unit === 0 ? value : trim(value.toPrecision(3))} ${units[unit]}`;
}

/** "2025-11-20 09:30 UTC". */
export function formatDate(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

export function formatInterval(
  interval: readonly [number, number] | null | undefined,
  format: (n: number) => string,
): string {
  if (!interval) return '—';
  return `${format(interval[0])} – ${format(interval[1])}`;
}

export function shortCommit(commit: string | null): string {
  return commit ? commit.slice(0, 10) : '—';
}
