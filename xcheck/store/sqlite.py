"""The SQLite half of an index: documents, claims and the manifest, with versioned migrations."""

from __future__ import annotations

import contextlib
import json
import sqlite3
import threading
import zlib
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import StoreError
from ..types import Claim, Document

DB_NAME = "xcheck.sqlite"

# Frames are stored as raw DEFLATE with a preset dictionary of the frame's own key names and usual
# values: a typical frame of about 460 bytes of JSON takes about 90 (measured on the RUWA index). The
# first byte names the dictionary; append a new one for a new version, never change one. Frames stored
# as JSON text by earlier versions are read as they are.
_FRAME_DICTS: dict[int, bytes] = {
    1: (
        b'{"name": "", "type": "country", "text": ""}, {"name": "", "type": "city", "text": ""}, '
        b'{"name": "", "type": "region", "text": ""}, {"name": "", "type": "person"}, '
        b'{"name": "", "type": "organisation"}, {"name": "", "type": "country"}, '
        b'"kind": "day", "start": "", "end": "", "label": "", '
        b'{"text": "", "start": , "end": , "low": , "high": , "kind": "exact", "measure": "", '
        b'"subject": null, "unit": null, "role": "total"}, '
        b'{"quantities": [], "negated": false, "dates": [], "as_of": "20", "places": [], "scope": null, '
        b'"entities": [], "memberships": [], "attribution": null, "period": null, "context_places": [], '
        b'"moment": null, "said_on": false, "years": []}'
    ),
}
# 2: frames with an event and the sentence's cues (extractor 25): dictionary 1 with their keys appended
_FRAME_DICTS[2] = _FRAME_DICTS[1] + (
    b', "event": {"target": "", "kind": null, "once": false, "day": null, "agent": null, '
    b'"agent_text": null, "weapon": null, "weapon_text": null, "weapon_denied": false, "denier": null, '
    b'"denial_text": null, "status": null, "status_text": null, "inherited": false}, '
    b'"event": null, "neg": [""], "den": [0], "negw": "", "denial_word": true, "refusal": true, '
    b'"dates": [["", "", ""]], "partitive": [0], "cues": {"key": "", "words": "'
)
_FRAME_VERSION = 2


def encode_frame(frame: dict[str, Any]) -> bytes:
    """A frame as stored: one version byte, then its JSON deflated with that version's dictionary."""
    packer = zlib.compressobj(9, zlib.DEFLATED, -15, 9, zlib.Z_DEFAULT_STRATEGY, _FRAME_DICTS[_FRAME_VERSION])
    raw = json.dumps(frame, ensure_ascii=False).encode("utf-8")
    return bytes([_FRAME_VERSION]) + packer.compress(raw) + packer.flush()


def decode_frame(stored: str | bytes) -> dict[str, Any]:
    """The frame of a claim row, stored by :func:`encode_frame` or (earlier versions) as JSON text."""
    if isinstance(stored, str):
        out: dict[str, Any] = json.loads(stored)
        return out
    zdict = _FRAME_DICTS.get(stored[0]) if stored else None
    if zdict is None:
        raise StoreError("a claim's frame is stored in a format this xcheck does not know; upgrade xcheck")
    try:
        unpacker = zlib.decompressobj(-15, zdict)
        out = json.loads(unpacker.decompress(stored[1:]) + unpacker.flush())
    except (zlib.error, ValueError) as exc:
        raise StoreError(f"a claim's frame is unreadable: {exc}") from exc
    return out


def _run(db: sqlite3.Connection, script: str) -> None:
    """Run ``;``-separated statements inside the caller's transaction (executescript would commit)."""
    for statement in script.split(";"):
        if statement.strip():
            db.execute(statement)


