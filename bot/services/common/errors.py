"""Domain errors raised by services; handlers turn each code into a Persian message."""

from __future__ import annotations


class DomainError(Exception):
    """Base of every error a service raises on purpose; `code` picks the Persian text."""

    code = "domain_error"

    def __init__(self, code: str | None = None, detail: str = "") -> None:
        if code is not None:
            self.code = code
        super().__init__(f"{self.code}: {detail}" if detail else self.code)


class InvalidInput(DomainError):
    """The member typed or pressed something the current step cannot accept."""

    code = "invalid_input"


class StaleAction(DomainError):
    """A button or step that no longer applies (old message, double click, finished flow)."""

    code = "stale"


class NotAllowed(DomainError):
    """The caller lacks the right to do this (e.g. a non-admin pressing an admin button)."""

    code = "not_allowed"


class AlreadyRegistered(DomainError):
    code = "already_registered"


class NotRegistered(DomainError):
    code = "not_registered"
