/**
 * Leverage's seeded random numbers: one named generator, independent numbered streams.
 *
 * Generator: xoroshiro128+ (Blackman & Vigna 2018), as implemented by pure-rand 8.4.2
 * (`xoroshiro128plusFromState`). pure-rand returns the low 32 bits of each 64-bit output.
 *
 * Streams: the 128-bit state of stream `i` under seed `s` is derived with splitmix64
 * (Steele, Lea & Flood 2014, the seeding routine recommended by Vigna):
 *   k  = mix64(mix64(s) XOR (i + 0x632BE59BD9B4E019))      (mix64 = splitmix64 output function)
 *   s0 = splitmix64 output #1 started from k, s1 = output #2.
 * A stream's output therefore depends only on (seed, streamIndex): never on how many worker
 * threads exist, which thread runs it, or what other streams have drawn. Callers that run
 * work in parallel give each unit of work (a match, a Monte Carlo draw) its own stream index.
 *
 * All arithmetic is integer or IEEE-754 double with no platform-dependent functions except
 * Math.log / Math.exp / Math.sqrt / Math.cos in the non-uniform samplers; V8 uses its own
 * (fdlibm-derived) implementations on every platform, so outputs are byte-identical across
 * platforms for the same Node major version.
 *
 * This module is a leaf: it imports nothing from the rest of Leverage.
 */
import { inputError } from '../errors/index.ts';
import { xoroshiro128plusFromState } from 'pure-rand/generator/xoroshiro128plus';

const MASK64 = (1n << 64n) - 1n;
const GOLDEN_GAMMA = 0x9e3779b97f4a7c15n;
const STREAM_SALT = 0x632be59bd9b4e019n;

/** splitmix64 output function (finaliser) on a 64-bit value. */
function mix64(z0: bigint): bigint {
  let z = z0 & MASK64;
  z = ((z ^ (z >> 30n)) * 0xbf58476d1ce4e5b9n) & MASK64;
  z = ((z ^ (z >> 27n)) * 0x94d049bb133111ebn) & MASK64;
  return z ^ (z >> 31n);
}

function hi32(x: bigint): number {
  return Number(BigInt.asIntN(32, x >> 32n));
}
function lo32(x: bigint): number {
  return Number(BigInt.asIntN(32, x));
}

const TWO_POW_32 = 4294967296;
const TWO_POW_MINUS_53 = 1 / 9007199254740992;

/** Minimal interface of the pure-rand generator we drive directly (mutating `next`). */
interface MutableGenerator {
  next(): number;
}

/**
 * An independent random stream. Not thread-safe (nothing in JS is shared anyway); cheap to
 * create (a few BigInt operations), so create one per match / per draw.
 */
export class RandomStream {
  readonly seed: number;
  readonly streamIndex: number;
  private readonly gen: MutableGenerator;

  constructor(seed: number, streamIndex = 0) {
    if (!Number.isSafeInteger(seed) || seed < 0)
      throw inputError(`random seed: expected a non-negative integer <= 2^53-1, got ${seed}`);
    if (!Number.isSafeInteger(streamIndex) || streamIndex < 0)
      throw inputError(`random streamIndex: expected a non-negative integer <= 2^53-1, got ${streamIndex}`);
    this.seed = seed;
    this.streamIndex = streamIndex;
    const k = mix64(mix64(BigInt(seed)) ^ ((BigInt(streamIndex) + STREAM_SALT) & MASK64));
    const x1 = (k + GOLDEN_GAMMA) & MASK64;
    const x2 = (x1 + GOLDEN_GAMMA) & MASK64;
    let s0 = mix64(x1);
    const s1 = mix64(x2);
    if (s0 === 0n && s1 === 0n) s0 = 1n; // xoroshiro's all-zero state is a fixed point
    // pure-rand's state layout: [s0 high, s0 low, s1 high, s1 low] as signed 32-bit ints.
    this.gen = xoroshiro128plusFromState([hi32(s0), lo32(s0), hi32(s1), lo32(s1)]) as MutableGenerator;
  }

  /** Next raw 32-bit unsigned integer in [0, 2^32). */
  nextUint32(): number {
    return this.gen.next() >>> 0;
  }

  /** Uniform double in [0, 1) with 53 random bits (26 + 27 bits from two outputs). */
  nextDouble(): number {
    const a = this.gen.next() >>> 6; // 26 bits
    const b = this.gen.next() >>> 5; // 27 bits
    return (a * 134217728 + b) * TWO_POW_MINUS_53;
  }

