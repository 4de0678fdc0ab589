"""When a passage may decide a verdict: the stance model and the rules must agree.

``verdict.passage_stance`` reads one passage (model probabilities, rule conflicts) the way the
FEVER-Symmetric measurement does. On news that alone overreaches (issue 15): an unrelated line
"supported" a lawyers' quote at a model score of 0.52, and a one-word negation rule ("the
passage negates 'Russia'") "contradicted" an article. A stance therefore turns into a
``supported`` / ``contradicted`` verdict only when the other side agrees; otherwise the
passage is shown as *related evidence* with what was missing.

* **Support** needs, besides the model's support (``passage_stance``: top class, above the
  calibrated threshold and margin, no rule conflict), the rules' agreement that the passage is
  about the claim's facts: at least ``SUPPORT_COVERAGE`` of the claim's content words are in it
  and every number of the claim (counts, years) is in it too. A model can entail "the talks
  continued" from any talks; a fact-checker needs the same people, places and figures.
* **Contradiction** needs a rule conflict (another number or year for the same thing, a
  negated phrase of at least two words, another nationality, "reports that … are false") *and*
  the model leaning the same way: P(contradicts) >= ``CONTRADICT_AGREE`` and above
  P(supports). "Reports that X are false" is the exception: an NLI model reads it as
  entailing X, so there its agreement is seeing X at all (support plus contradiction >= 0.5). The model alone (even at 0.7) no longer contradicts: on news its confident
  contradictions were mostly other scenes of the same war; a rule alone no longer contradicts
  either: different days bring different counts.
"""

from __future__ import annotations

import re

from .bm25 import content_stems
from .signals import Signal, _find

SUPPORT_COVERAGE = 0.5
"""Share of the claim's content words a supporting passage must contain (light stems, so
"Russian"/"Russia" and "leaving"/"leave" match)."""
CONTRADICT_AGREE = 0.5
"""P(contradicts) the stance model must give a passage a rule says conflicts: a majority of
the probability, and above P(supports)."""
_NUMBER = re.compile(r"\b\d[\d,.]*\b")
_STRONG = frozenset({"conflicting_number", "conflicting_date", "conflicting_nationality", "debunked"})


def coverage(claim: str, passage: str) -> tuple[float, list[str]]:
    """Share of the claim's content words found in the passage, and the words missing."""
    cw, pw = content_stems(claim), content_stems(passage)
    if not cw:
        return 0.0, []
    missing = [claim[s:e] for w, (s, e) in cw.items() if _find(w, pw) is None]
    return 1 - len(missing) / len(cw), missing


def _numbers(text: str) -> set[str]:
    return {m.group(0).rstrip(".,").replace(",", "") for m in _NUMBER.finditer(text)}


def support_agrees(claim: str, passage: str, signals: list[Signal]) -> tuple[bool, str]:
    """Whether the rules back a model support: the passage names the claim's facts, no conflict."""
    conflicts = [s for s in signals if s.polarity < 0]
    if conflicts:
        return False, f"the rules see a conflict: {conflicts[0].detail}"
    share, missing = coverage(claim, passage)
    if share < SUPPORT_COVERAGE:
        shown = ", ".join(f"'{w}'" for w in missing[:4])
        return False, f"the passage shares only {share:.0%} of the claim's words (not {shown})"
    absent = sorted(_numbers(claim) - _numbers(passage))
    if absent:
        return False, f"the passage does not state the claim's {', '.join(absent[:3])}"
    return True, f"the passage states {share:.0%} of the claim's words and all its figures"


def contradiction_agrees(probs: dict[str, float], signals: list[Signal]) -> tuple[bool, str]:
    """Whether a rule conflict and the stance model both say contradiction."""
    conflicts = [s for s in signals if s.polarity < 0 and _strong(s)]
    con, sup = probs.get("contradicts", 0.0), probs.get("supports", 0.0)
    if not conflicts:
        weak = [s for s in signals if s.polarity < 0]
        if weak:
            return False, f"the only rule conflict is weak ({weak[0].detail})"
        return False, f"no rule finds a conflicting number, date, name or negation (model: contradicts {con:.2f})"
    debunk = next((s for s in conflicts if s.kind == "debunked"), None)
    if debunk is not None and sup + con >= CONTRADICT_AGREE:
        # an NLI model reads "reports that X are false" as entailing X: that it sees X at all
        # (support or contradiction, not neutral) is its agreement that the passage is about the claim
        return True, f"{debunk.detail}; the model reads the claim in it (supports {sup:.2f}, contradicts {con:.2f})"
    if con < CONTRADICT_AGREE or con <= sup:
        return False, f"a rule conflicts ({conflicts[0].detail}) but the model does not (contradicts {con:.2f}, supports {sup:.2f})"
    return True, f"{conflicts[0].detail}; the model agrees (contradicts {con:.2f})"


def _strong(signal: Signal) -> bool:
    """A negation of a single word ("the passage negates 'Russia'") is too weak to contradict a
    claim: one name said in a negative sentence is most often another statement about it."""
    if signal.kind in _STRONG:
        return True
    if signal.kind == "negation":
        quoted = signal.detail.split("'", 1)[-1].rstrip("'")
        return len(quoted.split()) >= 2
    return False
