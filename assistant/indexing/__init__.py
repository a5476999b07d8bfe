"""The index, by role: `build` (the pipeline, incremental), `dense` (vectors by chunk id: FAISS), `keyword`
(BM25 postings by chunk id), `chunk_store` (texts and figure rows on disk, by id), `manifest` (what a build
holds), `knowledge` (one build loaded for serving)."""

from __future__ import annotations

from .build import BuildReport, Progress, build_index, section_passages
from .dense import DenseIndex, FaissDenseIndex
from .keyword import KeywordIndex, bigrams
from .knowledge import KnowledgeIndex, Subject, current_build, current_build_id
from .manifest import Manifest

__all__ = ["BuildReport", "DenseIndex", "FaissDenseIndex", "KeywordIndex", "KnowledgeIndex", "Manifest", "Progress",
           "Subject", "bigrams", "build_index", "current_build", "current_build_id", "section_passages"]
