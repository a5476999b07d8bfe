"""The web UI as a worker uses it: the real server, headless Chromium at phone (390×844, WeCom's Android user
agent) and desktop (1280×800) sizes, driven by taps and typing, checked by what is on the screen.

Screenshots of every state land in test-output/ (listed in the README). Every request the page makes is
recorded: none may leave this machine (no web fonts, CDNs or analytics). Timings are measured by
scripts/bench_ui.py, never asserted here.
"""

from __future__ import annotations

import os
import re
import signal
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import httpx
import pytest
from conftest_server import ROOT, Server, Workspace, free_port, poll_rows, signed_user_cookie, start_server

pytestmark = pytest.mark.e2e

CHROMIUM = Path("/usr/bin/chromium")
if not CHROMIUM.exists():
    pytest.skip("/usr/bin/chromium is missing: run scripts/install_browser.sh", allow_module_level=True)
sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed (pip install -e '.[dev]')")

CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run", "--disable-sync"]
OUTPUT = ROOT / "test-output"
WECOM_ANDROID = ("Mozilla/5.0 (Linux; Android 13; V2055A Build/TP1A.220624.014; wv) AppleWebKit/537.36 (KHTML, like Gecko) "
                 "Version/4.0 Chrome/116.0.0.0 Mobile Safari/537.36 XWEB/1160117 MMWEBSDK/20240404 MMWEBID/2410 "
                 "wxwork/4.1.22 MicroMessenger/7.0.1 NetType/WIFI Language/zh_CN ABI/arm64")
PHONE = {"viewport": {"width": 390, "height": 844}, "user_agent": WECOM_ANDROID, "is_mobile": True, "has_touch": True,
         "device_scale_factor": 2}
DESKTOP = {"viewport": {"width": 1280, "height": 800}}
SIZES = {"mobile": PHONE, "desktop": DESKTOP}
QUESTION = "职工董事有多少名？"  # one of the welcome's example questions
CITED = "省属企业共通过职代会选举产生职工董事617名"
ADMIN_TOKEN = "test-operator-token-4f9c2a"
TIMEOUT = 30_000  # ms for anything the server answers
ASK_TIMEOUT = 15_000  # the chat's own timeout (ui.ASK_TIMEOUT_MS)


# --- fixtures ---------------------------------------------------------------------------------------
class LiveServer:
    """The real server for this module, restartable on the same port (a restart mid-chat is a test)."""

    def __init__(self, workspace: Workspace) -> None:
        self.workspace = workspace
        self.port = free_port()
        self.server: Server = start_server(workspace, port=self.port)

    @property
    def url(self) -> str:
        return self.server.url

    def stop(self) -> None:
        self.server.stop()
        log = self.server.log()
        assert "Application shutdown complete" in log, log[-3000:]
        assert "Traceback" not in log, log[-5000:]

    def start(self) -> None:
        self.server = start_server(self.workspace, port=self.port)


@pytest.fixture(scope="module")
def live(workspace: Workspace) -> Iterator[LiveServer]:
    workspace.env["ASSISTANT_ADMIN_TOKEN"] = ADMIN_TOKEN
    workspace.env["ASSISTANT_RATE_PER_MINUTE"] = "6000"  # one test machine asks for many simulated workers
    running = LiveServer(workspace)
    yield running
    running.stop()


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


