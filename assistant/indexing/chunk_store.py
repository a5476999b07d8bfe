"""The chunk store: chunk texts, figure rows and section keys on disk (SQLite), read by id.

Append-only and shared by the builds of one store: a build adds the rows of new and changed documents
under fresh ids and never updates or deletes a row, so a server still reading an older build keeps
seeing exactly the rows it knows. Which rows a build uses is in that build (its documents' id ranges and
its live masks). Rows past the last build's ids are what a crashed build left; the next build drops them.
"""

from __future__ import annotations

import sqlite3
import threading
from collections import OrderedDict
from collections.abc import Iterable, Iterator
from pathlib import Path

from ..types import Chunk, DocumentInfo, Figure

SCHEMA = """
CREATE TABLE IF NOT EXISTS chunks (id INTEGER PRIMARY KEY, key TEXT NOT NULL, doc TEXT NOT NULL, section TEXT NOT NULL,
                                   text TEXT NOT NULL, kind TEXT NOT NULL, position INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS figures (id INTEGER PRIMARY KEY, chunk INTEGER NOT NULL, doc TEXT NOT NULL, value TEXT NOT NULL,
                                    unit TEXT NOT NULL, label TEXT NOT NULL, year TEXT NOT NULL, scope TEXT NOT NULL,
                                    chunk_key TEXT NOT NULL, sentence TEXT NOT NULL, section TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS figures_by_chunk ON figures(chunk);
CREATE TABLE IF NOT EXISTS sections (id INTEGER PRIMARY KEY, doc TEXT NOT NULL, section TEXT NOT NULL);
"""
CHUNK_COLUMNS = "id, key, doc, section, text, kind, position"
FIGURE_COLUMNS = "id, chunk, doc, value, unit, label, year, scope, chunk_key, sentence, section"
CACHE_ROWS = 20_000  # chunks kept decoded in memory (the hot ones: repeated questions hit the same chunks)
BATCH = 500  # ids per IN (…) query (SQLite's variable limit is far above; this keeps statements short)


class ChunkStore:
    """Reads by id. One SQLite connection per thread (sqlite3 connections are not shared across threads)."""

    FILE = "chunks.sqlite"

    def __init__(self, folder: Path, documents: dict[str, DocumentInfo]) -> None:
        self.path = Path(folder) / self.FILE
        self.documents = documents
        self._local = threading.local()
        self._cache: OrderedDict[int, Chunk] = OrderedDict()
        self._lock = threading.Lock()

    def _db(self) -> sqlite3.Connection:
        db = getattr(self._local, "db", None)
        if db is None:
            db = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True, check_same_thread=False)
            db.execute("PRAGMA query_only = 1")
            self._local.db = db
        return db

    # --- chunks ----------------------------------------------------------------------------------------------
    def chunks(self, ids: Iterable[int]) -> list[Chunk]:
        """Chunks by id, in the order asked."""
        ids = [int(i) for i in ids]
        found: dict[int, Chunk] = {}
        missing = []
        with self._lock:
            for i in ids:
                chunk = self._cache.get(i)
                if chunk is None:
                    missing.append(i)
                else:
                    found[i] = chunk
        for start in range(0, len(missing), BATCH):
            part = missing[start:start + BATCH]
            rows = self._db().execute(f"SELECT {CHUNK_COLUMNS} FROM chunks WHERE id IN ({','.join('?' * len(part))})", part)
            for row in rows:
                found[row[0]] = self._chunk(row)
        if missing:
            with self._lock:
                for i in missing:
                    if i in found:
                        self._cache[i] = found[i]
                while len(self._cache) > CACHE_ROWS:
                    self._cache.popitem(last=False)
        return [found[i] for i in ids if i in found]

    def chunk(self, chunk_id: int) -> Chunk | None:
        found = self.chunks([chunk_id])
        return found[0] if found else None

    def sentences(self, start: int, stop: int, section: str) -> list[Chunk]:
        """The sentences of one section of the document whose chunks are ids [start, stop), in reading order."""
        rows = self._db().execute(f"SELECT {CHUNK_COLUMNS} FROM chunks WHERE id >= ? AND id < ? AND section = ? "
                                  "AND kind = 'sentence' ORDER BY id", (start, stop, section))
        return [self._chunk(row) for row in rows]

    def texts(self, ranges: Iterable[tuple[int, int]]) -> Iterator[str]:
        """The text of every chunk in the id ranges (streamed)."""
        for start, stop in ranges:
            for (text,) in self._db().execute("SELECT text FROM chunks WHERE id >= ? AND id < ? ORDER BY id", (start, stop)):
                yield text

    def joined_texts(self, ranges: Iterable[tuple[int, int]]) -> Iterator[str]:
        """Per id range, its chunks' texts joined by newlines, in id order (joined by SQLite: a million chunk
        texts never exist as a million Python strings)."""
        for start, stop in ranges:
            (text,) = self._db().execute("SELECT group_concat(text, char(10)) FROM (SELECT text FROM chunks "
                                         "WHERE id >= ? AND id < ? ORDER BY id)", (start, stop)).fetchone()
            if text:
                yield text

    def _chunk(self, row: tuple) -> Chunk:
        chunk_id, key, doc, section, text, kind, position = row
        return Chunk(id=key, doc=self.documents[doc], section=section, text=text, kind=kind, position=position, row=chunk_id)

    # --- figures ----------------------------------------------------------------------------------------------
    def figures(self, ids: Iterable[int]) -> list[Figure]:
        ids = [int(i) for i in ids]
        found: dict[int, Figure] = {}
        for start in range(0, len(ids), BATCH):
            part = ids[start:start + BATCH]
            for row in self._db().execute(f"SELECT {FIGURE_COLUMNS} FROM figures WHERE id IN ({','.join('?' * len(part))})", part):
                found[row[0]] = self._figure(row)
        return [found[i] for i in ids if i in found]

    def figure_ids_of(self, chunk_id: int) -> list[int]:
        return [r[0] for r in self._db().execute("SELECT id FROM figures WHERE chunk = ? ORDER BY id", (int(chunk_id),))]

    def figures_in(self, ranges: Iterable[tuple[int, int]], words: tuple[str, ...] = ()) -> Iterator[tuple[int, Figure]]:
        """(id, figure) of the figure-id ranges, only those whose label or sentence holds one of `words` when given."""
        where = ""
        if words:
            where = " AND (" + " OR ".join("instr(label, ?) > 0 OR instr(sentence, ?) > 0" for _ in words) + ")"
        args = [a for w in words for a in (w, w)]
        for start, stop in ranges:
            for row in self._db().execute(f"SELECT {FIGURE_COLUMNS} FROM figures WHERE id >= ? AND id < ?{where} ORDER BY id",
                                          (start, stop, *args)):
                yield row[0], self._figure(row)

    def figures_valued(self, ranges: Iterable[tuple[int, int]], value: str) -> Iterator[tuple[int, Figure]]:
        """(chunk id, figure) of the figures in the figure-id ranges whose value is `value` ("617", "0.05")."""
        for start, stop in ranges:
            for row in self._db().execute(f"SELECT {FIGURE_COLUMNS} FROM figures WHERE id >= ? AND id < ? AND value = ? "
                                          "ORDER BY id", (start, stop, value)):
                yield row[1], self._figure(row)

    def _figure(self, row: tuple) -> Figure:
        _, _, doc, value, unit, label, year, scope, chunk_key, sentence, section = row
        return Figure(value=value, unit=unit, label=label, year=year, scope=scope, chunk_id=chunk_key, sentence=sentence,
                      doc=self.documents[doc], section=section)

    # --- sections -----------------------------------------------------------------------------------------------
    def sections(self, ids: Iterable[int]) -> list[tuple[str, str]]:
        ids = [int(i) for i in ids]
        found: dict[int, tuple[str, str]] = {}
        for start in range(0, len(ids), BATCH):
            part = ids[start:start + BATCH]
            for row in self._db().execute(f"SELECT id, doc, section FROM sections WHERE id IN ({','.join('?' * len(part))})", part):
                found[row[0]] = (row[1], row[2])
        return [found[i] for i in ids if i in found]

    def sections_in(self, start: int, stop: int) -> list[tuple[int, str]]:
        """(id, heading chain) of the sections with ids in [start, stop), in order."""
        return list(self._db().execute("SELECT id, section FROM sections WHERE id >= ? AND id < ? ORDER BY id", (start, stop)))

    def close(self) -> None:
        db = getattr(self._local, "db", None)
        if db is not None:
            db.close()
            self._local.db = None


