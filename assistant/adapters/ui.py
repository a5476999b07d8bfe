"""The web UI: a chat a worker uses on a phone inside WeCom, a figure lookup for staff, and an operator view.

Gradio lays out the page (theme, light and dark mode, the 问答 / 数据速查 tabs). The chat and the figure list
are Gradio custom HTML components (`gr.HTML` with `js_on_load`) whose script talks to small JSON routes here
(`/ui/ask`, `/ui/vote`, `/ui/figures`) instead of Gradio events. Why: a Gradio event belongs to a server-side
session and to Gradio's client, which shows an English "Connection Lost" toast, has no timeout and reloads the
page (wiping the chat) when a restarted server comes back. The chat instead keeps the conversation in the
browser (localStorage) and sends it as history, so it survives a reload and a server restart, and it says in
Chinese when the server is gone or slow, with 重试.

Every handler is one call to `Assistant` (or the feedback store) plus formatting. All wording is in
prompts/ui.toml. Nothing is loaded from the internet (system fonts, no analytics). The operator view (命中测试,
recent votes) is a second Gradio app at /admin behind ASSISTANT_ADMIN_TOKEN.
"""

from __future__ import annotations

import gzip
import hashlib
import hmac
import html
import json
import logging
import re
import string
import time
import uuid
from collections.abc import Callable
from typing import Literal
from urllib.parse import parse_qs

import gradio as gr
from fastapi import APIRouter, FastAPI, Query, Request
from fastapi.responses import JSONResponse, RedirectResponse, Response
from pydantic import BaseModel, Field
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from ..core import Assistant
from ..errors import AssistantError, ConfigError
from ..prompts import Prompts
from ..types import Answer, Figure
from .admin import operators
from .api import USER_COOKIE, Text, UserOf, no_user
from .conversations import ConversationLog
from .feedback import FeedbackStore

log = logging.getLogger(__name__)

ADMIN_PATH = "/admin"
ADMIN_COOKIE = "assistant_admin"
ADMIN_COOKIE_HOURS = 8
ASK_TIMEOUT_MS = 15_000  # the chat gives up and offers 重试 after this long without an answer
MAX_FOLLOW_UPS = 3
MAX_FOLLOW_UP_CHECKS = 6  # candidate follow-ups asked per answer at most (each is one ~15 ms ask, then cached)
CHECK_CACHE_SECONDS = 600  # a follow-up found answerable stays so this long (the index may be rebuilt meanwhile)
MEASURE_WORDS = set("名个人家次项所支份场期批座条本间户")  # units that read well in "有多少X？"
CITE = re.compile(r"\[(\d+)\]")
SYSTEM_FONTS = ["-apple-system", "BlinkMacSystemFont", "PingFang SC", "Hiragino Sans GB", "Microsoft YaHei",
                "Noto Sans CJK SC", "Source Han Sans SC", "WenQuanYi Micro Hei", "Helvetica Neue", "Arial",
                "sans-serif"]
MONO_FONTS = ["ui-monospace", "SFMono-Regular", "Menlo", "Consolas", "Noto Sans Mono CJK SC", "monospace"]

# The wording each part needs from prompts/ui.toml; checked at start-up so a missing key names itself.
TOP_KEYS = ("title", "description", "tab_chat", "tab_figures", "welcome", "welcome_hint", "examples", "follow_up",
            "copy_sources", "copy_source", "unexpected", "feedback_off")
CHAT_KEYS = ("input_label", "input_placeholder", "send", "new_chat", "new_chat_done", "log_label", "you_asked",
             "answer_label", "typing", "read_as", "sources", "follow_ups", "suggestions", "up", "down", "copy",
             "copy_label", "copied", "copy_failed", "vote_up_done", "vote_down_done", "vote_changed", "vote_failed",
             "reasons_title", "reason_other_placeholder", "reason_submit", "reason_done", "timeout", "offline",
             "server_error", "retry", "too_long")
FIGURES_KEYS = ("intro", "input_label", "input_placeholder", "search", "loading", "count", "none", "download",
                "failed", "retry", "year", "list_label")
ADMIN_KEYS = ("title", "off", "hint", "login_intro", "token_label", "login", "unauthorized", "forbidden", "logout",
              "hits_intro", "query_label", "query_placeholder", "top_k_label", "run", "hits_count", "hits_none",
              "hit_scores", "feedback_intro", "feedback_none", "tab_hits", "tab_feedback", "refresh", "error")
REASONS = ("off_topic", "wrong_number", "missing", "other")  # stored in feedback.reason; labels in [reasons]


class Wording:
    """prompts/ui.toml, read once and checked: `wording("welcome")`, `wording.chat["send"]`."""

    def __init__(self, prompts: Prompts) -> None:
        self.prompts = prompts
        for key in TOP_KEYS:
            prompts.get(f"ui.{key}")  # raises ConfigError naming the key
        self.chat = _table(prompts, "chat", CHAT_KEYS)
        self.figures = _table(prompts, "figures", FIGURES_KEYS)
        self.admin = _table(prompts, "admin", ADMIN_KEYS)
        self.reasons = _table(prompts, "reasons", REASONS)

    def __call__(self, key: str, **values: object) -> str:
        return self.prompts.render(f"ui.{key}", **values)

    def texts(self, key: str) -> list[str]:
        value = self.prompts.get(f"ui.{key}")
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise ConfigError(f"提示词 ui.{key} 应为文字列表", "检查 prompts/ui.toml")
        return value


def _table(prompts: Prompts, name: str, keys: tuple[str, ...]) -> dict[str, str]:
    table = prompts.get(f"ui.{name}")
    if not isinstance(table, dict):
        raise ConfigError(f"提示词 ui.{name} 应为一个表（[{name}]）", "检查 prompts/ui.toml")
    missing = [k for k in keys if not isinstance(table.get(k), str)]
    if missing:
        raise ConfigError(f"prompts/ui.toml 的 [{name}] 缺少：{', '.join(missing)}", "补上这些文字后重启服务")
    return {k: table[k] for k in keys}


def fill(template: str, **values: object) -> str:
    """A `{field}` template from a table of ui.toml; a field it names but is not given fails loudly."""
    fields = {f for _, f, _, _ in string.Formatter().parse(template) if f}
    missing = fields - values.keys()
    if missing:
        raise ConfigError(f"提示词“{template}”缺少变量：{', '.join(sorted(missing))}", "检查 prompts/ui.toml")
    return template.format(**values)


# --- request bodies of the UI's own routes ------------------------------------------------------
# `Text` is the API's string check (a lone UTF-16 surrogate is refused with a Chinese 422, not a 500 later).
class HistoryIn(BaseModel):
    role: Literal["user", "assistant"]
    content: Text = Field(max_length=20_000)


class AskIn(BaseModel):
    question: Text = Field(max_length=5_000)  # the assistant's own limit (shorter) answers in Chinese
    history: list[HistoryIn] = Field(default_factory=list, max_length=200)
    session: str = Field("", max_length=64, pattern=r"^[A-Za-z0-9_-]*$")


class SourceRef(BaseModel):
    id: Text = Field("", max_length=200)
    name: Text = Field("", max_length=500)
    section: Text = Field("", max_length=1000)
    text: Text = Field("", max_length=5000)


class VoteIn(BaseModel):
    answer_id: str = Field(pattern=r"^[0-9a-f]{32}$")
    vote: Literal["up", "down"]
    reason: Literal["", "off_topic", "wrong_number", "missing", "other"] = ""
    comment: Text = Field("", max_length=1000)
    question: Text = Field(max_length=5_000)
    answer: Text = Field(max_length=50_000)
    sources: list[SourceRef] = Field(default_factory=list, max_length=50)


