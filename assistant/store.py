"""The index's former home, kept so that `from assistant.store import …` still works: the index now lives in
`assistant.indexing` (build.py: the pipeline; dense.py, keyword.py, chunk_store.py, manifest.py: its roles;
knowledge.py: one build loaded for serving)."""

from __future__ import annotations

from .indexing import BuildReport, KnowledgeIndex, bigrams, build_index, current_build, current_build_id, section_passages

__all__ = ["BuildReport", "KnowledgeIndex", "bigrams", "build_index", "current_build", "current_build_id", "section_passages"]
