"""Incremental indexing and the index's roles (unit tier: the tiny corpus and the hashing embedder, no model).

An incremental build must serve what a full build of the same folder serves; only what changed is read,
tokenised and embedded; filters apply inside each index; the approximate dense index is checked against exact.
"""

from __future__ import annotations

import random
import re
import shutil
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

from assistant.core import Assistant
from assistant.embedding import HashingEmbedder
from assistant.indexing import KeywordIndex, KnowledgeIndex, build_index, current_build_id
from assistant.indexing import build as build_module
from assistant.indexing import dense as dense_module
from assistant.indexing.keyword import ranked
from assistant.lexicon import Lexicon
from assistant.tuning import TUNING
from tests.conftest import TINY, HashEmbedder, make_settings

pytestmark = pytest.mark.unit
QUESTIONS = ["职工董事有多少名", "母婴室建了多少个", "2021年职代会召开了多少次", "师徒合同签了多少份", "贵州职工驿站", "劳动竞赛"]


@pytest.fixture()
def folder(tmp_path: Path) -> Path:
    target = tmp_path / "knowledge"
    shutil.copytree(TINY, target)
    return target


def _assistant(folder: Path, index: Path) -> Assistant:
    index.mkdir(parents=True, exist_ok=True)
    return Assistant(make_settings(index, knowledge=folder), embedder=HashEmbedder(),
                     tuning=replace(TUNING, figure_threshold=0.5))


def _results(assistant: Assistant) -> list:
    out = []
    for q in QUESTIONS:
        out.append([(h.chunk.id, round(h.score, 6), round(h.dense, 5)) for h in assistant.search(q, top_k=8)])
        answer = assistant.ask(q)
        out.append((answer.answer, answer.refused))
    return out


def test_incremental_builds_serve_what_a_full_build_serves(folder: Path, tmp_path: Path):
    incremental = _assistant(folder, tmp_path / "inc")
    incremental.build_index()
    # add, change and remove documents, one build each
    (folder / "new.md").write_text("# 新政策\n职工疗休养每年安排一次。\n“职工书屋”建成58个。\n", encoding="utf-8")
    first = incremental.build_index()
    assert first.added == 1 and first.removed == 0
    text = (folder / "yunnan-2021.txt").read_text(encoding="utf-8")
    (folder / "yunnan-2021.txt").write_text(text.replace("693次", "694次"), encoding="utf-8")
    second = incremental.build_index()
    assert second.added == 1 and second.removed == 1
    (folder / "guizhou-2022.txt").unlink()
    (folder / "guizhou-2022.txt.meta.toml").unlink()
    third = incremental.build_index()
    assert third.added == 0 and third.removed == 1 and third.embedded == 0

    full = _assistant(folder, tmp_path / "full")
    full.build_index()
    assert _results(incremental) == _results(full)
    assert incremental.health()["chunks"] == full.health()["chunks"]
    assert [f.label for f in incremental.figures()] == [f.label for f in full.figures()]
    assert not any(h.chunk.doc.id.startswith("guizhou") for q in QUESTIONS for h in incremental.search(q, top_k=8))


def test_only_the_changed_document_is_read_and_embedded(folder: Path, tmp_path: Path):
    index = tmp_path / "index"
    embedder = HashEmbedder()
    build_index(folder, index, embedder, {})
    (folder / "new.md").write_text("# 新政策\n职工疗休养每年安排一次。\n", encoding="utf-8")
    report = build_index(folder, index, embedder, {})
    # the heading and the sentence; the section passage reads the same as the sentence (cached)
    assert report.added == 1 and report.embedded == 2
    unchanged = build_index(folder, index, embedder, {})
    assert unchanged.unchanged and unchanged.build_id == report.build_id
    (folder / "new.md").touch()  # a new mtime, the same bytes: hashed, found unchanged
    assert build_index(folder, index, embedder, {}).unchanged


def test_a_new_term_retokenises_only_the_chunks_that_hold_it(folder: Path, tmp_path: Path):
    index = tmp_path / "index"
    embedder = HashEmbedder()
    build_index(folder, index, embedder, {})
    loaded = KnowledgeIndex.load(index, embedder)
    assert "职工驿站" not in loaded.keyword.vocab
    (folder / "_terms.txt").write_text("职工驿站\n", encoding="utf-8")
    report = build_index(folder, index, embedder, {})
    assert report.added == 0 and report.embedded == 0 and 2 <= report.retokenised <= 4
    loaded = KnowledgeIndex.load(index, embedder)
    assert "职工驿站" in loaded.keyword.vocab
    full = tmp_path / "full"
    build_index(folder, full, embedder, {})
    again = KnowledgeIndex.load(full, embedder)
    for term in ("职工驿站", "驿站", "职工", "职代会"):
        assert sorted(_postings(loaded.keyword, term)) == sorted(_postings_by_text(again, loaded, term))