class Visit:
    """One browser context on the app (phone or desktop), recording every URL it requests."""

    def __init__(self, browser, live: LiveServer, size: str = "mobile", scheme: str = "light", path: str = "/",
                 cookies: dict | None = None, locale: str = "en-US") -> None:
        # en-US on purpose: Gradio's own strings follow the browser's language, so English would show here first.
        self.live, self.size = live, size
        self.context = browser.new_context(**SIZES[size], color_scheme=scheme, locale=locale, accept_downloads=True,
                                           permissions=["clipboard-read", "clipboard-write"])
        if cookies:
            self.context.add_cookies([{"name": k, "value": v, "url": live.url} for k, v in cookies.items()])
        self.requests: list[str] = []
        self.asks: list[dict] = []  # bodies of the chat's /ui/ask requests
        self.context.on("request", self._seen)
        self.page = self.context.new_page()
        self.page.set_default_timeout(TIMEOUT)
        if path == "/":
            self.open()

    def _seen(self, request) -> None:
        self.requests.append(request.url)
        if request.url.endswith("/ui/ask"):
            self.asks.append(request.post_data_json)

    def open(self) -> None:
        self.page.goto(self.live.url + "/", wait_until="load")
        self.page.locator(".cg-chat[data-ready=ready]").wait_for()

    def reload(self) -> None:
        self.page.reload(wait_until="load")
        self.page.locator(".cg-chat[data-ready=ready]").wait_for()

    @property
    def answers(self):
        return self.page.locator("article.cg-answer")

    def tap(self, name: str) -> None:
        self.page.get_by_role("button", name=name, exact=True).last.click()

    def type_question(self, text: str) -> None:
        box = self.page.get_by_role("textbox", name="输入问题")
        box.fill(text)
        box.press("Enter")

    def wait_answers(self, count: int):
        self.answers.nth(count - 1).wait_for()
        return self.answers.nth(count - 1)

    def shot(self, name: str, full_page: bool = False) -> None:
        OUTPUT.mkdir(exist_ok=True)
        self.page.wait_for_timeout(150)  # let a scroll settle before the picture
        self.page.screenshot(path=str(OUTPUT / f"ui-{name}-{self.size}.png"), full_page=full_page)

    def off_machine_requests(self) -> list[str]:
        return [url for url in self.requests if not _is_local(url)]

    def audit(self) -> dict:
        return self.page.evaluate(AUDIT_JS)

    def close(self) -> None:
        self.context.close()


def _is_local(url: str) -> bool:
    if url.startswith(("data:", "blob:", "about:")):
        return True
    return urlsplit(url).hostname in ("127.0.0.1", "localhost", "::1")


def in_viewport(locator) -> bool:
    """Whether the element's top edge is on screen, above the input bar pinned at the bottom."""
    return locator.evaluate("""el => { const r = el.getBoundingClientRect();
        const bar = document.querySelector('.cg-composer').getBoundingClientRect();
        return r.top >= 0 && r.top < bar.top - 10; }""")


def assert_readable(visit: Visit, where: str) -> None:
    """The bars every view must meet: no sideways scroll, WCAG AA contrast, ≥ 14 px text and ≥ 44 px tap
    targets on a phone, Chinese labels for screen readers, nothing fetched from the internet."""
    found = visit.audit()
    assert found["scroll"][0] <= found["scroll"][1], f"{where}: horizontal scroll {found['scroll']}"
    assert not found["contrast"], f"{where}: text under 4.5:1 contrast: {found['contrast'][:8]}"
    assert not found["labels"], f"{where}: labels that are not Chinese: {found['labels']}"
    if visit.size == "mobile":
        assert not found["small_text"], f"{where}: text under 14 px: {found['small_text'][:8]}"
        assert not found["small_targets"], f"{where}: tap targets under 44×44 px: {found['small_targets'][:8]}"
    assert visit.off_machine_requests() == [], visit.off_machine_requests()


def feedback_rows(workspace: Workspace) -> list[dict]:
    with sqlite3.connect(workspace.data_dir / "feedback.sqlite3") as db:
        db.row_factory = sqlite3.Row
        return [dict(r) for r in db.execute("SELECT * FROM feedback ORDER BY id")]


