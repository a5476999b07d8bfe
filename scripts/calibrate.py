"""Fit the evidence step's two logistic scores on the dev split, and print them for assistant/tuning.py.

    .venv/bin/python scripts/calibrate.py

Both scores are softmaxes with a "none" option (see evidence._softmax_with_none), fitted by maximum likelihood:
- figures: one group per (question, asked noun, document); its answer is the expected figure of that document
  when the question expects one from it, else "none" (every group of a question that must be refused);
- sentences: one group per question; its answer is any hit holding the expected evidence or an expected
  phrase, else "none".
Then the trade-off between right and wrong answers on dev is printed for a range of thresholds, so the one
with no wrong figure can be chosen. The test split is never read.
"""

from __future__ import annotations

import json
import re
import sys
from dataclasses import replace
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from assistant.core import Assistant  # noqa: E402
from assistant.evaluation import multi_settings, read_items  # noqa: E402
from assistant.settings import Settings  # noqa: E402
from assistant.tuning import TUNING  # noqa: E402


def contains(text: str, needle: str) -> bool:
    return re.search(rf"(?<![\d.]){re.escape(needle)}", text) is not None if re.match(r"\d", needle) else needle in text


def examples(assistant: Assistant, turn: dict, history: list[dict], figures: list, sentences: list) -> None:
    state = assistant._state()
    query = state.reader.read(turn["question"], history)
    if query.intent in ("greeting", "thanks", "capabilities", "task", "injection") or query.constraints.unmet:
        return
    allowed = state.selector.allowed(query)
    if allowed is not None and not allowed.any():
        return
    vector = state.retriever.embed(query)
    hits = state.retriever.search(query, TUNING.evidence_depth * 3, allowed, vector)
    refuse = bool(turn.get("refuse"))
    must = turn.get("must_contain", [])
    docs = ({turn.get("doc")} | {a["doc"] for a in turn.get("also", [])}) - {None}
    qid = len(figures) + len(sentences) + 1_000_000 * len(history)
    if query.constraints.enterprise:
        return  # decided before any score: the sentence must name the enterprise
    if query.intent in ("figure", "two_figures") and turn.get("kind") in ("figure", "two_figures", "refuse"):
        nouns = query.asked if query.intent == "two_figures" and len(query.asked) >= 2 else (query.asked[:1] or ("",))
        previous = next((m["content"] for m in reversed(history) if m["role"] == "assistant"), "") if query.context else ""
        for k, noun in enumerate(nouns):
            candidates = state.selector.figure_candidates(query, hits, vector, noun, previous)
            good = [not refuse and any(contains(state.index.figures[n].text, m) for m in must)
                    and (not docs or state.index.figures[n].doc.id in docs) for n, _, _ in candidates]
            if len(nouns) > 1 and any(good):  # two figures: this noun's answer is the good one its words match best
                best = max((i for i, g in enumerate(good) if g), key=lambda i: candidates[i][2]["asked_match"])
                good = [i == best or (g and candidates[i][0] == candidates[best][0]) for i, g in enumerate(good)]
            for (_n, hit, features), g in zip(candidates, good, strict=True):
                figures.append((f"{qid}:{k}:{hit.chunk.doc.id}", features, g, refuse))
    elif query.intent not in ("figure", "two_figures", "when"):
        evidence = turn.get("evidence", "")
        for hit, features in state.selector.sentence_candidates(query, state.selector.with_sections(hits, vector, allowed), vector):
            text = hit.chunk.text
            good = not refuse and ((evidence and evidence in text) or any(m in text for m in must))
            sentences.append((str(qid), features, bool(good), refuse))