# --- the UI ---------------------------------------------------------------------------------------
class AssistantUI:
    """Builds the pages and the routes behind them; every handler is one call to the assistant plus formatting."""

    def __init__(self, assistant: Assistant, feedback: FeedbackStore | None = None, user_of: UserOf = no_user,
                 conversations: ConversationLog | None = None) -> None:
        self.assistant = assistant
        self.feedback = feedback
        self.conversations = conversations
        self.user_of = user_of  # verifies the signed WeCom cookie
        self.wording = Wording(assistant.prompts)
        self.examples = self.wording.texts("examples")
        self._checked: dict[str, tuple[bool, float]] = {}  # question → (answerable, when checked)

    # --- mounting -------------------------------------------------------------------------------
    def mount(self, app: FastAPI, path: str = "/") -> FastAPI:
        """The UI routes, the operator view at /admin and the worker page at `path` (mounted last: it catches
        every path the routes before it do not)."""
        self.examples = self.answerable_examples()
        app.include_router(self.router())
        app.add_middleware(AdminGate, token_of=lambda: self.assistant.settings.admin_token,
                           pages=AdminPages(self.wording))
        app.add_middleware(UiDelivery, head=page_metadata(self.wording), pages=(path, ADMIN_PATH + "/"))
        options = dict(footer_links=[], run_history=False, ssr_mode=False, mcp_server=False, pwa=False, theme=theme(),
                       show_error=False)  # no exception text reaches users
        gr.mount_gradio_app(app, self.build_admin(), path=ADMIN_PATH, head=HEAD, **options)
        return gr.mount_gradio_app(app, self.build(), path=path, head=HEAD, **options)

    def build(self) -> gr.Blocks:
        """The worker page: the chat, and 数据速查 for staff. No Gradio events: the components' scripts call
        the routes of `router()`."""
        w = self.wording
        chat_config = {
            "title": w("title"), "welcome": w("welcome"), "welcome_hint": w("welcome_hint"), "examples": self.examples,
            "reasons": [[code, w.reasons[code]] for code in REASONS], "timeout_ms": ASK_TIMEOUT_MS,
            "max_history": self.assistant.settings.max_history_messages,
            "max_chars": self.assistant.settings.max_history_chars,
            "max_question": self.assistant.settings.max_question_chars,
        }
        with gr.Blocks(title=w("title"), analytics_enabled=False) as demo:
            with gr.Tabs(elem_id="views"):
                with gr.Tab(w("tab_chat"), id="chat", elem_id="tab-chat"):
                    gr.HTML("", html_template='<div class="cg-root cg-chat"></div>', js_on_load=CHAT_JS,
                            apply_default_css=False, elem_id="chat", text=w.chat, config=chat_config)
                with gr.Tab(w("tab_figures"), id="figures", elem_id="tab-figures"):
                    gr.HTML("", html_template='<div class="cg-root cg-figures"></div>', js_on_load=FIGURES_JS,
                            apply_default_css=False, elem_id="figures", text=w.figures)
        return demo

    def build_admin(self) -> gr.Blocks:
        """The operator view: 命中测试 and the latest votes (Gradio events; only operators see it)."""
        a = self.wording.admin
        with gr.Blocks(title=a["title"], analytics_enabled=False) as admin:
            gr.HTML(f'<div class="cg-admin-head"><h1>{html.escape(a["title"])}</h1><form method="post" '
                    f'action="{ADMIN_PATH}/logout"><button type="submit">{html.escape(a["logout"])}</button></form></div>',
                    apply_default_css=False, js_on_load=None)
            with gr.Tabs():
                with gr.Tab(a["tab_hits"], id="hits"):
                    gr.HTML(f'<p class="cg-admin-intro">{html.escape(a["hits_intro"])}</p>', apply_default_css=False,
                            js_on_load=None)
                    query = gr.Textbox(label=a["query_label"], placeholder=a["query_placeholder"], elem_id="hit-query",
                                       max_lines=3)
                    top_k = gr.Slider(1, 20, value=self.assistant.settings.top_k, step=1, label=a["top_k_label"],
                                      elem_id="hit-top-k")
                    run = gr.Button(a["run"], variant="primary", elem_id="hit-run")
                    hits = gr.HTML("", apply_default_css=False, js_on_load=None, elem_id="hits")
                    query.submit(self.hits_html, [query, top_k], [hits])
                    run.click(self.hits_html, [query, top_k], [hits])
                with gr.Tab(a["tab_feedback"], id="feedback") as feedback_tab:
                    gr.HTML(f'<p class="cg-admin-intro">{html.escape(a["feedback_intro"])}</p>', apply_default_css=False,
                            js_on_load=None)
                    refresh = gr.Button(a["refresh"], elem_id="feedback-refresh")
                    votes = gr.HTML("", apply_default_css=False, js_on_load=None, elem_id="votes")
                    refresh.click(self.votes_html, None, [votes])
                    feedback_tab.select(self.votes_html, None, [votes])
        admin.queue(default_concurrency_limit=4)
        return admin

    def router(self) -> APIRouter:
        """JSON routes the page's scripts call, and the operator login. Not in the API docs: they serve this
        page only (the public contract is /api)."""
        router = APIRouter(include_in_schema=False)

        @router.post("/ui/ask")
        def ask(body: AskIn, request: Request) -> Response:
            history = [m.model_dump() for m in body.history]
            return self._json(lambda: self.ask(body.question, history, self._user(request), body.session))

        @router.post("/ui/vote")
        def vote(body: VoteIn, request: Request) -> Response:
            return self._json(lambda: self.vote(body, self._user(request)))

        @router.get("/ui/figures")
        def figures(q: str = Query("", max_length=500)) -> Response:
            return self._json(lambda: self.figure_cards(q))

        @router.get(ADMIN_PATH)
        def admin_root() -> Response:  # the Gradio app is mounted at /admin/; "/admin" would reach the worker page
            return RedirectResponse(ADMIN_PATH + "/", status_code=307)

        @router.post(ADMIN_PATH + "/login")
        async def login(request: Request) -> Response:
            form = parse_qs((await request.body()).decode("utf-8", "replace"))
            return admin_login(form.get("token", [""])[0], self.assistant.settings.admin_token,
                               AdminPages(self.wording), secure=_is_https(request))

        @router.post(ADMIN_PATH + "/logout")
        def logout() -> Response:
            response = RedirectResponse(ADMIN_PATH + "/", status_code=303)
            response.delete_cookie(ADMIN_COOKIE, path=ADMIN_PATH)
            return response

        return router

    def _json(self, work: Callable[[], dict]) -> Response:
        """Run one handler; errors become `{"type", "message", "hint"}` with a Chinese message, never a trace."""
        try:
            return JSONResponse(work())
        except AssistantError as exc:
            if exc.status >= 500:
                log.error("web UI: %s: %s", exc.type, exc)
            return JSONResponse({"type": exc.type, "message": exc.message, "hint": exc.hint}, status_code=exc.status)
        except Exception:
            log.exception("web UI: unexpected error")
            return JSONResponse({"type": "internal_error", "message": self.wording("unexpected"), "hint": ""},
                                status_code=500)

    def _user(self, request: Request | None) -> str:
        """The WeCom userid from the signed cookie the homepage's OAuth callback set, else ""."""
        cookies = getattr(request, "cookies", None) if request is not None else None
        return (self.user_of(cookies.get(USER_COOKIE) if cookies else None) or "")[:200]

    # --- handlers -------------------------------------------------------------------------------
    def ask(self, question: str, history: list[dict], user: str = "", session: str = "") -> dict:
        """One answer, as the chat shows it."""
        settings = self.assistant.settings
        history = [{"role": m["role"], "content": m["content"][: settings.max_history_chars]}
                   for m in history[-settings.max_history_messages:]]
        answer = self.assistant.ask(question, history)
        if self.conversations is not None:
            self.conversations.record("web", question, answer, user, session)
        return answer_view(answer, question.strip(), uuid.uuid4().hex, self.follow_ups(answer), self.wording)

    def vote(self, body: VoteIn, user: str = "") -> dict:
        """👍/👎 on one answer: one row per answer, updated when the vote or its reason changes."""
        if self.feedback is None:
            raise AssistantError(self.wording("feedback_off"))
        reason = body.reason if body.vote == "down" else ""
        comment = body.comment.strip() if body.vote == "down" else ""
        row_id, changed = self.feedback.vote(body.answer_id, body.vote, body.question, body.answer,
                                             [s.model_dump() for s in body.sources], reason=reason, comment=comment,
                                             user=user, channel="web")
        return {"ok": True, "id": row_id, "changed": changed}

    def figure_cards(self, query: str) -> dict:
        """数据速查 as cards: figure, unit, label, document, year."""
        figures = self.assistant.figures(query.strip()[: self.assistant.settings.max_question_chars])
        cards = [{"value": f.value, "unit": f.unit, "label": f.label, "name": f.doc.name,
                  "year": f.year if re.fullmatch(r"\d{4}", f.year or "") else f.doc.year, "section": _heading(f.section)}
                 for f in figures]
        return {"count": len(cards), "figures": cards}

    def hits_html(self, query: str, top_k: float) -> str:
        """命中测试 as cards (readable at 390 px, unlike a seven-column table)."""
        a = self.wording.admin
        try:
            hits = self.assistant.search(query or "", int(top_k))
        except Exception as exc:
            if not isinstance(exc, AssistantError):
                log.exception("operator view: hit test failed for %r", query)
            message = exc.message if isinstance(exc, AssistantError) else self.wording("unexpected")
            return f'<p class="cg-admin-error" role="alert">{html.escape(fill(a["error"], message=message))}</p>'
        if not hits:
            return f'<p role="status">{html.escape(a["hits_none"])}</p>'
        items = []
        for rank, hit in enumerate(hits, 1):
            scores = fill(a["hit_scores"], score=f"{hit.score:.4f}", dense=f"{hit.dense:.3f}",
                          keyword=f"{hit.keyword:.2f}", bigram=f"{hit.bigram:.2f}")
            items.append(f'<li class="cg-hit"><p class="cg-hit-head"><b>{rank}</b> {html.escape(scores)}</p>'
                         f'<p class="cg-hit-where">{html.escape(hit.chunk.doc.name)} · {html.escape(hit.chunk.section)}</p>'
                         f'<p>{html.escape(hit.chunk.text)}</p></li>')
        count = html.escape(fill(a["hits_count"], n=len(hits)))
        return f'<p role="status">{count}</p><ol class="cg-hits">{"".join(items)}</ol>'

    def votes_html(self) -> str:
        a = self.wording.admin
        rows = self.feedback.recent(50) if self.feedback is not None else []
        if not rows:
            return f'<p role="status">{html.escape(a["feedback_none"])}</p>'
        items = []
        for row in rows:
            reason = self.wording.reasons.get(row["reason"], "")
            extra = " · ".join(filter(None, [reason, row["comment"]]))
            items.append(f'<li class="cg-hit"><p class="cg-hit-head">{"👍" if row["vote"] == "up" else "👎"} '
                         f'{html.escape(row["updated_at"] or row["created_at"])} · {html.escape(row["channel"])}'
                         f'{" · " + html.escape(row["user"]) if row["user"] else ""}</p>'
                         f'<p><b>{html.escape(row["question"])}</b></p>'
                         f'{f"<p>{html.escape(extra)}</p>" if extra else ""}</li>')
        return f'<ol class="cg-hits">{"".join(items)}</ol>'

    # --- answerable questions --------------------------------------------------------------------
    def answerable_examples(self) -> list[str]:
        """The welcome's example questions that the current knowledge base answers. Checked once, at start-up:
        a refused example is dropped with a warning. Without an index yet nothing can be checked; all are kept."""
        kept = []
        for question in self.examples:
            try:
                answer = self.assistant.ask(question)
            except AssistantError as exc:
                log.warning("web UI: cannot check the example questions yet (%s); showing all of them", exc.message)
                return list(self.examples)
            if answer.refused:
                log.warning("web UI: example question %r is refused by the knowledge base; not shown", question)
            else:
                kept.append(question)
        return kept

    def follow_ups(self, answer: Answer) -> list[str]:
        """Up to three questions to tap next, each answerable: a refusal's suggestions; else figures of the cited
        sections that the answer did not give; a greeting gets the welcome's examples."""
        if answer.refused:
            candidates = [(q, None) for q in answer.suggestions]
        elif answer.sources:
            candidates = self._section_questions(answer)
        else:
            return self.examples[:MAX_FOLLOW_UPS]
        chosen: list[str] = []
        for question, label in candidates[:MAX_FOLLOW_UP_CHECKS]:
            if self._answerable(question, label):
                chosen.append(question)
                if len(chosen) == MAX_FOLLOW_UPS:
                    break
        return chosen

    def _section_questions(self, answer: Answer) -> list[tuple[str, str]]:
        """"{label}有多少{unit}？" for figures of the sections the answer cites, those in a cited sentence first."""
        given = {f.label for f in answer.figures} | {f.text for f in answer.figures}
        chunks = [s.id for s in answer.sources]
        sections = {s.section for s in answer.sources}
        ranked: list[tuple[int, Figure]] = []
        for figure in self.assistant.figures():
            if figure.section not in sections or figure.label in given or figure.text in given:
                continue
            if not 2 <= len(figure.label) <= 14 or re.search(r"\d|未标注", figure.label):
                continue
            ranked.append((0 if figure.chunk_id in chunks else 1, figure))
        out, seen = [], set()
        for _, figure in sorted(ranked, key=lambda r: r[0]):
            if figure.label in seen:
                continue
            seen.add(figure.label)
            unit = figure.unit.lstrip("余多")
            out.append((self.wording("follow_up", label=figure.label, unit=unit if unit in MEASURE_WORDS else ""),
                        figure.label))
        return out

    def _answerable(self, question: str, label: str | None) -> bool:
        """Asked once through the assistant (then remembered for a while): answered, and with that figure."""
        now = time.monotonic()
        known = self._checked.get(question)
        if known and now - known[1] < CHECK_CACHE_SECONDS:
            return known[0]
        try:
            answer = self.assistant.ask(question)
        except AssistantError:
            return False
        ok = not answer.refused and (label is None or any(f.label == label for f in answer.figures))
        if len(self._checked) > 5000:
            self._checked.clear()
        self._checked[question] = (ok, now)
        return ok


