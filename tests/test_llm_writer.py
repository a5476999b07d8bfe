"""The optional LLM writer under the number guard (integration: the real report and embedder, a loopback model
speaking the OpenAI chat API). Whatever the model does, the user never sees a number no cited sentence holds."""

from __future__ import annotations

import time
from collections.abc import Iterator

import pytest
from llm_standin import LLMStandIn

from assistant.core import Assistant
from assistant.types import Answer
from tests.conftest import make_settings

pytestmark = pytest.mark.integration

QUESTIONS = ["职工董事有多少名？", "母婴室建了几个？", "我是一线工人，想提高技术，有哪些途径？", "2022年发展了多少产业工人党员？",
             "职代会有哪些职权？", "慰问困难职工花了多少钱？", "加班费怎么算"]
BAD_MODES = ("wrong_arabic", "wrong_chinese", "no_citation", "ignore_sources", "refuse", "error", "broken_stream")


@pytest.fixture(scope="module")
def standin() -> Iterator[LLMStandIn]:
    server = LLMStandIn().start()
    yield server
    server.stop()


@pytest.fixture(scope="module")
def with_llm(tmp_path_factory, standin: LLMStandIn, assistant: Assistant) -> Iterator[Assistant]:
    monkeypatch = pytest.MonkeyPatch()
    monkeypatch.setenv("ASSISTANT_LLM_BASE_URL", standin.url)
    monkeypatch.setenv("ASSISTANT_LLM_MODEL", "qwen-standin")
    monkeypatch.setenv("ASSISTANT_LLM_TIMEOUT", "3")
    monkeypatch.setenv("ASSISTANT_LLM_FIRST_TOKEN_TIMEOUT", "2")
    tmp = tmp_path_factory.mktemp("llm")
    shared = Assistant(make_settings(tmp), embedder=assistant.embedder)
    shared.build_index()
    yield shared
    monkeypatch.undo()


def _shown(events: list[dict]) -> tuple[str, Answer]:
    """What the user saw streamed, and the final answer."""
    text = "".join(e["delta"] for e in events if "delta" in e)
    final = next(e.get("answer") or e.get("replace") for e in reversed(events) if "answer" in e or "replace" in e)
    return text, final


def test_a_faithful_model_writes_the_answer(with_llm: Assistant, standin: LLMStandIn):
    standin.mode = "faithful"
    answer = with_llm.ask("职工董事有多少名？")
    assert answer.writer == "llm" and answer.fallback == "" and "617名" in answer.answer and "[1]" in answer.answer
    assert with_llm.unchecked(answer, "职工董事有多少名？") == []
    text, final = _shown(list(with_llm.stream("职工董事有多少名？")))
    assert final.writer == "llm" and text.strip() == final.answer.strip()


def test_the_model_never_answers_what_the_code_refused(with_llm: Assistant, standin: LLMStandIn):
    standin.mode = "faithful"
    before = len(standin.requests)
    answer = with_llm.ask("加班费怎么算")
    assert answer.refused and answer.writer == "extractive" and len(standin.requests) == before


@pytest.mark.parametrize("mode", BAD_MODES)
def test_every_bad_behaviour_ends_in_the_checked_extractive_answer(with_llm: Assistant, standin: LLMStandIn, mode: str):
    standin.mode = mode
    with_llm._state().writer.breaker._open_until = 0.0  # each mode starts with the breaker closed
    with_llm._answers.clear()  # and without the answers cached from the previous mode (the same questions)
    for question in QUESTIONS:
        answer = with_llm.ask(question)
        assert with_llm.unchecked(answer, question) == [], (mode, answer.answer)
        assert answer.writer == "extractive"
        if not answer.refused:
            assert answer.fallback, (mode, question)
        shown, final = _shown(list(with_llm.stream(question)))
        # Every streamed sentence was checked before it was sent: none carries an unchecked number.
        assert with_llm.unchecked(Answer(shown, False, final.sources, suggestions=final.suggestions), question) == [], (mode, shown)
        assert final.writer == "extractive" and with_llm.unchecked(final, question) == []


def test_a_down_model_opens_the_breaker_and_answers_stay_fast(with_llm: Assistant, standin: LLMStandIn):
    standin.mode = "error"
    writer = with_llm._state().writer
    writer.breaker._open_until = 0.0
    fallbacks = [with_llm.ask("职工董事有多少名？").fallback for _ in range(4)]
    assert fallbacks[:3] == ["error"] * 3 and fallbacks[3] == "circuit_open"
    requests = len(standin.requests)
    started = time.perf_counter()
    answer = with_llm.ask("母婴室建了几个？")
    assert answer.fallback == "circuit_open" and len(standin.requests) == requests
    assert time.perf_counter() - started < 5  # not a timing bar: the model is not called at all
    writer.breaker._open_until = 0.0


def test_a_slow_model_times_out_into_the_extractive_answer(with_llm: Assistant, standin: LLMStandIn):
    standin.mode, standin.delay = "slow", 6.0
    with_llm._state().writer.breaker._open_until = 0.0
    try:
        answer = with_llm.ask("职工董事有多少名？")
        assert answer.writer == "extractive" and answer.fallback == "error" and answer.answer.startswith("617名")
    finally:
        standin.mode, standin.delay = "faithful", 0.0
        with_llm._state().writer.breaker._open_until = 0.0
