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
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import yaml

from .errors import ERROR, WARNING, Problem

MAX_FILE_BYTES = 1_000_000
MAX_NODES = 20_000  # after alias expansion; a large activity has about 1,000
MAX_DEPTH = 40  # nesting levels; an activity needs 5
MAX_DIGITS = 30  # an integer longer than this is a typing slip (Python refuses 4,300)

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

    def keys_at(self, loc: Loc) -> set:
        """The keys written in the file at ``loc`` (not those a default filled in)."""
        return {k[len(loc)] for k in self.keys if len(k) == len(loc) + 1 and k[:len(loc)] == loc}

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
    """A file that cannot be read; ``problems`` has every syntax error found (``problem`` is the first)."""

    def __init__(self, problem: Problem, more: list[Problem] | None = None):
        self.problems = sorted({problem, *(more or [])})
        self.problem = self.problems[0]
        super().__init__("\n".join(str(p) for p in self.problems))


# C0 and C1 control characters other than tab and line breaks; libyaml refuses them unlocated,
# and XML (docx, site) cannot carry them.
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
CONTROL_MESSAGE = ("这里有一个看不见的控制字符（U+{code}），通常是从网页、微信或 Word 复制时带进来的，"
                   "请删掉它（可以把这段文字重新输入一遍）")


def control_problem(text: str) -> str | None:
    """The Chinese message for an invisible control character in ``text``, or None."""
    found = CONTROL.search(text)
    if not found:
        return None
    return CONTROL_MESSAGE.format(code=f"{ord(found[0]):04X}")


def _control_problems(shown: str, text: str) -> list[Problem]:
    found: list[Problem] = []
    if not CONTROL.search(text):
        return found
    for number, line in enumerate(text.split("\n"), start=1):
        if (match := CONTROL.search(line)) and (message := control_problem(line)):
            found.append(Problem(shown, number, match.start() + 1, message))
    return found


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


_PARSED: dict[tuple, Located] = {}  # (shown, text, warnings) → the file parsed: one build reads a file several times
_PARSED_MAX = 4096


def load_yaml(path: Path, shown: str | None = None) -> Located:
    """Load one YAML file; raises YamlError with a located Chinese message.

    A file whose text was parsed before in this process is not parsed again (the project, the
    records and the masking warnings each read every activity file); each caller gets its own copy.
    """
    shown = shown or Path(path).as_posix()
    text, warnings = read_text(Path(path), shown)
    key = (shown, text, tuple(warnings))
    parsed = _PARSED.get(key)
    if parsed is None:
        parsed = parse_yaml(text, shown, warnings)
        if len(_PARSED) >= _PARSED_MAX:  # a long `huodong serve` sees many versions of the files
            _PARSED.clear()
        _PARSED[key] = parsed
    return replace(parsed, warnings=list(parsed.warnings))


def parse_yaml(text: str, shown: str, warnings: list[Problem] | None = None) -> Located:
    """YAML from text (a file's, or a news file's front matter padded to its lines); raises YamlError."""
    warnings = warnings or []
    if control := _control_problems(shown, text):
        raise YamlError(control[0], control[1:])
    try:
        node, loader = _compose(text)
    except yaml.YAMLError:
        problems = syntax_problems(shown, text)
        raise YamlError(problems[0], problems[1:]) from None
    located = Located(shown, None, warnings=warnings)
    if node is None:
        located.data = {}
        return located
    builder = _Builder(located, loader, text.split("\n"))
    try:
        located.data = builder.build(node, ())
    except RecursionError:
        raise YamlError(Problem(shown, 1, 1, "文件嵌套层数太多，请检查缩进或删掉多余的括号")) from None
    return located


def _compose(text: str) -> tuple[yaml.Node | None, Any]:
    loader = SafeLoader(text)
    try:
        return loader.get_single_node(), loader
    except RecursionError:
        raise yaml.YAMLError("too deep") from None
    finally:
        loader.dispose()


# ---- syntax errors: located where the organiser must act, as many as can be found ----

_KEY_START = r"^(?P<lead>\s*(?:-\s+)?)(?P<key>[A-Za-z_][\w-]*)\s*"
_FULLWIDTH_COLON = re.compile(_KEY_START + r"(?P<colon>：)")
_NO_SPACE = re.compile(_KEY_START + r"(?P<colon>:)(?=[^\s/])")


