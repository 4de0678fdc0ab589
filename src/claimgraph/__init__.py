"""claimgraph: who says so, where did it come from, does it hold — claim analysis for news.

    >>> from claimgraph import analyze
    >>> a = analyze(text, title=None, url=None, published="2024-05-01")
    >>> a.to_dict()["attributions"]

Importing this package loads no model; the spaCy pipeline loads on the first analysis.
"""

from .errors import ClaimgraphError
from .model import Analysis, Article, Attribution, Claim, Finding
from .options import AnalyzeOptions, ReadOptions
from .pipeline import analyze, analyze_article, analyze_doc

__version__ = "0.1.0"
__all__ = [
    "Analysis", "AnalyzeOptions", "Article", "Attribution", "Claim", "ClaimgraphError", "Finding",
    "ReadOptions", "analyze", "analyze_article", "analyze_doc", "__version__",
]