# --- the answer as the chat shows it ----------------------------------------------------------------
Segment = list[str]  # [text, kind]: kind "" (plain), "mark" (a figure) or "cite" (a [n] marker)


def answer_view(answer: Answer, question: str, answer_id: str, follow_ups: list[str], wording: Wording) -> dict:
    """Everything the chat draws for one answer, as data (the script builds the DOM with textContent, so no
    text from the knowledge base is ever parsed as HTML)."""
    lines = [line for line in answer.answer.split("\n") if line.strip()]
    if answer.refused:  # the suggestions are shown as chips, not as a list in the text
        cut = str(wording.prompts.get("answer.did_you_mean"))
        lines = lines[: next((i for i, line in enumerate(lines) if line.strip() == cut), len(lines))]
    lead = None
    if not answer.refused and len(lines) > 1 and not CITE.search(lines[0]):
        lead, lines = lines[0], lines[1:]
    marks: dict[str, set[str]] = {}
    for figure in answer.figures:
        marks.setdefault(figure.chunk_id, set()).add(figure.text)
    ids = [s.id for s in answer.sources]

    def figures_cited(line: str) -> set[str]:
        cited = {int(n) for n in CITE.findall(line)}
        return set().union(*[marks.get(ids[n - 1], set()) for n in cited if 0 < n <= len(ids)])

    sources = [{"n": n, "id": s.id, "name": s.document.get("name") or s.title, "year": _year_unless_named(s.document),
                "section": _heading(s.section), "text": s.text, "parts": segments(s.text, marks.get(s.id, set()))}
               for n, s in enumerate(answer.sources, 1)]
    copy = "\n".join(([lead] if lead else []) + lines)
    if sources:
        copy += "\n\n" + wording("copy_sources") + "\n" + "\n".join(
            wording("copy_source", n=s["n"], name=s["name"], section=s["section"], text=s["text"]) for s in sources)
    return {
        "id": answer_id, "question": question, "answer": answer.answer, "refused": answer.refused,
        "read_as": answer.standalone_question if _differs(answer.standalone_question, question) else "",
        "lead": segments(lead, set()) if lead else None,
        "lines": [segments(line, figures_cited(line)) for line in lines],
        "sources": sources, "follow_ups": follow_ups, "copy": copy,
    }


def segments(text: str, figures: set[str]) -> list[Segment]:
    """Split a line into plain text, figures (e.g. "617名", not inside "1617名") and [n] citation markers."""
    patterns = [r"\[\d+\]"] + [rf"(?<![\d.]){re.escape(f)}" for f in sorted(figures, key=len, reverse=True)]
    out: list[Segment] = []
    last = 0
    for match in re.finditer("|".join(patterns), text):
        if match.start() > last:
            out.append([text[last:match.start()], ""])
        out.append([match.group(), "cite" if CITE.fullmatch(match.group()) else "mark"])
        last = match.end()
    if last < len(text):
        out.append([text[last:], ""])
    return out


def _heading(section: str) -> str:
    """The innermost heading of a section path ("四是… › 畅通参与公司管理渠道" → "畅通参与公司管理渠道")."""
    return section.rsplit(" › ", 1)[-1].strip() if section else ""


