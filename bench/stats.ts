/** Median, extremes and spread of repeated measurements. */
export interface Spread {
  median: number;
  min: number;
  max: number;
  /** (max - min) / median, as a fraction; 0 for a single run. */
  spread: number;
}

export function spreadOf(values: readonly number[]): Spread {
  if (values.length === 0) throw new Error("no values to summarise");
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  const min = sorted[0];
  const max = sorted[sorted.length - 1];
  return { median, min, max, spread: median > 0 ? (max - min) / median : 0 };
}
