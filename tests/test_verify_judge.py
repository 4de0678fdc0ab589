"""The optional LLM judge against a tiny OpenAI-compatible server on 127.0.0.1, and ClaimReview export."""

from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer
from typing import Any, Iterator

import pytest

from claimgraph.verify.export import claimreview
from claimgraph.verify.judge import apply_judge
from claimgraph.verify.options import JudgeOptions
from claimgraph.verify.verdict import EvidenceItem, Verdict


class _Fake(BaseHTTPRequestHandler):
    answer = '{"label": "contradicted", "reason": "The statement says no surrender happened."}'
    seen: list[dict[str, Any]] = []

    def do_POST(self) -> None:  # noqa: N802
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        _Fake.seen.append({"path": self.path, "body": body})
        data = json.dumps({"choices": [{"message": {"role": "assistant", "content": _Fake.answer}}]}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture()
def server() -> Iterator[str]:
    httpd = HTTPServer(("127.0.0.1", 0), _Fake)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    _Fake.seen.clear()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/v1"
    httpd.shutdown()
    httpd.server_close()


def _verdict() -> Verdict:
    item = EvidenceItem("ev-1:1", "ev-1", "statement.txt", "Russian soldiers did not surrender.", 10, 45,
                        "contradicts", {"supports": 0.1, "neutral": 0.2, "contradicts": 0.7}, 0.8)
    return Verdict("c1", "Russian soldiers are surrendering.", 100, 134, "contradicted", "rule", [item])


def test_judge_prompt_answer_and_evidence_are_kept_and_label_adopted(server: str) -> None:
    v = _verdict()
    v.label = "not enough evidence"
    apply_judge(v, JudgeOptions(url=server, model="tiny"))
    assert v.label == "contradicted" and v.reason.startswith("LLM judge (tiny)")
    assert v.judge["adopted"] and v.judge["evidence_ids"] == ["ev-1:1"]
    assert "Russian soldiers did not surrender." in v.judge["prompt"]
    assert v.judge["answer"] == _Fake.answer and v.judge["previous_label"] == "not enough evidence"
    [call] = _Fake.seen
    assert call["path"] == "/v1/chat/completions" and call["body"]["model"] == "tiny"


def test_judge_nonsense_answer_keeps_the_rule_verdict(server: str) -> None:
    _Fake.answer = "I think it is probably fine"
    try:
        v = _verdict()
        apply_judge(v, JudgeOptions(url=server))
    finally:
        _Fake.answer = '{"label": "contradicted", "reason": "The statement says no surrender happened."}'
    assert v.label == "contradicted" and v.reason == "rule" and v.judge["adopted"] is False


def test_unreachable_judge_is_recorded_not_raised() -> None:
    import socket

    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()  # nothing listens there now
    v = _verdict()
    apply_judge(v, JudgeOptions(url=f"http://127.0.0.1:{port}", timeout=2))
    assert v.label == "contradicted" and "error" in v.judge


def test_claimreview_export_is_schema_org_shaped() -> None:
    d = claimreview(_verdict(), None, "Desk", day="2024-01-02")
    assert d["@context"] == "https://schema.org" and d["@type"] == "ClaimReview"
    assert d["claimReviewed"] == "Russian soldiers are surrendering."
    assert d["reviewRating"] == {"@type": "Rating", "alternateName": "contradicted", "bestRating": 5,
                                 "worstRating": 1, "ratingValue": 1}
    assert d["author"]["name"] == "Desk" and d["datePublished"] == "2024-01-02"
    # what we export, our own importer reads back
    from claimgraph.verify.factchecks import parse_claimreviews

    [back] = parse_claimreviews(json.dumps(d))
    assert back.claim == d["claimReviewed"] and back.rating == "contradicted" and back.rating_value == 0.0
