"""Test twin of the kit's fixture-failing workload: raises from the part that covers unit 13."""
FAILING_UNIT = 13


def throw_fixture_failure():
    raise ValueError(f"fixture part failed at unit {FAILING_UNIT}")


def run(start, end, size):
    if start <= FAILING_UNIT < end:
        throw_fixture_failure()
    return end - start
