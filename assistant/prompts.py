"""User-facing wording, kept as TOML files in `prompts/` so operators edit it without code.

`Prompts.render("answer.refusal", topics=...)` reads key `refusal` from `prompts/answer.toml`.
A missing file, key or variable fails loudly: silent empty wording is worse than a crash at start-up.
"""

from __future__ import annotations

import string
import tomllib
from pathlib import Path

from .errors import ConfigError


class Prompts:
    """Loads every `*.toml` in a folder once; renders `file.key` templates with `{name}` fields."""

    def __init__(self, folder: Path) -> None:
        self.folder = Path(folder)
        self._tables: dict[str, dict] = {}
        if not self.folder.is_dir():
            raise ConfigError(f"提示词目录不存在：{self.folder}", "检查 ASSISTANT_PROMPTS_DIR 设置")
        for path in sorted(self.folder.glob("*.toml")):
            try:
                self._tables[path.stem] = tomllib.loads(path.read_text(encoding="utf-8"))
            except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
                raise ConfigError(f"提示词文件格式错误：{path.name}", str(exc)) from exc

    def get(self, key: str) -> str | list | dict:
        """Raw value for `file.key` (strings, lists and tables are all allowed)."""
        table, _, name = key.partition(".")
        try:
            return self._tables[table][name]
        except KeyError:
            raise ConfigError(f"缺少提示词：{key}", f"在 {self.folder}/{table}.toml 中添加 {name}") from None

    def has(self, key: str) -> bool:
        """Whether `file.key` exists (for wording added in a later version, which older prompt folders lack)."""
        table, _, name = key.partition(".")
        return name in self._tables.get(table, {})

    def render(self, key: str, **values: object) -> str:
        """Fill a template; every `{field}` it names must be given."""
        template = self.get(key)
        if not isinstance(template, str):
            raise ConfigError(f"提示词 {key} 不是文本", "检查 TOML 中的类型")
        fields = {f for _, f, _, _ in string.Formatter().parse(template) if f}
        missing = fields - values.keys()
        if missing:
            raise ConfigError(f"提示词 {key} 缺少变量：{', '.join(sorted(missing))}", "检查模板中的 {变量名}")
        return template.format(**values)
