"""One error hierarchy. Every message is written for the person at the keyboard."""

from __future__ import annotations


class XcheckError(Exception):
    """Base class of every error xcheck raises on purpose."""


class InputError(XcheckError):
    """A file, line or value given by the user cannot be read.

    ``path`` and ``line`` name where the problem is, when known.
    """

    def __init__(self, message: str, *, path: str | None = None, line: int | None = None) -> None:
        self.path = path
        self.line = line
        self.reason = message
        where = ""
        if path is not None:
            where = f"{path}:{line}: " if line is not None else f"{path}: "
        super().__init__(f"{where}{message}")


class ModelError(XcheckError):
    """The embedding model cannot be loaded or does not match the index."""


class StoreError(XcheckError):
    """The index folder is unusable: corrupt, from a newer xcheck, or out of step."""


class IndexBusyError(XcheckError):
    """Another process is writing to the same index."""


class ClusterError(XcheckError):
    """The Ray cluster cannot be reached, or a task on it failed (``xcheck ... --ray``)."""


class UsageError(XcheckError):
    """A command was called with options that do not fit together, or a value out of its range.

    ``param`` names the parameter at fault in the library's own words (``since``, ``min_similarity``);
    the CLI shows it as its flag (``--since``), the service as its query parameter.
    """

    def __init__(self, message: str, *, param: str | None = None) -> None:
        self.param = param
        self.reason = message
        super().__init__(f"{param}: {message}" if param else message)


__all__ = [
    "ClusterError",
    "IndexBusyError",
    "InputError",
    "ModelError",
    "StoreError",
    "UsageError",
    "XcheckError",
]