def _year_unless_named(document: dict) -> str:
    year = str(document.get("year") or "")
    return "" if not year or year in str(document.get("name") or "") else year


def _differs(standalone: str, question: str) -> bool:
    """Whether the question was read as something else (a follow-up completed from the history)."""
    def bare(text: str) -> str:
        return re.sub(r"[\W_]+", "", text or "")

    return bool(standalone) and bare(standalone) != bare(question)


# --- the page: theme, head, delivery ---------------------------------------------------------------
def theme() -> gr.themes.Base:
    """The default look with system fonts (the page fetches no web fonts) and a primary red dark enough for
    white text (red-700: 6.5:1; Gradio's red-500 is 3.8:1, under WCAG AA)."""
    return gr.themes.Default(primary_hue="red", font=SYSTEM_FONTS, font_mono=MONO_FONTS).set(
        button_primary_background_fill="*primary_700", button_primary_background_fill_hover="*primary_800",
        button_primary_background_fill_dark="*primary_700", button_primary_background_fill_hover_dark="*primary_800",
        button_primary_text_color="white", button_primary_text_color_dark="white",
        button_primary_border_color="*primary_700", button_primary_border_color_dark="*primary_700",
        body_text_color_subdued="*neutral_600", body_text_color_subdued_dark="*neutral_300",
    )


def page_metadata(wording: Wording) -> str:
    """<head> tags of the product: title, description and link-preview cards (WeCom, WeChat) instead of
    Gradio's, a viewport that keeps the input above the keyboard, and an inline icon (no request)."""
    title, description = html.escape(wording("title")), html.escape(wording("description"))
    icon = ("data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 64 64'%3E%3Crect width='64' "
            "height='64' rx='14' fill='%23b91c1c'/%3E%3Ctext x='32' y='45' font-size='36' text-anchor='middle' "
            "fill='white'%3E%E4%BA%A7%3C/text%3E%3C/svg%3E")
    return (f"<title>{title}</title>\n"
            f'<meta name="description" content="{description}">\n'
            f'<meta property="og:type" content="website">\n'
            f'<meta property="og:title" content="{title}">\n'
            f'<meta property="og:description" content="{description}">\n'
            f'<meta name="twitter:card" content="summary">\n'
            f'<meta name="twitter:title" content="{title}">\n'
            f'<meta name="twitter:description" content="{description}">\n'
            f'<meta name="theme-color" content="#b91c1c">\n'
            f'<meta name="format-detection" content="telephone=no">\n'
            f'<link rel="icon" href="{icon}">\n'
            f"<script>{CHINESE_ONLY}</script>\n")


# Gradio words its own parts (加载中, its buttons' screen-reader labels, the html lang) in the phone's language.
# This product is Chinese only, so a phone set to English must not get an English page: Gradio is told the
# browser speaks Chinese. Runs before Gradio's script, from the page itself.
CHINESE_ONLY = ("try{Object.defineProperty(Navigator.prototype,'language',{get:function(){return 'zh-CN'},configurable:true});"
                "Object.defineProperty(Navigator.prototype,'languages',{get:function(){return ['zh-CN','zh']},configurable:true})"
                "}catch(e){}")


VIEWPORT = "width=device-width, initial-scale=1, viewport-fit=cover, interactive-widget=resizes-content"
_GRADIO_PREVIEW_TAGS = re.compile(r'<meta\s+(?:property="og:|name="twitter:)[^>]*>\s*', re.S)
_GRADIO_VIEWPORT = re.compile(r'<meta\s+name="viewport"[^>]*>', re.S)
_CACHE_FOREVER = "public, max-age=31536000, immutable"


class UiDelivery:
    """How the UI's pages and files leave the server, for slow phone links:
    - the pages (Gradio's index.html): the product's title and link-preview tags in place of Gradio's
      ("Gradio", "Click to try out the app!"), lang="zh-CN", gzip (the page embeds ~100 KB of JSON config),
      and `no-cache` so a new release shows at once;
    - Gradio's content-hashed /assets/* and the versioned theme.css: cached for a year, so a second visit
      loads from the phone's cache instead of asking again for ~70 files.
    Only GET/HEAD of those paths are touched; the API, WeCom and Gradio's event routes pass straight through."""

    def __init__(self, app: ASGIApp, head: str, pages: tuple[str, ...]) -> None:
        self.app, self.head, self.pages = app, head, set(pages)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] not in ("GET", "HEAD"):
            await self.app(scope, receive, send)
            return
        path = scope["path"]
        if path in self.pages:
            await self._page(scope, receive, send)
            return
        cache = _cache_policy(path, scope.get("query_string", b""))
        if cache is None:
            await self.app(scope, receive, send)
            return

        async def with_cache(message: Message) -> None:
            if message["type"] == "http.response.start" and message["status"] == 200:
                message["headers"] = [h for h in message.get("headers", []) if h[0].lower() != b"cache-control"] + [
                    (b"cache-control", cache.encode())]
            await send(message)

        await self.app(scope, receive, with_cache)

    async def _page(self, scope: Scope, receive: Receive, send: Send) -> None:
        start: Message | None = None
        chunks: list[bytes] = []

        async def collect(message: Message) -> None:
            nonlocal start
            if message["type"] == "http.response.start":
                start = message
            elif message["type"] == "http.response.body":
                chunks.append(message.get("body", b""))

        await self.app(scope, receive, collect)
        if start is None:
            return
        headers = [(k.lower(), v) for k, v in start.get("headers", [])]
        kind = dict(headers).get(b"content-type", b"")
        body = b"".join(chunks)
        if start["status"] == 200 and kind.startswith(b"text/html") and b"content-encoding" not in dict(headers):
            body = self.rewrite(body.decode("utf-8")).encode("utf-8")
            headers = [h for h in headers if h[0] not in (b"content-length", b"cache-control")]
            headers.append((b"cache-control", b"no-cache"))
            accepts = dict(scope["headers"]).get(b"accept-encoding", b"")
            if b"gzip" in accepts:
                body = gzip.compress(body, 6)
                headers += [(b"content-encoding", b"gzip"), (b"vary", b"Accept-Encoding")]
            headers.append((b"content-length", str(len(body)).encode()))
        await send({"type": "http.response.start", "status": start["status"], "headers": headers})
        await send({"type": "http.response.body", "body": b"" if scope["method"] == "HEAD" else body})

    def rewrite(self, page: str) -> str:
        page = re.sub(r'(<html[^>]*?\blang=")[^"]*(")', r"\1zh-CN\2", page, count=1)
        page = _GRADIO_PREVIEW_TAGS.sub("", page)
        page = _GRADIO_VIEWPORT.sub(f'<meta name="viewport" content="{VIEWPORT}">', page, count=1)
        return re.sub(r"(<meta charset=\"utf-8\"\s*/?>)", lambda m: m.group(1) + "\n" + self.head, page, count=1)


def _cache_policy(path: str, query: bytes) -> str | None:
    path = path.removeprefix(ADMIN_PATH)
    if path.startswith("/assets/"):
        return _CACHE_FOREVER  # Vite names every file by its content hash
    if path == "/theme.css" and b"v=" in query:
        return _CACHE_FOREVER  # ?v= is the theme's hash
    if path.startswith("/static/"):
        return "public, max-age=86400"
    return None


# --- the operator view's gate ---------------------------------------------------------------------
class AdminPages:
    """The gate's pages, in Chinese: the view is off, log in, wrong token."""

    def __init__(self, wording: Wording) -> None:
        self.a = wording.admin

    def page(self, message: str, form: bool) -> str:
        a = self.a
        login = (f'<form method="post" action="{ADMIN_PATH}/login"><label for="token">{html.escape(a["token_label"])}</label>'
                 f'<input id="token" name="token" type="password" autocomplete="current-password" required>'
                 f'<button type="submit">{html.escape(a["login"])}</button></form>') if form else ""
        intro = f'<p>{html.escape(a["login_intro"])}</p>' if form else ""
        return (f'<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="{VIEWPORT}">'
                f'<title>{html.escape(a["title"])}</title><style>{GATE_CSS}</style></head><body><main>'
                f'<h1>{html.escape(a["title"])}</h1><p role="alert">{html.escape(message)}</p>{intro}{login}</main></body></html>')


def admin_cookie(token: str) -> str:
    """What the login cookie holds: an HMAC of a fixed message under the operator's token, not the token itself
    (a stolen cookie does not reveal it; a new token logs everyone out)."""
    return hmac.new(token.encode(), b"changai-admin-view", hashlib.sha256).hexdigest()


