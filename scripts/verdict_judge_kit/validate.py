"""Check judged.jsonl against pairs.jsonl: every pair once, a known label, a one-line reason."""
import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
LABELS = ("supports", "refutes", "not enough info", "unrelated")


def main() -> int:
    pairs = [json.loads(x)["pair"] for x in (HERE / "pairs.jsonl").read_text(encoding="utf-8").splitlines() if x.strip()]
    errors, seen = [], {}
    path = HERE / "judged.jsonl"
    if not path.exists():
        print(f"missing {path}")
        return 1
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            d = json.loads(line)
        except ValueError as exc:
            errors.append(f"line {n}: not JSON ({exc})")
            continue
        if set(d) != {"pair", "label", "reason"}:
            errors.append(f"line {n}: keys must be pair, label, reason (got {sorted(d)})")
        if d.get("pair") not in pairs:
            errors.append(f"line {n}: unknown pair {d.get('pair')!r}")
        elif d["pair"] in seen:
            errors.append(f"line {n}: pair {d['pair']} already judged on line {seen[d['pair']]}")
        else:
            seen[d["pair"]] = n
        if d.get("label") not in LABELS:
            errors.append(f"line {n}: label {d.get('label')!r} is not one of {LABELS}")
        reason = d.get("reason")
        if not isinstance(reason, str) or not reason.strip() or "\n" in reason or len(reason) > 400:
            errors.append(f"line {n}: reason must be one non-empty line (at most 400 characters)")
    missing = [p for p in pairs if p not in seen]
    if missing:
        errors.append(f"{len(missing)} pair(s) not judged, e.g. {', '.join(missing[:5])}")
    for e in errors[:30]:
        print(e)
    if errors:
        return 1
    print(f"OK: {len(pairs)} pairs judged")
    return 0


if __name__ == "__main__":
    sys.exit(main())
