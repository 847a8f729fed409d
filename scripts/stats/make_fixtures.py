#!/usr/bin/python3
"""Writes src/test/resources/stats/scipy-fixtures.json: the independent oracle for org.attnlab.stats.

Run with Debian's interpreter and packages (apt-get install python3-scipy python3-numpy):
    /usr/bin/python3 scripts/stats/make_fixtures.py
The vectors are drawn from fixed seeds, so a rerun with the same scipy/numpy gives the same file.
Non-finite numbers are written as the strings "NaN", "Infinity", "-Infinity" (JSON has none).
"""
import json
import math
import os
import sys
import warnings

import numpy as np
import scipy
from scipy import stats
from scipy.spatial import distance
from scipy.special import rel_entr

OUT = os.path.join(os.path.dirname(__file__), "..", "..", "src", "test", "resources", "stats",
                   "scipy-fixtures.json")


def num(v):
    v = float(v)
    if math.isnan(v):
        return "NaN"
    if math.isinf(v):
        return "Infinity" if v > 0 else "-Infinity"
    return v


def nums(a):
    return [num(v) for v in a]


def discordant(x, y):
    """Brute-force count, used only to pick vectors that reach a given branch of scipy's exact test."""
    n = len(x)
    return sum(1 for i in range(n) for j in range(i + 1, n) if (x[i] - x[j]) * (y[i] - y[j]) < 0)


def correlation_cases(rng):
    cases = []

    def add(name, x, y):
        x = np.asarray(x, dtype=float)
        y = np.asarray(y, dtype=float)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # scipy warns on the constant-input cases, which are wanted
            k = stats.kendalltau(x, y)
            s = stats.spearmanr(x, y)
        cases.append({"name": name, "x": nums(x), "y": nums(y),
                      "kendallTau": num(k.statistic), "kendallP": num(k.pvalue),
                      "spearmanRho": num(s.statistic), "spearmanP": num(s.pvalue)})

    add("hand: [1,2,3] vs [1,3,2]", [1, 2, 3], [1, 3, 2])
    add("n=2 increasing", [0.1, 0.7], [3.0, 5.0])
    add("n=2 decreasing", [0.1, 0.7], [5.0, 3.0])
    add("n=3 perfectly monotone", [1, 2, 3], [10, 20, 30])
    for n in (5, 8, 12, 20, 27, 33):
        x = rng.rand(n)
        add(f"no ties, exact path, n={n}, positive", x, x + rng.normal(0, 0.3, n))
        add(f"no ties, exact path, n={n}, negative", x, -x + rng.normal(0, 0.3, n))
    for i in range(12):
        n = int(rng.randint(3, 34))
        add(f"no ties, exact path, random permutation #{i}, n={n}", rng.permutation(n), rng.permutation(n))
    # 4c == n(n-1), i.e. as many concordant as discordant pairs: scipy's exact test returns exactly 1.
    add("no ties, exact path, n=4, con == dis", [1, 2, 3, 4], [2, 4, 1, 3])
    while True:
        y = rng.permutation(8)
        if discordant(np.arange(8), y) == 14:
            break
    add("no ties, exact path, n=8, con == dis", np.arange(8), y)
    add("no ties, n=34, asymptotic (first n past 33)", np.arange(34), np.arange(34) + rng.normal(0, 8, 34))
    x = rng.rand(50)
    add("no ties, n=50 monotone increasing: exact c=0", x, 3 * x + 1)
    add("no ties, n=50 monotone decreasing: exact c=0", x, -x)
    y = np.arange(45.0)
    y[[20, 21]] = y[[21, 20]]
    add("no ties, n=45 one swap: exact c=1", np.arange(45), y)
    add("no ties, n=170 monotone: exact 2/170!", np.arange(170), np.arange(170) ** 1.5)
    add("no ties, n=200 monotone: exact, underflows to 0", np.arange(200), np.sqrt(np.arange(200)))
    for n in (60, 150, 500):
        x = rng.rand(n)
        add(f"no ties, asymptotic, n={n}, weak", x, x + rng.normal(0, 2.0, n))
        add(f"no ties, asymptotic, n={n}, strong", x, x + rng.normal(0, 0.05, n))
        add(f"no ties, asymptotic, n={n}, negative", x, -x + rng.normal(0, 0.5, n))
    add("ties in x only, n=8", [1, 1, 2, 3, 3, 3, 4, 5], [0.3, 0.1, 0.5, 0.2, 0.9, 0.4, 0.8, 0.7])
    add("ties in y only, n=6", [1, 2, 3, 4, 5, 6], [2, 2, 1, 3, 3, 3])
    add("joint ties, n=10", [1, 1, 1, 2, 2, 3, 3, 3, 4, 4], [5, 5, 2, 2, 2, 7, 7, 1, 1, 9])
    add("ties, n=3 [1,1,2] vs [1,2,2]", [1, 1, 2], [1, 2, 2])
    add("negative zero ties positive zero", [-0.0, 0.0, 1.0, 2.0, 3.0], [0.5, 0.1, 0.7, 0.9, 0.8])
    for i in range(8):
        n = int(rng.randint(4, 120))
        x = rng.randint(0, 5, n)
        add(f"integer ties in both, #{i}, n={n}", x, x + rng.randint(-2, 3, n))
    for n in (100, 500):
        attn = rng.dirichlet(np.ones(n))
        grad = np.round(np.abs(attn + rng.normal(0, 1.0 / n, n)) * n, 1) / n
        add(f"attention vs rounded importance (ties), n={n}", attn, grad)
        add(f"attention vs negated rounded importance (ties), n={n}", attn, -grad)
        x = np.round(rng.rand(n), 2)
        add(f"two-decimal values (ties), strong, n={n}", x, np.round(x + rng.normal(0, 0.02, n), 2))
    add("constant x", [0.2, 0.2, 0.2, 0.2], [1, 2, 3, 4])
    add("constant y", [1, 2, 3, 4, 5], [7, 7, 7, 7, 7])
    add("n=1", [1.0], [2.0])
    add("n=0", [], [])
    add("NaN propagates", [1.0, float("nan"), 3.0, 4.0], [1.0, 2.0, 3.0, 5.0])
    return cases