class ChunkStoreWriter:
    """Appends the rows of one build, in one transaction (committed before the build is swapped in)."""

    def __init__(self, folder: Path) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        self.db = sqlite3.connect(Path(folder) / ChunkStore.FILE)
        self.db.execute("PRAGMA journal_mode = WAL")  # readers (a serving process) are never blocked by the build
        self.db.executescript(SCHEMA)

    def drop_after(self, chunks: int, figures: int, sections: int) -> None:
        """Remove what a crashed build appended past the ids the last complete build allocated."""
        self.db.execute("DELETE FROM chunks WHERE id >= ?", (chunks,))
        self.db.execute("DELETE FROM figures WHERE id >= ?", (figures,))
        self.db.execute("DELETE FROM sections WHERE id >= ?", (sections,))
        self.db.commit()

    def add_chunks(self, start: int, chunks: list[Chunk]) -> None:
        self.db.executemany("INSERT INTO chunks VALUES (?, ?, ?, ?, ?, ?, ?)",
                            [(start + n, c.id, c.doc.id, c.section, c.text, c.kind, c.position) for n, c in enumerate(chunks)])

    def add_figures(self, start: int, figures: list[tuple[int, Figure]]) -> None:
        """`figures`: (chunk id, figure) pairs."""
        self.db.executemany("INSERT INTO figures VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                            [(start + n, chunk, f.doc.id, f.value, f.unit, f.label, f.year, f.scope, f.chunk_id, f.sentence,
                              f.section) for n, (chunk, f) in enumerate(figures)])

    def add_sections(self, start: int, sections: list[tuple[str, str]]) -> None:
        self.db.executemany("INSERT INTO sections VALUES (?, ?, ?)", [(start + n, d, s) for n, (d, s) in enumerate(sections)])

    def texts(self, ids: Iterable[int]) -> dict[int, tuple[str, str, str]]:
        """id → (text, section, kind) of chunks, for re-tokenising those a lexicon change touches."""
        ids = [int(i) for i in ids]
        out = {}
        for start in range(0, len(ids), BATCH):
            part = ids[start:start + BATCH]
            for row in self.db.execute(f"SELECT id, text, section, kind FROM chunks WHERE id IN ({','.join('?' * len(part))})", part):
                out[row[0]] = (row[1], row[2], row[3])
        return out

    def commit(self) -> None:
        self.db.commit()

    def close(self) -> None:
        self.db.close()
