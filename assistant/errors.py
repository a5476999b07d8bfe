"""Errors for broken inputs and broken setups.

Each error carries a safe Chinese `message` for end users, a machine-readable `type`
and a `hint` that says what to check next. "Nothing relevant found" is not an error:
it is an answer with `refused=True`.
"""

from __future__ import annotations


class AssistantError(Exception):
    """Base class: adapters translate these once, at the edge."""

    type = "assistant_error"
    status = 500

    def __init__(self, message: str, hint: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def __str__(self) -> str:
        return f"{self.message}（{self.hint}）" if self.hint else self.message


class InvalidInput(AssistantError):
    """The caller sent something we cannot answer (empty, too long, malformed history)."""

    type = "invalid_input"
    status = 422


class IndexMissing(AssistantError):
    """No index has been built for this knowledge folder yet."""

    type = "index_missing"
    status = 503


class IndexMismatch(AssistantError):
    """The index was built with another embedding model or format version."""

    type = "index_mismatch"
    status = 503


class ConfigError(AssistantError):
    """A setting is present but unusable (bad path, bad model name, bad WeCom key)."""

    type = "config_error"
    status = 500
