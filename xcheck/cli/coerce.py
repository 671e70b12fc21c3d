"""Argument coercion without pydantic, for the few plain types xcheck's commands take.

Typer (from 0.2x) converts every argument with a pydantic ``TypeAdapter`` built on first use; importing
pydantic and building the adapters costs about 0.1 s of every command's start (README, "Fast start").
xcheck's parameters are all ``str``, ``int``, ``float``, ``bool``, ``Path`` or lists of them, optionally
with ``min``/``max``: :func:`install` gives each such parameter a small converter of its own, with
pydantic's messages (so errors read as before). A parameter of any other type, or a Typer without this
hook (older versions, where click converts), keeps Typer's own conversion.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any, get_args, get_origin

_NOT_INT = "Input should be a valid integer, unable to parse string as an integer"
_NOT_NUMBER = "Input should be a valid number, unable to parse string as a number"
_TRUE = frozenset({"1", "on", "t", "true", "y", "yes"})
_FALSE = frozenset({"0", "off", "f", "false", "n", "no"})


class InvalidValueError(ValueError):
    """A value that does not convert; its message is what the user reads after the option's name."""


def _bound(b: Any) -> str:
    return str(int(b)) if float(b).is_integer() else str(b)


def _scalar(kind: type, value: Any, lo: Any, hi: Any) -> Any:
    if kind is str:
        return value if isinstance(value, str) else str(value)
    if kind is Path:
        return value if isinstance(value, Path) else Path(value)
    if kind is bool:
        if isinstance(value, bool):
            return value
        word = str(value).strip().lower()
        if word in _TRUE or word in _FALSE:
            return word in _TRUE
        raise InvalidValueError("Input should be a valid boolean, unable to interpret input")
    if kind is int:
        try:
            out: Any = int(value.strip()) if isinstance(value, str) else int(value)
        except (TypeError, ValueError):
            raise InvalidValueError(_NOT_INT) from None
    else:  # float
        try:
            out = float(value.strip()) if isinstance(value, str) else float(value)
        except (TypeError, ValueError):
            raise InvalidValueError(_NOT_NUMBER) from None
    if lo is not None and out < lo:
        raise InvalidValueError(f"Input should be greater than or equal to {_bound(lo)}")
    if hi is not None and out > hi:
        raise InvalidValueError(f"Input should be less than or equal to {_bound(hi)}")
    return out


def plan(annotation: Any) -> tuple[bool, type] | None:
    """(is a list, item type) for an annotation converted here; ``None`` for any other."""
    simple = (str, int, float, bool, Path)
    if annotation in simple:
        return False, annotation
    if get_origin(annotation) is list:
        args = get_args(annotation)
        if len(args) == 1 and args[0] in simple:
            return True, args[0]
    return None


def convert(annotation: Any, value: Any, lo: Any = None, hi: Any = None) -> Any:
    """``value`` (from the command line, the environment or a default) as ``annotation``; raises
    :class:`InvalidValueError`."""
    planned = plan(annotation)
    if planned is None:
        raise TypeError(f"no plain conversion for {annotation!r}")
    many, kind = planned
    if many:
        items = value if isinstance(value, list | tuple) else [value]
        return [_scalar(kind, v, lo, hi) for v in items]
    return _scalar(kind, value, lo, hi)


@cache
def _runtime_class() -> type | None:
    """A subclass of Typer's ``RuntimeParam`` that converts with :func:`convert` (None: no such hook)."""
    try:
        from typer._click.exceptions import BadParameter
        from typer._coercion import RuntimeParam
    except ImportError:
        return None

    @dataclass(frozen=True)
    class PlainRuntimeParam(RuntimeParam):
        def _coerce_value(self, value: Any, param: Any, ctx: Any) -> Any:
            info = self.parameter_info
            try:
                return convert(self.annotation, value, info.min, info.max)
            except InvalidValueError as exc:
                raise BadParameter(str(exc), ctx=ctx, param=param) from None

    return PlainRuntimeParam


def install(params: list[Any]) -> list[Any]:
    """Give each parameter of a plain type the converter above, unless it has one already."""
    cls = _runtime_class()
    if cls is None:
        return params
    for p in params:
        desc = getattr(p, "type_descriptor", None)
        if desc is None or getattr(p, "_runtime_param", True) is not None or desc.file_annotation is not None:
            continue
        if plan(desc.annotation) is not None:
            p._runtime_param = cls(parameter_info=desc.parameter_info, annotation=desc.annotation)
    return params
