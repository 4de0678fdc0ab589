"""Text clean-up shared by training, evaluation and run time.

Why a module of its own: the stance model must see text at run time the way it saw it in
training, and evaluation sets come in odd shapes (FEVER is tokenised with spaces around
punctuation and ``-LRB-`` for brackets). One function per quirk keeps the three paths equal.
"""

from __future__ import annotations

import re

_PTB = {"-LRB-": "(", "-RRB-": ")", "-LSB-": "[", "-RSB-": "]", "-LCB-": "{", "-RCB-": "}",
        "``": '"', "''": '"', "--": "-"}


def detokenize(text: str) -> str:
    """Undo Penn-Treebank style tokenisation (FEVER, WiCE) so the text reads like news copy."""
    for k, v in _PTB.items():
        text = text.replace(k, v)
    text = re.sub(r"\s+([.,;:!?%)\]}])", r"\1", text)
    text = re.sub(r"([(\[{$])\s+", r"\1", text)
    text = re.sub(r"\s+'(s|re|ve|d|ll|m|t)\b", r"'\1", text)
    text = re.sub(r"\s+n't\b", "n't", text)
    return " ".join(text.split())


_DATELINE = re.compile(r"^[A-Z][A-Z .'’-]{2,40}(?:,\s*[^\n\-–—(]{0,40})?(?:\s*\([^)\n]{1,40}\))?\s*[-–—]+\s+")


def strip_dateline(text: str) -> str:
    """Drop a wire dateline ("KYIV, March 3 (Example Wire) - ") before stance scoring.

    Why: the stance model was trained on plain sentences; a dateline is noise to it and
    measurably pulls a supporting sentence towards neutral. Offsets are not affected: only
    the model's input changes, never the passage that is shown.
    """
    return _DATELINE.sub("", text, count=1)
