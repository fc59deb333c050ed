// @ts-check
// Display formats for simulated time and durations (always UTC: the simulation has no local time).

/** @param {number} n @param {number} [w] */
const pad = (n, w = 2) => String(n).padStart(w, '0');

/**
 * 1789271046.11 -> "2026-09-13 03:44:06.110 UTC"
 * @param {unknown} epochSeconds
 * @param {{ms?: boolean, zone?: boolean}} [options]
 */
export function formatTime(epochSeconds, { ms = true, zone = true } = {}) {
  if (typeof epochSeconds !== 'number' || !Number.isFinite(epochSeconds)) return '—';
  const d = new Date(Math.round(epochSeconds * 1000));
  const text = `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
  return text + (ms ? `.${pad(d.getUTCMilliseconds(), 3)}` : '') + (zone ? ' UTC' : '');
}

/** Machine-readable datetime attribute for <time>. @param {number} epochSeconds */
export function isoTime(epochSeconds) {
  return new Date(Math.round(epochSeconds * 1000)).toISOString();
}

/** 1295999 -> "14d 23h 59m"; 59 -> "59s"; negative -> "0s" @param {number} seconds */
export function formatDuration(seconds) {
  let rest = Math.max(0, Math.floor(seconds));
  const days = Math.floor(rest / 86400); rest -= days * 86400;
  const hours = Math.floor(rest / 3600); rest -= hours * 3600;
  const minutes = Math.floor(rest / 60); rest -= minutes * 60;
  const parts = [];
  if (days) parts.push(`${days}d`);
  if (hours) parts.push(`${hours}h`);
  if (minutes && days < 10) parts.push(`${minutes}m`);
  if (!days && !hours) parts.push(`${rest}s`);
  return parts.join(' ') || '0s';
}

/** Text for a date input default: the first day of the month after now, 00:00 UTC (as epoch seconds). @param {number} epochSeconds */
export function firstOfNextMonth(epochSeconds) {
  const d = new Date(epochSeconds * 1000);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1) / 1000;
}

/**
 * Accepts epoch seconds ("1790812800") or an ISO 8601 date ("2026-10-01", "2026-10-01T00:00:00Z").
 * @param {unknown} text
 * @returns {number | string | undefined}
 */
export function parseTimestamp(text) {
  const value = String(text).trim();
  if (value === '') return undefined;
  if (/^-?\d+(\.\d+)?$/.test(value)) return Number(value);
  const iso = /^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00:00Z` : value;
  const ms = Date.parse(/[zZ]|[+-]\d{2}:?\d{2}$/.test(iso) ? iso : `${iso}Z`);
  return Number.isNaN(ms) ? value : ms / 1000;
}

/**
 * A count with thousands separators, as `n.toLocaleString('en-US')` writes it ("1,000"), without the cost
 * of the browser's first Intl call (tens of ms while the page starts). Integers only; anything else is
 * written by toLocaleString.
 * @param {number} n
 */
export function groupDigits(n) {
  if (!Number.isSafeInteger(n)) return n.toLocaleString('en-US');
  const digits = String(Math.abs(n));
  return (n < 0 ? '-' : '') + digits.replace(/\B(?=(\d{3})+$)/g, ',');
}