# --- the first screen -------------------------------------------------------------------------------
@pytest.mark.parametrize("size", list(SIZES))
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_first_screen_welcomes_with_questions_to_tap(browser, live: LiveServer, size: str, scheme: str) -> None:
    visit = Visit(browser, live, size, scheme)
    try:
        page = visit.page
        welcome = page.locator(".cg-welcome")
        assert "产改问答助手" in welcome.inner_text()
        examples = welcome.get_by_role("button")
        assert 4 <= examples.count() <= 6 and QUESTION in examples.all_inner_texts()
        assert all(in_viewport(examples.nth(i)) for i in range(examples.count())), "examples below the fold"
        box = page.get_by_role("textbox", name="输入问题")
        assert box.is_visible() and page.locator(".cg-composer").bounding_box()["y"] > SIZES[size]["viewport"]["height"] * 0.8
        # No control before it can be used: nothing to rate, nothing to clear, no send button for an empty box.
        for name in ("有帮助", "没帮助", "新对话", "发送"):
            assert page.get_by_role("button", name=name).count() == 0 or not page.get_by_role("button", name=name).first.is_visible()
        assert page.get_by_role("tab", name="命中测试").count() == 0  # an operator's tool, at /admin now
        assert page.title() == "产改问答助手"
        head = page.evaluate("""() => ({lang: document.documentElement.lang,
            og: [...document.querySelectorAll('meta[property^="og:"], meta[name^="twitter:"]')].map(m => m.content).join(' '),
            description: (document.querySelector('meta[name=description]') || {}).content})""")
        assert head["lang"] == "zh-CN" and "产改问答助手" in head["og"] and "产业工人" in head["description"]
        assert "Gradio" not in head["og"] and "Click to try" not in head["og"]
        assert_readable(visit, f"first screen ({size}, {scheme})")
        visit.shot("first" + ("-dark" if scheme == "dark" else ""))
    finally:
        visit.close()


