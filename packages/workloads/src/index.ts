/** File URLs of the built-in workload modules; threads and processes import them by these URLs. */
export const builtinWorkloadUrls: readonly string[] = [
  new URL('./do-math.js', import.meta.url).href,
  new URL('./primes.js', import.meta.url).href,
];

/** File URLs of the built-in kernels with data (each declares an input). */
export const dataWorkloadUrls: readonly string[] = ['sha256', 'json-records', 'deflate', 'blur', 'sort'].map(
  (name) => new URL(`./${name}.js`, import.meta.url).href,
);
export type { DoMathPart, DoMathResult } from './do-math.js';