def divergence_cases(rng):
    cases = []

    def add(name, p, q):
        p = np.asarray(p, dtype=float)
        q = np.asarray(q, dtype=float)
        m = 0.5 * (p + q)

        def kl(a, b):
            # 0 log 0 = 0; a > 0 with b = 0 is +inf.
            with np.errstate(divide="ignore", invalid="ignore"):
                terms = np.where(a > 0, a * np.log(np.where(a > 0, a, 1.0) / b), 0.0)
            return float(terms.sum())

        jsd = 0.5 * kl(p, m) + 0.5 * kl(q, m)
        # Cross-checks by scipy's own routines (different code paths from the numpy formulas above).
        scipy_jsd = distance.jensenshannon(p, q) ** 2
        assert abs(jsd - scipy_jsd) <= 1e-12, (name, jsd, scipy_jsd)
        klpq = kl(p, q)
        scipy_kl = float(rel_entr(p, q).sum())
        assert klpq == scipy_kl or abs(klpq - scipy_kl) <= 1e-12 * max(1.0, abs(klpq)), (name, klpq, scipy_kl)
        cases.append({"name": name, "p": nums(p), "q": nums(q), "jsd": num(jsd),
                      "tvd": num(0.5 * np.abs(p - q).sum()), "klPQ": num(klpq), "klQP": num(kl(q, p))})

    add("hand: [1,0] vs [0,1] (disjoint, ln 2)", [1.0, 0.0], [0.0, 1.0])
    add("hand: [0.5,0.5] vs [0.9,0.1]", [0.5, 0.5], [0.9, 0.1])
    add("identical", [0.2, 0.3, 0.5], [0.2, 0.3, 0.5])
    add("disjoint supports, n=6", [0.5, 0.25, 0.25, 0, 0, 0], [0, 0, 0, 0.1, 0.6, 0.3])
    add("zeros on both sides", [0.0, 0.4, 0.6, 0.0], [0.0, 0.7, 0.0, 0.3])
    for n in (2, 10, 100, 500):
        add(f"dirichlet, n={n}", rng.dirichlet(np.ones(n)), rng.dirichlet(np.ones(n)))
        add(f"peaked vs flat dirichlet, n={n}", rng.dirichlet(np.full(n, 0.05)), rng.dirichlet(np.full(n, 5.0)))
    p = rng.dirichlet(np.ones(50))
    q = p * (1 + rng.normal(0, 1e-6, 50))
    add("near-identical, n=50", p, q / q.sum())
    return cases


