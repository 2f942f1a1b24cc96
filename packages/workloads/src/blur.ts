/**
 * blur: a 5×5 binomial blur (weights [1 4 6 4 1] in each direction, 256 in all) over an RGBA image in row bands. A
 * unit is one row of 512 pixels (2 KiB); part [start, end) receives its rows plus the two halo rows above and below
 * that the kernel reads (a view of the input: neighbouring bands overlap by those rows) and returns its blurred rows.
 * 25 multiply-adds per channel and pixel: much compute per byte, the image-filter case where moving a band costs
 * little next to filtering it.
 *
 * Integer weights and one rounding per value ((sum + 128) >> 8) make the result exact, and edges are clamped to
 * the image, so a band computes exactly the rows the whole image does: the checksum (SHA-256 of the blurred image)
 * is the same for every partition.
 */
import { defineWorkload } from '@coresweep/core/define';
import { concatBytes, countAndDigest, MiB, seededBytes, sizesFromBytes, unitsView } from './data.js';

/** Pixels per row. */
export const BLUR_WIDTH = 512;
const CHANNELS = 4;
const ROW_BYTES = BLUR_WIDTH * CHANNELS;
/** Rows read above and below each row. */
export const BLUR_HALO = 2;
const WEIGHTS = [1, 4, 6, 4, 1] as const;

/** A band of rows and where it starts in the image. */
export interface Band {
  /** Rows [first, first + rows) of the image, RGBA. */
  pixels: Uint8Array;
  /** The image row of the band's first row. */
  first: number;
}

/** An image of `rows` rows: smooth colour gradients with noise, so the blur has edges and texture to work on. */
function generatedImage(rows: number, seed: number): Uint8Array {
  const noise = seededBytes(rows * ROW_BYTES, seed);
  const image = new Uint8Array(rows * ROW_BYTES);
  for (let y = 0; y < rows; y++) {
    for (let x = 0; x < BLUR_WIDTH; x++) {
      const at = y * ROW_BYTES + x * CHANNELS;
      const n = (noise[at] as number) & 63;
      image[at] = (x + n) & 255;
      image[at + 1] = (y * 3 + n) & 255;
      image[at + 2] = ((x ^ y) + n) & 255;
      image[at + 3] = 255 - (n >> 2);
    }
  }
  return image;
}

function clamp(value: number, low: number, high: number): number {
  return Math.min(high, Math.max(low, value));
}

export default defineWorkload<Uint8Array, Uint8Array, Uint8Array, Band>({
  id: 'blur',
  title: 'blur (5×5 RGBA convolution)',
  description:
    'A 5×5 binomial blur over a 512-pixel-wide RGBA image in row bands; a unit is a row, a part gets its rows ' +
    'with two halo rows each side and returns its blurred rows. Exact integer arithmetic.',
  // In bytes of input; one size in each preset (a time budget), --sizes reaches the rest.
  sizes: sizesFromBytes(ROW_BYTES, { quick: [MiB], full: [MiB] }),
  input(size, seed) {
    return generatedImage(size, seed);
  },
  slice(image, start, end, size) {
    const first = Math.max(0, start - BLUR_HALO);
    const last = Math.min(size, end + BLUR_HALO);
    return { pixels: unitsView(image, first, last, ROW_BYTES), first };
  },
  run(start, end, size, { pixels, first }) {
    const out = new Uint8Array((end - start) * ROW_BYTES);
    for (let y = start; y < end; y++) {
      for (let x = 0; x < BLUR_WIDTH; x++) {
        for (let c = 0; c < CHANNELS; c++) {
          let sum = 0;
          for (let dy = -BLUR_HALO; dy <= BLUR_HALO; dy++) {
            const row = (clamp(y + dy, 0, size - 1) - first) * ROW_BYTES;
            const wy = WEIGHTS[dy + BLUR_HALO] as number;
            for (let dx = -BLUR_HALO; dx <= BLUR_HALO; dx++) {
              const column = clamp(x + dx, 0, BLUR_WIDTH - 1) * CHANNELS + c;
              sum += wy * (WEIGHTS[dx + BLUR_HALO] as number) * (pixels[row + column] as number);
            }
          }
          out[(y - start) * ROW_BYTES + x * CHANNELS + c] = (sum + 128) >> 8;
        }
      }
    }
    return out;
  },
  combine(bands) {
    return concatBytes(bands);
  },
  checksum(image) {
    return countAndDigest('rows', image.byteLength / ROW_BYTES, image);
  },
});