def _postings(keyword: KeywordIndex, term: str) -> list[int]:
    tid = keyword.vocab[term]
    return [int(i) for i in keyword.ids[keyword.indptr[tid]:keyword.indptr[tid + 1]]]


def _postings_by_text(full: KnowledgeIndex, incremental: KnowledgeIndex, term: str) -> list[int]:
    """The full build's postings of a term, as the incremental build's chunk ids (matched by chunk key)."""
    by_key = {c.id: c.row for c in incremental.chunks.many(np.flatnonzero(incremental.live))}
    return [by_key[c.id] for c in full.chunks.many(_postings(full.keyword, term))]


def test_crash_mid_build_keeps_the_previous_build(folder: Path, tmp_path: Path, monkeypatch):
    index = tmp_path / "index"
    embedder = HashEmbedder()
    build_index(folder, index, embedder, {})
    live = current_build_id(index)
    (folder / "extra.txt").write_text("这是一份新的通知，共有职工书屋12个。\n", encoding="utf-8")

    def explode(*args, **kwargs):
        raise OSError("disk full")

    monkeypatch.setattr(build_module, "_fsync_tree", explode)
    with pytest.raises(OSError):
        build_index(folder, index, embedder, {})
    assert current_build_id(index) == live
    assert not list((index / "builds").glob(".tmp-*"))
    assert KnowledgeIndex.load(index, embedder).build_id == live
    monkeypatch.undo()
    report = build_index(folder, index, embedder, {})  # the crashed build's rows are dropped, then redone
    loaded = KnowledgeIndex.load(index, embedder)
    assert report.added == 1 and loaded.manifest.next_chunk == len(loaded.live)
    assert any("职工书屋" in c.text for c in loaded.chunks.many(np.flatnonzero(loaded.live)))