def operator_of(setting: str, token: str = "", cookie: str = "") -> str | None:
    """The operator's name for a token (or a login cookie), each compared with hmac.compare_digest. The
    setting is ASSISTANT_ADMIN_TOKEN: `token` or `name:token,name2:token2`, read as /api/admin reads it."""
    for known, name in operators(setting).items():
        if token and hmac.compare_digest(token.encode(), known.encode()):
            return name
        if cookie and hmac.compare_digest(cookie.encode(), admin_cookie(known).encode()):
            return name
    return None


def admin_login(given: str, setting: str, pages: AdminPages, secure: bool) -> Response:
    if not operators(setting):
        return Response(pages.page(pages.a["off"], form=False), 403, media_type="text/html")
    name = operator_of(setting, token=given) if given else None
    if name is None:
        log.warning("operator view: a login with a wrong token")
        return Response(pages.page(pages.a["forbidden"], form=True), 403, media_type="text/html")
    log.info("operator view: %s logged in", name)
    response = RedirectResponse(ADMIN_PATH + "/", status_code=303)
    response.set_cookie(ADMIN_COOKIE, admin_cookie(given), max_age=ADMIN_COOKIE_HOURS * 3600, path=ADMIN_PATH,
                        httponly=True, samesite="strict", secure=secure)
    return response


class AdminGate:
    """Everything under /admin (the page, its files, its Gradio events) needs an operator token (the same
    ASSISTANT_ADMIN_TOKEN as /api/admin): the login cookie, or `Authorization: Bearer <token>` for scripts.
    Token unset → 403, the view is off; no credentials → 401 with a login form; wrong credentials → 403."""

    OPEN = (ADMIN_PATH + "/login", ADMIN_PATH + "/logout")

    def __init__(self, app: ASGIApp, token_of: Callable[[], str], pages: AdminPages) -> None:
        self.app, self.token_of, self.pages = app, token_of, pages

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        path = scope.get("path", "")
        guarded = scope["type"] in ("http", "websocket") and (path == ADMIN_PATH or path.startswith(ADMIN_PATH + "/"))
        if not guarded or path in self.OPEN:
            await self.app(scope, receive, send)
            return
        status, message, form = self._check(scope)
        if status == 200:
            await self.app(scope, receive, send)
        elif scope["type"] == "websocket":
            await send({"type": "websocket.close", "code": 1008})
        else:
            await self._refuse(scope, send, status, message, form)

    def _check(self, scope: Scope) -> tuple[int, str, bool]:
        a = self.pages.a
        setting = self.token_of()
        if not operators(setting):
            return 403, a["off"], False
        headers = dict(scope.get("headers", []))
        bearer = headers.get(b"authorization", b"").decode("latin-1")
        cookie = _cookie(headers.get(b"cookie", b"").decode("latin-1"), ADMIN_COOKIE)
        if bearer.startswith("Bearer "):
            name = operator_of(setting, token=bearer[7:].strip())
        elif cookie:
            name = operator_of(setting, cookie=cookie)
        else:
            return 401, a["unauthorized"], True
        return (200, "", False) if name else (403, a["forbidden"], True)

    async def _refuse(self, scope: Scope, send: Send, status: int, message: str, form: bool) -> None:
        accept = dict(scope.get("headers", [])).get(b"accept", b"")
        if b"text/html" in accept:
            body, kind = self.pages.page(message, form).encode(), b"text/html; charset=utf-8"
        else:
            body = json.dumps({"type": "unauthorized" if status == 401 else "forbidden", "message": message,
                               "hint": self.pages.a["hint"]}, ensure_ascii=False).encode()
            kind = b"application/json"
        headers = [(b"content-type", kind), (b"content-length", str(len(body)).encode()), (b"cache-control", b"no-store")]
        if status == 401:
            headers.append((b"www-authenticate", b'Bearer realm="admin"'))
        await send({"type": "http.response.start", "status": status, "headers": headers})
        await send({"type": "http.response.body", "body": body})


def _cookie(header: str, name: str) -> str:
    for part in header.split(";"):
        key, _, value = part.strip().partition("=")
        if key == name:
            return value
    return ""


def _is_https(request: Request) -> bool:
    return request.url.scheme == "https" or request.headers.get("x-forwarded-proto", "") == "https"


# --- the scripts of the two components (run by Gradio's `js_on_load` with `element` and `props`) -------
# Text from the knowledge base is only ever set with textContent (via `h()`), never parsed as HTML.
DOM_JS = r"""
// h(): elements built with textContent only (never innerHTML); fmt(): {name} placeholders of prompts/ui.toml.
function h(tag, attrs, ...kids) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k === 'class') el.className = v;
    else if (k.startsWith('on')) el.addEventListener(k.slice(2), v);
    else el.setAttribute(k, v === true ? '' : v);
  }
  for (const kid of kids.flat(2)) {
    if (kid === null || kid === undefined || kid === false) continue;
    el.append(kid instanceof Node ? kid : document.createTextNode(String(kid)));
  }
  return el;
}
const fmt = (s, vals) => s.replace(/\{(\w+)\}/g, (m, k) => (k in vals ? vals[k] : m));
"""

