"""Errors that users see.

Every failure a user can cause (bad file, bad URL, non-English text) is raised as a
:class:`ClaimgraphError` with a stable code and one human sentence. The CLI turns it into
one line on stderr and exit code 2; the server turns it into a 4xx JSON body. Anything else
that escapes is a bug in claimgraph, not in the input.
"""

from __future__ import annotations


class ClaimgraphError(Exception):
    """A problem with the user's input or environment, explained in one line.

    ``code`` is stable (E001…) so scripts and tests can match on it without parsing prose.
    """

    code = "E000"

    def __init__(self, message: str, code: str | None = None) -> None:
        super().__init__(message)
        if code is not None:
            self.code = code

    @property
    def message(self) -> str:
        return str(self.args[0]) if self.args else self.code

    def __str__(self) -> str:  # one line, always
        return " ".join(str(self.args[0]).split()) if self.args else self.code


class InputError(ClaimgraphError):
    """The input is empty, binary, too large, undecodable or otherwise unusable."""

    code = "E001"


class FetchError(ClaimgraphError):
    """A URL could not be fetched (timeout, refused, too large, bad status)."""

    code = "E002"


class BlockedAddressError(FetchError):
    """A URL points at a loopback, private, link-local or metadata address, or a bad scheme."""

    code = "E003"


class LanguageError(ClaimgraphError):
    """The article is not in English; the extractors are English-only."""

    code = "E004"


class ModelError(ClaimgraphError):
    """A required language model is not installed."""

    code = "E005"


class StoreError(ClaimgraphError):
    """The database could not be opened or written."""

    code = "E006"


class DataError(ClaimgraphError):
    """An evaluation data folder is missing or malformed."""

    code = "E007"


class TimeBudgetError(ClaimgraphError):
    """An article took longer to analyse than the per-article time budget; it was stopped."""

    code = "E008"