def fit(rows: list, l2: float = 0.02, steps: int = 3000, rate: float = 0.5, none_option: bool = True
        ) -> tuple[list[str], np.ndarray]:
    """Maximum likelihood of the softmax (with a none option, unless told not to) over groups; returns
    (names, weights) with the bias first (without a none option the bias cancels out)."""
    names = sorted(rows[0][1])
    groups = sorted({r[0] for r in rows})
    index = {g: i for i, g in enumerate(groups)}
    gid = np.array([index[r[0]] for r in rows])
    x = np.hstack([np.ones((len(rows), 1)), np.array([[r[1][k] for k in names] for r in rows], dtype=float)])
    y = np.array([r[2] for r in rows], dtype=float)
    has_pos = np.bincount(gid, weights=y, minlength=len(groups)) > 0
    w = np.zeros(x.shape[1])
    for _ in range(steps):
        z = np.clip(x @ w, -30, 30)
        e = np.exp(z)
        total = float(none_option) + np.bincount(gid, weights=e, minlength=len(groups))
        p = e / total[gid]
        pos_mass = np.bincount(gid, weights=p * y, minlength=len(groups))
        # d(-log P(target))/dz_i = p_i - [group has positives] * y_i p_i / P(positives)
        target = np.where(has_pos[gid], y * p / np.maximum(pos_mass[gid], 1e-12), 0.0)
        grad = x.T @ (p - target) / len(groups) + l2 * np.r_[0, w[1:]]
        w -= rate * grad
    return ["bias", *names], w


def fit_figures(rows: list) -> dict[str, dict[str, float]]:
    """Stage 1, which figure: a softmax over each group's candidates, fitted on groups that have a right one.
    Stage 2, answer or not: a logistic over the chosen candidate (acceptance_features), on every group."""
    from assistant.evidence import acceptance_features, pick_figure, without_narrower
    from assistant.tuning import TUNING

    answerable = {r[0] for r in rows if r[2]}
    names, w = fit([r for r in rows if r[0] in answerable], none_option=False)
    selection = dict(zip(names, (round(float(v), 2) for v in w), strict=True))
    object.__setattr__(TUNING, "figure_weights", selection)  # stage 2 sees the candidates stage 1 picks
    groups: dict = {}
    for gid, features, good, _ in rows:
        groups.setdefault(gid, []).append((0, None, features, good))
    # (as the evidence step does: a label of a level not asked is no candidate beside one that is the thing asked)
    groups = {g: [members[i] for i, _, _ in without_narrower([(i, None, m[2]) for i, m in enumerate(members)])]
              for g, members in groups.items()}
    accept_rows = []
    for members in groups.values():
        group = [(n, h, f) for n, h, f, _ in members]
        chosen = pick_figure(group)
        accept_rows.append((len(accept_rows), acceptance_features(group), members[chosen][3], False))
    names, w = fit_logistic(accept_rows)
    acceptance = dict(zip(names, (round(float(v), 2) for v in w), strict=True))
    print(f"figure: {len(rows)} candidates in {len(groups)} groups ({len(answerable)} with a right one)")
    print("  selection = " + json.dumps(selection, ensure_ascii=False))
    print("  acceptance = " + json.dumps(acceptance, ensure_ascii=False))
    right_pick = sum(members[pick_figure([(n, h, f) for n, h, f, _ in members])][3] for g, members in groups.items()
                     if g in answerable)
    print(f"  the right figure picked in {right_pick} of {len(answerable)} answerable groups")
    for tau in (0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9):
        p = [1 / (1 + np.exp(-(w[0] + sum(w[i + 1] * f[k] for i, k in enumerate(names[1:]))))) for _, f, _, _ in accept_rows]
        right = sum(pi >= tau and r[2] for pi, r in zip(p, accept_rows, strict=True))
        wrong = sum(pi >= tau and not r[2] for pi, r in zip(p, accept_rows, strict=True))
        print(f"  τ={tau:.1f}: right {right}, wrong {wrong}")
    return {"figure": selection, "figure_accept": acceptance}


def fit_logistic(rows: list, l2: float = 0.02, steps: int = 3000, rate: float = 0.5) -> tuple[list[str], np.ndarray]:
    names = sorted(rows[0][1])
    x = np.hstack([np.ones((len(rows), 1)), np.array([[r[1][k] for k in names] for r in rows], dtype=float)])
    y = np.array([r[2] for r in rows], dtype=float)
    w = np.zeros(x.shape[1])
    for _ in range(steps):
        p = 1 / (1 + np.exp(-np.clip(x @ w, -30, 30)))
        w -= rate * (x.T @ (p - y) / len(y) + l2 * np.r_[0, w[1:]])
    return ["bias", *names], w


