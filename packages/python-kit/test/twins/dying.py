"""Test twin of the kit's fixture-dying workload: its thread's or process's interpreter exits at unit 13."""
import os

DYING_UNIT = 13
DYING_EXIT_CODE = 71


def run(start, end, size):
    if start <= DYING_UNIT < end:
        os._exit(DYING_EXIT_CODE)
    return end - start
