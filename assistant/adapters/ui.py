"""The web UI: a Gradio app in Chinese that only calls `Assistant` and the feedback store.

Three tabs: 问答 (chat; each answer shows its sources, a follow-up carries the chat history),
数据速查 (the figure table, downloadable as CSV) and 命中测试 (ranked hits with their scores).
Built for WeCom's in-app browser too: 390 px wide, large tap targets, nothing loaded from the
internet (system fonts, no analytics).
"""

from __future__ import annotations

import hashlib
import html
import logging
import re
import tempfile
import uuid
from pathlib import Path

import gradio as gr
from fastapi import FastAPI

from ..core import Assistant
from ..errors import AssistantError
from ..figures import FIGURE_COLUMNS, figures_csv
from ..types import Answer
from .api import USER_COOKIE, UserOf, no_user
from .conversations import ConversationLog
from .feedback import FeedbackStore

log = logging.getLogger(__name__)

WORKER_EXAMPLES = ["我是一线工人，想提高技术，有哪些途径？", "家里困难能申请帮扶吗？", "母婴室建了多少个？"]
STAFF_EXAMPLES = ["职工董事有多少名？", "2022年发展了多少产业工人党员？"]
UNEXPECTED = "抱歉，出了点问题，请稍后再试。"
HIT_COLUMNS = ["名次", "综合分", "语义", "关键词", "二元组", "章节", "原文"]
SYSTEM_FONTS = ["-apple-system", "BlinkMacSystemFont", "PingFang SC", "Hiragino Sans GB", "Microsoft YaHei",
                "Noto Sans CJK SC", "Source Han Sans SC", "WenQuanYi Micro Hei", "Helvetica Neue", "Arial",
                "sans-serif"]
MONO_FONTS = ["ui-monospace", "SFMono-Regular", "Menlo", "Consolas", "Noto Sans Mono CJK SC", "monospace"]

# Gradio scopes the `css` option to its content area, so the page-level rules (container width, side
# padding on phones) go into <head> as a plain style sheet.
STYLE = """
.gradio-container { width: 100% !important; max-width: 960px !important; margin: 0 auto !important; }
.gradio-container .main, .gradio-container .wrap, .gradio-container .contain, .gradio-container .column { min-width: 0; }
.gradio-container button { min-height: 44px; }
.wide-table { max-width: 100%; min-width: 0; overflow-x: auto; }
.examples button { text-align: left; white-space: normal; }
.sources { margin-top: .6em; padding-top: .4em; border-top: 1px solid var(--border-color-primary); font-size: .92em; }
.sources ol { padding-left: 1.4em; margin: .3em 0 0; }
.sources li { margin-bottom: .4em; }
.sources mark { background: #fde68a; color: inherit; padding: 0 .1em; border-radius: 2px; }
@media (max-width: 480px) {
  .gradio-container .main.app { padding-left: 10px !important; padding-right: 10px !important; }
}
"""
HEAD = ('<meta name="viewport" content="width=device-width, initial-scale=1, viewport-fit=cover">\n'
        f"<style>{STYLE}</style>")


