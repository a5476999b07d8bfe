"""The web UI as a person uses it: the real server, headless Chromium, desktop and phone widths.

Screenshots land in test-output/. Every request the page makes is recorded: none may leave this
machine (no web fonts, CDNs or analytics), since the intranet servers it runs on have no internet.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from conftest_server import ROOT, Server, Workspace, poll_rows, signed_user_cookie

pytestmark = pytest.mark.e2e

CHROMIUM = Path("/usr/bin/chromium")
if not CHROMIUM.exists():
    pytest.skip("/usr/bin/chromium is missing: run scripts/install_browser.sh", allow_module_level=True)
sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed (pip install -e '.[dev]')")

CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run", "--disable-sync"]
OUTPUT = ROOT / "test-output"
VIEWPORTS = {"desktop": {"width": 1280, "height": 800}, "mobile": {"width": 390, "height": 844}}
QUESTION = "职工董事有多少名？"
CITED = "省属企业共通过职代会选举产生职工董事617名"
ANSWER_TIMEOUT = 30_000  # ms


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


class Visit:
    """One browser context on the app, recording every URL it requests."""

    def __init__(self, browser, server: Server, viewport: dict, cookies: dict | None = None) -> None:
        self.context = browser.new_context(viewport=viewport, accept_downloads=True)
        if cookies:
            self.context.add_cookies([{"name": k, "value": v, "url": server.url} for k, v in cookies.items()])
        self.requests: list[str] = []
        self.context.on("request", lambda request: self.requests.append(request.url))
        self.page = self.context.new_page()
        self.page.set_default_timeout(ANSWER_TIMEOUT)
        self.page.goto(server.url + "/", wait_until="load")
        self.page.locator("#question textarea").wait_for()

    def ask(self, question: str, expect: str) -> None:
        self.page.locator("#question textarea").fill(question)
        self.page.locator("#send").click()
        self.page.locator("#chat").get_by_text(expect).first.wait_for()

    def off_machine_requests(self) -> list[str]:
        return [url for url in self.requests if not _is_local(url)]

    def close(self) -> None:
        self.context.close()


def _is_local(url: str) -> bool:
    if url.startswith(("data:", "blob:", "about:")):
        return True
    return urlsplit(url).hostname in ("127.0.0.1", "localhost", "::1")


@pytest.mark.parametrize("name", list(VIEWPORTS))
def test_ask_shows_the_answer_with_its_cited_sentence(browser, server: Server, name: str) -> None:
    visit = Visit(browser, server, VIEWPORTS[name])
    try:
        visit.ask(QUESTION, "617名")
        chat = visit.page.locator("#chat")
        text = chat.inner_text()
        assert "617名" in text
        assert CITED in re.sub(r"\s+", "", text)  # the cited sentence, under the answer
        assert "617名" in chat.locator("mark").first.inner_text()  # the figure highlighted in it
        visit.page.wait_for_timeout(300)  # let the chat finish scrolling before the picture
        OUTPUT.mkdir(exist_ok=True)
        visit.page.screenshot(path=str(OUTPUT / f"ui-{name}.png"), full_page=True)
        assert visit.off_machine_requests() == []
        width = visit.page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
        assert width[0] <= width[1], f"horizontal scroll at {name} width: {width}"
    finally:
        visit.close()


def test_follow_up_and_votes_at_phone_width(browser, server: Server, workspace: Workspace) -> None:
    visit = Visit(browser, server, VIEWPORTS["mobile"], cookies={"wecom_userid": signed_user_cookie("LiSi")})
    try:
        visit.ask(QUESTION, "617名")
        visit.ask("那职工监事呢？", "671名")  # a follow-up: only the history says what it is about
        visit.page.locator("#vote-up").click()
        visit.page.locator("#vote-status").get_by_text("谢谢").wait_for()
        visit.page.get_by_role("button", name="Dislike").first.click()  # the 👎 icon on the first answer
        visit.page.wait_for_timeout(1000)
        assert visit.off_machine_requests() == []
    finally:
        visit.close()
    with sqlite3.connect(workspace.data_dir / "feedback.sqlite3") as db:
        rows = db.execute("SELECT question, vote, user, channel FROM feedback ORDER BY id").fetchall()
    assert ("那职工监事呢？", "up", "LiSi", "web") in rows
    assert (QUESTION, "down", "LiSi", "web") in rows
    logged = poll_rows(workspace.data_dir / "conversations.sqlite3",
                       "SELECT question, user, session FROM exchanges WHERE channel = 'web' AND user = 'LiSi' ORDER BY id", expect=2)
    assert [q for q, *_ in logged] == [QUESTION, "那职工监事呢？"]
    assert len({session for *_, session in logged}) == 1  # one conversation


def test_figure_lookup_and_csv_download(browser, server: Server, tmp_path: Path) -> None:
    visit = Visit(browser, server, VIEWPORTS["mobile"])
    try:
        page = visit.page
        page.get_by_role("tab", name="数据速查").click()
        page.locator("#figure-query textarea").fill("职工董事")
        page.get_by_role("button", name="查询").click()
        page.locator("#figure-table").get_by_text("通过职代会选举产生职工董事").filter(visible=True).first.wait_for()
        with page.expect_download() as download:
            page.get_by_role("button", name="下载 CSV").click()
        target = tmp_path / "figures.csv"
        download.value.save_as(target)
        content = target.read_bytes()
        assert content.startswith(b"\xef\xbb\xbf") and "617" in content.decode("utf-8-sig")
        width = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
        assert width[0] <= width[1], f"the figure table scrolls the page: {width}"
        assert visit.off_machine_requests() == []
    finally:
        visit.close()


def test_hit_test_tab_ranks_the_hits(browser, server: Server) -> None:
    visit = Visit(browser, server, VIEWPORTS["desktop"])
    try:
        page = visit.page
        page.get_by_role("tab", name="命中测试").click()
        page.locator("#hit-query textarea").fill(QUESTION)
        page.get_by_role("button", name="检索").click()
        page.get_by_text("条命中").wait_for()
        assert "职工董事617名" in re.sub(r"\s+", "", page.locator(".wide-table").last.inner_text())
    finally:
        visit.close()
