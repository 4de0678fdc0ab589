"""Language identification (py3langid: a small model inside the wheel, offline, deterministic)."""

from __future__ import annotations

import functools


@functools.lru_cache(maxsize=1)
def _identifier():  # type: ignore[no-untyped-def]
    from py3langid.langid import MODEL_DIR, MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_modelpath(MODEL_DIR / MODEL_FILE, norm_probs=True)


def detect_language(text: str, sample_chars: int = 5000) -> tuple[str, float]:
    """ISO 639-1 code and probability, judged on the first ``sample_chars`` characters."""
    lang, prob = _identifier().classify(text[:sample_chars])
    return str(lang), float(prob)