def syntax_problems(shown: str, text: str) -> list[Problem]:
    """Every syntax error of a file that does not parse.

    Lines are checked for the usual slips first (full-width colon, no space after
    the colon); then each top-level key block is parsed on its own, so that one
    broken block does not hide the errors of the others.
    """
    lines = text.split("\n")
    found: dict[int, Problem] = {}
    for number, line in enumerate(lines, start=1):
        if match := _FULLWIDTH_COLON.match(line):
            found[number] = Problem(shown, number, match.start("colon") + 1,
                                    "把全角冒号“：”改成半角“:”，冒号后面加一个空格")
        elif match := _NO_SPACE.match(line):
            found[number] = Problem(shown, number, match.start("colon") + 2, "冒号后面要加一个空格")
    for first, last in _blocks(lines):
        if any(first <= n <= last for n in found):
            continue
        chunk = "\n" * (first - 1) + "\n".join(lines[first - 1:last])
        try:
            node, _ = _compose(chunk)
        except yaml.MarkedYAMLError as error:
            problem = _syntax_problem(shown, error, text)
            found.setdefault(problem.line, problem)
            continue
        except yaml.YAMLError:
            found.setdefault(first, Problem(shown, first, 1, "文件嵌套层数太多，请检查缩进或删掉多余的括号"))
            continue
        if node is not None and not isinstance(node, yaml.MappingNode):
            found.setdefault(first, Problem(shown, first, 1, _LOST_INDENT))
    if not found:  # the blocks parse alone but not together (e.g. a duplicate anchor)
        try:
            _compose(text)
        except yaml.MarkedYAMLError as error:
            problem = _syntax_problem(shown, error, text)
            found[problem.line] = problem
        except yaml.YAMLError:
            found[1] = Problem(shown, 1, 1, "文件嵌套层数太多，请检查缩进或删掉多余的括号")
    return sorted(found.values())


_LOST_INDENT = ("这一行顶格写了，但它不是“键: 值”：如果它接着上一行的内容，请在行首加两个空格缩进，"
                "或把它接到上一行末尾")


def _blocks(lines: list[str]) -> list[tuple[int, int]]:
    """(first, last) line numbers of each top-level block: a line starting at column 1 and its indented lines."""
    starts = [n for n, line in enumerate(lines, start=1)
              if line[:1] and line[:1] not in " \t#-" and not line.startswith(("---", "..."))]
    ends = [s - 1 for s in starts[1:]] + [len(lines)]
    return list(zip(starts, ends))


