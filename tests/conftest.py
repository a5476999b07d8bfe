"""Shared fixtures.

- integration and e2e: the real embedder, real FAISS and the real report, built once per session in a temp folder;
- unit: a tiny corpus (tests/fixtures/tiny: two years of one province and a distractor province) with a
  hashing embedder, so the whole pipeline runs in milliseconds with no model.
"""

from __future__ import annotations

import hashlib
import shutil
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

from assistant.core import Assistant
from assistant.embedding import Embedder
from assistant.settings import Settings
from assistant.store import bigrams
from assistant.tuning import TUNING

ROOT = Path(__file__).resolve().parent.parent
TINY = ROOT / "tests" / "fixtures" / "tiny"


class HashEmbedder(Embedder):
    """Character bigrams hashed into 384 dimensions: similar wording, similar vectors; no model, no meaning."""

    name = "test/hash-bigrams"
    dim = 384

    def _vector(self, text: str) -> np.ndarray:
        vector = np.zeros(self.dim, dtype=np.float32)
        for gram in bigrams(text) or [text]:
            vector[int(hashlib.md5(gram.encode()).hexdigest(), 16) % self.dim] += 1.0
        return vector / max(float(np.linalg.norm(vector)), 1e-6)

    def embed_passages(self, texts: list[str]) -> np.ndarray:
        return np.stack([self._vector(t) for t in texts]) if texts else np.zeros((0, self.dim), dtype=np.float32)

    def embed_question(self, text: str) -> np.ndarray:
        return self._vector(text)


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


@pytest.fixture(scope="session")
def tiny(tmp_path_factory) -> Assistant:
    """The tiny three-document knowledge base with the hashing embedder (unit tier)."""
    tmp = tmp_path_factory.mktemp("tiny")
    # The hashing embedder carries no meaning, so figures score lower than with E5: accept them at 0.5 here;
    # what this tier checks is the structure (filters, documents, refusals), not calibration.
    shared = Assistant(make_settings(tmp, knowledge=TINY), embedder=HashEmbedder(),
                       tuning=replace(TUNING, figure_threshold=0.5))
    shared.build_index()
    return shared


@pytest.fixture()
def knowledge_copy(tmp_path) -> Path:
    """A private copy of knowledge/ that a test may add files to."""
    target = tmp_path / "knowledge"
    shutil.copytree(ROOT / "knowledge", target)
    return target


@pytest.fixture(scope="module")
def workspace(request, tmp_path_factory):
    """A private knowledge copy, index and data folder for one test module's server, with the WeCom
    channel on (so signed user cookies are honoured) and no WeCom API calls expected."""
    from conftest_server import NO_WECOM_API, Workspace

    workspace = Workspace.create(tmp_path_factory.mktemp(request.module.__name__.rsplit(".", 1)[-1]), wecom_api=NO_WECOM_API)
    workspace.build_index()
    return workspace


@pytest.fixture(scope="module")
def server(workspace):
    """The real `assistant serve` process for one test module; it must shut down cleanly."""
    from conftest_server import start_server

    running = start_server(workspace)
    yield running
    running.stop()
    assert "Application shutdown complete" in running.log(), running.log()[-3000:]
    assert "Traceback" not in running.log(), running.log()[-5000:]
