"""Specific failures the library raises; the CLI and app turn each into one clear line."""


class PanelQAError(Exception):
    """Base class: the message names the thing and, where there is one, the fix."""


class UnreadableFile(PanelQAError):
    """A paper could not be read; the message names the file and the reason."""

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


class IndexNotFound(PanelQAError):
    def __init__(self, where: str) -> None:
        super().__init__(f"No index at '{where}'. Build one with `panelqa ingest`.")


class IndexMismatch(PanelQAError):
    """The index on disk does not match its manifest or the current settings."""

    def __init__(self, where: str, reason: str) -> None:
        super().__init__(f"Index at '{where}' is unusable ({reason}). Re-run `panelqa ingest`.")


class BadQuery(PanelQAError):
    """A question that cannot be answered as asked (empty, too long, no words)."""