# --- a conversation --------------------------------------------------------------------------------
def test_tap_an_example_read_the_answer_vote_copy_and_follow_up(browser, live: LiveServer, workspace: Workspace) -> None:
    visit = Visit(browser, live, "mobile", cookies={"wecom_userid": signed_user_cookie("LiSi")})
    page = visit.page
    try:
        # On a slow link the question shows at once, with a typing indicator, and the input stays usable.
        cdp = visit.context.new_cdp_session(page)
        cdp.send("Network.enable")
        cdp.send("Network.emulateNetworkConditions", {"offline": False, "latency": 1500, "downloadThroughput": -1,
                                                      "uploadThroughput": -1})
        visit.tap(QUESTION)
        page.locator(".cg-user").get_by_text(QUESTION).wait_for(timeout=1000)
        page.locator(".cg-typing").wait_for(timeout=1000)
        assert page.get_by_role("textbox", name="输入问题").is_editable()
        visit.shot("waiting")
        first = visit.wait_answers(1)
        cdp.send("Network.emulateNetworkConditions", {"offline": False, "latency": 0, "downloadThroughput": -1,
                                                      "uploadThroughput": -1})
        assert page.locator(".cg-typing").count() == 0

        # The lead is highlighted in the answer itself, and the page shows where the answer starts.
        assert first.locator(".cg-lead").inner_text().startswith("617名")
        assert in_viewport(first.locator(".cg-lead")), "the page did not scroll to the start of the answer"
        sources = first.locator("details.cg-sources")
        assert sources.locator("summary").inner_text().strip() == "引用 1 条"
        assert not sources.locator(".cg-source").first.is_visible()  # collapsed
        sources.locator("summary").click()
        card = sources.locator(".cg-source").first
        assert "2022年云南工作报告" in card.inner_text() and "畅通参与公司管理渠道" in card.inner_text()
        assert "云南省国资委党委关于" not in first.inner_text()  # the short name, not the 40-character title
        assert card.locator("mark").inner_text() == "617名"
        assert CITED in re.sub(r"\s+", "", card.inner_text())
        assert first.get_by_role("button", name="职工监事有多少名？").is_visible()  # an answerable follow-up
        visit.shot("answer")

        # Copy gives plain text with the sources.
        first.get_by_role("button", name="复制回答和出处").click()
        first.locator(".cg-ack").get_by_text("已复制").wait_for()
        copied = page.evaluate("navigator.clipboard.readText()")
        assert copied.startswith("617名。") and "引用：" in copied and "2022年云南工作报告" in copied and "<" not in copied

        # One vote per answer, changeable; 👎 asks why.
        up, down = first.get_by_role("button", name="有帮助"), first.get_by_role("button", name="没帮助")
        up.click()
        first.locator(".cg-ack").get_by_text("谢谢，已记下：有帮助").wait_for()
        assert up.get_attribute("aria-pressed") == "true"
        down.click()
        first.locator(".cg-ack").get_by_text("已改为：没帮助").wait_for()
        assert up.get_attribute("aria-pressed") == "false" and down.get_attribute("aria-pressed") == "true"
        reasons = first.locator(".cg-reasons")
        assert [b.strip() for b in reasons.get_by_role("button").all_inner_texts()] == \
            ["答非所问", "数字不对", "没有我要的", "其他", "提交"]
        reasons.get_by_role("button", name="数字不对").click()
        reasons.get_by_role("textbox").fill("想知道是哪一年的数")
        assert_readable(visit, "answer with sources and the 👎 reasons open")
        visit.shot("vote-reasons")
        reasons.get_by_role("button", name="提交").click()
        first.locator(".cg-ack").get_by_text("意见已收到").wait_for()
        assert not reasons.is_visible()

        # A follow-up typed by hand: only the history says what it is about; how it was read is shown.
        visit.type_question("这是哪年的数据？")
        second = visit.wait_answers(2)
        assert "2022年" in second.locator(".cg-lead").inner_text()
        assert "接上文：职工董事有多少名" in second.locator(".cg-read").inner_text()
        assert in_viewport(second.locator(".cg-read"))
        visit.shot("follow-up")

        # The conversation survives a reload, votes included, and still serves as context.
        visit.reload()
        assert visit.answers.count() == 2
        assert visit.answers.first.get_by_role("button", name="没帮助").get_attribute("aria-pressed") == "true"
        visit.shot("reloaded")
        visit.type_question("那职工监事呢？")  # read against the restored history: the year of that figure
        third = visit.wait_answers(3)
        assert "职工监事" in third.locator(".cg-read").inner_text() and "接上文" in third.locator(".cg-read").inner_text()
        assert len(visit.asks[-1]["history"]) == 4
        assert visit.off_machine_requests() == []
    finally:
        visit.close()

    answer_rows = [r for r in feedback_rows(workspace) if r["user"] == "LiSi"]
    assert len(answer_rows) == 1, answer_rows  # one answer voted three times: one row, the final vote
    row = answer_rows[0]
    assert (row["question"], row["vote"], row["reason"], row["comment"], row["channel"]) == \
        (QUESTION, "down", "wrong_number", "想知道是哪一年的数", "web")
    logged = poll_rows(workspace.data_dir / "conversations.sqlite3",
                       "SELECT question, session FROM exchanges WHERE channel = 'web' AND user = 'LiSi' ORDER BY id", expect=3)
    assert [q for q, _ in logged] == [QUESTION, "这是哪年的数据？", "那职工监事呢？"]
    assert len({session for _, session in logged}) == 1  # one conversation, across the reload


def test_each_answer_keeps_one_row_with_its_final_vote(browser, live: LiveServer, workspace: Workspace) -> None:
    """N answers voted on, each vote changed M times: N rows, each with the final vote."""
    visit = Visit(browser, live, "desktop", cookies={"wecom_userid": signed_user_cookie("VoteCounter")})
    try:
        questions = ["职工董事有多少名？", "母婴室建了多少个？", "职工驿站建了多少个？"]
        finals = ["up", "down", "up"]
        for n, question in enumerate(questions, 1):
            visit.type_question(question)
            answer = visit.wait_answers(n)
            buttons = {"up": answer.get_by_role("button", name="有帮助"), "down": answer.get_by_role("button", name="没帮助")}
            for choice in ["up", "down", "up", "down", finals[n - 1]]:  # four changes
                buttons[choice].click()
                answer.locator(".cg-ack").filter(has_text="谢谢").or_(answer.locator(".cg-ack").filter(has_text="已改为")).wait_for()
                answer.locator(".cg-ack").evaluate("el => el.textContent = ''")
        visit.page.wait_for_timeout(300)
        visit.shot("votes")
    finally:
        visit.close()
    rows = [r for r in feedback_rows(workspace) if r["user"] == "VoteCounter"]
    assert [(r["question"], r["vote"]) for r in rows] == list(zip(questions, finals, strict=True))
    assert all(r["answer_id"] and r["updated_at"] >= r["created_at"] for r in rows)