def test_approximate_dense_index_above_the_threshold(folder: Path, tmp_path: Path, monkeypatch):
    """IVF is chosen by size (the threshold lowered here), its recall against exact is measured and recorded,
    and a filter is applied inside it."""
    monkeypatch.setattr(dense_module, "EXACT_LIMIT", 300)
    rng = random.Random(3)
    words = ["职工", "劳模", "工匠", "技能", "竞赛", "培训", "驿站", "书屋", "食堂", "宿舍", "安全", "生产", "班组", "创新"]
    for n in range(8):
        lines = [f"{''.join(rng.sample(words, 4))}共有{rng.randint(10, 999)}个。" for _ in range(60)]
        (folder / f"bulk-{n}.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    index = tmp_path / "index"
    embedder = HashingEmbedder()
    report = build_index(folder, index, embedder, {})
    loaded = KnowledgeIndex.load(index, embedder)
    assert report.dense == "ivf-sq8" and loaded.manifest.dense.recall_at_10 >= 0.98
    assert loaded.manifest.dense.nprobe >= 1 and loaded.dense.count == loaded.manifest.chunks
    only = loaded.mask(frozenset({"yunnan-2022.txt"}))
    found = loaded.dense.search(embedder.embed_question("职工董事"), 5, only)
    entry = loaded.entries["yunnan-2022.txt"]
    assert found and all(entry.chunks[0] <= i < entry.chunks[1] for i in found)
    # an incremental build updates the IVF in place (no retraining for a small change)
    (folder / "bulk-0.txt").unlink()
    again = build_index(folder, index, embedder, {})
    reloaded = KnowledgeIndex.load(index, embedder)
    assert again.dense == "ivf-sq8" and reloaded.manifest.dense.trained_on == loaded.manifest.dense.trained_on
    assert reloaded.dense.count == reloaded.manifest.chunks


def test_keyword_updates_equal_a_fresh_index():
    rng = random.Random(5)
    vocabulary = [f"w{n}" for n in range(40)]
    docs = {i: [rng.choice(vocabulary) for _ in range(rng.randint(1, 12))] for i in range(200)}
    fresh = KeywordIndex.empty().updated(200, np.zeros(0, np.int64), docs.items())
    removed = np.array(sorted(rng.sample(range(100), 30)), np.int64)
    changed = {i: [rng.choice(vocabulary) for _ in range(5)] for i in range(150, 160)}
    step = KeywordIndex.empty().updated(100, np.zeros(0, np.int64), ((i, docs[i]) for i in range(100)))
    step = step.updated(200, np.concatenate([removed, np.arange(150, 160)]),
                        list((i, docs[i]) for i in range(100, 200) if i not in changed) + list(changed.items()))
    expected = {i: (changed.get(i) or docs[i]) for i in range(200) if i not in set(removed.tolist())}
    again = KeywordIndex.empty().updated(200, np.zeros(0, np.int64), sorted(expected.items()))
    for terms in ({"w1": 1.0}, {"w2": 1.0, "w3": 0.5}, {"w39": 1.0, "nothing": 1.0}):
        assert np.allclose(step.scores(terms), again.scores(terms))
        assert ranked(step.scores(terms), 10) == ranked(again.scores(terms), 10)
    allowed = np.zeros(200, bool)
    allowed[::3] = True
    filtered = step.scores({"w1": 1.0}, allowed)
    assert not filtered[~allowed].any() and np.allclose(filtered[allowed], step.scores({"w1": 1.0})[allowed])
    assert fresh.idf.keys() == again.idf.keys() or set(again.idf) <= set(fresh.idf)


def test_a_scope_scores_as_an_index_of_its_chunks_alone():
    """BM25 within a scope (the documents on the knowledge base's subject) scores exactly as an index holding only
    those chunks would: other material changes no document frequency, average length or score."""
    rng = random.Random(7)
    vocabulary = [f"w{n}" for n in range(30)]
    docs = {i: [rng.choice(vocabulary) for _ in range(rng.randint(1, 12))] for i in range(300)}
    subject = np.zeros(300, bool)
    subject[:120] = True
    everything = KeywordIndex.empty().updated(300, np.zeros(0, np.int64), docs.items())
    alone = KeywordIndex.empty().updated(300, np.zeros(0, np.int64), ((i, docs[i]) for i in range(120)))
    scope = everything.scope(subject)
    for terms in ({"w1": 1.0}, {"w2": 1.0, "w3": 0.5}, {"w29": 1.0, "nothing": 1.0}):
        scoped = everything.scores(terms, subject, scope)
        assert np.allclose(scoped, alone.scores(terms))
        assert not np.allclose(everything.scores(terms, subject), alone.scores(terms))  # unscoped: other statistics
    assert everything.vocabulary_in(scope) == pytest.approx(dict(alone.idf))


def test_synonym_groups_are_found_by_the_text_not_by_scanning():
    rng = random.Random(9)
    pool = "职工代表大会职代会劳动模范劳模母婴室爱心妈妈屋产改工作师带徒云岭工匠"
    groups = [["职代会", "职工代表大会"], ["劳模", "劳动模范"], ["母婴室", "爱心妈妈屋"], ["劳模", "劳动模范"], ["产改", "产改工作"]]
    lexicon = Lexicon(["云岭工匠"], groups)
    assert len(lexicon.groups) == 4  # the repeated group is one

    def scanned(text: str):
        # read as written and with a character said twice said once ("妈妈妈屋" holds 妈妈屋, "歇歇脚" 歇脚)
        text = text + "\n" + re.sub(r"([\u4e00-\u9fff])\1(?=[\u4e00-\u9fff])", r"\1", text)
        return tuple((tuple(m for m in g if m in text), tuple(m for m in g if m not in text)) for g in lexicon.groups
                     if any(m in text for m in g))

    for _ in range(300):
        text = "".join(rng.choice([pool[i:i + rng.randint(1, 6)] for i in range(0, len(pool), 2)]) for _ in range(5))
        assert lexicon.expansion_groups(text) == scanned(text)
        assert lexicon.expansion_groups(text) is lexicon.expansion_groups(text)  # memoised per text


def test_repeated_questions_come_from_the_cache_until_a_swap(folder: Path, tmp_path: Path):
    assistant = _assistant(folder, tmp_path / "index")
    assistant.build_index()
    first = assistant.ask("职工董事有多少名？")
    assert assistant.ask("职工董事有多少名？") is first
    assert assistant.ask("職工董事有多少名？") is first  # the same question once normalised
    assert assistant.ask("职工董事有多少名？", [{"role": "user", "content": "你好"}]) is not first
    (folder / "new.md").write_text("# 新政策\n职工疗休养每年安排一次。\n", encoding="utf-8")
    assistant.build_index()
    assert assistant.ask("职工董事有多少名？") is not first


def test_progress_is_quiet_off_a_terminal(folder: Path, tmp_path: Path, capsys):
    build_index(folder, tmp_path / "index", HashEmbedder(), {})
    assert capsys.readouterr().err == ""


class _CountingEmbedder(HashEmbedder):
    """The hashing embedder, recording each question text it embeds."""

    def __init__(self) -> None:
        self.asked: list[str] = []

    def embed_question(self, text: str) -> np.ndarray:
        self.asked.append(text)
        return super().embed_question(text)


def test_the_embedding_begun_while_reading_is_the_one_searched(folder: Path, tmp_path: Path):
    # A question with no conversation starts its embedding as soon as it is normalised (speed), and that must be
    # exactly the text the search then uses: one embedding per question, never a second or a different one.
    (folder / "_colloquial.txt").write_text("职工董事: 进董事会说上话\n职工驿站: 歇脚的站点\n", encoding="utf-8")
    embedder = _CountingEmbedder()
    assistant = Assistant(make_settings(tmp_path / "index", knowledge=folder), embedder=embedder,
                          tuning=replace(TUNING, figure_threshold=0.5))
    assistant.build_index()
    reader = assistant._state().reader
    for question in ["职工董事有多少名？", "能进董事会说上话的有几个人", "路边歇脚的站点建了几个", "我在昆明上班，母婴室有几个",
                     "除了职代会，还有啥制度", "劳動競賽搞了好多次"]:
        begun: list[str] = []
        query = reader.read(question, [], soon=begun.append)
        assert begun == [query.embedded_text], question
        embedder.asked.clear()
        assistant.ask(question)
        # (a refusal's suggestions are questions of their own, embedded after it)
        assert embedder.asked[0] == query.embedded_text and query.embedded_text not in embedder.asked[1:], question
    assert "（职工董事）" in reader.read("能进董事会说上话的有几个人", []).embedded_text  # (the phrase's term is embedded)
    begun = []
    reader.read("那2021年呢", [{"role": "user", "content": "职工董事有多少名"}], soon=begun.append)
    assert begun == []  # a follow-up is embedded with what it leans on, known only once it is read


def test_reading_figures_ahead_changes_no_answer(folder: Path, tmp_path: Path):
    # The figures of the keyword lists' top chunks are read while the question is embedded: with or without that,
    # every figure question gets the same evidence.
    plain = Assistant(make_settings(tmp_path / "a", knowledge=folder), embedder=HashEmbedder(),
                      tuning=replace(TUNING, figure_threshold=0.5, read_ahead=0))
    ahead = Assistant(make_settings(tmp_path / "b", knowledge=folder), embedder=HashEmbedder(),
                      tuning=replace(TUNING, figure_threshold=0.5, read_ahead=40))
    plain.build_index()
    ahead.build_index()
    read = []
    selector = ahead._state().selector
    original = selector.figure_features
    selector.figure_features = lambda *a, **k: read.append(a[1]) or original(*a, **k)
    questions = [*QUESTIONS, "2022年云南职工监事有多少名", "贵州的职工书屋有几个", "慰问困难职工多少人", "专款划拨了多少万元"]
    for q in questions:
        one, other = plain._evidence(q, [])[1], ahead._evidence(q, [])[1]
        assert (one.kind, one.refusal, one.figures, one.sentences) == (other.kind, other.refusal, other.figures, other.sentences), q
    assert read  # (it did read ahead)


def test_small_vector_files_are_read_whole_and_read_alike(tmp_path: Path):
    from assistant.indexing.dense import VectorFile, VectorRows

    vectors = np.random.default_rng(3).standard_normal((50, 8)).astype(np.float32)
    store = VectorFile(tmp_path / "v.bin", 8)
    store.append(vectors)
    resident = store.open(50)
    VectorRows.RESIDENT_BYTES, saved = 0, VectorRows.RESIDENT_BYTES
    try:
        on_disk = store.open(50)
    finally:
        VectorRows.RESIDENT_BYTES = saved
    assert resident._resident is not None and on_disk._resident is None
    for key in (7, slice(3, 9), [5, 1, 2, 3, 40], np.array([49, 0])):
        assert np.array_equal(resident[key], on_disk[key]) and np.array_equal(resident[key], vectors[key])
    row = resident[[1]]
    row[0, 0] = 99.0  # a row read is the caller's own: the file's rows stay as they were
    assert resident[1][0] == vectors[1][0]
