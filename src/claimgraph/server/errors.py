"""One error shape for the whole API: ``{"error": {"code": ..., "message": ...}}``.

User-caused failures from the library are :class:`~claimgraph.errors.ClaimgraphError`
subclasses; they keep their stable ``E00x`` code and become a 4xx (or 502 when a remote page
failed). HTTP-level refusals (auth, roles, size, rate) use short word codes. Anything else is a
bug: it is logged with its traceback and the client sees a generic 500, never a traceback.
"""

from __future__ import annotations

from ..errors import (
    BlockedAddressError,
    ClaimgraphError,
    DataError,
    FetchError,
    InputError,
    LanguageError,
    ModelError,
    StoreError,
    TimeBudgetError,
)

# Most specific first: BlockedAddressError is a FetchError.
STATUS_BY_ERROR: tuple[tuple[type[ClaimgraphError], int], ...] = (
    (BlockedAddressError, 400),
    (FetchError, 502),
    (LanguageError, 422),
    (TimeBudgetError, 422),
    (InputError, 422),
    (DataError, 422),
    (ModelError, 503),
    (StoreError, 503),
)

WORD_CODES = {
    400: "bad_request",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    413: "too_large",
    415: "unsupported_media_type",
    422: "invalid_request",
    429: "rate_limited",
    500: "internal",
    503: "unavailable",
}


class HttpError(Exception):
    """An HTTP refusal raised by our own code (not the library): status, word code, message."""

    def __init__(self, status: int, message: str, code: str | None = None,
                 headers: dict[str, str] | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.code = code or WORD_CODES.get(status, "error")
        self.message = " ".join(message.split())
        self.headers = headers or {}


def status_for(exc: ClaimgraphError) -> int:
    for kind, status in STATUS_BY_ERROR:
        if isinstance(exc, kind):
            return status
    return 400


def error_body(code: str, message: str) -> dict[str, dict[str, str]]:
    return {"error": {"code": code, "message": message}}
