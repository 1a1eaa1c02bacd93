"""Loading hostile or oddly encoded files: safe, bounded, and explained in Chinese."""

from __future__ import annotations

import time

from generator.content import loader
from generator.content.project import load_project

from .conftest import MINIMAL_ACTIVITY


def messages(scratch) -> list[str]:
    return [str(p) for p in load_project(scratch.root, strict=False).problems]


def test_utf8_with_bom_is_read(scratch):
    path = scratch.root / "content/activities/a.yaml"
    path.write_bytes(b"\xef\xbb\xbf" + MINIMAL_ACTIVITY.encode("utf-8"))
    project = load_project(scratch.root)
    assert project.activity("a").title == "情暖重阳·走进敬老院志愿服务活动"


def test_gbk_file_is_read_with_a_resave_warning(scratch):
    path = scratch.root / "content/activities/a.yaml"
    path.write_bytes(MINIMAL_ACTIVITY.encode("gbk"))
    project = load_project(scratch.root)
    assert project.activity("a").location == "竹亭镇敬老院"
    assert [str(p) for p in project.warnings] == [
        "content/activities/a.yaml:1:1: 警告：文件是 GBK/GB18030 编码，已按 GBK 读取。"
        "请用记事本或 VS Code 打开该文件，选择“另存为”，编码选“UTF-8”后保存"
    ]


def test_bytes_in_no_known_encoding_are_rejected(scratch):
    path = scratch.root / "content/activities/a.yaml"
    path.write_bytes(MINIMAL_ACTIVITY.encode("utf-8") + b"notes: \x80\xff\x80\xff\n")
    assert messages(scratch) == [
        "content/activities/a.yaml:7:1: 文件不是 UTF-8 编码，无法读取。"
        "请用记事本或 VS Code 打开该文件，选择“另存为”，编码选“UTF-8”后保存"
    ]


def test_alias_bomb_is_refused_quickly(scratch):
    lines = ['a0: &a0 ["哈哈哈哈哈哈哈哈"]']
    for i in range(1, 12):
        previous = f"*a{i - 1}"
        lines.append(f"a{i}: &a{i} [{', '.join([previous] * 10)}]")
    scratch.activity("a", MINIMAL_ACTIVITY + "\n".join(lines).replace("a0:", "x0:", 0) + "\n")
    started = time.perf_counter()
    found = messages(scratch)
    assert time.perf_counter() - started < 5  # a sanity bound, not a benchmark: 10^11 nodes would never finish
    assert len(found) == 1
    assert found[0].startswith("content/activities/a.yaml:")
    assert found[0].endswith("文件展开后内容过多（可能是锚点 & 和别名 * 层层引用），请不要用别名复制大段内容")


def test_modest_aliases_and_merge_keys_work(scratch):
    scratch.activity("a", MINIMAL_ACTIVITY + """\
groups:
  - &first {name: 第一组, leader: 王芳, members: [张三, 李四]}
  - {<<: *first, name: 第二组}
""")
    groups = load_project(scratch.root).activity("a").groups
    assert [(g.name, g.leader) for g in groups] == [("第一组", "王芳"), ("第二组", "王芳")]


def test_oversized_file_is_refused(scratch, monkeypatch):
    path = scratch.activity("a", MINIMAL_ACTIVITY + "background: " + "很" * 400_000 + "\n")
    assert path.stat().st_size > loader.MAX_FILE_BYTES
    assert messages(scratch) == [
        "content/activities/a.yaml:1:1: 文件太大（1172 KB，上限 1000 KB），请把内容拆成多个文件，照片请放在 content/media/ 下"
    ]


def test_empty_and_non_mapping_files(scratch):
    scratch.activity("a", "")
    scratch.activity("b", "- 只是一个列表\n")
    found = messages(scratch)
    assert "content/activities/a.yaml:1:1: 缺少必填项“title”，请补上" in found
    assert found[-1] == "content/activities/b.yaml:1:1: 文件内容应该是“键: 值”形式（例如 title: 活动名称），现在不是"


def test_folded_chinese_lines_join_without_a_gap(scratch):
    scratch.activity("a", MINIMAL_ACTIVITY + """\
background: >-
  随着人口老龄化程度不断加深，
  空巢老人的生活照料问题日益突出
theme: 孝亲敬老 情暖重阳
purpose:
  - 弘扬尊老敬老的
    传统美德
""")
    activity = load_project(scratch.root).activity("a")
    assert activity.background == "随着人口老龄化程度不断加深，空巢老人的生活照料问题日益突出"
    assert activity.purpose == ["弘扬尊老敬老的传统美德"]
    assert activity.theme == "孝亲敬老 情暖重阳"  # a space the organiser typed on one line stays