def _syntax_problem(shown: str, error: yaml.MarkedYAMLError, text: str) -> Problem:
    context = error.context or ""
    opening = context.startswith(("while scanning a quoted scalar", "while parsing a flow", "while scanning a simple key"))
    mark = (error.context_mark if opening else None) or error.problem_mark or error.context_mark
    line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    problem = error.problem or ""
    source_lines = text.split("\n")
    while line > 1 and (line > len(source_lines) or not source_lines[line - 1].strip()):
        line, column = line - 1, 1  # the end of the file: point at its last written line
    source = source_lines[line - 1] if line <= len(source_lines) else ""
    indent = source[:column]
    if context.startswith("while scanning a quoted scalar"):
        quote = source[column - 1:column] or "\""
        hint = f"引号没有配对：这里的 {quote} 开始后一直没有结束，请在这段内容的末尾补上 {quote}"
    elif context.startswith("while parsing a flow"):
        bracket = source[column - 1:column]
        inside = error.problem_mark and error.context_mark and error.problem_mark.line == error.context_mark.line
        if inside or bracket not in ("{", "["):
            mark = error.problem_mark
            if mark.line < len(source_lines) and source_lines[mark.line].strip():
                line, column = mark.line + 1, mark.column + 1
            hint = "括号里的写法不对：{ } 和 [ ] 要成对，里面的各项用英文逗号“,”分开；内容本身有括号或逗号时请加上引号"
        else:
            hint = f"括号没有配对：这里的 {bracket} 没有对应的结束括号，请补上"
    elif context.startswith("while scanning a simple key") and ":" not in source:
        previous = next((l for l in reversed(source_lines[:line - 1]) if l.strip() and not l.lstrip().startswith("#")), "")
        hint = _LOST_INDENT if ":" in previous and not source.startswith(" ") \
            else "缺少冒号，请写成“键: 值”（冒号后加空格）；如果这一行接着上一行的内容，请和上一行的内容对齐缩进"
    elif "tab" in problem or "\t" in indent:
        hint = "这一行用了 Tab 键缩进，请改用空格"
    elif "mapping values are not allowed" in problem and _indented_under_value(source_lines, line):
        column = len(source) - len(source.lstrip(" ")) + 1
        hint = "这一行比上一行多缩进了：同一层的“键: 值”要左边对齐，请删掉行首多余的空格"
    elif "mapping values are not allowed" in problem:
        hint = "内容里的“: ”（冒号加空格）会被当成新的键：请把这个冒号改成全角“：”，或给整段内容加上引号"
    elif "could not find expected ':'" in problem:
        hint = "缺少冒号，请写成“键: 值”（冒号后加空格）"
    elif "found character" in problem and "that cannot start any token" in problem:
        hint = "这里有一个不能作为开头的字符（例如 @ 或 `），请给这段内容加上引号"
    elif "expected <block end>" in problem or "bad indentation" in problem:
        hint = "缩进不对齐，请检查这一行和上一行前面的空格数"
    elif "did not find expected key" in problem:
        hint = "这一行的缩进和同一层的其他“键: 值”没有对齐，请检查行首的空格数"
    elif "expected '-' indicator" in problem:
        hint = "列表的每一项都要以“- ”开头，并和上一项对齐，请检查这一行"
    elif "expected node content" in problem:
        hint = "这里缺少内容，或者多了一个符号（如 } ] , &），请检查"
    elif context.startswith("while scanning a block scalar"):
        hint = "“|”或“>”后面要换行再写内容；如果内容本来就以 > 或 | 开头，请给整段内容加上引号"
    elif "block sequence entries are not allowed" in problem:
        hint = "列表项“- ”要另起一行写，并比上面的键多缩进两个空格"
    elif "document start" in problem or "directive" in context or "directive" in problem:
        hint = "行首的 %、--- 或 ... 在 YAML 里有特殊含义，请删掉它，或给这段内容加上引号"
    elif "found undefined alias" in problem:
        hint = "引用了不存在的锚点（*名字），请检查拼写"
    elif "found unknown escape character" in problem:
        hint = "双引号里的反斜杠 \\ 用法不对，请改用单引号或去掉反斜杠"
    else:
        hint = "YAML 格式错误，请检查这一行的缩进、冒号和引号"
    return Problem(shown, line, column, hint)


def _indented_under_value(lines: list[str], line: int) -> bool:
    """Is line ``line`` a ``key: value`` indented deeper than a previous ``key: value`` line?"""
    here = lines[line - 1] if line <= len(lines) else ""
    previous = next((l for l in reversed(lines[:line - 1]) if l.strip() and not l.lstrip().startswith("#")), "")
    indent = len(here) - len(here.lstrip(" "))
    keyed = re.compile(r"^\s*(?:-\s+)?[\w-]+:\s+\S")
    return bool(keyed.match(here) and keyed.match(previous)) and indent > len(previous) - len(previous.lstrip(" -"))


