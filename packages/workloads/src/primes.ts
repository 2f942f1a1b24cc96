/**
 * primes: counts the primes below `size` by trial division. Integer work whose cost per unit grows with the index
 * (about sqrt(n) divisions for a prime n), so equal-length parts are not equal work: the last part costs most.
 * It exposes load imbalance between static partitions and rewards dynamic hand-out of parts.
 */
import { defineWorkload } from '@coresweep/core/define';

function isPrime(n: number): boolean {
  if (n < 2) return false;
  if (n % 2 === 0) return n === 2;
  if (n % 3 === 0) return n === 3;
  for (let d = 5; d * d <= n; d += 6) {
    if (n % d === 0 || n % (d + 2) === 0) return false;
  }
  return true;
}

export default defineWorkload<number, number>({
  id: 'primes',
  title: 'primes (trial division)',
  description:
    'Counts primes below size by trial division. Integer work whose cost per unit grows like sqrt(n): ' +
    'equal-length parts are unequal work, which exposes load imbalance.',
  sizes: {
    quick: [200_000, 2_000_000],
    full: [200_000, 2_000_000],
  },
  run(start, end) {
    let count = 0;
    for (let n = start; n < end; n++) if (isPrime(n)) count++;
    return count;
  },
  merge(parts) {
    return parts.reduce((a, b) => a + b, 0);
  },
  combine(parts) {
    return parts.reduce((a, b) => a + b, 0);
  },
  checksum(result) {
    return `primes=${result}`;
  },
});