def test_new_chat_really_resets_the_context(browser, live: LiveServer) -> None:
    visit = Visit(browser, live, "mobile")
    page = visit.page
    try:
        visit.tap("我是一线工人，想提高技术，有哪些途径？")  # a long answer: the page shows where it starts
        long = visit.wait_answers(1)
        assert long.locator(".cg-lead").inner_text().startswith("可以通过这些途径")
        assert in_viewport(long.locator(".cg-lead")) and long.bounding_box()["height"] > 844 / 2
        visit.shot("long-answer")
        visit.tap("新对话")
        page.get_by_text("已开始新对话").wait_for(state="attached")
        assert visit.answers.count() == 0 and page.locator(".cg-welcome").is_visible()
        assert not page.get_by_role("button", name="新对话").is_visible()
        visit.reload()  # and it stays cleared
        assert visit.answers.count() == 0
        visit.type_question("这是哪年的数据？")
        answer = visit.wait_answers(1)
        assert visit.asks[-1]["history"] == []
        assert "职工董事617名" not in re.sub(r"\s+", "", answer.inner_text())
        assert "接上文" not in answer.inner_text()
        visit.shot("new-chat")
    finally:
        visit.close()


# --- when the server is gone, restarted or frozen ------------------------------------------------------
def test_server_restart_mid_chat_keeps_the_conversation(browser, live: LiveServer) -> None:
    visit = Visit(browser, live, "mobile")
    page = visit.page
    try:
        visit.tap(QUESTION)
        visit.wait_answers(1)
        live.stop()
        visit.type_question("这是哪年的数据？")
        notice = page.locator(".cg-error")
        notice.wait_for()
        assert "连接不上服务器" in notice.inner_text()
        assert notice.get_by_role("button", name="重试").is_visible()
        assert page.locator(".cg-user").last.inner_text() == "这是哪年的数据？"  # the question stays
        body = page.locator("body").inner_text()
        assert not re.search(r"Connection|lost|Error|error", body), body[:500]
        assert_readable(visit, "server gone")
        visit.shot("offline")

        live.start()
        notice.get_by_role("button", name="重试").click()
        answer = visit.wait_answers(2)
        assert "接上文：职工董事有多少名" in answer.locator(".cg-read").inner_text()  # the context survived
        assert visit.answers.count() == 2 and page.locator(".cg-error").count() == 0
        visit.type_question("那职工监事呢？")
        assert "接上文" in visit.wait_answers(3).locator(".cg-read").inner_text()
        visit.shot("after-restart")
    finally:
        visit.close()


def test_a_frozen_server_gets_a_chinese_timeout_and_retry(browser, live: LiveServer) -> None:
    visit = Visit(browser, live, "mobile")
    page = visit.page
    pid = live.server.pid
    try:
        os.kill(pid, signal.SIGSTOP)
        try:
            visit.tap(QUESTION)
            page.locator(".cg-typing").wait_for()
            notice = page.locator(".cg-error")
            notice.wait_for(timeout=ASK_TIMEOUT + 10_000)
            assert "等了 15 秒还没有回答" in notice.inner_text()
            visit.shot("timeout")
        finally:
            os.kill(pid, signal.SIGCONT)
        notice.get_by_role("button", name="重试").click()
        assert visit.wait_answers(1).locator(".cg-lead").inner_text().startswith("617名")
    finally:
        visit.close()


