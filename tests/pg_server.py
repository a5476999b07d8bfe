"""A throwaway PostgreSQL server for tests and benchmarks: initdb in a temp folder, started on a free loopback
port, stopped and removed afterwards. Uses the machine's PostgreSQL (Debian's `postgresql` package; installed by
scripts/install_postgres.sh). PostgreSQL refuses to run as root, so as root it runs as the `postgres` user.

    python tests/pg_server.py        # start one, print its URL, stop on Ctrl-C (for trying things by hand)
"""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path


def _bin(name: str) -> str:
    found = shutil.which(name) or next(iter(sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"), reverse=True)), None)
    if not found:
        raise RuntimeError(f"PostgreSQL's {name} is not installed: run scripts/install_postgres.sh")
    return found


def available() -> bool:
    try:
        _bin("initdb")
        return True
    except RuntimeError:
        return False


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _as_owner(command: list[str]) -> list[str]:
    return ["runuser", "-u", "postgres", "--", *command] if os.geteuid() == 0 else command


@dataclass
class PgServer:
    folder: Path
    port: int

    @property
    def url(self) -> str:
        return f"postgresql://assistant@127.0.0.1:{self.port}/assistant"

    @classmethod
    def start(cls, folder: Path | None = None) -> PgServer:
        folder = Path(folder or tempfile.mkdtemp(prefix="pg-"))
        data = folder / "data"
        data.mkdir(parents=True, exist_ok=True)
        if os.geteuid() == 0:
            shutil.chown(folder, "postgres")
            shutil.chown(data, "postgres")
        port = _free_port()
        subprocess.run(_as_owner([_bin("initdb"), "-D", str(data), "-U", "assistant", "-A", "trust", "-E", "UTF8",
                                  "--locale=C.UTF-8", "--no-sync"]), check=True, capture_output=True, timeout=120)
        options = f"-p {port} -k {data} -c listen_addresses=127.0.0.1 -c fsync=on -c max_connections=200"
        subprocess.run(_as_owner([_bin("pg_ctl"), "-D", str(data), "-o", options, "-l", str(data / "server.log"),
                                  "-w", "-t", "60", "start"]), check=True, capture_output=True, timeout=90)
        server = cls(folder, port)
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            created = subprocess.run([_bin("createdb"), "-h", "127.0.0.1", "-p", str(port), "-U", "assistant", "assistant"],
                                     capture_output=True)
            if created.returncode == 0 or b"already exists" in created.stderr:
                return server
            time.sleep(0.3)
        raise RuntimeError("PostgreSQL did not start: " + (data / "server.log").read_text(errors="replace")[-2000:])

    def stop(self) -> None:
        subprocess.run(_as_owner([_bin("pg_ctl"), "-D", str(self.folder / "data"), "-m", "fast", "-w", "stop"]),
                       capture_output=True, timeout=60)
        shutil.rmtree(self.folder, ignore_errors=True)


if __name__ == "__main__":
    server = PgServer.start()
    print(server.url, flush=True)
    try:
        while True:
            time.sleep(3600)
    except KeyboardInterrupt:
        server.stop()