class _Builder:
    """Turns composed nodes into Python values, counting and locating them."""

    def __init__(self, located: Located, loader: yaml.SafeLoader, lines: list[str]):  # or the C loader
        self.located = located
        self.loader = loader
        self.lines = lines
        self.count = 0
        self.open: list[int] = []  # ids of the collection nodes being built (an alias to one is a loop)

    def build(self, node: yaml.Node, loc: Loc) -> Any:
        self.count += 1
        if self.count > MAX_NODES:
            raise YamlError(self._at(node, "文件展开后内容过多（可能是锚点 & 和别名 * 层层引用），"
                                         "请不要用别名复制大段内容"))
        if id(node) in self.open:
            raise YamlError(self._at(node, "别名 * 引用了包含它自己的锚点 &（循环引用），请删掉这个别名"))
        if len(self.open) >= MAX_DEPTH:
            raise YamlError(self._at(node, f"嵌套层数太多（超过 {MAX_DEPTH} 层），请检查缩进或删掉多余的括号"))
        self.located.values.setdefault(loc, _pos(node))
        if node.tag not in PLAIN_TAGS:
            shown = node.tag.replace("tag:yaml.org,2002:", "!!")
            raise YamlError(self._at(node, f"不支持 YAML 标签“{shown}”，请删掉它"))
        if isinstance(node, yaml.ScalarNode):
            return self._scalar(node)
        self.open.append(id(node))
        try:
            if isinstance(node, yaml.MappingNode):
                return self._mapping(node, loc)
            return [self.build(child, (*loc, i)) for i, child in enumerate(node.value)]
        finally:
            self.open.pop()

    def _mapping(self, node: yaml.MappingNode, loc: Loc) -> dict:
        explicit = [pair for pair in node.value if pair[0].tag != MERGE_TAG]
        try:
            self.loader.flatten_mapping(node)  # pairs from "<<: *anchor" now come first
        except yaml.MarkedYAMLError as error:
            mark = error.problem_mark or error.context_mark
            line, column = (mark.line + 1, mark.column + 1) if mark else _pos(node)
            raise YamlError(Problem(self.located.path, line, column,
                                    "合并键“<<”后面只能写一个锚点引用（如 <<: *默认值）或一组“键: 值”，请改正或删掉这一行")) from None
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
        # the file's text has no control character (parse_yaml checked): only a double-quoted escape such as
        # "\x00" or "\e" can make one
        if node.style == '"' and isinstance(node.value, str) and (message := control_problem(node.value)):
            raise YamlError(self._at(node, message))
        if not node.style:  # plain (libyaml says "", PyYAML None)
            self._cut_by_comment(node)
        if node.tag == "tag:yaml.org,2002:str" and node.style in (None, "", ">") \
                and node.end_mark.line > node.start_mark.line:
            return _unfold(node.value)
        if node.tag in ("tag:yaml.org,2002:int", "tag:yaml.org,2002:float") and ":" in node.value:
            return node.value  # 14:00 is a time, not YAML 1.1's base-60 number
        if node.tag == "tag:yaml.org,2002:int" and sum(c.isdigit() for c in node.value) > MAX_DIGITS:
            raise YamlError(self._at(node, f"数字太长（{sum(c.isdigit() for c in node.value)} 位），请检查；"
                                           "如果它是编号，请加上引号"))
        if node.tag == "tag:yaml.org,2002:int" and re.fullmatch(r"[-+]?0[0-9_]+", node.value):
            return node.value  # 0571234567 is a phone number, not YAML 1.1's octal 98908535
        if node.tag == "tag:yaml.org,2002:float":
            return RawFloat.of(self.loader.construct_object(node, deep=True), node.value)
        if node.tag == "tag:yaml.org,2002:timestamp" and len(node.value) > 10:
            return node.value  # date-times are not used; let validation explain
        if node.tag == "tag:yaml.org,2002:str":
            return node.value  # what PyYAML's constructor returns for a string, without its dispatch
        try:
            return self.loader.construct_object(node, deep=True)
        except (yaml.YAMLError, ValueError) as error:
            if node.tag == "tag:yaml.org,2002:timestamp":
                return node.value  # an impossible date such as 2026-02-30; validation locates it
            raise YamlError(self._at(node, f"无法读取这个值：{error}")) from None

    def _cut_by_comment(self, node: yaml.Node) -> None:
        """``location: 居委会 #3会议室`` silently drops “#3会议室”: warn and suggest quotes."""
        line = node.end_mark.line
        if line >= len(self.lines):
            return
        rest = self.lines[line][node.end_mark.column:]
        match = _COMMENT_AFTER.match(rest) if "#" in rest else None
        if match and node.value and not match[1].startswith("#"):
            whole = f"{node.value} #{match[1]}".replace('"', '\\"')
            self.located.warnings.append(self._at(
                node, f"“#{match[1]}”被当成了注释，没有算进内容；如果它是内容的一部分，请给整个值加上引号，"
                      f"写成 \"{whole}\"", WARNING))

    def _at(self, node: yaml.Node, message: str, level: str = ERROR) -> Problem:
        line, column = _pos(node)
        return Problem(self.located.path, line, column, message, level)


_COMMENT_AFTER = re.compile(r"\s+#(\S.*)$")  # what follows a plain value on its line: a comment


class RawFloat(float):
    """A float that remembers how it was written: ``time: 8.30`` means 8:30, not 8.3."""

    text: str = ""

    @classmethod
    def of(cls, value: float, text: str) -> "RawFloat":
        result = cls(value)
        result.text = text
        return result


_FOLD_GAP = re.compile(r"(?<=[\u2e80-\u9fff\uf900-\uffef]) (?=[\u2e80-\u9fff\uf900-\uffef])")


def _unfold(text: str) -> str:
    """YAML folds a wrapped line into a space; between Chinese characters that space is a stray gap."""
    return _FOLD_GAP.sub("", text)


def _pos(node: yaml.Node) -> tuple[int, int]:
    return node.start_mark.line + 1, node.start_mark.column + 1