class AssistantUI:
    """Builds the Gradio Blocks; each handler is one call to the assistant plus formatting."""

    def __init__(self, assistant: Assistant, feedback: FeedbackStore | None = None, user_of: UserOf = no_user,
                 conversations: ConversationLog | None = None) -> None:
        self.assistant = assistant
        self.feedback = feedback
        self.conversations = conversations
        self.user_of = user_of  # verifies the signed WeCom cookie
        self._csv_dir = Path(tempfile.mkdtemp(prefix="assistant-csv-"))

    # --- building ---------------------------------------------------------------------------
    def build(self) -> gr.Blocks:
        with gr.Blocks(title="产改问答助手", analytics_enabled=False, delete_cache=(3600, 3600)) as demo:
            gr.Markdown("## 产改问答助手\n产业工人队伍建设改革知识问答：每个回答都注明出处。")
            with gr.Tabs():
                with gr.Tab("问答", id="chat"):
                    self._chat_tab()
                with gr.Tab("数据速查", id="figures"):
                    self._figures_tab(demo)
                with gr.Tab("命中测试", id="hits"):
                    self._hits_tab()
        demo.queue(default_concurrency_limit=8)  # Gradio's default (1) would make users wait on each other
        return demo

    def mount(self, app: FastAPI, path: str = "/") -> FastAPI:
        """Mount on `app`; theme, CSS and <head> are mount options in Gradio 6."""
        return gr.mount_gradio_app(
            app, self.build(), path=path, footer_links=[], run_history=False, ssr_mode=False, mcp_server=False,
            pwa=False, theme=theme(), head=HEAD, show_error=False,  # no exception text reaches users
        )

    def _chat_tab(self) -> None:
        session = gr.State(_new_session())
        chatbot = gr.Chatbot(label="对话", height=520, min_height=320, buttons=["copy"], elem_id="chat",
                             placeholder="请输入问题，例如：职工董事有多少名？", feedback_options=("Like", "Dislike"))
        with gr.Row(equal_height=True):
            question = gr.Textbox(show_label=False, placeholder="请输入您的问题…", scale=5, min_width=180,
                                  max_lines=4, elem_id="question", autofocus=False)
            send = gr.Button("发送", variant="primary", scale=1, min_width=72, elem_id="send")
        with gr.Row():
            up = gr.Button("👍 有帮助", size="md", min_width=120, elem_id="vote-up")
            down = gr.Button("👎 没帮助", size="md", min_width=120, elem_id="vote-down")
            clear = gr.Button("新对话", size="md", min_width=100)
        status = gr.Markdown(elem_id="vote-status")
        gr.Markdown("**一线职工常问**")
        with gr.Row(elem_classes="examples"):
            worker = [gr.Button(q, size="sm", min_width=160) for q in WORKER_EXAMPLES]
        gr.Markdown("**管理人员常问**")
        with gr.Row(elem_classes="examples"):
            staff = [gr.Button(q, size="sm", min_width=160) for q in STAFF_EXAMPLES]

        outputs = [question, chatbot, session, status]
        question.submit(self.respond, [question, session], outputs)
        send.click(self.respond, [question, session], outputs)
        for button in worker + staff:
            button.click(self.respond, [button, session], outputs)
        chatbot.like(self.vote_message, [session], [status])
        up.click(self.vote_up, [session], [status])
        down.click(self.vote_down, [session], [status])
        clear.click(lambda: ("", [], _new_session(), ""), None, outputs)

    def _figures_tab(self, demo: gr.Blocks) -> None:
        gr.Markdown("按关键词查找报告中的数字（留空显示全部），可下载为 Excel 可打开的 CSV。")
        with gr.Row(equal_height=True):
            query = gr.Textbox(show_label=False, placeholder="例如：职工董事、劳动竞赛、2022", scale=4, min_width=160,
                               elem_id="figure-query")
            search = gr.Button("查询", variant="primary", scale=1, min_width=72)
        download = gr.DownloadButton("下载 CSV", size="md")
        table = gr.Dataframe(headers=list(FIGURE_COLUMNS.values()), interactive=False, wrap=True, max_height=600,
                             label="数据表", elem_id="figure-table", elem_classes="wide-table")
        query.submit(self.figures, [query], [table, download])
        search.click(self.figures, [query], [table, download])
        demo.load(self.figures, [query], [table, download])

    def _hits_tab(self) -> None:
        gr.Markdown("查看一个问题检索到哪些片段、各自得分（供管理员调试知识库）。")
        with gr.Row(equal_height=True):
            query = gr.Textbox(show_label=False, placeholder="输入问题", scale=4, min_width=160, elem_id="hit-query")
            top_k = gr.Slider(1, 20, value=self.assistant.settings.top_k, step=1, label="条数", scale=1, min_width=120)
        run = gr.Button("检索", variant="primary")
        message = gr.Markdown()
        table = gr.Dataframe(headers=HIT_COLUMNS, interactive=False, wrap=True, max_height=600, label="命中片段", elem_classes="wide-table")
        query.submit(self.hits, [query, top_k], [table, message])
        run.click(self.hits, [query, top_k], [table, message])

    # --- handlers -----------------------------------------------------------------------------
    def respond(self, question: str, session: dict, request: gr.Request) -> tuple[str, list[dict], dict, str]:
        """Ask with the prior turns as history; show the answer with its sources underneath."""
        question = (question or "").strip()
        if not question:
            return "", session["messages"], session, ""
        try:
            answer = self.assistant.ask(question, session["turns"])
        except Exception as exc:  # the user sees a Chinese sentence, never a trace
            if not isinstance(exc, AssistantError):
                log.exception("web UI: could not answer %r", question)
            message = exc.message if isinstance(exc, AssistantError) else UNEXPECTED
            session["messages"] = [*session["messages"], {"role": "user", "content": html.escape(question)},
                                   {"role": "assistant", "content": f"⚠️ {html.escape(message)}"}]
            return "", session["messages"], session, ""
        if self.conversations is not None:
            self.conversations.record("web", question, answer, self._user(request), session.setdefault("id", uuid.uuid4().hex))
        session["messages"] = [*session["messages"], {"role": "user", "content": html.escape(question)},
                               {"role": "assistant", "content": render_answer(answer)}]
        session["turns"] = [*session["turns"], {"role": "user", "content": question},
                            {"role": "assistant", "content": answer.answer}]
        session["records"] = {**session["records"], len(session["messages"]) - 1: {
            "question": question, "answer": answer.answer, "sources": answer.to_dict()["sources"]}}
        return "", session["messages"], session, ""

    def vote_message(self, session: dict, like: gr.LikeData, request: gr.Request) -> str:
        """The 👍/👎 icons on a chat message."""
        index = like.index[0] if isinstance(like.index, (list, tuple)) else like.index
        if like.liked not in (True, False):  # un-clicking a vote: nothing to store
            return ""
        return self._vote(session["records"].get(index), "up" if like.liked else "down", request)

    def vote_up(self, session: dict, request: gr.Request) -> str:
        """The large 👍 button: a vote on the latest answer (easy to hit on a phone)."""
        return self._vote(_latest(session), "up", request)

    def vote_down(self, session: dict, request: gr.Request) -> str:
        return self._vote(_latest(session), "down", request)

    def _vote(self, record: dict | None, vote: str, request: gr.Request | None) -> str:
        if record is None:
            return "请先提问，再评价回答。"
        if self.feedback is None:
            return "反馈功能未开启。"
        user = self._user(request)
        self.feedback.record(record["question"], record["answer"], record["sources"], vote,  # type: ignore[arg-type]
                             user=str(user)[:200], channel="web")
        return "谢谢您的反馈！" if vote == "up" else "谢谢，我们会改进这个回答。"

    def _user(self, request: gr.Request | None) -> str:
        """The WeCom userid from the signed cookie the homepage's OAuth callback set, else ""."""
        cookies = getattr(request, "cookies", None) if request is not None else None
        return self.user_of(cookies.get(USER_COOKIE) if cookies else None) or ""

    def figures(self, query: str) -> tuple[list[list[str]], str | None]:
        try:
            rows = self.assistant.figure_rows((query or "").strip()[: self.assistant.settings.max_question_chars])
        except AssistantError as exc:  # e.g. no index yet: say so in a toast, show an empty table
            gr.Warning(exc.message)
            return [], None
        data = [[row[key] for key in FIGURE_COLUMNS] for row in rows]
        return data, str(self._csv_file(rows))

    def _csv_file(self, rows: list[dict]) -> Path:
        """One file per distinct table, so repeated queries reuse it and the folder stays small."""
        content = figures_csv(rows).encode("utf-8-sig")  # the BOM lets Excel show the Chinese
        path = self._csv_dir / f"数据速查-{hashlib.sha1(content).hexdigest()[:10]}.csv"
        if not path.exists():
            path.write_bytes(content)
        return path

    def hits(self, query: str, top_k: float) -> tuple[list[list], str]:
        try:
            hits = self.assistant.search(query or "", int(top_k))
        except Exception as exc:
            if not isinstance(exc, AssistantError):
                log.exception("web UI: hit test failed for %r", query)
            return [], f"⚠️ {exc.message if isinstance(exc, AssistantError) else UNEXPECTED}"
        rows = [[rank, round(h.score, 4), round(h.dense, 4), round(h.keyword, 2), round(h.bigram, 2),
                 h.chunk.section, h.chunk.text] for rank, h in enumerate(hits, 1)]
        return rows, f"共 {len(rows)} 条命中。"


