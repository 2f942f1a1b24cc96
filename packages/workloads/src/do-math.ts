/**
 * do-math: the loop of the classic Python concurrency demo — for each unit pos, ave += sqrt((pos - 1e6)^2) / size.
 *
 * Floating-point sums depend on the order of addition, so a naive port would give a different `ave` for every
 * partition and make correctness checks guesswork. Here every term sqrt((pos - 1e6)^2) is an exact integer
 * (|pos - 1e6|, exactly representable for pos < 2^26 and rounded identically by sqrt above that, because the square
 * is exact below 2^53 and sqrt is correctly rounded), and the terms are accumulated in two exact integer counters
 * (`high` counts multiples of 2^40, `low` stays below 2^41). The sum over any partition is therefore exact and
 * identical; the one division by `size` happens once in combine(). The checksum is the exact integer sum, so it
 * is equal for equal work with zero tolerance.
 *
 * The cost of a unit must not depend on how the job is partitioned, or strategies would be compared on how V8
 * happens to compile one long loop. Measured here: one call over 3e8 units in a single loop ran 1.3–1.6x slower
 * than the same loop called on 250k-unit slices (the long call runs on on-stack-replaced code specialised on its
 * first iterations), which made the serial baseline slow and every speedup look better than it was. So run()
 * always sums fixed-size chunks in a separate function that V8 optimises as a whole: a job costs the same whether
 * it arrives as one part or many. Each chunk's sum (< 2^16 x 3e8) is an exact integer too.
 *
 * run() calls that function through Reflect.apply, on purpose. V8 13 and later (Node 24, Deno 2) compile a warm
 * run() with Maglev, their middle tier, and inline sumChunk into it; the hot loop then runs as Maglev code for good,
 * since run() is called only once per part and never reaches TurboFan. With `--runtimes` this showed as async on
 * Deno 2 (which calls run() for every 250k-unit slice, so run() gets warm at once) several times slower than serial,
 * and serial itself slowing down after its first few jobs on Node 24 and Deno; `--no-maglev-inlining` makes both go
 * away (docs/performance.md). Maglev does not inline a call made through Reflect.apply, so sumChunk keeps its own
 * TurboFan code on every engine; the call costs one two-element array per 65 536 units.
 */
import { defineWorkload } from '@coresweep/core/define';

const OFFSET = 1e6;
const CARRY = 2 ** 40;
/** Units per inner call; small enough that a chunk's integer sum stays exact, large enough to amortise the call. */
const CHUNK = 65_536;

/** The exact sum of a range, as a pair of integers: total = high * 2^40 + low. */
export type DoMathPart = [high: number, low: number];

export interface DoMathResult {
  /** The exact sum of sqrt((pos - 1e6)^2) over [0, size), as a decimal integer string. */
  sum: string;
  /** The course's `ave`: sum / size. */
  ave: number;
}

/** The course's loop body over [from, to): every term is an exact integer, and so is the sum of a chunk. */
function sumChunk(from: number, to: number): number {
  let sum = 0;
  for (let pos = from; pos < to; pos++) sum += Math.sqrt((pos - OFFSET) ** 2);
  return sum;
}

function total(parts: readonly DoMathPart[]): bigint {
  let sum = 0n;
  for (const [high, low] of parts) sum += BigInt(high) * BigInt(CARRY) + BigInt(low);
  return sum;
}

function toPart(sum: bigint): DoMathPart {
  return [Number(sum / BigInt(CARRY)), Number(sum % BigInt(CARRY))];
}

export default defineWorkload<DoMathPart, DoMathResult>({
  id: 'do-math',
  title: 'do-math (sqrt loop)',
  description:
    'The loop from the classic concurrency demo: ave += sqrt((pos - 1e6)^2) / size for every unit. ' +
    'Uniform floating-point work per unit; parts of equal length cost the same.',
  sizes: {
    quick: [1_000_000, 10_000_000],
    full: [1_000_000, 10_000_000, 100_000_000],
  },
  run(start, end) {
    let high = 0;
    let low = 0;
    for (let at = start; at < end; at += CHUNK) {
      low += Reflect.apply(sumChunk, undefined, [at, Math.min(at + CHUNK, end)]);
      if (low >= CARRY) {
        const carries = Math.floor(low / CARRY);
        high += carries;
        low -= carries * CARRY;
      }
    }
    return [high, low];
  },
  merge(parts) {
    return toPart(total(parts));
  },
  combine(parts, size) {
    const sum = total(parts);
    return { sum: sum.toString(), ave: Number(sum) / size };
  },
  checksum(result) {
    return `sum=${result.sum}`;
  },
});
