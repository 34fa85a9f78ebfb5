"""The numbers behind "did it work?" (issue 15): pure arithmetic on four (or
six) counts, no database. The methods and their sources are in
../shared/EFFECTS.md and docs/effects.md:

- the incidence rate ratio IRR = (T1/T0) / (C1/C0) with its 95 % interval on
  the log scale, SE = sqrt(1/T1 + 1/T0 + 1/C1 + 1/C0) (the Poisson rate-ratio
  interval of the epidemiology texts; Wilson's log-IRR as compared by Wheeler,
  2021), a difference in differences on counts;
- the weighted displacement quotient WDQ = (D1/C1 - D0/C0) / (T1/C1 - T0/C0)
  (Bowers & Johnson 2003), only when a surrounding zone is defined and the
  place fell relative to the control.

The normal quantile comes from scipy.stats (a kept library, not a hand-written
distribution)."""

import math
from dataclasses import dataclass

from scipy import stats

# No published minimum exists; below about ten reports in a cell the normal
# approximation on the log scale fails (EFFECTS.md, "Guards").
MIN_COUNT = 10
Z95 = float(stats.norm.ppf(0.975))

FEWER, MORE, UNCLEAR, TOO_FEW, TOO_EARLY, NO_TARGET = (
    "fewer", "more", "unclear", "too_few", "too_early", "no_target")
# Spread to the zone, displacement smaller than the effect, larger than it.
SPREAD, DISPLACED, DISPLACED_MORE = "spread", "displaced", "displaced_more"


@dataclass(frozen=True)
class Estimate:
    t0: int
    t1: int
    c0: int
    c1: int
    d0: int | None = None
    d1: int | None = None
    ratio: float | None = None
    low: float | None = None
    high: float | None = None
    se: float | None = None  # of ln IRR; the sort key "what the data can support"
    expected: float | None = None  # T1 had the place followed the rest: T0 * C1 / C0
    wdq: float | None = None
    displacement: str | None = None  # SPREAD / DISPLACED / DISPLACED_MORE / TOO_FEW
    verdict: str = TOO_FEW

    @property
    def has_verdict(self) -> bool:
        return self.verdict in (FEWER, MORE, UNCLEAR)


def rate_ratio(t0: int, t1: int, c0: int, c1: int) -> tuple[float, float, float, float]:
    """(IRR, low, high, SE of ln IRR). Every count must be positive."""
    ratio = (t1 / t0) / (c1 / c0)
    se = math.sqrt(1 / t1 + 1 / t0 + 1 / c1 + 1 / c0)
    log = math.log(ratio)
    return ratio, math.exp(log - Z95 * se), math.exp(log + Z95 * se), se


def displacement_quotient(t0: int, t1: int, c0: int, c1: int, d0: int, d1: int
                          ) -> float | None:
    """WDQ, or None when it means nothing: the place did not fall relative to
    the control (denominator not negative)."""
    success = t1 / c1 - t0 / c0
    if success >= 0:
        return None
    return (d1 / c1 - d0 / c0) / success


def estimate(t0: int, t1: int, c0: int, c1: int, d0: int | None = None,
             d1: int | None = None) -> Estimate:
    """The estimate with its verdict; TOO_FEW (no ratio at all) when any
    before/after cell of the place or the control is below MIN_COUNT."""
    counts = {"t0": t0, "t1": t1, "c0": c0, "c1": c1, "d0": d0, "d1": d1}
    if min(t0, t1, c0, c1) < MIN_COUNT:
        return Estimate(**counts, verdict=TOO_FEW)
    ratio, low, high, se = rate_ratio(t0, t1, c0, c1)
    verdict = FEWER if high < 1 else MORE if low > 1 else UNCLEAR
    wdq = displacement = None
    if d0 is not None and d1 is not None:
        if d0 + d1 < MIN_COUNT:
            displacement = TOO_FEW
        else:
            wdq = displacement_quotient(t0, t1, c0, c1, d0, d1)
            if wdq is not None:
                displacement = (SPREAD if wdq >= 0 else DISPLACED if wdq >= -1
                                else DISPLACED_MORE)
    return Estimate(**counts, ratio=ratio, low=low, high=high, se=se,
                    expected=t0 * c1 / c0, wdq=wdq, displacement=displacement,
                    verdict=verdict)
