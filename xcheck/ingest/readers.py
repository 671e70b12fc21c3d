"""Turn paths, directories and stdin into Documents, reporting each bad input and going on.

``read_inputs`` yields ``Document`` or ``IngestFailure`` items in a stable order, so one bad file or
line never stops a batch.
"""

from __future__ import annotations

import errno
import hashlib
import json
import os
import re
import stat
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import BinaryIO

from ..errors import InputError, UsageError
from ..types import Document, IngestFailure
from .dates import date_at_head, normalise_date
from .text import parse_text

FORMATS = ("txt", "md", "html", "jsonl")
SUFFIX_FORMAT = {
    ".txt": "txt",
    ".text": "txt",
    ".md": "md",
    ".markdown": "md",
    ".html": "html",
    ".htm": "html",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
}
JSONL_FIELDS = ("id", "title", "source", "url", "published", "text")
MAX_FILE_BYTES = 50 * 1024 * 1024
# A folder's own documentation is not an article (a file named on the command line is always read).
_NOT_ARTICLES = re.compile(r"^(readme|license|licence|changelog|contributing)(\.[a-z]+)?$", re.IGNORECASE)


def format_for(path: Path, override: str | None) -> str | None:
    """The format for ``path``: ``override`` if given, else by suffix, else ``None``."""
    if override:
        return override
    return SUFFIX_FORMAT.get(path.suffix.lower())


def decode(data: bytes, origin: str, encoding: str = "utf-8") -> str:
    """Bytes to text, refusing binary and undecodable input with a message that names ``origin``."""
    if not data.strip():
        raise InputError("the file is empty", path=origin)
    if b"\x00" in data[:8192]:
        raise InputError("this looks like a binary file, not text", path=origin)
    enc = "utf-8-sig" if encoding.lower().replace("_", "-") in ("utf-8", "utf8") else encoding
    try:
        return data.decode(enc)
    except UnicodeDecodeError as exc:
        raise InputError(
            f"the text is not valid {encoding} (byte {exc.start}); convert it or pass --encoding",
            path=origin,
        ) from None
    except LookupError:
        raise InputError(f"unknown encoding {encoding!r}", path=origin) from None


@dataclass(frozen=True)
class Metadata:
    """Values given for every article of one call (``--source``, ``--title``, ``--published``).

    Each one given wins over what the article itself says.
    """

    source: str | None = None
    title: str | None = None
    published: str | None = None

    @classmethod
    def of(
        cls, source: str | None = None, title: str | None = None, published: str | None = None
    ) -> Metadata:
        """Check the values a user typed; a date that cannot be read is a usage error."""
        try:
            date = normalise_date(published)
        except ValueError as exc:
            raise UsageError(str(exc), param="published") from None
        return cls(source=source or None, title=title or None, published=date)

    def apply(self, doc: Document) -> Document:
        if self.source is None and self.title is None and self.published is None:
            return doc
        return replace(
            doc,
            source=self.source or doc.source,
            title=self.title or doc.title,
            published=self.published or doc.published,
        )


def parse_document(raw: str, fmt: str, origin: str, doc_key: str) -> Document:
    """One txt/md/html article from its text."""
    if fmt == "html":
        from .html import parse_html

        page = parse_html(raw)
        text, title, source, url, published = page.text, page.title, page.source, page.url, page.published
    else:
        try:
            parsed = parse_text(raw, markdown=(fmt == "md"))
        except ValueError as exc:
            raise InputError(f"front matter: {exc}", path=origin) from None
        text, title, source, url, published = (
            parsed.text,
            parsed.title,
            parsed.source,
            parsed.url,
            parsed.published,
        )
    if not text.strip():
        raise InputError("no article text found", path=origin)
    return Document(
        text=text,
        title=title,
        source=source,
        url=url,
        published=published or date_at_head(text),
        doc_key=doc_key,
        origin=origin,
    )


def document_from_record(record: object, origin: str, line: int, default_key: str) -> Document:
    """One article from a parsed JSONL line (or an HTTP body with the same fields)."""
    if not isinstance(record, dict):
        raise InputError('expected a JSON object with a "text" field', path=origin, line=line)
    text = record.get("text")
    if text is None:
        raise InputError('no "text" field', path=origin, line=line)
    if not isinstance(text, str):
        raise InputError('"text" must be a string', path=origin, line=line)
    title = record.get("title")
    if not text.strip() and not (isinstance(title, str) and title.strip()):
        # a headline alone is an article too (wire items, headline feeds)
        raise InputError('"text" must be a non-empty string (or give a "title")', path=origin, line=line)
    values: dict[str, str | None] = {}
    for key in ("id", "title", "source", "url", "published"):
        value = record.get(key)
        if value is not None and not isinstance(value, str | int | float):
            raise InputError(f'"{key}" must be a string', path=origin, line=line)
        values[key] = None if value is None or value == "" else str(value)
    try:
        published = normalise_date(values["published"])
    except ValueError as exc:
        raise InputError(f'"published": {exc}', path=origin, line=line) from None
    key = f"id:{values['id']}" if values["id"] else default_key
    return Document(
        text=text,
        title=values["title"],
        source=values["source"],
        url=values["url"],
        published=published or date_at_head(text),
        doc_key=key,
        origin=f"{origin}:{line}",
    )