# --- dark mode, desktop ---------------------------------------------------------------------------------
@pytest.mark.parametrize(("size", "scheme"), [("mobile", "dark"), ("desktop", "light"), ("desktop", "dark")])
def test_answers_are_readable_in_light_and_dark_mode(browser, live: LiveServer, size: str, scheme: str) -> None:
    visit = Visit(browser, live, size, scheme)
    try:
        visit.type_question("母婴室建了多少个？")
        answer = visit.wait_answers(1)
        answer.locator("summary").click()
        assert answer.locator(".cg-source mark").inner_text() == "146个"
        visit.type_question("2021年职工董事有多少名？")  # a year not covered: refused, covered questions offered as chips
        refused = visit.wait_answers(2)
        assert "抱歉" in refused.inner_text() and refused.locator(".cg-follow .cg-chip").count() >= 1
        assert "您是不是想问" not in refused.inner_text()
        answer.get_by_role("button", name="没帮助").click()
        answer.locator(".cg-reasons").wait_for()
        assert_readable(visit, f"answers ({size}, {scheme})")
        visit.shot("answers" + ("-dark" if scheme == "dark" else ""))
    finally:
        visit.close()


# --- 数据速查 -----------------------------------------------------------------------------------------------
@pytest.mark.parametrize("size", list(SIZES))
def test_figure_lookup_is_a_list_of_cards_with_a_csv_link(browser, live: LiveServer, size: str) -> None:
    visit = Visit(browser, live, size)
    page = visit.page
    try:
        page.get_by_role("tab", name="数据速查").click()
        status = page.locator(".cg-fig-status")
        status.get_by_text(re.compile(r"共 \d+ 条")).wait_for()
        everything = status.inner_text()
        box = page.get_by_role("searchbox", name="查找数字")
        box.fill("职工董事")
        box.press("Enter")
        page.wait_for_function("""t => { const now = document.querySelector('.cg-fig-status').textContent;
            return now !== t && /^共 \\d+ 条$/.test(now); }""", arg=everything)
        card = page.locator(".cg-fig").first
        text = card.inner_text()
        assert "617" in text and "名" in text and "通过职代会选举产生职工董事" in text and "2022年云南工作报告" in text
        assert_readable(visit, f"数据速查 ({size})")
        visit.shot("figures")
        link = page.get_by_role("link", name="下载 CSV（可用 Excel 打开）")
        href = link.get_attribute("href")
        assert href.startswith("api/figures.csv?q=")
        content = visit.context.request.get(f"{live.url}/{href}").body()
        assert content.startswith(b"\xef\xbb\xbf") and "617" in content.decode("utf-8-sig")

        box.fill("不存在的指标")
        page.get_by_role("button", name="查询").click()
        page.get_by_text("没有找到“不存在的指标”相关的数字").wait_for()
        assert page.locator(".cg-fig").count() == 0 and not link.is_visible()
        visit.shot("figures-none")
    finally:
        visit.close()


# --- the operator view ----------------------------------------------------------------------------------
def test_hit_testing_is_an_operator_view_behind_the_token(browser, live: LiveServer) -> None:
    visit = Visit(browser, live, "mobile", path="/admin")
    page = visit.page
    try:
        response = page.goto(live.url + "/admin")
        assert response.status == 401
        assert "需要运营令牌" in page.locator("body").inner_text()
        page.get_by_label("运营令牌").fill("wrong-token")
        with page.expect_navigation():
            page.get_by_role("button", name="进入").click()
        assert "运营令牌不对" in page.locator("body").inner_text()
        assert_readable(visit, "operator login")
        visit.shot("admin-login")
        page.get_by_label("运营令牌").fill(ADMIN_TOKEN)
        page.get_by_role("button", name="进入").click()
        page.get_by_role("tab", name="命中测试").wait_for()
        page.get_by_label("问题").fill(QUESTION)
        page.get_by_role("button", name="检索").click()
        page.get_by_text(re.compile(r"共 \d+ 条命中")).wait_for()
        assert "职工董事617名" in re.sub(r"\s+", "", page.locator("#hits").inner_text())
        width = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
        assert width[0] <= width[1], f"the operator view scrolls sideways: {width}"
        visit.shot("admin-hits")
        page.get_by_role("tab", name="评价").click()
        page.locator("#votes").get_by_text(QUESTION).first.wait_for()  # the votes of the tests above
        assert visit.off_machine_requests() == []
    finally:
        visit.close()
    # Scripts use the header; a wrong one is refused in Chinese.
    assert httpx.get(f"{live.url}/admin/", headers={"Authorization": f"Bearer {ADMIN_TOKEN}"}).status_code == 200
    refused = httpx.get(f"{live.url}/admin/", headers={"Authorization": "Bearer nope"})
    assert refused.status_code == 403 and "令牌不对" in refused.json()["message"]


