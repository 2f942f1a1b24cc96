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
 */
import { defineWorkload } from '@coresweep/core';

const OFFSET = 1e6;
const CARRY = 2 ** 40;

/** The exact sum of a range, as a pair of integers: total = high * 2^40 + low. */
export type DoMathPart = [high: number, low: number];

export interface DoMathResult {
  /** The exact sum of sqrt((pos - 1e6)^2) over [0, size), as a decimal integer string. */
  sum: string;
  /** The course's `ave`: sum / size. */
  ave: number;
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
    full: [1_000_000, 10_000_000, 100_000_000, 300_000_000],
  },
  run(start, end) {
    let high = 0;
    let low = 0;
    for (let pos = start; pos < end; pos++) {
      low += Math.sqrt((pos - OFFSET) ** 2);
      if (low >= CARRY) {
        low -= CARRY;
        high++;
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
