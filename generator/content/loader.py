"""Reading YAML safely, remembering where every value came from.

A document is composed into nodes with PyYAML's SafeLoader and then built into
plain Python values by hand, so that we can
- count nodes as aliases expand and stop an "alias bomb" early,
- refuse duplicate keys (YAML would silently keep the last one),
- keep ``14:00`` a string (YAML 1.1 would read it as the number 840),
- record the line and column of every key and value for error messages.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .errors import ERROR, WARNING, Problem

MAX_FILE_BYTES = 1_000_000
MAX_NODES = 20_000  # after alias expansion; a large activity has about 1,000

# libyaml's parser is about ten times faster and gives the same marks.
SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

MERGE_TAG = "tag:yaml.org,2002:merge"
PLAIN_TAGS = {f"tag:yaml.org,2002:{name}" for name in ("str", "int", "float", "bool", "null", "timestamp", "map", "seq")}

Loc = tuple[str | int, ...]

RESAVE_HINT = "请用记事本或 VS Code 打开该文件，选择“另存为”，编码选“UTF-8”后保存"


@dataclass
class Located:
    """A loaded document: its data plus the position of every path in it."""

    path: str
    data: Any
    values: dict[Loc, tuple[int, int]] = field(default_factory=dict)
    keys: dict[Loc, tuple[int, int]] = field(default_factory=dict)
    warnings: list[Problem] = field(default_factory=list)

    def position(self, loc: Loc, *, key: bool = False) -> tuple[int, int]:
        """Line and column (1-based) of the deepest known part of ``loc``."""
        known: Loc = ()
        for part in loc:
            candidate = (*known, part)
            if candidate in self.values:
                known = candidate
            # parts that are not keys in the file (union tags, model names) are skipped
        if key and known in self.keys:
            return self.keys[known]
        return self.values.get(known, (1, 1))


class YamlError(Exception):
    def __init__(self, problem: Problem):
        self.problem = problem
        super().__init__(str(problem))


def read_text(path: Path, shown: str) -> tuple[str, list[Problem]]:
    """Decode a file as UTF-8 (with or without BOM); GBK files are read with a warning."""
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        raise YamlError(Problem(shown, 1, 1, f"文件太大（{size // 1024} KB，上限 {MAX_FILE_BYTES // 1000} KB），"
                                         "请把内容拆成多个文件，照片请放在 content/media/ 下"))
    raw = path.read_bytes()
    try:
        return raw.decode("utf-8-sig"), []
    except UnicodeDecodeError as error:
        position = error.start
    try:
        text = raw.decode("gb18030")
    except UnicodeDecodeError:
        line = raw[:position].count(b"\n") + 1
        raise YamlError(Problem(shown, line, 1, f"文件不是 UTF-8 编码，无法读取。{RESAVE_HINT}")) from None
    line = raw[:position].count(b"\n") + 1
    warning = Problem(shown, line, 1, f"文件是 GBK/GB18030 编码，已按 GBK 读取。{RESAVE_HINT}", WARNING)
    return text, [warning]


def load_yaml(path: Path, shown: str | None = None) -> Located:
    """Load one YAML file; raises YamlError with a located Chinese message."""
    shown = shown or Path(path).as_posix()
    text, warnings = read_text(Path(path), shown)
    return parse_yaml(text, shown, warnings)


def parse_yaml(text: str, shown: str, warnings: list[Problem] | None = None) -> Located:
    """YAML from text (a file's, or a news file's front matter padded to its lines); raises YamlError."""
    warnings = warnings or []
    loader = SafeLoader(text)
    try:
        node = loader.get_single_node()
    except yaml.MarkedYAMLError as error:
        raise YamlError(_syntax_problem(shown, error, text)) from None
    except yaml.YAMLError as error:
        raise YamlError(Problem(shown, 1, 1, f"YAML 格式错误：{error}")) from None
    finally:
        loader.dispose()
    located = Located(shown, None, warnings=warnings)
    if node is None:
        located.data = {}
        return located
    builder = _Builder(located, loader)
    located.data = builder.build(node, ())
    return located


def _syntax_problem(shown: str, error: yaml.MarkedYAMLError, text: str) -> Problem:
    mark = error.problem_mark or error.context_mark
    line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    problem = error.problem or ""
    source_lines = text.splitlines()
    indent = source_lines[line - 1][:column] if line <= len(source_lines) else ""
    if "tab" in problem or "\t" in indent:
        hint = "这一行用了 Tab 键缩进，请改用空格"
    elif "mapping values are not allowed" in problem:
        hint = "冒号用法不对：冒号后面要有空格；如果内容本身含有冒号，请给整段内容加上引号"
    elif "could not find expected ':'" in problem:
        hint = "缺少冒号，请写成“键: 值”（冒号后加空格）"
    elif "found character" in problem and "that cannot start any token" in problem:
        hint = "这里有一个不能作为开头的字符（例如 @ 或 `），请给这段内容加上引号"
    elif "expected <block end>" in problem or "bad indentation" in problem:
        hint = "缩进不对齐，请检查这一行和上一行前面的空格数"
    elif "found undefined alias" in problem:
        hint = "引用了不存在的锚点（*名字），请检查拼写"
    elif "found unknown escape character" in problem:
        hint = "双引号里的反斜杠 \\ 用法不对，请改用单引号或去掉反斜杠"
    else:
        hint = "YAML 格式错误，请检查这一行的缩进、冒号和引号"
    return Problem(shown, line, column, hint)


class _Builder:
    """Turns composed nodes into Python values, counting and locating them."""

    def __init__(self, located: Located, loader: yaml.SafeLoader):  # or the C loader
        self.located = located
        self.loader = loader
        self.count = 0

    def build(self, node: yaml.Node, loc: Loc) -> Any:
        self.count += 1
        if self.count > MAX_NODES:
            raise YamlError(self._at(node, "文件展开后内容过多（可能是锚点 & 和别名 * 层层引用），"
                                         "请不要用别名复制大段内容"))
        self.located.values.setdefault(loc, _pos(node))
        if node.tag not in PLAIN_TAGS:
            shown = node.tag.replace("tag:yaml.org,2002:", "!!")
            raise YamlError(self._at(node, f"不支持 YAML 标签“{shown}”，请删掉它"))
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, loc)
        if isinstance(node, yaml.SequenceNode):
            return [self.build(child, (*loc, i)) for i, child in enumerate(node.value)]
        return self._scalar(node)

    def _mapping(self, node: yaml.MappingNode, loc: Loc) -> dict:
        explicit = [pair for pair in node.value if pair[0].tag != MERGE_TAG]
        self.loader.flatten_mapping(node)  # pairs from "<<: *anchor" now come first
        inherited = node.value[: len(node.value) - len(explicit)]
        result: dict = {}
        for key_node, value_node in inherited:
            key = self._key(key_node)
            result[key] = self.build(value_node, (*loc, key))
        seen: set[str] = set()
        for key_node, value_node in explicit:
            key = self._key(key_node)
            if key in seen:
                raise YamlError(self._at(key_node, f"键“{key}”在同一层重复出现，请删掉或合并其中一个"))
            seen.add(key)
            self.located.keys[(*loc, key)] = _pos(key_node)
            self.located.values.pop((*loc, key), None)  # an explicit key overrides an inherited one
            result[key] = self.build(value_node, (*loc, key))
        return result

    def _key(self, node: yaml.Node) -> str:
        if not isinstance(node, yaml.ScalarNode):
            raise YamlError(self._at(node, "键必须是简单的文字"))
        return str(self._scalar(node))

    def _scalar(self, node: yaml.Node) -> Any:
        if node.tag == "tag:yaml.org,2002:str" and node.style in (None, "", ">") \
                and node.end_mark.line > node.start_mark.line:
            return _unfold(node.value)
        if node.tag in ("tag:yaml.org,2002:int", "tag:yaml.org,2002:float") and ":" in node.value:
            return node.value  # 14:00 is a time, not YAML 1.1's base-60 number
        if node.tag == "tag:yaml.org,2002:timestamp" and len(node.value) > 10:
            return node.value  # date-times are not used; let validation explain
        try:
            return self.loader.construct_object(node, deep=True)
        except (yaml.YAMLError, ValueError) as error:
            if node.tag == "tag:yaml.org,2002:timestamp":
                return node.value  # an impossible date such as 2026-02-30; validation locates it
            raise YamlError(self._at(node, f"无法读取这个值：{error}")) from None

    def _at(self, node: yaml.Node, message: str) -> Problem:
        line, column = _pos(node)
        return Problem(self.located.path, line, column, message, ERROR)


_FOLD_GAP = re.compile(r"(?<=[\u2e80-\u9fff\uf900-\uffef]) (?=[\u2e80-\u9fff\uf900-\uffef])")


def _unfold(text: str) -> str:
    """YAML folds a wrapped line into a space; between Chinese characters that space is a stray gap."""
    return _FOLD_GAP.sub("", text)


def _pos(node: yaml.Node) -> tuple[int, int]:
    return node.start_mark.line + 1, node.start_mark.column + 1
