"""Readers: txt/md with front matter, jsonl, directories, stdin, and every bad-input case."""

from __future__ import annotations

import io
import json
import os
from pathlib import Path

import pytest

from xcheck.errors import UsageError
from xcheck.ingest.dates import normalise_date
from xcheck.ingest.readers import read_inputs
from xcheck.ingest.text import parse_text, split_front_matter
from xcheck.types import Document, IngestFailure

from .conftest import write

MD = """---
title: "Toll rises in Kharkiv region"
source: Northern Ledger
url: https://example.org/kharkiv-toll
published: 2022-06-13
---
# Toll rises in Kharkiv region

Officials said 606 civilians have been killed in the Kharkiv region since February 24.
"""


def docs(items: list[Document | IngestFailure]) -> list[Document]:
    return [i for i in items if isinstance(i, Document)]


def failures(items: list[Document | IngestFailure]) -> list[IngestFailure]:
    return [i for i in items if isinstance(i, IngestFailure)]


def test_front_matter_fields_and_body() -> None:
    parsed = parse_text(MD, markdown=True)
    assert parsed.title == "Toll rises in Kharkiv region"
    assert parsed.source == "Northern Ledger"
    assert parsed.url == "https://example.org/kharkiv-toll"
    assert parsed.published == "2022-06-13"
    assert parsed.text.startswith("Toll rises in Kharkiv region\n\nOfficials said 606")


def test_text_without_front_matter_is_all_body() -> None:
    fields, body = split_front_matter("Just a line.\n---\nnot front matter\n---\n")
    assert fields == {}
    assert body.startswith("Just a line.")


def test_bad_published_in_front_matter_is_an_input_error(tmp_path: Path) -> None:
    p = write(tmp_path / "a.md", "---\npublished: someday\n---\nA sentence about 5 people.\n")
    got = list(read_inputs([str(p)]))
    [f] = failures(got)
    assert str(p) in f.message and "someday" in f.message


@pytest.mark.parametrize(
    ("raw", "iso"),
    [
        ("2022-02-24", "2022-02-24"),
        ("2022-04-09T10:00:00Z", "2022-04-09"),
        ("24 February 2022", "2022-02-24"),
        ("Feb 24, 2022", "2022-02-24"),
        ("February 24th, 2022", "2022-02-24"),
        ("", None),
        (None, None),
    ],
)
def test_normalise_date(raw: str | None, iso: str | None) -> None:
    assert normalise_date(raw) == iso


def test_jsonl_good_and_bad_lines_go_on(tmp_path: Path) -> None:
    lines = [
        json.dumps(
            {"id": "w1", "title": "T1", "source": "Wire", "published": "2022-05-01", "text": "A. B c d."}
        ),
        "{not json",
        json.dumps({"title": "no text here"}),
        json.dumps({"text": ""}),
        json.dumps(["a", "list"]),
        "",
        json.dumps({"text": "Second good article with 5 words.", "published": "bad date"}),
        json.dumps({"text": "Third good article about 12 probes."}),
        json.dumps({"text": "", "title": "A headline alone is an article too"}),
    ]
    p = write(tmp_path / "w.jsonl", "\n".join(lines) + "\n")
    got = list(read_inputs([str(p)]))
    good, bad = docs(got), failures(got)
    assert [d.title for d in good] == ["T1", None, "A headline alone is an article too"]
    assert good[0].doc_key == "id:w1" and good[0].source == "Wire" and good[0].published == "2022-05-01"
    assert good[1].origin == f"{p}:8"
    messages = [f.message for f in bad]
    assert f"{p}:2: not valid JSON" in messages[0]
    assert messages[1] == f'{p}:3: no "text" field'
    assert messages[2] == f'{p}:4: "text" must be a non-empty string (or give a "title")'
    assert messages[3].startswith(f"{p}:5: expected a JSON object")
    assert messages[4].startswith(f'{p}:7: "published"')


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"", "the file is empty"),
        (b"  \n\n ", "the file is empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary file"),
        (b"caf\xe9 au lait, 3 cups", "not valid utf-8"),
    ],
)
def test_bad_files_give_one_clear_failure(tmp_path: Path, content: bytes, expected: str) -> None:
    p = write(tmp_path / "bad.txt", content)
    [f] = list(read_inputs([str(p)]))
    assert isinstance(f, IngestFailure)
    assert f.message.startswith(f"{p}: ") and expected in f.message


def test_latin1_is_readable_with_encoding(tmp_path: Path) -> None:
    p = write(tmp_path / "l.txt", "Caf\xe9 owners said 3 shops closed.".encode("latin-1"))
    [d] = list(read_inputs([str(p)], encoding="latin-1"))
    assert isinstance(d, Document) and d.text.startswith("Café")


def test_missing_and_unreadable_paths(tmp_path: Path) -> None:
    missing = tmp_path / "nope.txt"
    got = list(read_inputs([str(missing)]))
    assert got[0].message == f"{missing}: no such file or directory"  # type: ignore[union-attr]
    if os.geteuid() != 0:  # root reads anything
        locked = write(tmp_path / "locked.txt", "Text with 5 words.")
        locked.chmod(0)
        [f] = list(read_inputs([str(locked)]))
        assert isinstance(f, IngestFailure) and "cannot read" in f.message


def test_directory_is_recursive_sorted_and_skips_other_files(tmp_path: Path) -> None:
    write(tmp_path / "d" / "b.md", MD)
    write(tmp_path / "d" / "sub" / "a.txt", "Plain text article with 4 claims.")
    write(
        tmp_path / "d" / "sub" / "c.html",
        "<html><body><article><p>Page says 7 died.</p></article></body></html>",
    )
    write(tmp_path / "d" / "image.png", b"\x89PNG\x00")
    write(tmp_path / "d" / ".hidden.txt", "secret")
    write(tmp_path / "d" / "README.md", "# About this folder\n\nIt holds 3 articles.")
    got = docs(list(read_inputs([str(tmp_path / "d")])))
    assert [Path(d.origin).name for d in got] == ["b.md", "a.txt", "c.html"]


def test_empty_directory_is_reported(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    [f] = list(read_inputs([str(tmp_path / "empty")]))
    assert isinstance(f, IngestFailure) and "no .txt" in f.message


def test_stdin_and_source_override(tmp_path: Path) -> None:
    stream = io.BytesIO(b"Officials said 12 people were hurt.")
    [d] = list(read_inputs(["-"], stdin=stream, source="Radio X"))
    assert isinstance(d, Document)
    assert d.source == "Radio X" and d.origin == "<stdin>" and d.doc_key and d.doc_key.startswith("stdin:")


def test_format_override_and_unknown_format(tmp_path: Path) -> None:
    p = write(tmp_path / "a.data", json.dumps({"text": "Wire copy with 3 figures."}) + "\n")
    [d] = list(read_inputs([str(p)], fmt="jsonl"))
    assert isinstance(d, Document) and d.text == "Wire copy with 3 figures."
    with pytest.raises(UsageError, match="unknown format"):  # a bad option value: exit 2 in the CLI
        list(read_inputs([str(p)], fmt="pdf"))


def test_content_hash_changes_with_text_only() -> None:
    a = Document(text="x", title="t", doc_key="k1", origin="a")
    b = Document(text="x", title="t", doc_key="k2", origin="b")
    c = Document(text="y", title="t", doc_key="k1", origin="a")
    assert a.sha256 == b.sha256 != c.sha256
