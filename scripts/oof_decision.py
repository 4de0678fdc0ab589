"""Score claimgraph's stance decision (rules, then the model) on out-of-fold probabilities.

``scripts/train_stance.py --cv K --cv-out F`` writes, for every FEVER-Symmetric dev pair held
out in a fold, the probabilities of the model trained without it. This script feeds them to
the same decision ``claimgraph eval stance`` uses (``evaluate.fever_decision``), once per
(soup size, interpolation) that the file holds, so the rule layer is estimated on scores the
model never trained on::

    .venv/bin/python scripts/oof_decision.py ../shared/data/nli/fever-symmetric/v0.2/fever_symmetric_dev.jsonl F
"""

from __future__ import annotations

import json
import sys
from collections import defaultdict
from pathlib import Path

from claimgraph.verify.evaluate import _fever_rows, fever_decision


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print("usage: oof_decision.py FEVER_SYMMETRIC_DEV.jsonl CV_OUT.jsonl", file=sys.stderr)
        return 2
    rows = _fever_rows(Path(argv[0]))
    runs: dict[tuple[int, float], dict[int, list[float]]] = defaultdict(dict)
    with open(argv[1], encoding="utf-8") as f:
        for line in f:
            d = json.loads(line)
            runs[(d.get("soup", 1), d.get("alpha", 1.0))][d["row"]] = d["probs"]
    for (soup, alpha), by_row in sorted(runs.items()):
        held = sorted(by_row)
        probs = [{"supports": by_row[r][0], "contradicts": by_row[r][2]} for r in held]
        result = fever_decision([rows[r] for r in held], probs)
        print(json.dumps({"soup": soup, "alpha": alpha} | result))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
