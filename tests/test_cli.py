"""The `assistant` command as users run it (a subprocess), against a private index."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys

import pytest

from tests.conftest import ROOT

pytestmark = pytest.mark.integration


@pytest.fixture(scope="module")
def run(tmp_path_factory):
    env = dict(os.environ, ASSISTANT_INDEX_DIR=str(tmp_path_factory.mktemp("cli") / "index"))

    def _run(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-m", "assistant", *args], cwd=ROOT, env=env,
                              capture_output=True, text=True, timeout=120)

    assert _run("index").returncode == 0
    return _run


def test_index_twice_is_unchanged(run):
    result = run("index")
    assert result.returncode == 0 and "已是最新" in result.stdout


def test_search_json(run):
    rows = json.loads(run("search", "母婴室建了多少个", "--json").stdout)
    assert set(rows[0]) == {"id", "title", "section", "text", "score", "document"}
    assert "146个" in rows[0]["text"] and rows[0]["document"]["region"] == "云南"


def test_search_table_shows_rank_score_title_section(run):
    out = run("search", "职工董事有多少名").stdout
    assert out.startswith("1. [") and "《云南省国资委党委" in out and "畅通参与公司管理渠道" in out


def test_ask_json_contract(run):
    data = json.loads(run("ask", "职工董事有多少名？", "--json").stdout)
    assert {"answer", "refused", "sources", "figures"} <= set(data)
    assert data["answer"].startswith("617名") and data["refused"] is False
    assert set(data["sources"][0]) == {"id", "title", "section", "text", "score", "document"}
    assert data["figures"][0]["document"]["year"] == "2022" and data["writer"] == "extractive"


def test_ask_with_history(run):
    history = json.dumps([{"role": "user", "content": "职工董事有多少名？"}, {"role": "assistant", "content": "617名。"}])
    data = json.loads(run("ask", "职工监事呢", "--history", history, "--json").stdout)
    assert data["answer"].startswith("671名")


def test_figures_csv(run):
    rows = list(csv.DictReader(io.StringIO(run("figures", "--csv").stdout)))
    assert len(rows) >= 35 and {"指标", "数值", "单位", "年份", "范围", "原文"} <= set(rows[0])


@pytest.mark.parametrize("args", [("ask", ""), ("ask", "x", "--history", "{bad json")])
def test_bad_input_is_a_message_not_a_trace(run, args):
    result = run(*args)
    assert result.returncode == 2 and "错误：" in result.stderr and "Traceback" not in result.stderr


def test_bad_setting_is_a_message_not_a_trace():
    env = dict(os.environ, ASSISTANT_PORT="八千")
    result = subprocess.run([sys.executable, "-m", "assistant", "search", "职工董事"], cwd=ROOT, env=env,
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 2 and "ASSISTANT_PORT" in result.stderr and "Traceback" not in result.stderr


def test_eval_on_two_workers_after_building_the_multi_document_index(run, tmp_path):
    """`assistant eval` builds the multi-document index (embedding in this process), then forks its workers: they
    must not wait for the parent's embedding thread, which a fork does not copy (CI hung there once)."""
    eval_dir = tmp_path / "eval"
    (eval_dir / "fixtures" / "multi").mkdir(parents=True)
    for name in ("guizhou-press-2023.txt", "guizhou-press-2023.txt.meta.toml"):
        (eval_dir / "fixtures" / "multi" / name).write_bytes((ROOT / "eval" / "fixtures" / "multi" / name).read_bytes())
    questions = [("dev", "shipped", "职工董事有多少名？", "617名"), ("test", "shipped", "母婴室建了多少个", "146个"),
                 ("dev", "multi", "贵州那次推进会大概多少人参加", "180人"), ("test", "multi", "职工监事有多少名", "671名")]
    (eval_dir / "questions.jsonl").write_text("\n".join(json.dumps(
        {"id": f"c{n}", "split": split, "kb": kb, "question": q, "must_contain": [figure]}, ensure_ascii=False)
        for n, (split, kb, q, figure) in enumerate(questions)) + "\n", encoding="utf-8")
    done = run("eval", "--eval-dir", str(eval_dir), "--workers", "2", "--report", str(tmp_path / "report.json"))
    assert "Traceback" not in done.stderr, done.stderr[-3000:]
    report = json.loads((tmp_path / "report.json").read_text(encoding="utf-8"))
    assert report["metrics"]["dev"]["answer_accuracy"] == report["metrics"]["test"]["answer_accuracy"] == 1.0, report
