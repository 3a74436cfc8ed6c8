/**
 * A small seeded PRNG (mulberry32) with the draws the generator needs. Everything the demo data
 * contains comes from one of these, so the same seed always yields the same database.
 */
export class Random {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    let t = (this.state = (this.state + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** Integer in [min, max], both inclusive. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)] as T;
  }

  /** Exponentially distributed with the given mean: waiting times between replies. */
  exponential(mean: number): number {
    return -Math.log(1 - this.next()) * mean;
  }

  digits(n: number): string {
    let s = '';
    for (let i = 0; i < n; i++) s += String.fromCharCode(48 + Math.floor(this.next() * 10));
    return s;
  }

  alphanumeric(n: number): string {
    const chars = '0123456789ABCDEFGHJKLMNPQRSTUVWXYZ';
    let s = '';
    for (let i = 0; i < n; i++) s += chars[Math.floor(this.next() * chars.length)];
    return s;
  }

  /** A valid RFC 4122 version-4 UUID whose bits come from this generator. */
  uuid(): string {
    let hex = '';
    for (let i = 0; i < 4; i++) hex += ((this.next() * 4294967296) >>> 0).toString(16).padStart(8, '0');
    const variant = ((parseInt(hex[16] as string, 16) & 0x3) | 0x8).toString(16);
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
  }
}

/** A table of outcomes and their relative weights, drawn from in O(log n). */
export class Weighted<T> {
  private readonly values: T[];
  private readonly cumulative: number[];

  constructor(weights: readonly (readonly [T, number])[]) {
    this.values = weights.map(([v]) => v);
    let sum = 0;
    this.cumulative = weights.map(([, w]) => (sum += w));
    this.cumulative = this.cumulative.map((c) => c / sum);
  }

  draw(rng: Random): T {
    const r = rng.next();
    let lo = 0;
    let hi = this.cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (r < (this.cumulative[mid] as number)) hi = mid;
      else lo = mid + 1;
    }
    return this.values[lo] as T;
  }
}