CHAT_JS = DOM_JS + r"""
const root = element.querySelector('.cg-chat');
if (!root || root.dataset.ready) return;
root.dataset.ready = '1';
const T = props.text, C = props.config, KEY = 'changai-chat-v1';
const reduced = window.matchMedia && matchMedia('(prefers-reduced-motion: reduce)').matches;

const segs = (parts) => (parts || []).map(([text, kind]) =>
  kind === 'mark' ? h('mark', {}, text) : kind === 'cite' ? h('span', {class: 'cg-cite'}, text) : document.createTextNode(text));
function newId() {
  const bytes = new Uint8Array(16);
  (window.crypto || {}).getRandomValues ? crypto.getRandomValues(bytes) : bytes.forEach((_, i) => { bytes[i] = Math.random() * 256; });
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

// --- the conversation, kept in the browser so it survives a reload and a server restart ---
function fresh() { return {v: 1, session: newId(), items: []}; }
function load() {
  try {
    const s = JSON.parse(localStorage.getItem(KEY));
    if (s && s.v === 1 && Array.isArray(s.items)) return s;
  } catch (e) { /* private mode or a damaged entry: start afresh */ }
  return fresh();
}
function save() {
  try { state.items = state.items.slice(-50); localStorage.setItem(KEY, JSON.stringify(state)); } catch (e) { /* storage full or off */ }
}
let state = load();
let pending = null;  // the question in flight: {controller}
function history() {
  const out = [];
  for (const it of state.items) {
    out.push({role: 'user', content: it.q.slice(0, C.max_chars)}, {role: 'assistant', content: it.view.answer.slice(0, C.max_chars)});
  }
  return out.slice(-C.max_history);
}

// --- the page ---
const log = h('div', {class: 'cg-log', role: 'log', 'aria-live': 'polite', 'aria-label': T.log_label});
const live = h('p', {class: 'cg-sr', role: 'status'});
const newBtn = h('button', {type: 'button', class: 'cg-new', onclick: newChat}, T.new_chat);
const bar = h('div', {class: 'cg-bar'}, h('h1', {class: 'cg-title'}, C.title), newBtn);
const input = h('textarea', {rows: 1, maxlength: String(C.max_question), 'aria-label': T.input_label,
  placeholder: T.input_placeholder, enterkeyhint: 'send', autocomplete: 'off', id: 'cg-input'});
const sendBtn = h('button', {type: 'submit', class: 'cg-send', hidden: true}, T.send);
const form = h('form', {class: 'cg-composer', onsubmit: (e) => { e.preventDefault(); submit(input.value); }},
  h('div', {class: 'cg-composer-row'}, input, sendBtn));
root.append(bar, log, live, form);

input.addEventListener('input', () => { fit(); sendBtn.hidden = !input.value.trim(); });
input.addEventListener('keydown', (e) => {
  if (e.key === 'Enter' && !e.shiftKey && !e.isComposing && e.keyCode !== 229) { e.preventDefault(); submit(input.value); }
});
function fit() { input.style.height = 'auto'; input.style.height = Math.min(input.scrollHeight, 132) + 'px'; }
new ResizeObserver(() => root.style.setProperty('--cg-composer-h', form.offsetHeight + 'px')).observe(form);
if (window.visualViewport) {  // iOS: keep the input above the keyboard (Android resizes the page itself)
  const vv = window.visualViewport;
  const onvv = () => root.style.setProperty('--cg-kb', Math.max(0, innerHeight - vv.height - vv.offsetTop) + 'px');
  vv.addEventListener('resize', onvv); vv.addEventListener('scroll', onvv);
}

function chips(questions, cls) {
  return h('div', {class: 'cg-chips ' + (cls || '')}, questions.map((q) =>
    h('button', {type: 'button', class: 'cg-chip', onclick: () => submit(q)}, q)));
}
function welcome() {
  return h('div', {class: 'cg-msg cg-bot cg-welcome'},
    h('p', {}, C.welcome),
    C.examples.length ? [h('p', {class: 'cg-hint'}, C.welcome_hint), chips(C.examples, 'cg-examples')] : null);
}
function userMsg(text) { return h('div', {class: 'cg-msg cg-user', 'aria-label': T.you_asked}, h('p', {}, text)); }
function typingMsg() {
  return h('div', {class: 'cg-msg cg-bot cg-typing', role: 'status'},
    h('span', {class: 'cg-dots', 'aria-hidden': 'true'}, h('i'), h('i'), h('i')), h('span', {class: 'cg-sr'}, T.typing));
}
function errorMsg(text, retry) {
  return h('div', {class: 'cg-msg cg-bot cg-error', role: 'alert'}, h('p', {}, text),
    retry ? h('button', {type: 'button', class: 'cg-retry', onclick: retry}, T.retry) : null);
}

function answerMsg(item) {
  const v = item.view;
  const art = h('article', {class: 'cg-msg cg-bot cg-answer', 'aria-label': T.answer_label, 'data-answer': v.id});
  if (v.read_as) art.append(h('p', {class: 'cg-read'}, T.read_as, h('span', {}, v.read_as)));
  const body = h('div', {class: 'cg-text' + (v.refused ? ' cg-refused' : '')});
  if (v.lead) body.append(h('p', {class: 'cg-lead'}, segs(v.lead)));
  for (const line of v.lines) body.append(h('p', {}, segs(line)));
  art.append(body);
  if (v.sources.length) {
    art.append(h('details', {class: 'cg-sources'},
      h('summary', {}, fmt(T.sources, {n: v.sources.length})),
      h('ol', {}, v.sources.map((s) => h('li', {class: 'cg-source'},
        h('p', {class: 'cg-src-head'}, h('span', {class: 'cg-src-n'}, '[' + s.n + ']'), ' ', h('b', {}, s.name),
          s.year ? ' · ' + s.year : '', s.section ? ' · ' + s.section : ''),
        h('p', {class: 'cg-src-text'}, segs(s.parts)))))));
  }
  if (v.follow_ups.length) {
    art.append(h('div', {class: 'cg-follow'}, h('p', {class: 'cg-hint'}, v.refused ? T.suggestions : T.follow_ups),
      chips(v.follow_ups)));
  }
  art.append(actions(item));
  return art;
}

function actions(item) {
  const v = item.view;
  const ack = h('span', {class: 'cg-ack', role: 'status'});
  const up = h('button', {type: 'button', class: 'cg-vote cg-up', 'aria-label': T.up, title: T.up}, '👍');
  const down = h('button', {type: 'button', class: 'cg-vote cg-down', 'aria-label': T.down, title: T.down}, '👎');
  const copy = h('button', {type: 'button', class: 'cg-copy', 'aria-label': T.copy_label}, T.copy);
  const reasons = reasonPanel(item, ack);
  const paint = () => {
    up.setAttribute('aria-pressed', String(item.vote === 'up'));
    down.setAttribute('aria-pressed', String(item.vote === 'down'));
  };
  paint();
  up.onclick = () => { reasons.hidden = true; vote(item, 'up', '', '', ack, paint); };
  down.onclick = () => {
    vote(item, 'down', item.reason || '', item.comment || '', ack, paint);
    reasons.hidden = false;
    reasons.scrollIntoView({block: 'nearest'});
  };
  copy.onclick = () => copyText(v.copy).then((ok) => { ack.textContent = ok ? T.copied : T.copy_failed; });
  return h('div', {class: 'cg-foot'}, h('div', {class: 'cg-actions'}, up, down, copy, ack), reasons);
}

function reasonPanel(item, ack) {
  let chosen = item.reason || '';
  const buttons = C.reasons.map(([code, label]) => h('button', {type: 'button', class: 'cg-chip cg-reason',
    'aria-pressed': String(code === chosen), onclick: (e) => {
      chosen = code;
      buttons.forEach((b) => b.setAttribute('aria-pressed', String(b === e.currentTarget)));
    }}, label));
  const note = h('textarea', {rows: 2, maxlength: '500', class: 'cg-note', 'aria-label': T.reason_other_placeholder,
    placeholder: T.reason_other_placeholder});
  note.value = item.comment || '';
  const panel = h('div', {class: 'cg-reasons', hidden: true}, h('p', {class: 'cg-hint'}, T.reasons_title),
    h('div', {class: 'cg-chips'}, buttons), note,
    h('button', {type: 'button', class: 'cg-submit', onclick: () => {
      vote(item, 'down', chosen, note.value.trim(), ack, null, T.reason_done).then((ok) => { if (ok) panel.hidden = true; });
    }}, T.reason_submit));
  return panel;
}

async function vote(item, choice, reason, comment, ack, paint, done) {
  const before = {vote: item.vote, reason: item.reason, comment: item.comment};
  Object.assign(item, {vote: choice, reason, comment});
  save(); if (paint) paint();
  ack.textContent = '';
  const v = item.view;
  try {
    const r = await fetch('ui/vote', {method: 'POST', headers: {'content-type': 'application/json'}, credentials: 'same-origin',
      body: JSON.stringify({answer_id: v.id, vote: choice, reason, comment, question: item.q, answer: v.answer,
        sources: v.sources.map((s) => ({id: s.id, name: s.name, section: s.section, text: s.text}))})});
    if (!r.ok) throw new Error(String(r.status));
    const label = choice === 'up' ? T.up : T.down;
    ack.textContent = done || (before.vote && before.vote !== choice ? fmt(T.vote_changed, {vote: label})
      : choice === 'up' ? T.vote_up_done : T.vote_down_done);
    return true;
  } catch (e) {
    Object.assign(item, before); save(); if (paint) paint();
    ack.textContent = T.vote_failed;
    return false;
  }
}

async function copyText(text) {
  try { await navigator.clipboard.writeText(text); return true; } catch (e) { /* http:// in WeCom: no clipboard API */ }
  const area = h('textarea', {readonly: true, class: 'cg-offscreen'}); area.value = text;
  document.body.append(area); area.select();
  let ok = false;
  try { ok = document.execCommand('copy'); } catch (e) { ok = false; }
  area.remove();
  return ok;
}

// --- asking ---
function submit(text) {
  text = (text || '').trim();
  if (!text || pending) return;
  input.value = ''; fit(); sendBtn.hidden = true;
  const q = userMsg(text);
  log.append(q);
  showBar(true);
  ask(text);
}

function ask(text) {
  const typing = typingMsg();
  log.append(typing);
  typing.scrollIntoView({block: 'end'});
  const controller = new AbortController();
  let late = false;
  const timer = setTimeout(() => { late = true; controller.abort(); }, C.timeout_ms);
  const mine = pending = {controller};
  root.classList.add('cg-busy');
  const retry = (el) => () => { el.remove(); if (!pending) ask(text); };
  fetch('ui/ask', {method: 'POST', headers: {'content-type': 'application/json'}, credentials: 'same-origin',
    body: JSON.stringify({question: text, history: history(), session: state.session}), signal: controller.signal})
    .then(async (r) => {
      let body = null;
      try { body = await r.json(); } catch (e) { body = null; }
      if (!r.ok) throw {status: r.status, message: body && body.message};
      return body;
    })
    .then((view) => {
      if (pending !== mine) return;  // 新对话 was tapped meanwhile: this answer belongs to the old chat
      const item = {q: text, view, vote: '', reason: '', comment: ''};
      state.items.push(item); save();
      const el = answerMsg(item);
      typing.replaceWith(el);
      el.scrollIntoView({block: 'start', behavior: reduced ? 'auto' : 'instant'});
    })
    .catch((err) => {
      if (pending !== mine) return;
      let text_ = T.offline, canRetry = true;
      if (late) text_ = fmt(T.timeout, {seconds: Math.round(C.timeout_ms / 1000)});
      else if (err && err.status) { text_ = err.message || T.server_error; canRetry = err.status !== 422; }
      const el = errorMsg(text_, null);
      if (canRetry) el.append(h('button', {type: 'button', class: 'cg-retry', onclick: retry(el)}, T.retry));
      typing.replaceWith(el);
      el.scrollIntoView({block: 'end'});
    })
    .finally(() => {
      clearTimeout(timer);
      if (pending === mine) { pending = null; root.classList.remove('cg-busy'); }
    });
}

function newChat() {
  if (pending) { pending.controller.abort(); pending = null; root.classList.remove('cg-busy'); }
  state = fresh(); save();
  render();
  live.textContent = T.new_chat_done;
  window.scrollTo({top: 0});
}

function render() {
  log.replaceChildren(welcome());
  state.items = state.items.filter((item) => {
    try { log.append(userMsg(item.q), answerMsg(item)); return true; } catch (e) { return false; }  // an entry from an older release
  });
  showBar(state.items.length > 0);
}
// No control before it can be used: on the first screen the bar (title, 新对话) is only there for screen readers.
function showBar(on) { bar.classList.toggle('cg-sr', !on); newBtn.hidden = !on; }
render();
if (state.items.length) {  // back after a reload: show where the last answer starts
  requestAnimationFrame(() => log.lastElementChild.scrollIntoView({block: 'start'}));
}
root.dataset.ready = 'ready';
"""

