"""The one format every bench script reports in, so `make bench` can print one table and one JSON file.

A bench script ends by printing `emit(figures, **details)`: one JSON object on its last stdout line, with a list of
figures. A figure is a measured value beside its budget, and says itself whether the budget is met.
"""

import json
import math
import statistics


def figure(name, value, unit, target, met, **details):
    """One measured figure: `target` is the budget as people read it ("≤ 15 ms"), `met` whether `value` keeps it."""
    return {"figure": name, "value": value, "unit": unit, "target": target, "met": bool(met), **details}


def at_most(name, value, unit, limit, **details):
    return figure(name, value, unit, f"≤ {limit:g} {unit}".strip(), value <= limit, **details)


def below(name, value, unit, limit, **details):
    return figure(name, value, unit, f"< {limit:g} {unit}".strip(), value < limit, **details)


def at_least(name, value, unit, limit, **details):
    return figure(name, value, unit, f"≥ {limit:g} {unit}".strip(), value >= limit, **details)


def percentile(samples, share):
    """The value below which `share` (0–1) of the samples fall (nearest rank), e.g. percentile(ms, 0.95)."""
    ordered = sorted(samples)
    rank = max(0, min(len(ordered) - 1, math.ceil(share * len(ordered)) - 1))
    return ordered[rank]


def median(samples):
    return statistics.median(samples)


def emit(figures, **details):
    print(json.dumps({"figures": figures, **details}))
    return 0