def mcnemar_cases():
    cases = []
    for b, c in [(0, 0), (0, 1), (1, 0), (1, 1), (3, 3), (2, 7), (7, 2), (5, 6), (10, 25), (30, 12),
                 (12, 13), (0, 25), (0, 100), (500, 560), (1000, 1200), (20, 300), (5000, 5000), (40000, 41000)]:
        n = b + c
        # scipy.stats.binomtest refuses n = 0; with no discordant pairs there is no evidence: p = 1.
        exact = 1.0 if n == 0 else stats.binomtest(b, n, 0.5, alternative="two-sided").pvalue
        if n == 0:
            chi2 = p_chi2 = float("nan")
        else:
            # Edwards' continuity correction, with |b - c| - 1 floored at 0 (see McNemar.java).
            chi2 = max(abs(b - c) - 1, 0) ** 2 / n
            p_chi2 = stats.chi2.sf(chi2, 1)
        cases.append({"b": b, "c": c, "exactP": num(exact), "chiSquare": num(chi2), "chiSquareP": num(p_chi2)})
    return cases


def summary_cases(rng):
    cases = []

    def add(name, values, alpha):
        v = np.asarray(values, dtype=float)
        ok = v[~np.isnan(v)]
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # numpy warns on the empty and single-value cases
            cases.append({"name": name, "values": nums(v), "alpha": alpha,
                              "count": int(ok.size), "nanCount": int(v.size - ok.size),
                              "mean": num(np.mean(ok)) if ok.size else "NaN",
                              "std": num(np.std(ok, ddof=1)) if ok.size > 1 else "NaN",
                              "median": num(np.median(ok)) if ok.size else "NaN",
                              "fractionAtMost": num(np.mean(ok <= alpha)) if ok.size else "NaN"})

    add("uniform p-values with NaNs, n=101", np.where(rng.rand(101) < 0.1, np.nan, rng.rand(101)), 0.05)
    add("even count", [0.01, 0.2, 0.04, 0.9], 0.05)
    add("taus, n=1000", np.clip(rng.normal(0.35, 0.21, 1000), -1, 1), 0.3)
    add("single value", [0.5], 0.5)
    add("all NaN", [np.nan, np.nan], 0.05)
    return cases


def main():
    rng = np.random.RandomState(20190224)
    fixture = {
        "generator": "scripts/stats/make_fixtures.py",
        "python": sys.version.split()[0],
        "scipy": scipy.__version__,
        "numpy": np.__version__,
        "correlations": correlation_cases(rng),
        "divergences": divergence_cases(rng),
        "mcnemar": mcnemar_cases(),
        "summaries": summary_cases(rng),
    }
    with open(OUT, "w", encoding="utf-8") as f:
        json.dump(fixture, f, indent=1, allow_nan=False)
        f.write("\n")
    print(f"wrote {os.path.normpath(OUT)}: scipy {scipy.__version__}, "
          f"{len(fixture['correlations'])} correlation cases")


if __name__ == "__main__":
    main()
