"""How analysis time and memory grow with article length (issue 13).

Run: nice .venv/bin/python benchmarks/bench_scaling.py [--sizes 500,1000,2000,4000,10000] [--chars 2000000]

Each size runs in a fresh child process (so its peak RSS is its own) on a synthetic news article
(``synthetic_news.py``: invented names, no third-party text) of that many sentences. Prints total
seconds, seconds per 1,000 sentences, peak RSS, and the split by stage (spaCy parse, times,
media, attribution, claims, entities, checkworthy, findings). Goal: time per 1,000 sentences
constant within 20 % from 500 to 10,000; ``--chars`` adds one article of that many characters
(the 2 M limit) whose peak RSS should stay under 1 GB.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
STAGES = ("parse", "times", "media", "attribution", "claims", "entities", "checkworthy", "findings")


def child(n_sentences: int, n_chars: int, skip_attribution: int = 0) -> None:
    """Analyse one synthetic article and print one JSON line with timings and peak RSS."""
    import resource
    import time

    if skip_attribution:  # measure everything else (attribution is rewritten separately)
        import claimgraph.pipeline as pipeline_mod

        pipeline_mod.extract_attributions = lambda doc: []  # type: ignore[assignment]

    sys.path.insert(0, str(HERE))
    from synthetic_news import synthetic_article

    from claimgraph import nlp
    from claimgraph.pipeline import analyze_doc, prepare
    from claimgraph.read.plain import article_from_text

    nlp.parse("Warm up the model. It said so.")
    from claimgraph.extract.checkworthy import CheckworthyModel
    CheckworthyModel.load()
    base_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    if n_chars:
        parts, n = [], 0
        while sum(len(p) for p in parts) < n_chars:
            parts.append(synthetic_article(500, seed=n))
            n += 1
        text = "\n\n".join(parts)[:n_chars]
        text = text[: text.rfind("\n")]
    else:
        text = synthetic_article(n_sentences)
    article = article_from_text(text)
    prepare(article)
    timings: dict[str, float] = {}
    t0, c0 = time.perf_counter(), time.process_time()
    doc = nlp.parse(text)
    timings["parse"] = time.process_time() - c0
    analysis = analyze_doc(article, doc, timings=timings)
    wall, total = time.perf_counter() - t0, time.process_time() - c0
    sents = sum(1 for _ in doc.sents)
    print(json.dumps({
        "sentences": sents, "chars": len(text), "total": total, "wall": wall, "stages": timings,
        "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, "base_rss_mb": base_rss,
        "attributions": len(analysis.attributions), "claims": len(analysis.claims), "times": len(analysis.times),
        "findings": len(analysis.findings),
    }))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sizes", default="500,1000,2000,4000,10000", help="sentence counts, comma-separated")
    ap.add_argument("--chars", type=int, default=0, help="also run one article of this many characters")
    ap.add_argument("--skip-attribution", action="store_true",
                    help="run every stage but attribution extraction (which then finds nothing)")
    ap.add_argument("--child", nargs=3, type=int, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        child(*args.child)
        return 0
    runs = [(int(s), 0) for s in args.sizes.split(",") if s] + ([(0, args.chars)] if args.chars else [])
    print("CPU seconds (the machine may be shared: wall time is printed too, CPU time is compared)")
    print(f"{'sentences':>9} {'chars':>9} {'wall s':>7} {'cpu s':>7} {'s/1k':>6} {'RSS MB':>7}  "
          + " ".join(f"{s[:6]:>6}" for s in STAGES))
    rows = []
    for n, chars in runs:
        out = subprocess.run([sys.executable, __file__, "--child", str(n), str(chars), str(int(args.skip_attribution))],
                             capture_output=True, text=True, check=False)
        if out.returncode != 0:
            print(f"{n or chars}: failed\n{out.stderr[-2000:]}", file=sys.stderr)
            return 1
        r = json.loads(out.stdout.strip().splitlines()[-1])
        rows.append(r)
        per_k = r["total"] / r["sentences"] * 1000
        print(f"{r['sentences']:>9} {r['chars']:>9} {r['wall']:>7.1f} {r['total']:>7.2f} {per_k:>6.2f} {r['peak_rss_mb']:>7.0f}  "
              + " ".join(f"{r['stages'].get(s, 0):>6.2f}" for s in STAGES), flush=True)
    per_k = [r["total"] / r["sentences"] * 1000 for r in rows if r["sentences"]]
    if len(per_k) > 1:
        print(f"time per 1k sentences: min {min(per_k):.2f} s, max {max(per_k):.2f} s, "
              f"spread {max(per_k) / min(per_k) - 1:+.0%} (goal <= +20%)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