  /** Uniform integer in [0, n), unbiased (rejection sampling on 32-bit draws). n in [1, 2^32]. */
  nextInt(n: number): number {
    if (!Number.isInteger(n) || n < 1 || n > TWO_POW_32)
      throw inputError(`nextInt: expected an integer n in [1, 2^32], got ${n}`);
    const limit = TWO_POW_32 - (TWO_POW_32 % n);
    for (;;) {
      const u = this.gen.next() >>> 0;
      if (u < limit) return u % n;
    }
  }

  /** True with probability p (p <= 0 never draws and returns false; p >= 1 never draws and returns true). */
  bernoulli(p: number): boolean {
    if (p <= 0) return false;
    if (p >= 1) return true;
    return this.nextDouble() < p;
  }

  /** Uniform on [a, b). */
  uniform(a: number, b: number): number {
    return a + (b - a) * this.nextDouble();
  }

  /** Normal(mean, sd) by Box-Muller (one value per call, the sine partner is discarded). */
  normal(mean = 0, sd = 1): number {
    const u1 = 1 - this.nextDouble(); // (0, 1]: log is finite
    const u2 = this.nextDouble();
    return mean + sd * Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
  }

  /** Lognormal: exp(Normal(mu, sigma)); mean exp(mu + sigma^2/2). */
  lognormal(mu: number, sigma: number): number {
    return Math.exp(this.normal(mu, sigma));
  }

  /** Gamma(shape k, scale 1) by Marsaglia & Tsang (2000); k < 1 via the boost U^(1/k). */
  gamma(shape: number): number {
    if (!(shape > 0)) throw inputError(`gamma: expected shape > 0, got ${shape}`);
    if (shape < 1) {
      const u = 1 - this.nextDouble();
      return this.gamma(shape + 1) * Math.pow(u, 1 / shape);
    }
    const d = shape - 1 / 3;
    const c = 1 / Math.sqrt(9 * d);
    for (;;) {
      let x: number;
      let v: number;
      do {
        x = this.normal();
        v = 1 + c * x;
      } while (v <= 0);
      v = v * v * v;
      const u = 1 - this.nextDouble();
      if (Math.log(u) < 0.5 * x * x + d - d * v + d * Math.log(v)) return d * v;
    }
  }

  /** Beta(a, b) = X / (X + Y), X ~ Gamma(a), Y ~ Gamma(b). Mean a/(a+b). */
  beta(a: number, b: number): number {
    if (!(a > 0) || !(b > 0)) throw inputError(`beta: expected a > 0 and b > 0, got a=${a}, b=${b}`);
    const x = this.gamma(a);
    const y = this.gamma(b);
    return x / (x + y);
  }

  /** Triangular(min, mode, max) by inverse CDF. Mean (min + mode + max)/3. */
  triangular(min: number, mode: number, max: number): number {
    if (!(min <= mode && mode <= max && min < max))
      throw inputError(`triangular: expected min <= mode <= max and min < max, got ${min}, ${mode}, ${max}`);
    const u = this.nextDouble();
    const f = (mode - min) / (max - min);
    if (u < f) return min + Math.sqrt(u * (max - min) * (mode - min));
    return max - Math.sqrt((1 - u) * (max - min) * (max - mode));
  }
}

/** Stream `streamIndex` of the generator seeded with `seed`; see the module comment. */
export function createStream(seed: number, streamIndex = 0): RandomStream {
  return new RandomStream(seed, streamIndex);
}

const CHILD_SALT = 0x2545f4914f6cdd1dn;

/**
 * A child seed in [0, 2^53): mix64(mix64(seed) XOR (index + salt)) >> 11. For independent
 * replicate runs (run r uses deriveSeed(seed, r)) whose own stream indices would otherwise
 * collide. Depends only on (seed, index).
 */
export function deriveSeed(seed: number, index: number): number {
  if (!Number.isSafeInteger(seed) || seed < 0)
    throw inputError(`deriveSeed: expected a non-negative integer seed, got ${seed}`);
  if (!Number.isSafeInteger(index) || index < 0)
    throw inputError(`deriveSeed: expected a non-negative integer index, got ${index}`);
  return Number(mix64(mix64(BigInt(seed)) ^ ((BigInt(index) + CHILD_SALT) & MASK64)) >> 11n);
}

/** Name of the generator, for reports ("same seed, same generator, same output"). */
export const GENERATOR_NAME = 'xoroshiro128+ (pure-rand 8.4.2), splitmix64-derived streams';
