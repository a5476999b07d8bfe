"""Shared fixtures: the real embedder, real FAISS and the real report, built once per session in a temp folder."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from assistant.core import Assistant
from assistant.settings import Settings

ROOT = Path(__file__).resolve().parent.parent


def make_settings(tmp: Path, knowledge: Path | None = None, **overrides) -> Settings:
    return Settings.from_env(
        environ={}, root=ROOT, knowledge_dir=knowledge or ROOT / "knowledge", index_dir=tmp / "index",
        data_dir=tmp / "data", **overrides,
    )


@pytest.fixture(scope="session")
def assistant(tmp_path_factory) -> Assistant:
    tmp = tmp_path_factory.mktemp("kb")
    shared = Assistant(make_settings(tmp))
    shared.build_index()
    return shared


@pytest.fixture()
def knowledge_copy(tmp_path) -> Path:
    """A private copy of knowledge/ that a test may add files to."""
    target = tmp_path / "knowledge"
    shutil.copytree(ROOT / "knowledge", target)
    return target
