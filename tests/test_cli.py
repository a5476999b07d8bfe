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