def test_operator_view_is_off_without_a_token(assistant) -> None:
    """The real app with ASSISTANT_ADMIN_TOKEN unset (in process: no second server to start)."""
    from dataclasses import replace

    from fastapi.testclient import TestClient

    from assistant.adapters.api import create_app
    from assistant.core import Assistant

    settings = replace(assistant.settings, admin_token="")
    client = TestClient(create_app(Assistant(settings, embedder=assistant.embedder), settings))  # no lifespan: no warm-up
    page = client.get("/admin/", headers={"accept": "text/html"})
    assert page.status_code == 403 and "运营页面未开启" in page.text and "ASSISTANT_ADMIN_TOKEN" in page.text
    assert client.get("/admin/", headers={"authorization": "Bearer anything"}).status_code == 403
    assert client.post("/admin/login", data={"token": "anything"}).status_code == 403

    # Named operators, as /api/admin reads the setting: each one's token opens the view.
    named = replace(assistant.settings, admin_token="wang:token-of-wang,li:token-of-li")
    client = TestClient(create_app(Assistant(named, embedder=assistant.embedder), named))
    assert client.get("/admin/", headers={"authorization": "Bearer token-of-li"}).status_code == 200
    login = client.post("/admin/login", data={"token": "token-of-wang"}, follow_redirects=False)
    assert login.status_code == 303 and "token-of-wang" not in login.headers["set-cookie"]
    assert client.get("/admin/", headers={"accept": "text/html"}).status_code == 200  # the cookie
    assert client.get("/admin/", headers={"authorization": "Bearer wang:token-of-wang"}).status_code == 403


def test_example_questions_the_knowledge_base_refuses_are_not_offered(assistant, tmp_path: Path, caplog) -> None:
    """Checked at start-up through the assistant: a refused example is dropped, with a warning."""
    import shutil
    from dataclasses import replace

    from assistant.adapters.ui import AssistantUI
    from assistant.core import Assistant

    prompts = tmp_path / "prompts"
    shutil.copytree(ROOT / "prompts", prompts)
    toml = (prompts / "ui.toml").read_text(encoding="utf-8")
    (prompts / "ui.toml").write_text(toml.replace('examples = [\n', 'examples = [\n  "加班费怎么算？",\n', 1), encoding="utf-8")
    ui = AssistantUI(Assistant(replace(assistant.settings, prompts_dir=prompts), embedder=assistant.embedder))
    assert "加班费怎么算？" in ui.examples
    with caplog.at_level("WARNING", logger="assistant.adapters.ui"):
        kept = ui.answerable_examples()
    assert "加班费怎么算？" not in kept and QUESTION in kept
    assert any("加班费怎么算" in r.getMessage() and "refused" in r.getMessage() for r in caplog.records)


