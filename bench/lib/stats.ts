/** Latency distribution in milliseconds, rounded to microseconds. */
export interface Latency {
  n: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

export function latency(samples: number[]): Latency {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? 0;
  const r = (x: number) => Math.round(x * 1000) / 1000;
  return { n: sorted.length, p50: r(at(0.5)), p95: r(at(0.95)), p99: r(at(0.99)), max: r(sorted[sorted.length - 1] ?? 0) };
}

/** Runs `fn` once per input in order and returns each call's wall time in ms. */
export async function timeEach<T>(inputs: T[], fn: (input: T) => unknown): Promise<number[]> {
  const samples: number[] = [];
  for (const input of inputs) {
    const t0 = performance.now();
    await fn(input);
    samples.push(performance.now() - t0);
  }
  return samples;
}
