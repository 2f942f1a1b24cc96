"""
primes' CPython twin: counts the primes in [start, end) by trial division, exactly as
packages/workloads/src/primes.ts does (the same divisions per number, so the same uneven cost per unit).
"""


def is_prime(n):
    if n < 2:
        return False
    if n % 2 == 0:
        return n == 2
    if n % 3 == 0:
        return n == 3
    d = 5
    while d * d <= n:
        if n % d == 0 or n % (d + 2) == 0:
            return False
        d += 6
    return True


def run(start, end, size):
    count = 0
    for n in range(start, end):
        if is_prime(n):
            count += 1
    return count
