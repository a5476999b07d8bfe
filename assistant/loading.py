"""Files in a knowledge folder → Documents (txt, md, docx, pdf, html), with their metadata.

Metadata comes from a sidecar `<file>.meta.toml` or front matter (`---` / `key: value` lines / `---`)
at the top of a txt or md file. Files and folders whose names start with `_` or `.` are data files
(synonyms, dictionaries), not documents. A file that cannot be read is reported by name and skipped:
one bad upload never stops the rest from being indexed.

Headings found by the loaders (docx heading styles, html h1–h6, markdown #) are written as
markdown `#` lines, so the chunker sees one format whatever the source.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from .types import Document, DocumentInfo

SUPPORTED = {".txt", ".md", ".markdown", ".docx", ".pdf", ".html", ".htm"}
META_SUFFIX = ".meta.toml"
META_KEYS = ("title", "issuer", "region", "year", "kind", "scope", "short")


class UnreadableFile(Exception):
    """A file that is empty, corrupt or of a type we do not read; the message names the reason."""


@dataclass
class LoadReport:
    documents: list[Document] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (relative path, reason in Chinese)


def is_data_file(path: Path, root: Path) -> bool:
    """Underscore/dot names (anywhere below root) and sidecars are not documents."""
    parts = path.relative_to(root).parts
    return any(p.startswith(("_", ".")) for p in parts) or path.name.endswith(META_SUFFIX)


def load_folder(root: Path) -> LoadReport:
    """Read every document below `root`, in a stable order."""
    report = LoadReport()
    for path in sorted(p for p in Path(root).rglob("*") if p.is_file()):
        if is_data_file(path, root) or path.name.lower() == "readme.md":
            continue
        rel = path.relative_to(root).as_posix()
        if path.suffix.lower() not in SUPPORTED:
            report.skipped.append((rel, f"不支持的文件类型 {path.suffix or '（无扩展名）'}"))
            continue
        try:
            report.documents.append(load_file(path, rel))
        except UnreadableFile as exc:
            report.skipped.append((rel, str(exc)))
    return report


def load_file(path: Path, rel: str | None = None) -> Document:
    suffix = path.suffix.lower()
    reader = {".docx": _read_docx, ".pdf": _read_pdf, ".html": _read_html, ".htm": _read_html}.get(suffix, _read_text)
    try:
        text, found_meta = reader(path)
    except UnreadableFile:
        raise
    except Exception as exc:  # parsers raise many types for a corrupt file; all mean "unreadable"
        raise UnreadableFile(f"文件已损坏或无法解析（{type(exc).__name__}）") from exc
    text = _normalise(text)
    if not text.strip():
        raise UnreadableFile("文件为空或没有可提取的文字")
    meta = {k: str(v) for k, v in found_meta.items() if k in META_KEYS} | _sidecar(path)
    meta["title"] = meta.get("title") or _first_heading(text) or path.stem
    return Document(info=DocumentInfo.from_dict(meta | {"id": rel or path.name}), text=text)


def _sidecar(path: Path) -> dict:
    for candidate in (path.with_name(path.name + META_SUFFIX), path.with_suffix(META_SUFFIX)):
        if candidate.is_file():
            try:
                data = tomllib.loads(candidate.read_text(encoding="utf-8"))
            except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
                raise UnreadableFile(f"元数据文件 {candidate.name} 格式错误：{exc}") from exc
            return {k: str(v) for k, v in data.items() if k in META_KEYS}
    return {}


def _decode(raw: bytes) -> str:
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise UnreadableFile("无法识别文件编码（请保存为 UTF-8）")


def _read_text(path: Path) -> tuple[str, dict]:
    text = _decode(path.read_bytes())
    meta: dict = {}
    match = re.match(r"\A---\s*\n(.*?)\n---\s*\n", text, re.S)
    if match:  # front matter: simple `key: value` lines
        for line in match.group(1).splitlines():
            key, sep, value = line.partition(":")
            if sep:
                meta[key.strip()] = value.strip().strip("\"'")
        text = text[match.end():]
    return text, meta


def _read_docx(path: Path) -> tuple[str, dict]:
    import docx  # python-docx; imported here so the package loads without it

    document = docx.Document(str(path))
    lines = []
    for para in document.paragraphs:
        style = (para.style.name or "").lower() if para.style is not None else ""
        level = re.search(r"heading (\d)|标题 ?(\d)", style)
        text = para.text.strip()
        if not text:
            continue
        lines.append(f"{'#' * int(level.group(1) or level.group(2))} {text}" if level else text)
    for table in document.tables:
        for row in table.rows:
            lines.append("，".join(cell.text.strip() for cell in row.cells if cell.text.strip()) + "。")
    meta = {"title": document.core_properties.title} if document.core_properties.title else {}
    return "\n".join(lines), meta


def _read_pdf(path: Path) -> tuple[str, dict]:
    from pypdf import PdfReader

    reader = PdfReader(str(path))
    pages = [page.extract_text() or "" for page in reader.pages]
    # PDF text arrives with hard line breaks inside paragraphs: join lines that do not end a sentence.
    text = "\n".join(pages)
    text = re.sub(r"(?<![。！？!?；;：:])\n(?!\s*$)", "", text)
    title = (reader.metadata or {}).get("/Title") if reader.metadata else None
    return text, ({"title": str(title)} if title else {})


def _read_html(path: Path) -> tuple[str, dict]:
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(_decode(path.read_bytes()), "html.parser")
    for tag in soup(["script", "style", "nav", "footer", "noscript"]):
        tag.decompose()
    lines = []
    for el in soup.find_all(["h1", "h2", "h3", "h4", "h5", "h6", "p", "li", "td", "pre"]):
        if el.find(["p", "li", "td"]):  # containers: their children are visited themselves
            continue
        text = " ".join(el.get_text(" ", strip=True).split())
        if text:
            lines.append(f"{'#' * int(el.name[1])} {text}" if el.name[0] == "h" and len(el.name) == 2 else text)
    title = soup.title.get_text(strip=True) if soup.title else ""
    return "\n".join(lines), ({"title": title} if title else {})


def _normalise(text: str) -> str:
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u3000", " ").replace("\ufeff", "")
    return "\n".join(line.strip() for line in text.split("\n") if line.strip())


def _first_heading(text: str) -> str:
    for line in text.split("\n")[:5]:
        if line.startswith("#"):
            return line.lstrip("#").strip()
    return ""