def _m1(db: sqlite3.Connection) -> None:
    _run(
        db,
        """
        CREATE TABLE manifest (
            key   TEXT PRIMARY KEY,
            value TEXT NOT NULL
        );
        CREATE TABLE documents (
            id        INTEGER PRIMARY KEY,
            doc_key   TEXT NOT NULL UNIQUE,
            sha256    TEXT NOT NULL,
            source    TEXT,
            title     TEXT,
            url       TEXT,
            published TEXT,
            origin    TEXT NOT NULL,
            text      TEXT NOT NULL,
            added_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
        );
        CREATE INDEX documents_sha256 ON documents(sha256);
        CREATE TABLE claims (
            id        INTEGER PRIMARY KEY,
            doc_id    INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            position  INTEGER NOT NULL,
            start     INTEGER NOT NULL,
            end       INTEGER NOT NULL,
            text      TEXT NOT NULL,
            text_hash TEXT NOT NULL,
            frame     TEXT NOT NULL DEFAULT '{}'
        );
        CREATE INDEX claims_doc ON claims(doc_id);
        CREATE INDEX claims_text_hash ON claims(text_hash);
        """,
    )


def _m2(db: sqlite3.Connection) -> None:
    """Judged pairs of claims, and which claims have had their neighbourhood paired."""
    _run(
        db,
        """
        CREATE TABLE pairs (
            a          INTEGER NOT NULL REFERENCES claims(id) ON DELETE CASCADE,
            b          INTEGER NOT NULL REFERENCES claims(id) ON DELETE CASCADE,
            similarity REAL NOT NULL,
            relation   TEXT NOT NULL,
            confidence REAL NOT NULL,
            reason     TEXT NOT NULL,
            cue        TEXT,
            PRIMARY KEY (a, b),
            CHECK (a < b)
        );
        CREATE INDEX pairs_b ON pairs(b);
        CREATE INDEX pairs_relation ON pairs(relation);
        ALTER TABLE claims ADD COLUMN paired INTEGER NOT NULL DEFAULT 0;
        CREATE INDEX claims_unpaired ON claims(paired) WHERE paired = 0
        """,
    )


def _m3(db: sqlite3.Connection) -> None:
    """Which field of its document a claim's span points into: ``text`` or ``title``."""
    _run(db, "ALTER TABLE claims ADD COLUMN part TEXT NOT NULL DEFAULT 'text'")


def _m4(db: sqlite3.Connection) -> None:
    """How many times a claim's sentence occurs in its document (repeats are stored once)."""
    db.execute("ALTER TABLE claims ADD COLUMN repeats INTEGER NOT NULL DEFAULT 1")


# Each entry moves the schema from version i to i + 1. Append, never edit.
MIGRATIONS: list[Callable[[sqlite3.Connection], None]] = [_m1, _m2, _m3, _m4]
SCHEMA_VERSION = len(MIGRATIONS)


@dataclass(frozen=True)
class StoredDocument:
    id: int
    doc_key: str
    sha256: str
    source: str | None
    title: str | None
    url: str | None
    published: str | None


