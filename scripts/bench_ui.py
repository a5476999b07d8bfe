"""How the web UI feels on a phone: headless Chromium at 390×844 (WeCom's Android user agent) against the real
server, on loopback and over emulated mobile links (Chrome DevTools Protocol, Network.emulateNetworkConditions).

    python scripts/bench_ui.py                 # start a server (its own knowledge copy, index and data folder)
    python scripts/bench_ui.py --url http://127.0.0.1:7860 --taps 30

Measures, each as the median of several runs:
- tap → answer: from tapping an example question to the answer's first line painted on screen (above the
  pinned input), timed inside the page; and the same for a follow-up typed and sent;
- first screen usable: from navigation start to the welcome, its example questions and the input on screen
  and working, with an empty cache (first visit) and a warm one (second visit), on loopback, over 4G
  (WebPageTest's profile: 9 Mbit/s each way, 170 ms round trip) and over Fast 3G (DevTools: 1.44 Mbit/s,
  562.5 ms);
- the first load's weight (bytes on the wire) and request count, and requests that leave the machine.
Prints a table with the bars beside the values; never asserts (the browser test asserts behaviour).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

CHROMIUM = "/usr/bin/chromium"
WECOM_ANDROID = ("Mozilla/5.0 (Linux; Android 13; V2055A Build/TP1A.220624.014; wv) AppleWebKit/537.36 (KHTML, like Gecko) "
                 "Version/4.0 Chrome/116.0.0.0 Mobile Safari/537.36 XWEB/1160117 MMWEBSDK/20240404 MMWEBID/2410 "
                 "wxwork/4.1.22 MicroMessenger/7.0.1 NetType/WIFI Language/zh_CN ABI/arm64")
PHONE = {"viewport": {"width": 390, "height": 844}, "user_agent": WECOM_ANDROID, "is_mobile": True, "has_touch": True,
         "device_scale_factor": 2}
KBIT = 1000 / 8  # bytes per second in one kbit/s
LINKS = {  # name: (download bytes/s, upload bytes/s, round trip ms)
    "loopback": None,
    "4G": (9000 * KBIT, 9000 * KBIT, 170),
    "Fast 3G": (1440 * KBIT, 675 * KBIT, 562.5),
}
FOLLOW_UPS = ["这是哪年的数据？", "那职工监事呢？", "母婴室建了多少个？", "家里困难能申请帮扶吗？"]

# Resolves with the milliseconds from the tap to the answer's first line on screen (two frames after it is
# placed: the frame that paints it has then happened).
TAP_JS = """async ({question, typed}) => {
  const root = document.querySelector('.cg-chat');
  const before = root.querySelectorAll('article.cg-answer').length;
  const t0 = performance.now();
  if (typed) {
    const box = document.getElementById('cg-input');
    box.value = question; box.dispatchEvent(new Event('input', {bubbles: true}));
    root.querySelector('.cg-send').click();
  } else {
    [...root.querySelectorAll('.cg-welcome .cg-chip')].find((b) => b.textContent === question).click();
  }
  const frame = () => new Promise((r) => requestAnimationFrame(r));
  for (;;) {
    await frame();
    const answers = root.querySelectorAll('article.cg-answer');
    const error = root.querySelector('.cg-error');
    if (error) return -1;
    if (answers.length > before) {
      const first = answers[answers.length - 1].querySelector('.cg-text p');
      const r = first.getBoundingClientRect(), bar = root.querySelector('.cg-composer').getBoundingClientRect();
      if (r.top >= 0 && r.bottom <= bar.top) { await frame(); return performance.now() - t0; }
    }
  }
}"""
# Resolves when the first screen can be used: welcome, example questions and the input laid out on screen.
READY_JS = """() => new Promise((resolve) => {
  const check = () => {
    const chips = document.querySelectorAll('.cg-welcome .cg-chip');
    const box = document.getElementById('cg-input');
    const usable = chips.length > 0 && box && !box.disabled && box.getBoundingClientRect().bottom <= innerHeight &&
      chips[chips.length - 1].getBoundingClientRect().bottom <= box.getBoundingClientRect().top;
    if (usable) requestAnimationFrame(() => resolve(performance.now())); else requestAnimationFrame(check);
  };
  check();
})"""


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--url", help="a running server (default: start one)")
    parser.add_argument("--taps", type=int, default=20, help="example taps to time (default 20)")
    parser.add_argument("--loads", type=int, default=5, help="page loads per link (default 5)")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    server = None
    if args.url:
        url = args.url.rstrip("/")
    else:
        from conftest_server import Workspace, start_server  # the one place that knows how to start it

        workspace = Workspace.create(Path(tempfile.mkdtemp(prefix="bench-ui-")))
        workspace.env["ASSISTANT_RATE_PER_MINUTE"] = "100000"  # one machine plays many workers
        workspace.build_index()
        server = start_server(workspace)
        url = server.url
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--headless", "--no-sandbox"])
            rows = taps(browser, url, args.taps) + [first_screen(browser, url, link, args.loads) for link in LINKS]
            rows.append(weight(browser, url))
            browser.close()
    finally:
        if server is not None:
            server.stop()
    print_table(rows)
    return 0


def taps(browser, url: str, count: int) -> list[tuple[str, str, str]]:
    """Tap → answer on loopback: example questions from a fresh chat, then follow-ups typed into it."""
    context = browser.new_context(**PHONE)
    page = context.new_page()
    page.goto(url + "/")
    page.locator(".cg-chat[data-ready=ready]").wait_for()
    examples = page.locator(".cg-welcome .cg-chip").all_inner_texts()
    tapped, typed = [], []
    for n in range(count):
        page.evaluate("localStorage.clear()")
        page.reload()
        page.locator(".cg-chat[data-ready=ready]").wait_for()
        tapped.append(page.evaluate(TAP_JS, {"question": examples[n % len(examples)], "typed": False}))
        if n < len(FOLLOW_UPS) * 2:
            typed.append(page.evaluate(TAP_JS, {"question": FOLLOW_UPS[n % len(FOLLOW_UPS)], "typed": True}))
    context.close()
    failed = sum(t < 0 for t in tapped + typed)
    tapped, typed = [t for t in tapped if t >= 0], [t for t in typed if t >= 0]
    note = f", {failed} failed" if failed else ""
    return [("tap an example → answer's first line on screen (loopback)",
             f"median {statistics.median(tapped):.0f} ms, max {max(tapped):.0f} ms ({len(tapped)} taps{note})", "median ≤ 500 ms"),
            ("type a follow-up, send → answer's first line on screen (loopback)",
             f"median {statistics.median(typed):.0f} ms, max {max(typed):.0f} ms ({len(typed)} sends)", "")]


class Network:
    """What the page asked for, per the browser's own network events (Chrome DevTools Protocol): requests,
    those served from the cache, bytes on the wire. Optionally throttled to a mobile link."""

    def __init__(self, context, page, link: tuple[float, float, float] | None = None) -> None:
        self.urls: dict[str, str] = {}
        self.cached: set[str] = set()
        self.wire = 0
        cdp = context.new_cdp_session(page)
        cdp.on("Network.requestWillBeSent", lambda e: self.urls.setdefault(e["requestId"], e["request"]["url"]))
        cdp.on("Network.requestServedFromCache", lambda e: self.cached.add(e["requestId"]))
        cdp.on("Network.loadingFinished", self._finished)
        cdp.send("Network.enable")
        if link is not None:
            down, up, rtt = link
            cdp.send("Network.emulateNetworkConditions", {"offline": False, "latency": rtt, "downloadThroughput": down,
                                                          "uploadThroughput": up})

    def _finished(self, event: dict) -> None:
        self.wire += int(event.get("encodedDataLength", 0))

    def reset(self) -> None:
        self.urls, self.cached, self.wire = {}, set(), 0

    @property
    def downloaded(self) -> int:
        """Requests that went to the server (not answered from the cache)."""
        return sum(1 for rid, url in self.urls.items() if rid not in self.cached and not url.startswith(("data:", "blob:")))

    def external(self) -> list[str]:
        return [u for u in self.urls.values() if not u.startswith(("data:", "blob:"))
                and urlsplit(u).hostname not in ("127.0.0.1", "localhost", "::1")]


def first_screen(browser, url: str, link: str, loads: int) -> tuple[str, str, str]:
    """Navigation start → first screen usable, with an empty cache and then a warm one (a second visit)."""
    cold, warm, warm_requests = [], [], []
    for _ in range(loads):
        context = browser.new_context(**PHONE)
        page = context.new_page()
        network = Network(context, page, LINKS[link])
        cold.append(load(page, url))
        page.wait_for_timeout(300)
        network.reset()
        warm.append(load(page, url))
        warm_requests.append(network.downloaded)
        context.close()
    bar = {"loopback": "≤ 2 s", "4G": "≤ 4 s"}.get(link, "")
    return (f"first screen usable, {link}: first visit / second visit",
            f"{statistics.median(cold) / 1000:.2f} s / {statistics.median(warm) / 1000:.2f} s "
            f"(second visit asks the server for {statistics.median(warm_requests):.0f} files)", bar)


def load(page, url: str) -> float:
    page.goto(url + "/", wait_until="commit")
    return page.evaluate(READY_JS)  # performance.now() counts from navigation start


def weight(browser, url: str) -> tuple[str, str, str]:
    """Bytes on the wire and requests of a first visit, until the first screen is usable and the page idles."""
    context = browser.new_context(**PHONE)
    page = context.new_page()
    network = Network(context, page)
    load(page, url)
    page.wait_for_timeout(1500)
    context.close()
    return ("first visit: bytes on the wire / requests / requests leaving the machine",
            f"{network.wire / 1024:.0f} KiB / {len(network.urls)} / {len(network.external())}", "leaving: 0")


def print_table(rows: list[tuple[str, str, str]]) -> None:
    print("| measure | value | bar |")
    print("|---|---|---|")
    for measure, value, bar in rows:
        print(f"| {measure} | {value} | {bar} |")


if __name__ == "__main__":
    raise SystemExit(main())
