"""
do-math's CPython twin: the loop of the classic concurrency demo, ave += sqrt((pos - 1e6)^2) / size, over units
[start, end) — the same work per unit as packages/workloads/src/do-math.ts, and the same part result.

Each term sqrt((pos - 1e6)^2) is a float holding an exact integer, |pos - 1e6| (IEEE sqrt of a correctly rounded
square gives back the value), so, as in JavaScript, a chunk of 65 536 terms sums exactly in a float (below 2^53) and
the chunk sums add up exactly in a Python int. The part result is the JavaScript one: [high, low] with
sum = high * 2^40 + low and 0 <= low < 2^40, so the runner's JavaScript combine() and checksum() give the reference
checksum to the last digit.
"""
from math import sqrt

OFFSET = 1e6
CARRY_BITS = 40
CHUNK = 65_536


def sum_chunk(start, end):
    total = 0.0
    for pos in range(start, end):
        total += sqrt((pos - OFFSET) ** 2)
    return total


def run(start, end, size):
    total = 0
    for at in range(start, end, CHUNK):
        total += int(sum_chunk(at, min(at + CHUNK, end)))
    return [total >> CARRY_BITS, total & ((1 << CARRY_BITS) - 1)]