def threshold(rows: list, names: list[str], w: np.ndarray) -> None:
    """Per group: the most likely candidate and its probability; right if it is a positive."""
    groups: dict = {}
    for gid, features, good, _ in rows:
        z = w[0] + sum(w[i + 1] * features[k] for i, k in enumerate(names[1:]))
        groups.setdefault(gid, []).append((z, good))
    outcomes = []
    for members in groups.values():
        zs = np.array([z for z, _ in members])
        p = np.exp(zs - max(0, zs.max())) / (np.exp(-max(0, zs.max())) + np.exp(zs - max(0, zs.max())).sum())
        best = int(p.argmax())
        outcomes.append((p[best], members[best][1], any(g for _, g in members), p.sum()))
    print(f"  groups {len(outcomes)}, answerable {sum(o[2] for o in outcomes)}")
    for tau in (0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9):
        right = sum(p >= tau and good for p, good, _, _ in outcomes)
        wrong = sum(p >= tau and not good for p, good, _, _ in outcomes)
        wrong_unanswerable = sum(p >= tau and not ok for p, _, ok, _ in outcomes)
        print(f"  τ={tau:.1f}: right {right}, wrong {wrong} (of which the group had no answer: {wrong_unanswerable})")


def main() -> None:
    settings = Settings.from_env(root=ROOT)
    shipped = Assistant(settings)
    multi = Assistant(multi_settings(settings, ROOT / "eval"), embedder=shipped.embedder)
    multi.build_index()
    assistants = {"shipped": shipped, "multi": multi}
    singles, dialogues = read_items(ROOT / "eval")
    figures: list = []
    sentences: list = []
    for item in (i for i in singles if i["split"] == "dev"):
        examples(assistants[item["kb"]], item, [], figures, sentences)
    for dialogue in (d for d in dialogues if d["split"] == "dev"):
        assistant, history = assistants[dialogue["kb"]], []
        for turn in dialogue["turns"]:
            examples(assistant, turn, history, figures, sentences)
            answer = assistant.ask(turn["question"], history)
            history += [{"role": "user", "content": turn["question"]}, {"role": "assistant", "content": answer.answer}]
    fitted = {}
    fitted.update(fit_figures(figures))
    for title, rows in (("sentence", sentences),):
        names, w = fit(rows)
        fitted[title] = dict(zip(names, (round(float(v), 2) for v in w), strict=True))
        print(f"{title}: {len(rows)} examples, {sum(r[2] for r in rows)} positive")
        print("  weights = " + json.dumps(fitted[title], ensure_ascii=False))
        threshold(rows, names, w)
    if "--write" in sys.argv:
        write_weights(fitted)


def write_weights(fitted: dict[str, dict[str, float]]) -> None:
    """Replace the two weight tables in assistant/tuning.py with the fitted ones."""
    path = ROOT / "assistant" / "tuning.py"
    text = path.read_text(encoding="utf-8")
    for title, weights in fitted.items():
        items = [f'"{k}": {v:.2f}' for k, v in weights.items()]
        lines, line = [], "        "
        for item in items:
            if len(line) + len(item) + 2 > 118:
                lines.append(line.rstrip())
                line = "        "
            line += item + ", "
        lines.append(line.rstrip())
        table = f"    {title}_weights: dict[str, float] = field(default_factory=lambda: {{\n" + "\n".join(lines) + "\n    })"
        pattern = rf"    {title}_weights: dict\[str, float\] = field\(default_factory=lambda: \{{.*?\}}\)"
        text = re.sub(pattern, lambda _, table=table: table, text, count=1, flags=re.S)
    path.write_text(text, encoding="utf-8")
    print(f"written to {path}")


if __name__ == "__main__":
    _ = replace
    main()
