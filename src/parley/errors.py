"""Errors with codes and refusal reasons.

Two kinds of "no": a *refusal* is an input turned away on purpose, with a reason code that
is recorded in the store and counted (`parley stats`); an *error* is something that went
wrong in parley or in how it was called, raised as a `ParleyError` with a code and an
actionable one-line message.
"""
from __future__ import annotations

# Refusal reasons: code -> what it means. Readers and stages refuse with these codes only
# (a test checks that every code used is declared here).
REASONS: dict[str, str] = {
    "empty": "the input has no text to read",
    "not-found": "the path does not exist",
    "unreadable": "the file could not be opened or read",
    "binary": "the input is binary data, not text",
    "bad-encoding": "the bytes could not be decoded as text",
    "bad-json": "a JSON Lines line is not valid JSON",
    "not-object": "a JSON Lines line is valid JSON but not an object",
    "missing-text": "the record has neither a 'text' nor an 'html' field",
    "bad-field": "a field of the record has the wrong type",
    "duplicate-id": "the record's id is already used by a different article",
    "too-large": "the input is over the size cap",
    "unsupported-format": "the file's format is not one parley reads",
    "no-content": "nothing article-like was found in the page",
    "coding-failed": "the coder failed on this article (the article is stored uncoded)",
    "too-long-to-code": "the article's text is over the coder's length limit (the article is stored uncoded)",
    "bad-html": "the HTML could not be parsed",
    "bad-xml": "the XML could not be parsed",
    "xml-entities": "the XML declares entities (refused: entity expansion attacks)",
    "truncated": "the input ends before its format says it should",
    "bad-archive": "the archive or compressed container is corrupt",
    "bad-record": "an archive record could not be read",
    "bad-csv": "a CSV row could not be read",
    "fetch-failed": "the URL could not be fetched",
    "fetch-blocked": "the URL points to a private, loopback or link-local address",
    "http-status": "an archived or fetched response has a non-success HTTP status",
    "bad-url": "the URL is not a valid http(s) URL",
    "reader-error": "a reader failed on this input in a way parley does not expect (please report it)",
    "provenance-failed": "the article is stored and coded, but same-story grouping failed on its batch",
}


class ParleyError(Exception):
    """An error with a code, shown to the user as one line: `[E001] message`."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message

    def __str__(self) -> str:
        return f"[{self.code}] {self.message}"


class UsageError(ParleyError):
    """The command was called wrongly (exit status 2)."""


class Refused(Exception):
    """Raised by a reader or stage to refuse an input with a declared reason."""

    def __init__(self, reason: str, detail: str = "") -> None:
        if reason not in REASONS:
            raise ValueError(f"undeclared refusal reason {reason!r}")
        super().__init__(f"{reason}: {detail}" if detail else reason)
        self.reason = reason
        self.detail = detail