class SqliteStore:
    """Documents, claims and manifest in ``index_dir/xcheck.sqlite``.

    Each thread gets its own connection, so a reader in one thread never sees another thread's
    uncommitted writes and read transactions of different threads never collide.
    """

    def __init__(self, index_dir: Path, *, create: bool) -> None:
        self.path = index_dir / DB_NAME
        if not create and not self.path.exists():
            raise StoreError(f"no index at {index_dir}; run `xcheck ingest` first")
        self._local = threading.local()
        self._all: list[sqlite3.Connection] = []
        self._all_lock = threading.Lock()
        self._closed = False
        self._watch: sqlite3.Connection | None = None  # never writes: see data_version()
        self._watch_lock = threading.Lock()
        try:
            self.db.execute("PRAGMA journal_mode = WAL")
            self._migrate()
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"the index database {self.path} is unreadable: {exc}") from exc

    @property
    def db(self) -> sqlite3.Connection:
        """This thread's connection (opened on first use)."""
        db: sqlite3.Connection | None = getattr(self._local, "db", None)
        if db is None:
            if self._closed:
                raise StoreError(f"the index database {self.path} is closed")
            try:
                db = sqlite3.connect(self.path, timeout=30.0, isolation_level=None, check_same_thread=False)
                db.row_factory = sqlite3.Row
                db.execute("PRAGMA foreign_keys = ON")
                db.execute("PRAGMA synchronous = FULL")
            except sqlite3.DatabaseError as exc:
                raise StoreError(f"the index database {self.path} is unreadable: {exc}") from exc
            self._local.db = db
            with self._all_lock:
                self._all.append(db)
        return db

    def data_version(self) -> int:
        """A number that changes whenever a change to the database is committed, by any connection
        of this process or of another one (SQLite's ``PRAGMA data_version`` of a connection that
        never writes itself). Cheap: no table is read."""
        with self._watch_lock:
            if self._closed:
                raise StoreError(f"the index database {self.path} is closed")
            watch = self._watch
            if watch is None:
                try:
                    watch = sqlite3.connect(
                        self.path, timeout=30.0, isolation_level=None, check_same_thread=False
                    )
                except sqlite3.DatabaseError as exc:
                    raise StoreError(f"the index database {self.path} is unreadable: {exc}") from exc
                self._watch = watch
                with self._all_lock:
                    self._all.append(watch)
            return int(watch.execute("PRAGMA data_version").fetchone()[0])

    def close(self) -> None:
        with self._all_lock:
            self._closed = True
            conns, self._all = self._all, []
        for db in conns:
            db.close()

    def _migrate(self) -> None:
        version = int(self.db.execute("PRAGMA user_version").fetchone()[0])
        if version > SCHEMA_VERSION:
            raise StoreError(
                f"the index at {self.path.parent} was written by a newer xcheck "
                f"(schema {version}, this one knows {SCHEMA_VERSION}); upgrade xcheck"
            )
        for target in range(version, SCHEMA_VERSION):
            self.db.execute("BEGIN IMMEDIATE")
            try:
                MIGRATIONS[target](self.db)
                self.db.execute(f"PRAGMA user_version = {target + 1}")
                self.db.execute("COMMIT")
            except BaseException:
                self.db.execute("ROLLBACK")
                raise

    # -- transactions ---------------------------------------------------------------------------
    def begin(self) -> None:
        self.db.execute("BEGIN IMMEDIATE")

    def commit(self) -> None:
        self.db.execute("COMMIT")

    def rollback(self) -> None:
        if self.db.in_transaction:
            self.db.execute("ROLLBACK")

    @contextmanager
    def snapshot(self) -> Iterator[None]:
        """Every read inside sees one committed state (a read transaction; no-op inside a write)."""
        db = self.db
        if db.in_transaction:
            yield
            return
        db.execute("BEGIN")
        try:
            yield
        finally:
            if db.in_transaction:
                db.execute("COMMIT")

    # -- manifest -------------------------------------------------------------------------------
    def manifest(self) -> dict[str, str]:
        return {r["key"]: r["value"] for r in self.db.execute("SELECT key, value FROM manifest")}

    def set_manifest(self, **values: Any) -> None:
        self.db.executemany(
            "INSERT INTO manifest(key, value) VALUES (?, ?) "
            "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            [(k, str(v)) for k, v in values.items()],
        )

    # -- documents ------------------------------------------------------------------------------
    def has_sha(self, sha: str) -> bool:
        return (
            self.db.execute("SELECT 1 FROM documents WHERE sha256 = ? LIMIT 1", (sha,)).fetchone() is not None
        )

    def document_by_key(self, doc_key: str) -> StoredDocument | None:
        row = self.db.execute(
            "SELECT id, doc_key, sha256, source, title, url, published FROM documents WHERE doc_key = ?",
            (doc_key,),
        ).fetchone()
        return StoredDocument(**dict(row)) if row else None

    def claim_ids_of(self, doc_id: int) -> list[int]:
        return [r[0] for r in self.db.execute("SELECT id FROM claims WHERE doc_id = ?", (doc_id,))]

    def delete_document(self, doc_id: int) -> None:
        self.db.execute("DELETE FROM documents WHERE id = ?", (doc_id,))

    def add_document(self, doc: Document, claims: Sequence[Claim], claim_ids: Sequence[int]) -> int:
        cur = self.db.execute(
            "INSERT INTO documents(doc_key, sha256, source, title, url, published, origin, text) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (doc.doc_key, doc.sha256, doc.source, doc.title, doc.url, doc.published, doc.origin, doc.text),
        )
        doc_id = int(cur.lastrowid or 0)
        self.db.executemany(
            "INSERT INTO claims(id, doc_id, position, start, end, text, text_hash, frame, part, repeats) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                (
                    cid,
                    doc_id,
                    pos,
                    c.start,
                    c.end,
                    c.text,
                    c.text_hash,
                    encode_frame(c.frame),
                    c.part,
                    c.repeats,
                )
                for pos, (c, cid) in enumerate(zip(claims, claim_ids, strict=True))
            ],
        )
        return doc_id

    def compact_frames(self) -> int:
        """Store every frame still held as JSON text (by an earlier xcheck) deflated; returns how many.

        Call inside a write transaction."""
        done = 0
        while True:
            rows = self.db.execute(
                "SELECT id, frame FROM claims WHERE typeof(frame) = 'text' ORDER BY id LIMIT 5000"
            ).fetchall()
            if not rows:
                return done
            self.db.executemany(
                "UPDATE claims SET frame = ? WHERE id = ?",
                [(encode_frame(decode_frame(r[1])), r[0]) for r in rows],
            )
            done += len(rows)

    def next_claim_id(self) -> int:
        """The next free claim id. Ids are never reused, so FAISS ids stay unambiguous."""
        row = self.db.execute("SELECT MAX(id) FROM claims").fetchone()
        stored = int(self.manifest().get("max_claim_id", "0"))
        return max(int(row[0] or 0), stored) + 1

    def claim_ids_by_hash(self, hashes: Iterable[str]) -> dict[str, int]:
        """An existing claim id for each known text hash (for reusing its vector)."""
        out: dict[str, int] = {}
        hashes = list(dict.fromkeys(hashes))
        for i in range(0, len(hashes), 500):
            chunk = hashes[i : i + 500]
            marks = ",".join("?" * len(chunk))
            for r in self.db.execute(
                f"SELECT text_hash, MIN(id) FROM claims WHERE text_hash IN ({marks}) GROUP BY text_hash",
                chunk,
            ):
                out[r[0]] = int(r[1])
        return out

    # -- reading --------------------------------------------------------------------------------
    def claims_with_docs(self, claim_ids: Sequence[int]) -> dict[int, sqlite3.Row]:
        out: dict[int, sqlite3.Row] = {}
        ids = list(claim_ids)
        for i in range(0, len(ids), 500):
            chunk = ids[i : i + 500]
            marks = ",".join("?" * len(chunk))
            for r in self.db.execute(
                "SELECT c.id AS claim_id, c.doc_id, c.start, c.end, c.text, c.frame, c.part, "
                "d.source, d.published, d.title, d.url "
                f"FROM claims c JOIN documents d ON d.id = c.doc_id WHERE c.id IN ({marks})",
                chunk,
            ):
                out[int(r["claim_id"])] = r
        return out

    def document_list(self) -> list[dict[str, Any]]:
        """Every document with its number of claims, in the order they were added."""
        return [
            dict(r)
            for r in self.db.execute(
                "SELECT d.id, d.source, d.published, d.title, d.url, d.origin, COUNT(c.id) AS claims "
                "FROM documents d LEFT JOIN claims c ON c.doc_id = d.id GROUP BY d.id ORDER BY d.id"
            )
        ]

    def counts(self) -> dict[str, int]:
        docs = self.db.execute("SELECT COUNT(*) FROM documents").fetchone()[0]
        undated = self.db.execute("SELECT COUNT(*) FROM documents WHERE published IS NULL").fetchone()[0]
        claims = self.db.execute("SELECT COUNT(*) FROM claims").fetchone()[0]
        sources = self.db.execute(
            "SELECT COUNT(DISTINCT source) FROM documents WHERE source IS NOT NULL"
        ).fetchone()[0]
        return {
            "documents": int(docs),
            "claims": int(claims),
            "sources": int(sources),
            "undated": int(undated),
        }

    # -- pairs ----------------------------------------------------------------------------------
    def unpaired_claim_ids(self) -> list[int]:
        return [int(r[0]) for r in self.db.execute("SELECT id FROM claims WHERE paired = 0 ORDER BY id")]

    def mark_paired(self, claim_ids: Sequence[int]) -> None:
        self.db.executemany("UPDATE claims SET paired = 1 WHERE id = ?", [(i,) for i in claim_ids])

    def vacuum(self) -> None:
        """Rewrite the database file without its free pages (outside any transaction)."""
        # a reader may hold it open: then the space is reused by later writes all the same
        with contextlib.suppress(sqlite3.OperationalError):
            self.db.execute("VACUUM")

    def reset_pairs(self) -> None:
        self.db.execute("DELETE FROM pairs")
        self.db.execute("UPDATE claims SET paired = 0")

    def save_pairs(self, rows: Iterable[tuple[int, int, float, str, float, str, str | None]]) -> None:
        self.db.executemany(
            "INSERT OR REPLACE INTO pairs(a, b, similarity, relation, confidence, reason, cue) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            rows,
        )

    def pair_rows(self) -> list[sqlite3.Row]:
        return list(
            self.db.execute(
                "SELECT p.*, ca.doc_id AS doc_a, cb.doc_id AS doc_b FROM pairs p "
                "JOIN claims ca ON ca.id = p.a JOIN claims cb ON cb.id = p.b"
            )
        )

    def claim_docs(self, claim_ids: Sequence[int]) -> dict[int, int]:
        """The document id of each claim."""
        out: dict[int, int] = {}
        ids = list(claim_ids)
        for i in range(0, len(ids), 500):
            chunk = ids[i : i + 500]
            marks = ",".join("?" * len(chunk))
            for r in self.db.execute(f"SELECT id, doc_id FROM claims WHERE id IN ({marks})", chunk):
                out[int(r[0])] = int(r[1])
        return out

    def documents_by_id(self, doc_ids: Sequence[int]) -> dict[int, dict[str, Any]]:
        out: dict[int, dict[str, Any]] = {}
        ids = list(doc_ids)
        for i in range(0, len(ids), 500):
            chunk = ids[i : i + 500]
            marks = ",".join("?" * len(chunk))
            for r in self.db.execute(
                f"SELECT id, source, title, url, published, origin FROM documents WHERE id IN ({marks})",
                chunk,
            ):
                out[int(r["id"])] = dict(r)
        return out

    def sources(self) -> list[str]:
        return [
            r[0]
            for r in self.db.execute(
                "SELECT DISTINCT source FROM documents WHERE source IS NOT NULL ORDER BY source"
            )
        ]

    def source_samples(self, source: str, limit: int) -> list[tuple[str | None, str | None, str]]:
        """``(source, title, text)`` of up to ``limit`` stored documents of one source, newest first."""
        return [
            (r[0], r[1], r[2])
            for r in self.db.execute(
                "SELECT source, title, text FROM documents WHERE source = ? ORDER BY id DESC LIMIT ?",
                (source, limit),
            )
        ]

    def max_document_id(self) -> int:
        return int(self.db.execute("SELECT MAX(id) FROM documents").fetchone()[0] or 0)

    def stored_documents(self, after_id: int, upto_id: int, limit: int) -> list[tuple[int, Document]]:
        """Stored documents with ``after_id < id <= upto_id``, as read from their files, in id order."""
        rows = self.db.execute(
            "SELECT id, doc_key, source, title, url, published, origin, text FROM documents "
            "WHERE id > ? AND id <= ? ORDER BY id LIMIT ?",
            (after_id, upto_id, limit),
        )
        return [
            (
                int(r["id"]),
                Document(
                    text=r["text"],
                    title=r["title"],
                    source=r["source"],
                    url=r["url"],
                    published=r["published"],
                    doc_key=r["doc_key"],
                    origin=r["origin"],
                ),
            )
            for r in rows
        ]

    def all_claim_ids(self) -> list[int]:
        return [int(r[0]) for r in self.db.execute("SELECT id FROM claims ORDER BY id")]