def iter_jsonl(raw: str, origin: str, key_base: str) -> Iterator[Document | IngestFailure]:
    """Articles of a JSONL text; a bad line is reported and the next line read."""
    seen_any = False
    for number, line in enumerate(raw.splitlines(), start=1):
        if not line.strip():
            continue
        seen_any = True
        try:
            try:
                record = json.loads(line)
            except json.JSONDecodeError as exc:
                msg = f"not valid JSON ({exc.msg} at column {exc.colno})"
                raise InputError(msg, path=origin, line=number) from None
            except RecursionError:
                raise InputError("the JSON is nested too deeply", path=origin, line=number) from None
            yield document_from_record(record, origin, number, default_key=f"{key_base}:{number}")
        except InputError as err:
            yield IngestFailure(origin=f"{origin}:{number}", message=str(err))
    if not seen_any:
        yield IngestFailure(origin=origin, message=str(InputError("the file is empty", path=origin)))


def _read_bytes(stream: BinaryIO, origin: str) -> bytes:
    data = stream.read(MAX_FILE_BYTES + 1)
    if len(data) > MAX_FILE_BYTES:
        raise InputError(f"the file is larger than {MAX_FILE_BYTES // (1024 * 1024)} MiB", path=origin)
    return data


def read_blob(
    data: bytes, fmt: str, origin: str, doc_key: str, encoding: str = "utf-8"
) -> Iterator[Document | IngestFailure]:
    """Documents in one file's bytes."""
    try:
        raw = decode(data, origin, encoding)
        if fmt == "jsonl":
            yield from iter_jsonl(raw, origin, doc_key)
        else:
            yield parse_document(raw, fmt, origin, doc_key)
    except InputError as err:
        yield IngestFailure(origin=origin, message=str(err))
    except RecursionError:  # markup nested beyond what the parser can follow
        yield IngestFailure(origin=origin, message=f"{origin}: the document is nested too deeply to read")


def _walk(path: Path) -> Iterator[Path]:
    """Files below ``path`` in a stable order, hidden entries skipped."""
    for root, dirs, files in os.walk(path, onerror=None):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if not name.startswith(".") and not _NOT_ARTICLES.match(name):
                yield Path(root) / name


def read_inputs(
    paths: Iterable[str],
    *,
    fmt: str | None = None,
    source: str | None = None,
    encoding: str = "utf-8",
    stdin: BinaryIO | None = None,
    meta: Metadata | None = None,
) -> Iterator[Document | IngestFailure]:
    """Every article under ``paths`` ('-' is stdin), in order; failures are yielded, not raised.

    ``meta`` (or just ``source``) gives values that win over what each article says.
    """
    if fmt is not None and fmt not in FORMATS:
        raise UsageError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}", param="format")
    meta = meta or Metadata()
    if source is not None:
        meta = replace(meta, source=source)
    for item in paths:
        if item == "-":
            stream = stdin if stdin is not None else sys.stdin.buffer
            try:
                data = _read_bytes(stream, "<stdin>")
            except InputError as err:
                yield IngestFailure(origin="<stdin>", message=str(err))
                continue
            key = "stdin:" + hashlib.sha256(data).hexdigest()[:16]
            for got in read_blob(data, fmt or "txt", "<stdin>", key, encoding):
                yield got if isinstance(got, IngestFailure) else meta.apply(got)
            continue
        path = Path(item)
        if path.is_dir():
            found = False
            for file in _walk(path):
                file_fmt = format_for(file, fmt)
                if file_fmt is None:
                    continue  # a README.json, an image: not an article, silently passed over
                found = True
                yield from _read_file(file, file_fmt, meta, encoding)
            if not found:
                yield IngestFailure(origin=str(path), message=f"{path}: no .txt, .md, .html or .jsonl files")
            continue
        file_fmt = format_for(path, fmt)
        if file_fmt is None:
            file_fmt = "txt"  # named explicitly: read as text, the checks below catch binaries
        yield from _read_file(path, file_fmt, meta, encoding)


_KINDS = (
    (stat.S_ISFIFO, "a named pipe (FIFO)"),
    (stat.S_ISSOCK, "a socket"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
)


def _open_regular(path: Path, origin: str) -> BinaryIO:
    """Open ``path`` for reading if it is a regular file; anything else is refused without blocking."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))  # a FIFO without writer would block
    try:
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):
            if stat.S_ISDIR(mode):
                raise IsADirectoryError(errno.EISDIR, "is a directory")
            kind = next((name for test, name in _KINDS if test(mode)), "not a regular file")
            raise InputError(f"{kind}, not a regular file; skipped", path=origin)
        if hasattr(os, "set_blocking"):
            os.set_blocking(fd, True)
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


def _read_file(path: Path, fmt: str, meta: Metadata, encoding: str) -> Iterator[Document | IngestFailure]:
    origin = str(path)
    try:
        with _open_regular(path, origin) as fh:
            data = _read_bytes(fh, origin)
    except InputError as err:
        yield IngestFailure(origin=origin, message=str(err))
        return
    except FileNotFoundError:
        yield IngestFailure(origin=origin, message=f"{origin}: no such file or directory")
        return
    except IsADirectoryError:
        yield IngestFailure(origin=origin, message=f"{origin}: is a directory")
        return
    except OSError as exc:
        yield IngestFailure(origin=origin, message=f"{origin}: cannot read it ({exc.strerror or exc})")
        return
    key = "file:" + str(path.resolve())
    for got in read_blob(data, fmt, origin, key, encoding):
        yield got if isinstance(got, IngestFailure) else meta.apply(got)
