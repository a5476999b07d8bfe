"""Every constant that tunes ranking or answers, in one place, each with its reason and the metric that set it.

"dev" below is the dev split of `eval/` (`assistant eval --split dev`); the test split is never tuned on.
`scripts/calibrate.py` refits the evidence weights on dev and prints them for pasting here.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Tuning:
    # --- retrieval -------------------------------------------------------------------------------------
    # Three ranked lists fused by reciprocal rank: dense E5 vectors, BM25 over jieba words, BM25 over
    # character bigrams. On the gold set each alone reaches recall@1 0.76–0.87; fused with k=20, 0.93
    # (k=60, the peers' default, 0.91).
    rrf_k: int = 20
    search_depth: int = 50  # how deep each list is read before fusing
    # A "how many" question is answered by a sentence that holds a number: others are pushed down
    # (gold recall@1 0.90 → 0.93).
    no_figure_weight: float = 0.8
    expansion_weight: float = 0.5  # a synonym counts for half of a word the user typed
    context_weight: float = 0.5  # words borrowed from the conversation, likewise
    follow_up_own_bonus: float = 0.5  # a follow-up's own words lead over what it borrows
    evidence_depth: int = 12  # hits read by the evidence step (per document when several answer)

    # --- evidence: does this figure answer what was asked? -------------------------------------------------
    # A logistic score over features of (question, figure); see evidence.figure_features. Fitted on dev
    # by scripts/calibrate.py (positives: the figure a dev question expects; negatives: every other
    # figure of its hits, and every figure of the hits of questions that must be refused).
    figure_weights: dict[str, float] = field(default_factory=lambda: {
        "bias": -2.08, "asked_head": 0.69, "asked_match": 1.12, "context_only": -0.14, "exact": 0.34, "head": 0.80,
        "label_cover": 0.81, "label_gap": 1.07, "label_sim": 0.51, "latin": 0.36, "latin_x_gap": 0.22,
        "lexical_x_sim": 1.04, "no_words": -0.49, "rank": -0.80, "run": 0.65, "sentence_sim": -0.10, "unit": 0.60,
    })
    # Below this the best figure is not given: better "not in the knowledge base" than a wrong figure.
    # Set so that no dev question gets a wrong figure.
    figure_threshold: float = 0.5
    # Another document's figure is listed beside the best one only if it scores nearly as well
    # (the same thing counted in another year or province, not a neighbouring row).
    other_document_margin: float = 0.25
    # Two labels count the same thing when their embeddings are this close (职工董事 in two reports).
    same_label_similarity: float = 0.92

    # --- evidence: does this sentence answer what was asked? --------------------------------------------
    sentence_weights: dict[str, float] = field(default_factory=lambda: {
        "bias": -0.17, "bigram": 1.04, "caption": -0.64, "dense": 1.18, "fused": -0.40, "heading": -0.99,
        "keyword": 1.13, "rank": -0.54, "subject_cover": 2.00, "uncovered_max": -0.62, "unknown": -0.62,
    })
    sentence_threshold: float = 0.5
    # A further sentence or how-to item is kept when it is at least this share as likely as the best one
    # (items that do not answer are dropped).
    item_share: float = 0.3
    quotes: int = 3  # at most this many sentences quoted for a fact
    list_quotes: int = 6  # a list often runs over several ;-clauses, each its own chunk


TUNING = Tuning()
