"""Story clustering: which articles report the same event, across outlets.

Outlets write the same event in their own words, so near-duplicate detection (shared 5-word
runs) finds nothing here. What they share is the *names and rare words* of the event and the
*time*. Similarity is the TF-IDF cosine of title + text (sublinear tf, English stop words, word
unigrams and bigrams, rare terms weighted up), set to zero when both articles have dates more
than ``max_days`` apart. Clusters are cut from average-linkage agglomerative clustering at
``threshold`` (average linkage, not single: one shared name must not chain two stories).
The defaults were chosen on the BASIL development triplets (``docs/calibration.md``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import numpy as np


@dataclass(frozen=True, slots=True)
class StoryOptions:
    threshold: float = 0.08
    max_days: int = 3


def _day(value: str | None) -> date | None:
    try:
        return date.fromisoformat((value or "")[:10])
    except ValueError:
        return None


def similarity_matrix(texts: list[str], dates: list[str | None], options: StoryOptions) -> np.ndarray:
    from sklearn.feature_extraction.text import TfidfVectorizer

    vec = TfidfVectorizer(sublinear_tf=True, stop_words="english", ngram_range=(1, 2), min_df=1, max_df=0.5)
    m = vec.fit_transform(texts)
    sim = (m @ m.T).toarray()
    days = [_day(d) for d in dates]
    for i, di in enumerate(days):
        for j, dj in enumerate(days):
            if di and dj and abs((di - dj).days) > options.max_days:
                sim[i, j] = 0.0
    np.fill_diagonal(sim, 1.0)
    return sim


def cluster_stories(texts: list[str], dates: list[str | None], options: StoryOptions | None = None) -> list[int]:
    """A cluster label per article."""
    from sklearn.cluster import AgglomerativeClustering

    options = options or StoryOptions()
    if len(texts) < 2:
        return [0] * len(texts)
    dist = 1.0 - similarity_matrix(texts, dates, options)
    model = AgglomerativeClustering(n_clusters=None, metric="precomputed", linkage="average",
                                    distance_threshold=1.0 - options.threshold)
    return [int(x) for x in model.fit_predict(dist)]
