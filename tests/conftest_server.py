"""Start the real server in a subprocess for end-to-end tests (and scripts/bench_load.py).

The one place that knows how the server is started (`python -m assistant serve --host --port`, as an
administrator would). Every test server gets its own knowledge copy, index and data folder, so tests
never touch the checkout's index or each other.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
PYTHON = sys.executable
START_TIMEOUT = 90.0  # seconds: importing Gradio and loading the model take a few on a busy CI machine

def serve_command(host: str, port: int) -> list[str]:
    return [PYTHON, "-m", "assistant", "serve", "--host", host, "--port", str(port)]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _base_env() -> dict[str, str]:
    # No WeCom channel and no developer's .env: a test server answers only what the test sends it.
    env = {k: v for k, v in os.environ.items() if not k.startswith("WECOM_")}
    env["ASSISTANT_ENV_FILE"] = os.devnull
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(ROOT), env.get("PYTHONPATH", "")) if p)
    env["GRADIO_ANALYTICS_ENABLED"] = "False"
    env["PYTHONUNBUFFERED"] = "1"
    return env


# The official PHP/C++ sample credentials of the WeCom reference, and a secret of our own.
TEST_WECOM = {"WECOM_CORP_ID": "wx5823bf96d3bd56c7", "WECOM_AGENT_ID": "218", "WECOM_SECRET": "test-secret",
              "WECOM_TOKEN": "QDG6eK", "WECOM_AES_KEY": "jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C"}
NO_WECOM_API = "http://127.0.0.1:9"  # the channel is on but no test here sends through it


def signed_user_cookie(user: str) -> str:
    """A `wecom_userid` cookie as the OAuth callback of a server started with TEST_WECOM sets it."""
    from assistant.adapters.wecom import sign_user_cookie

    return sign_user_cookie(TEST_WECOM["WECOM_SECRET"], user, 3600)


@dataclass
class Workspace:
    """A private copy of the knowledge folder plus empty index and data folders."""

    root: Path
    env: dict[str, str] = field(default_factory=dict)

    @property
    def knowledge_dir(self) -> Path:
        return self.root / "knowledge"

    @property
    def data_dir(self) -> Path:
        return self.root / "data"

    @classmethod
    def create(cls, root: Path, wecom_api: str | None = None) -> Workspace:
        """`wecom_api`: turn the WeCom channel on (test credentials) with its API at that base URL."""
        root.mkdir(parents=True, exist_ok=True)
        shutil.copytree(ROOT / "knowledge", root / "knowledge", dirs_exist_ok=True)
        env = _base_env() | {
            "ASSISTANT_KNOWLEDGE_DIR": str(root / "knowledge"), "ASSISTANT_INDEX_DIR": str(root / "index"),
            "ASSISTANT_DATA_DIR": str(root / "data"), "ASSISTANT_PROMPTS_DIR": str(ROOT / "prompts"),
            "ASSISTANT_RATE_PER_MINUTE": "0",  # tests send bursts from one address; the rate limit has its own test
        }
        if wecom_api:
            env |= TEST_WECOM | {"WECOM_API_BASE": wecom_api}
        return cls(root, env)

    def build_index(self) -> subprocess.CompletedProcess:
        """Build (or rebuild) the index in a separate process, as `assistant index` would."""
        code = ("from assistant.settings import Settings; from assistant.core import Assistant; "
                "print(Assistant(Settings.from_env()).build_index())")
        return subprocess.run([PYTHON, "-c", code], cwd=ROOT, env=self.env, capture_output=True, text=True,
                              timeout=300, check=True)


@dataclass
class Server:
    process: subprocess.Popen
    url: str
    log_path: Path

    @property
    def pid(self) -> int:
        return self.process.pid

    def log(self) -> str:
        return self.log_path.read_text(encoding="utf-8", errors="replace")

    def rss_kb(self) -> int:
        """Resident memory of the server process (VmRSS), in KiB."""
        for line in Path(f"/proc/{self.pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
        return 0

    def stop(self, timeout: float = 20.0) -> int:
        """Graceful stop (SIGTERM runs the app's shutdown), then a kill if it hangs. Uvicorn re-raises
        the signal once shut down, so a clean stop returns -SIGTERM; the log says whether it was clean."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(10)
        return self.process.returncode


def start_server(workspace: Workspace, host: str = "127.0.0.1", port: int | None = None) -> Server:
    """Start the server on a free port and wait until /api/health answers 200."""
    port = port or free_port()
    log_path = workspace.root / f"server-{port}.log"
    log_file = log_path.open("wb")
    process = subprocess.Popen(serve_command(host, port), cwd=ROOT, env=workspace.env, stdout=log_file,
                               stderr=subprocess.STDOUT, start_new_session=True)
    log_file.close()  # the child holds its own descriptor
    server = Server(process, f"http://{host}:{port}", log_path)
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"server exited with {process.returncode}:\n{server.log()[-4000:]}")
        try:
            if httpx.get(f"{server.url}/api/health", timeout=2).status_code == 200:
                return server
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    server.stop()
    raise RuntimeError(f"server did not answer within {START_TIMEOUT:.0f} s:\n{server.log()[-4000:]}")


def poll_rows(database: Path, sql: str, params: tuple = (), expect: int = 1, timeout: float = 10.0) -> list[tuple]:
    """Rows of a query on a server's SQLite file, polled until there are `expect` of them (the server
    writes its conversation log from a background thread)."""
    import sqlite3

    deadline = time.monotonic() + timeout
    while True:
        rows = []
        if database.exists():
            with sqlite3.connect(database) as db:
                try:
                    rows = db.execute(sql, params).fetchall()
                except sqlite3.OperationalError:  # the table is not created yet
                    rows = []
        if len(rows) >= expect or time.monotonic() > deadline:
            return rows
        time.sleep(0.05)