FIGURES_JS = DOM_JS + r"""
const root = element.querySelector('.cg-figures');
if (!root || root.dataset.ready) return;
const T = props.text;
const box = h('input', {type: 'search', 'aria-label': T.input_label, placeholder: T.input_placeholder, id: 'cg-figure-query', enterkeyhint: 'search'});
const status = h('p', {class: 'cg-fig-status', role: 'status'});
const csv = h('a', {class: 'cg-csv', href: 'api/figures.csv', download: ''}, T.download);
const list = h('ol', {class: 'cg-fig-list', 'aria-label': T.list_label});
root.append(h('p', {class: 'cg-hint'}, T.intro),
  h('form', {class: 'cg-fig-form', role: 'search', onsubmit: (e) => { e.preventDefault(); run(box.value.trim()); }},
    box, h('button', {type: 'submit', class: 'cg-send'}, T.search)),
  status, csv, list);
let loaded = false, seq = 0;
async function run(q) {
  const mine = ++seq;
  status.textContent = T.loading;
  csv.href = 'api/figures.csv' + (q ? '?q=' + encodeURIComponent(q) : '');
  try {
    const r = await fetch('ui/figures?q=' + encodeURIComponent(q), {credentials: 'same-origin'});
    let body = null;
    try { body = await r.json(); } catch (e) { body = null; }
    if (mine !== seq) return;
    if (!r.ok || !body) throw {server: body && body.message};
    status.textContent = body.count ? fmt(T.count, {n: body.count}) : fmt(T.none, {q});
    csv.hidden = !body.count;
    list.replaceChildren(...body.figures.map((f) => h('li', {class: 'cg-fig'},
      h('p', {class: 'cg-fig-value'}, h('b', {}, f.value), h('span', {}, f.unit)),
      h('p', {class: 'cg-fig-label'}, f.label),
      h('p', {class: 'cg-fig-doc'}, f.name, f.year && !f.name.includes(f.year) ? ' · ' + fmt(T.year, {year: f.year}) : '',
        f.section ? ' · ' + f.section : ''))));
  } catch (e) {
    if (mine !== seq) return;
    status.replaceChildren((e && e.server) || T.failed, ' ',
      h('button', {type: 'button', class: 'cg-retry', onclick: () => run(q)}, T.retry));
  }
}
// Load the table the first time the tab is shown, not with the chat's first screen.
new IntersectionObserver((entries, obs) => {
  if (!loaded && entries.some((e) => e.isIntersecting)) { loaded = true; obs.disconnect(); run(''); }
}).observe(root);
root.dataset.ready = 'ready';
"""