def _new_session() -> dict:
    """Per-browser-tab state: what the chat shows, the plain turns for the assistant, and what each
    answer cited (keyed by its message index) for feedback."""
    return {"messages": [], "turns": [], "records": {}, "id": uuid.uuid4().hex}


def _latest(session: dict) -> dict | None:
    records = session["records"]
    return records[max(records)] if records else None


def theme() -> gr.themes.Base:
    """The default look with system fonts, so the page fetches no web fonts."""
    return gr.themes.Default(primary_hue="red", font=SYSTEM_FONTS, font_mono=MONO_FONTS)


def render_answer(answer: Answer) -> str:
    """The answer, then its sources (title, section, the cited sentence with its figures marked)."""
    text = html.escape(answer.answer)
    if not answer.sources:
        return text
    marks: dict[str, set[str]] = {}
    for figure in answer.figures:
        marks.setdefault(figure.chunk_id, set()).add(figure.text)
    items = []
    for number, source in enumerate(answer.sources, 1):
        sentence = _mark(source.text, marks.get(source.id, set()))
        place = f"《{html.escape(source.title)}》" + (f" › {html.escape(source.section)}" if source.section else "")
        items.append(f"<li><small>[{number}] {place}</small><br>{sentence}</li>")
    return f'{text}\n\n<div class="sources"><b>出处</b><ol>{"".join(items)}</ol></div>'


def _mark(sentence: str, figures: set[str]) -> str:
    """HTML-escape the sentence and wrap each figure (e.g. "617名") in <mark>."""
    if not figures:
        return html.escape(sentence)
    pattern = re.compile("|".join(re.escape(f) for f in sorted(figures, key=len, reverse=True)))
    out, last = [], 0
    for match in pattern.finditer(sentence):
        out += [html.escape(sentence[last:match.start()]), f"<mark>{html.escape(match.group())}</mark>"]
        last = match.end()
    return "".join(out) + html.escape(sentence[last:])
