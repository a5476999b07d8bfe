"""产改问答助手: grounded question answering over the 产改 knowledge base.

The pipeline, one module per step:
documents (loading) → chunks (chunking) → index (embedding, store) → query (query, normalise) → hits (retrieval)
→ evidence (evidence, figures) → answer text (writers) → number check (guard)
→ adapters (cli, adapters/api, adapters/ui, adapters/wecom).
`Assistant` in `core` is the one entry point every adapter uses.
"""

__version__ = "0.1.0"