# --- styles ---------------------------------------------------------------------------------------
# Colours are chosen for WCAG AA (≥ 4.5:1) in light and dark mode; the browser test measures them.
STYLE = """
.gradio-container { max-width: 820px !important; margin: 0 auto !important; overflow: visible !important; overflow-x: clip !important; }
.gradio-container .main, .gradio-container .wrap, .gradio-container .contain, .gradio-container .column { min-width: 0; }
footer { display: none !important; }
.gradio-container { --color-accent: #b91c1c; }  /* the selected tab's text: Gradio's red-500 is 3.8:1 on white */
.dark .gradio-container { --color-accent: #fca5a5; }
.gradio-container .tab-container:not(.visually-hidden) { height: auto !important; min-height: 44px; }
.gradio-container [role="tab"] { min-height: 44px !important; height: 44px !important; font-size: 16px !important; padding: 0 14px !important; }
@media (max-width: 480px) {
  .gradio-container .main.app, .gradio-container > .main { padding-left: 10px !important; padding-right: 10px !important; }
}
.cg-root, .cg-admin-vars {
  --cg-text: #1f2937; --cg-muted: #4b5563; --cg-bubble: #f3f4f6; --cg-card: #ffffff; --cg-user: #b91c1c; --cg-user-text: #ffffff;
  --cg-border: #d1d5db; --cg-lead-bg: #fef3c7; --cg-lead-text: #713f12; --cg-mark-bg: #fde68a; --cg-mark-text: #1f2937;
  --cg-chip-bg: #ffffff; --cg-chip-text: #991b1b; --cg-chip-border: #f3a3a3; --cg-accent: #b91c1c; --cg-on-accent: #ffffff;
  --cg-focus: #1d4ed8; --cg-link: #1d4ed8; --cg-error-bg: #fef2f2; --cg-error-text: #991b1b; --cg-page: #ffffff; --cg-input: #ffffff;
}
.dark .cg-root, .dark .cg-admin-vars {
  --cg-text: #f3f4f6; --cg-muted: #d1d5db; --cg-bubble: #1f2937; --cg-card: #111827; --cg-user: #991b1b; --cg-user-text: #ffffff;
  --cg-border: #4b5563; --cg-lead-bg: #422006; --cg-lead-text: #fde68a; --cg-mark-bg: #854d0e; --cg-mark-text: #fefce8;
  --cg-chip-bg: #111827; --cg-chip-text: #fecaca; --cg-chip-border: #7f1d1d; --cg-accent: #b91c1c; --cg-on-accent: #ffffff;
  --cg-focus: #93c5fd; --cg-link: #93c5fd; --cg-error-bg: #450a0a; --cg-error-text: #fecaca; --cg-page: #0f0f11; --cg-input: #111827;
}
.cg-root { color: var(--cg-text); font-size: 16px; line-height: 1.6; }
.cg-root [hidden] { display: none !important; }
.cg-root p { margin: 0 0 6px; }
.cg-root p:last-child { margin-bottom: 0; }
.cg-root button { font: inherit; cursor: pointer; }
.cg-root :focus-visible { outline: 3px solid var(--cg-focus); outline-offset: 2px; }
.cg-sr { position: absolute !important; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); clip-path: inset(50%); white-space: nowrap; }
.cg-offscreen { position: fixed; left: -9999px; top: 0; }
.cg-chat { min-height: calc(100dvh - 64px); }
.cg-bar { position: sticky; top: 0; z-index: 5; display: flex; align-items: center; justify-content: space-between; gap: 8px;
  padding: 6px 0; background: var(--cg-page); border-bottom: 1px solid var(--cg-border); }
.cg-root .cg-title { font-size: 17px; font-weight: 600; margin: 0; color: var(--cg-text); }
.cg-reasons { scroll-margin-bottom: calc(var(--cg-composer-h, 64px) + 12px); }
.cg-log { display: flex; flex-direction: column; gap: 12px; padding: 8px 0 calc(var(--cg-composer-h, 64px) + 20px); }
.cg-msg { max-width: 92%; border-radius: 14px; padding: 10px 14px; overflow-wrap: anywhere; scroll-margin-top: 64px;
  scroll-margin-bottom: calc(var(--cg-composer-h, 64px) + 12px); }
.cg-bot { align-self: flex-start; background: var(--cg-bubble); color: var(--cg-text); border-top-left-radius: 4px; }
.cg-user { align-self: flex-end; background: var(--cg-user); color: var(--cg-user-text); border-top-right-radius: 4px; }
.cg-answer { width: 92%; }
.cg-lead { background: var(--cg-lead-bg); color: var(--cg-lead-text); font-weight: 600; font-size: 17px; padding: 6px 10px; border-radius: 8px; }
.cg-root mark { background: var(--cg-mark-bg); color: var(--cg-mark-text); padding: 0 2px; border-radius: 3px; white-space: nowrap; }
.cg-cite, .cg-src-n { color: var(--cg-muted); font-size: 14px; }
.cg-read { color: var(--cg-muted); font-size: 14px; }
.cg-read span { color: var(--cg-text); }
.cg-hint { color: var(--cg-muted); font-size: 14px; margin: 10px 0 6px !important; }
.cg-chips { display: flex; flex-wrap: wrap; gap: 8px; }
.cg-root .cg-chip { min-height: 44px; padding: 8px 14px; border-radius: 22px; border: 1px solid var(--cg-chip-border); background: var(--cg-chip-bg);
  color: var(--cg-chip-text); font-size: 15px !important; line-height: 1.4; text-align: left; }
.cg-root .cg-chip[aria-pressed="true"] { background: var(--cg-accent); color: var(--cg-on-accent); border-color: var(--cg-accent); }
.cg-sources { margin-top: 8px; border-top: 1px solid var(--cg-border); }
.cg-sources > summary { min-height: 44px; display: flex; align-items: center; gap: 6px; color: var(--cg-muted); font-size: 15px; cursor: pointer; list-style: none; }
.cg-sources > summary::-webkit-details-marker { display: none; }
.cg-sources > summary::before { content: "▸"; transition: transform .15s; }
.cg-sources[open] > summary::before { transform: rotate(90deg); }
.cg-sources ol { list-style: none; margin: 0; padding: 0; }
.cg-source { margin: 0 0 8px; padding: 8px 10px; background: var(--cg-card); border-radius: 8px; border: 1px solid var(--cg-border); }
.cg-src-head { font-size: 14px; color: var(--cg-muted); margin-bottom: 4px !important; }
.cg-src-head b { color: var(--cg-text); font-weight: 600; }
.cg-src-text { font-size: 15px; }
.cg-follow { margin-top: 4px; }
.cg-actions { display: flex; align-items: center; flex-wrap: wrap; gap: 4px; margin-top: 6px; }
.cg-root .cg-vote, .cg-root .cg-copy { min-width: 44px; min-height: 44px; border-radius: 22px; border: 1px solid var(--cg-border); background: var(--cg-card);
  color: var(--cg-text); font-size: 20px; line-height: 1; }
.cg-root .cg-copy { font-size: 15px; padding: 0 14px; }
.cg-root .cg-vote[aria-pressed="true"] { border: 2px solid var(--cg-accent); background: var(--cg-lead-bg); }
.cg-ack { font-size: 14px; color: var(--cg-muted); margin-left: 4px; }
.cg-reasons { margin-top: 4px; }
.cg-root .cg-note { display: block; width: 100%; box-sizing: border-box; margin: 8px 0; min-height: 64px; font-size: 16px; padding: 8px 12px;
  border-radius: 10px; border: 1px solid var(--cg-border); background: var(--cg-input); color: var(--cg-text); }
.cg-root .cg-note::placeholder, .cg-root .cg-composer textarea::placeholder, .cg-root .cg-fig-form input::placeholder { color: var(--cg-muted); opacity: 1; }
.cg-root .cg-send, .cg-root .cg-submit, .cg-root .cg-retry, .cg-root .cg-new { min-height: 44px; min-width: 44px; padding: 0 18px; border-radius: 22px; border: none;
  background: var(--cg-accent); color: var(--cg-on-accent); font-size: 16px; white-space: nowrap; }
.cg-root .cg-new { background: var(--cg-chip-bg); color: var(--cg-chip-text); border: 1px solid var(--cg-chip-border); }
.cg-root .cg-retry { margin-top: 6px; }
.cg-error { background: var(--cg-error-bg); color: var(--cg-error-text); }
.cg-composer { position: fixed; left: 0; right: 0; bottom: var(--cg-kb, 0px); z-index: 20; background: var(--cg-page);
  border-top: 1px solid var(--cg-border); padding: 8px 12px calc(8px + env(safe-area-inset-bottom)); }
.cg-composer-row { max-width: 796px; margin: 0 auto; display: flex; gap: 8px; align-items: flex-end; }
.cg-root .cg-composer textarea { flex: 1; min-width: 0; min-height: 44px; max-height: 132px; box-sizing: border-box; resize: none; font-size: 16px;
  line-height: 1.5; padding: 9px 14px; border-radius: 22px; border: 1px solid var(--cg-border); background: var(--cg-input); color: var(--cg-text); }
.cg-busy .cg-send { opacity: .75; }
.cg-typing { min-height: 44px; display: flex; align-items: center; }
.cg-dots { display: inline-flex; gap: 5px; }
.cg-dots i { width: 8px; height: 8px; border-radius: 50%; background: var(--cg-muted); animation: cg-blink 1.2s infinite ease-in-out; }
.cg-dots i:nth-child(2) { animation-delay: .2s; }
.cg-dots i:nth-child(3) { animation-delay: .4s; }
@keyframes cg-blink { 0%, 80%, 100% { opacity: .25; } 40% { opacity: 1; } }
@media (prefers-reduced-motion: reduce) { .cg-dots i { animation: none; opacity: .7; } .cg-sources > summary::before { transition: none; } }
.cg-figures { padding: 4px 0 24px; }
.cg-fig-form { display: flex; gap: 8px; }
.cg-root .cg-fig-form input { flex: 1; min-width: 0; min-height: 44px; box-sizing: border-box; font-size: 16px; padding: 0 14px; border-radius: 22px;
  border: 1px solid var(--cg-border); background: var(--cg-input); color: var(--cg-text); }
.cg-fig-status { margin: 10px 0 0 !important; font-size: 15px; color: var(--cg-muted); }
.cg-csv { display: inline-flex; align-items: center; min-height: 44px; color: var(--cg-link); font-size: 16px; }
.cg-fig-list { list-style: none; margin: 4px 0 0; padding: 0; display: grid; grid-template-columns: repeat(auto-fill, minmax(230px, 1fr)); gap: 10px; }
.cg-fig { background: var(--cg-bubble); border-radius: 12px; padding: 10px 14px; }
.cg-fig-value { color: var(--cg-lead-text); }
.cg-fig-value b { font-size: 24px; margin-right: 2px; }
.cg-fig-label { font-weight: 600; }
.cg-fig-doc { font-size: 14px; color: var(--cg-muted); }
.cg-admin-head { display: flex; align-items: center; justify-content: space-between; gap: 8px; }
.cg-admin-head h1 { font-size: 20px; margin: 8px 0; }
.cg-admin-head button { min-height: 44px; padding: 0 16px; font-size: 16px; border-radius: 22px; border: 1px solid var(--border-color-primary);
  background: transparent; color: inherit; }
.cg-admin-intro { font-size: 15px; }
.cg-hits { list-style: none; padding: 0; margin: 8px 0; }
.cg-hit { padding: 10px 12px; margin-bottom: 8px; border-radius: 10px; border: 1px solid var(--border-color-primary); font-size: 15px; overflow-wrap: anywhere; }
.cg-hit p { margin: 0 0 4px; }
.cg-hit-head, .cg-hit-where { font-size: 14px; }
"""
HEAD = f"<style>{STYLE}</style>"

GATE_CSS = """
body { margin: 0; font: 16px/1.6 -apple-system, "PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", sans-serif; color: #1f2937; background: #fff; }
main { max-width: 420px; margin: 0 auto; padding: 24px 16px; }
h1 { font-size: 20px; }
[role=alert] { color: #991b1b; }
label { display: block; margin: 12px 0 4px; }
input { width: 100%; box-sizing: border-box; min-height: 44px; font-size: 16px; padding: 0 12px; border: 1px solid #6b7280; border-radius: 8px; }
button { margin-top: 12px; min-height: 44px; padding: 0 20px; font-size: 16px; border: none; border-radius: 22px; background: #b91c1c; color: #fff; }
@media (prefers-color-scheme: dark) { body { color: #f3f4f6; background: #0f0f11; } [role=alert] { color: #fecaca; }
  input { background: #111827; color: #f3f4f6; border-color: #9ca3af; } }
"""
