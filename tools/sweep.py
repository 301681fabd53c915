"""Long sweep: open every page in thousands of filter states and count what raised (issue 10).

    .venv/bin/python tools/sweep.py                      # 5,000 states: 4,000 ordinary + 1,000 hostile, random seed
    .venv/bin/python tools/sweep.py --states 500 --seed 7 --hostile-share 0.2

Ordinary states are links a reader could make with the sidebar (areas, age options, indicators, member-state
subsets of size 0-11, sexes, years with and without data, presentation mode, slide numbers, languages), drawn from
`components.filters.choices`. Hostile states add malformed, unknown, oversized and injection values. Each state opens
one page as a new visitor (AppTest, the real app and data) and runs the same checks as the page property tests
(tests/pagestate.py): no exception, no section replaced by the error message, no traceback text, a page title, the
chosen countries honoured, no empty value cells. Prints progress, then the counts per page and kind, the failures
(replayable: page + link) and the seed. Exits 1 if any state raised or failed a check.
"""

from __future__ import annotations

import argparse
import collections
import json
import logging
import os
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--states", type=int, default=5000, help="number of states to try (default 5000)")
    ap.add_argument("--seed", type=int, default=None, help="random seed (default: a new one, printed)")
    ap.add_argument("--hostile-share", type=float, default=0.2, help="share of hostile links (default 0.2)")
    ap.add_argument("--report", type=Path, default=None, help="also write the result as JSON to this file")
    ap.add_argument("--progress", type=int, default=100, help="print a progress line every N states")
    args = ap.parse_args(argv)
    seed = args.seed if args.seed is not None else random.SystemRandom().randrange(2**32)
    logging.disable(logging.CRITICAL)  # the app logs each caught error with its traceback; counted here instead
    os.environ.setdefault("STREAMLIT_LOG_LEVEL", "critical")

    import pagestate as ps

    rng = random.Random(seed)
    tried = collections.Counter()
    raised = collections.Counter()
    failures: list[dict] = []
    start = time.time()
    print(f"sweep: {args.states} states over {len(ps.PAGES)} pages, seed {seed}", flush=True)
    for i in range(1, args.states + 1):
        kind = "hostile" if rng.random() < args.hostile_share else "ordinary"
        page, params = (ps.hostile_state if kind == "hostile" else ps.ordinary_state)(rng)
        tried[(page, kind)] += 1
        try:
            at = ps.open_url(page, params)
            countries = ps.expected_countries(params["country"]) if "country" in params and kind == "ordinary" else None
            problems = ps.check(at, page, countries)
        except Exception as exc:  # noqa: BLE001 - the harness itself failed: count it as raised, with its reason
            problems = [f"harness: {type(exc).__name__}: {str(exc)[:300]}"]
        if problems:
            raised[(page, kind)] += 1
            failures.append({"n": i, "page": page, "kind": kind, "params": params, "problems": problems})
            print(f"  RAISED #{i} {page} {kind} {json.dumps(params, ensure_ascii=True)[:300]} -> {problems[:2]}", flush=True)
        if i % args.progress == 0 or i == args.states:
            print(f"  {i} tried, {sum(raised.values())} raised, {time.time() - start:.0f} s", flush=True)
    pages = sorted({p for p, _ in tried})
    print(f"\n{'page':28} {'ordinary':>9} {'hostile':>8} {'raised':>7}")
    for p in pages:
        print(f"{p:28} {tried[(p, 'ordinary')]:>9} {tried[(p, 'hostile')]:>8} "
              f"{raised[(p, 'ordinary')] + raised[(p, 'hostile')]:>7}")
    n_ord = sum(v for (p, k), v in tried.items() if k == "ordinary")
    n_host = sum(v for (p, k), v in tried.items() if k == "hostile")
    n_raised = sum(raised.values())
    print(f"\ntried {n_ord + n_host} states ({n_ord} ordinary, {n_host} hostile) in {time.time() - start:.0f} s; "
          f"raised {n_raised}; seed {seed}")
    for f in failures[:20]:
        print(f"  #{f['n']} {f['page']} {f['kind']} {json.dumps(f['params'], ensure_ascii=True)[:300]}\n    -> {f['problems'][:2]}")
    if args.report:
        args.report.write_text(json.dumps({"seed": seed, "tried": n_ord + n_host, "ordinary": n_ord, "hostile": n_host,
                                           "raised": n_raised, "per_page": {p: {"tried": tried[(p, "ordinary")] + tried[(p, "hostile")],
                                           "raised": raised[(p, "ordinary")] + raised[(p, "hostile")]} for p in pages},
                                           "failures": failures[:200]}, indent=1, ensure_ascii=True), encoding="utf-8")
    print(f"replay: .venv/bin/python tools/sweep.py --states {args.states} --seed {seed} "
          f"--hostile-share {args.hostile_share}")
    return 1 if n_raised else 0


if __name__ == "__main__":
    sys.exit(main())
