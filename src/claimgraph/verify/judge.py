"""Optional LLM judge through any OpenAI-compatible endpoint (llama.cpp, Ollama, vLLM).

Off by default and never required. It is asked only about claims that already have evidence,
sees exactly that evidence, and may only answer with one of the four verdict labels; its
prompt, raw answer and the evidence ids it saw are kept on the verdict, so its influence is
auditable. A failing or nonsensical judge leaves the rule/model verdict as it was.
"""

from __future__ import annotations

import json
import re
from typing import Any

from .options import JudgeOptions

SYSTEM = ("You are a careful fact-checking assistant. Decide whether the EVIDENCE supports or "
          "contradicts the CLAIM. Use only the evidence given. Answer with JSON: "
          '{"label": "supported" | "contradicted" | "disputed" | "not enough evidence", "reason": "one sentence"}')


def build_prompt(verdict: Any) -> tuple[str, list[str]]:
    lines = [f"CLAIM: {verdict.claim_text}", "", "EVIDENCE:"]
    ids = []
    for n, e in enumerate(verdict.evidence, 1):
        lines.append(f"[{n}] ({e.source}) {e.text}")
        ids.append(e.passage_id)
    for m in verdict.factchecks:
        n = len(ids) + 1
        lines.append(f"[{n}] Earlier fact-check by {m.factcheck.reviewer}: \"{m.factcheck.claim}\" "
                     f"rated {m.factcheck.rating!r}")
        ids.append(m.factcheck.id)
    return "\n".join(lines), ids


def ask(prompt: str, options: JudgeOptions) -> str:
    import httpx

    url = options.url.rstrip("/")  # type: ignore[union-attr]
    if not url.endswith("/chat/completions"):
        url += "/chat/completions"
    headers = {"Authorization": f"Bearer {options.api_key}"} if options.api_key else {}
    body = {"model": options.model, "temperature": 0,
            "messages": [{"role": "system", "content": SYSTEM}, {"role": "user", "content": prompt}]}
    resp = httpx.post(url, json=body, headers=headers, timeout=options.timeout)
    resp.raise_for_status()
    return str(resp.json()["choices"][0]["message"]["content"])


def parse_answer(answer: str) -> tuple[str | None, str]:
    from .verdict import LABELS

    m = re.search(r"\{.*\}", answer, re.S)
    if m:
        try:
            d = json.loads(m.group(0))
            label = str(d.get("label", "")).strip().lower()
            if label in LABELS:
                return label, str(d.get("reason", "")).strip()
        except json.JSONDecodeError:
            pass
    return None, ""


def apply_judge(verdict: Any, options: JudgeOptions) -> None:
    """Ask the judge; record everything; adopt its label only if it is a valid one."""
    prompt, ids = build_prompt(verdict)
    record: dict[str, Any] = {"model": options.model, "endpoint": options.url, "system": SYSTEM,
                              "prompt": prompt, "evidence_ids": ids, "answer": None,
                              "previous_label": verdict.label, "adopted": False}
    try:
        answer = ask(prompt, options)
    except Exception as exc:  # the judge is optional: its failure is recorded, not raised
        record["error"] = f"{type(exc).__name__}: {exc}"
        verdict.judge = record
        return
    record["answer"] = answer
    label, reason = parse_answer(answer)
    if label is not None:
        record["adopted"] = True
        verdict.label = label
        verdict.reason = f"LLM judge ({options.model}): {reason or label}"
    verdict.judge = record
