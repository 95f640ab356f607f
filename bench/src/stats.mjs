// @ts-check
// Small statistics helpers: every figure of the bench is the median of several rounds, reported
// with the rounds' minimum and maximum so a noisy machine shows up as a wide spread.

/**
 * @typedef {object} Summary
 * @property {number} median
 * @property {number} min
 * @property {number} max
 * @property {number} spread (max - min) / median, 0 when the median is 0
 * @property {number[]} samples in the order they were taken
 */

/** @param {readonly number[]} values */
export function median(values) {
  if (values.length === 0) throw new RangeError("median of no values");
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/**
 * @param {readonly number[]} samples
 * @returns {Summary}
 */
export function summarize(samples) {
  const med = median(samples);
  const min = Math.min(...samples);
  const max = Math.max(...samples);
  return { median: med, min, max, spread: med === 0 ? 0 : (max - min) / med, samples: [...samples] };
}

/**
 * Ratios of paired rounds (a[i] / b[i]): pairing rounds taken back to back cancels slow drift of
 * the machine's speed better than dividing two medians.
 * @param {readonly number[]} a
 * @param {readonly number[]} b
 */
export function pairedRatios(a, b) {
  if (a.length !== b.length) throw new RangeError("paired samples differ in length");
  return a.map((x, i) => x / b[i]);
}

/** Monotonic time in milliseconds. */
export function now() {
  return Number(process.hrtime.bigint()) / 1e6;
}

/**
 * Formats a number with a sensible precision for the table.
 * @param {number} value
 * @param {number} [digits]
 */
export function fmt(value, digits) {
  if (!Number.isFinite(value)) return String(value);
  const d = digits ?? (Math.abs(value) >= 100 ? 0 : Math.abs(value) >= 10 ? 1 : 2);
  return value.toLocaleString("en-US", { minimumFractionDigits: d, maximumFractionDigits: d });
}