# --- the page's own checks, run in the browser ---------------------------------------------------------------
AUDIT_JS = r"""() => {
  const parse = (c) => { const m = /rgba?\(([^)]+)\)/.exec(c || ''); if (!m) return null;
    const p = m[1].split(/[\s,\/]+/).filter(Boolean).map(Number); return [p[0], p[1], p[2], p.length > 3 ? p[3] : 1]; };
  const over = (top, bottom) => [0, 1, 2].map((i) => top[i] * top[3] + bottom[i] * (1 - top[3])).concat([1]);
  const lum = (c) => { const f = (v) => { v /= 255; return v <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; };
    return 0.2126 * f(c[0]) + 0.7152 * f(c[1]) + 0.0722 * f(c[2]); };
  const ratio = (a, b) => { const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p); return (x + 0.05) / (y + 0.05); };
  function background(el) {
    const layers = [];
    for (let e = el; e; e = e.parentElement) {
      const c = parse(getComputedStyle(e).backgroundColor);
      if (c && c[3] > 0) { layers.push(c); if (c[3] >= 1) break; }
    }
    let bg = [255, 255, 255, 1];
    for (const layer of layers.reverse()) bg = over(layer, bg);
    return bg;
  }
  // Seen on screen: rendered, not transparent, and not clipped away by an ancestor (screen-reader-only text).
  function visible(el) {
    if (!el.checkVisibility({checkOpacity: true, checkVisibilityCSS: true})) return false;
    let r = el.getBoundingClientRect();
    let [left, top, right, bottom] = [r.left, r.top, r.right, r.bottom];
    for (let e = el.parentElement; e; e = e.parentElement) {
      const s = getComputedStyle(e);
      if (s.overflow === 'visible' && s.clip === 'auto' && s.clipPath === 'none') continue;
      if (s.clipPath === 'inset(50%)' || /rect\(0px,? 0px,? 0px,? 0px\)/.test(s.clip)) return false;
      const a = e.getBoundingClientRect();
      if (s.overflowX !== 'visible') { left = Math.max(left, a.left); right = Math.min(right, a.right); }
      if (s.overflowY !== 'visible') { top = Math.max(top, a.top); bottom = Math.min(bottom, a.bottom); }
    }
    return right - left > 2 && bottom - top > 2;
  }
  const out = {contrast: [], small_text: [], small_targets: [], labels: [],
               scroll: [document.documentElement.scrollWidth, window.innerWidth]};
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const seen = new Set();
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const el = node.parentElement;
    if (!el || seen.has(el) || !/[\p{L}\p{N}]/u.test(node.textContent) || el.closest('script,style,noscript')) continue;
    seen.add(el);
    if (!visible(el)) continue;
    const s = getComputedStyle(el);
    const text = node.textContent.trim().slice(0, 30);
    const fg = parse(s.color), bg = background(el);
    const r = ratio(over(fg, bg), bg);
    if (r < 4.5) out.contrast.push(`${text} ${r.toFixed(2)}:1 (${s.color} on rgb(${bg.slice(0, 3).map(Math.round)}))`);
    if (parseFloat(s.fontSize) < 13.95) out.small_text.push(`${text} ${s.fontSize}`);
  }
  for (const el of document.querySelectorAll('input[placeholder], textarea[placeholder]')) {
    if (!visible(el) || el.value) continue;
    const p = getComputedStyle(el, '::placeholder'), bg = background(el);
    const r = ratio(over(parse(p.color), bg), bg);
    if (r < 4.5) out.contrast.push(`placeholder ${el.placeholder} ${r.toFixed(2)}:1`);
    if (parseFloat(p.fontSize) < 13.95) out.small_text.push(`placeholder ${el.placeholder} ${p.fontSize}`);
  }
  const targets = 'button, a[href], input:not([type=hidden]), textarea, select, summary, [role=button], [role=tab], [role=link]';
  for (const el of document.querySelectorAll(targets)) {
    if (!visible(el)) continue;
    const r = el.getBoundingClientRect();
    if (r.width < 43.5 || r.height < 43.5) out.small_targets.push(`${el.tagName} "${(el.innerText || el.getAttribute('aria-label') || '').trim().slice(0, 20)}" ${Math.round(r.width)}×${Math.round(r.height)}`);
  }
  for (const el of document.querySelectorAll('[aria-label], [title], [placeholder], [alt]')) {
    const hidden = el.closest('[aria-hidden=true]') || !el.checkVisibility({checkVisibilityCSS: true});
    if (hidden) continue;
    for (const name of ['aria-label', 'title', 'placeholder', 'alt']) {
      const v = el.getAttribute(name);
      if (v && /[A-Za-z]{3,}/.test(v) && !/[\u4e00-\u9fff]/.test(v)) out.labels.push(`${el.tagName} ${name}="${v}"`);
    }
  }
  return out;
}"""
