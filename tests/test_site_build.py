"""build_site: content read once, the site swapped in only when the build succeeded; plain mkdocs works too."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from mkdocs.config import load_config

import generator.website.plugin as plugin_module
from generator.content.errors import ContentError
from generator.website.build import build_site

from .conftest import REPO

from .site_helpers import article, fixture_project, texts


def test_failed_build_leaves_the_previous_site(tmp_path):
    root = fixture_project(tmp_path / "project")
    build_site(root)
    before = (root / "site" / "index.html").read_bytes()
    bad = root / "content" / "activities" / "2026-yizhen.yaml"
    bad.write_text(bad.read_text(encoding="utf-8").replace("kind: clinic", "kind: party"), encoding="utf-8")
    with pytest.raises(ContentError) as caught:
        build_site(root)
    assert [p.message for p in caught.value.problems] == [
        "“party”不是可选的值，可以写：走访慰问（visit）、节日活动（festival）、外出实践（outing）、义诊服务（clinic）、结对帮扶项目（programme）"]
    assert (root / "site" / "index.html").read_bytes() == before
    assert sorted(p.name for p in root.iterdir() if p.name.startswith(".site")) == []


def test_rebuild_replaces_the_site_and_clears_leftovers_of_killed_builds(tmp_path):
    root = fixture_project(tmp_path / "project")
    build_site(root)
    (root / "site" / "stale.html").write_text("old", encoding="utf-8")
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    leftover = root / f".site.new-{dead.stdout.strip()}"
    leftover.mkdir()
    news = root / "content" / "news" / "2026-06-19-duanwu.md"
    news.write_text(news.read_text(encoding="utf-8").replace("粽叶飘香迎端午", "端午安康"), encoding="utf-8")
    build_site(root)
    assert not (root / "site" / "stale.html").exists()
    assert not leftover.exists()
    assert "端午安康 浓浓关爱暖人心" in texts(article(root / "site" / "news" / "index.html"), ".//p[@class='hd-post__title']")


def test_content_is_loaded_once_per_build(tmp_path, monkeypatch):
    root = fixture_project(tmp_path / "project")
    calls = []
    real = plugin_module.load_project
    monkeypatch.setattr(plugin_module, "load_project", lambda *a, **k: calls.append(a) or real(*a, **k))
    build_site(root)
    assert len(calls) == 1


def test_plain_mkdocs_build_works(tmp_path):
    root = fixture_project(tmp_path / "project")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    done = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q"], cwd=root, capture_output=True, text=True, env=env)
    assert done.returncode == 0, done.stderr
    assert texts(article(root / "site" / "activities" / "2026-yizhen.html"), ".//h1") == ["健康进村·溪口村义诊"]


def test_serve_watches_content_and_templates(tmp_path):
    root = fixture_project(tmp_path / "project")
    (root / "templates" / "site").mkdir(parents=True)
    config = load_config(config_file=str(root / "mkdocs.yml"))
    config = config.plugins.on_config(config)

    class Server:
        watched: list[str] = []

        def watch(self, path: str) -> None:
            self.watched.append(path)

    server = config.plugins.on_serve(Server(), config=config, builder=None)
    assert str(root / "content") in server.watched
    assert str(root / "templates" / "site") in server.watched
    assert str(Path(plugin_module.__file__).resolve().parents[2] / "templates" / "site") in server.watched


def test_project_template_overrides_the_default(tmp_path):
    root = fixture_project(tmp_path / "project")
    (root / "templates" / "site").mkdir(parents=True)
    (root / "templates" / "site" / "calendar.html").write_text("<h1>我们的日历</h1>\n", encoding="utf-8")
    build_site(root)
    assert texts(article(root / "site" / "calendar.html"), ".//h1") == ["我们的日历"]


def test_search_segmentation_is_remembered_between_builds(tmp_path, monkeypatch):
    from generator.website.segmenter import RememberedSegmenter

    from .site_helpers import fixture_project

    root = fixture_project(tmp_path / "project")
    build_site(root)
    known = RememberedSegmenter(root).known
    news = root / "content" / "news" / "2026-06-19-duanwu.md"
    news.write_text(news.read_text(encoding="utf-8").replace("粽叶飘香迎端午", "粽叶飘香迎端午佳节"), encoding="utf-8")
    calls = []
    fresh = RememberedSegmenter._segmenter

    def counting(self):  # counts the texts really segmented (not answered from memory)
        cut = fresh(self)
        return lambda text: calls.append(text) or cut(text)

    monkeypatch.setattr(RememberedSegmenter, "_segmenter", counting)
    build_site(root)
    segmented = [text.decode("utf-8") if isinstance(text, bytes) else text for text in calls]
    assert segmented and all("佳节" in text for text in segmented)  # only the new text was segmented
    index = (root / "site/search/search_index.json").read_text(encoding="utf-8")
    assert "\\u200b" in index  # the index is still segmented Chinese (zero-width spaces, JSON-escaped)
    assert set(known) < set(RememberedSegmenter(root).known)  # old segments kept, new ones added


def test_new_texts_are_segmented_without_loading_jiebas_whole_dictionary(tmp_path, monkeypatch):
    """A rebuild with a few texts never segmented before reads jieba's words from the word table
    (generator/words.py) and the search words; jieba's 580,000 entries are not loaded (half a second)."""
    import jieba

    from generator import words

    from .site_helpers import fixture_project

    root = fixture_project(tmp_path / "project")
    build_site(root)
    words.words_table()  # made once per machine (from the whole dictionary)

    def refuse(self, *args, **kwargs):
        raise AssertionError("jieba's whole dictionary was loaded")

    monkeypatch.setattr(jieba.dt, "initialized", False)
    monkeypatch.setattr(jieba.Tokenizer, "initialize", refuse)
    news = root / "content" / "news" / "2026-06-19-duanwu.md"
    news.write_text(news.read_text(encoding="utf-8").replace("粽叶飘香迎端午", "粽叶飘香迎端午佳节"), encoding="utf-8")
    build_site(root)
    index = (root / "site/search/search_index.json").read_text(encoding="utf-8")
    assert "粽叶\u200b飘香\u200b迎\u200b端午\u200b佳节" in index  # the new text, cut as jieba cuts it


def test_the_word_table_with_the_search_words_cuts_as_jieba_with_them_loaded():
    """Every Han run of the demo's content, cut both ways: the same words."""
    import re

    import jieba

    from generator import words
    from generator.website.segmenter import user_words

    texts = set()
    for path in (REPO / "content").rglob("*"):
        if path.suffix in (".md", ".yaml"):
            texts.update(re.findall(r"[\u4e00-\u9fff]+", path.read_text(encoding="utf-8")))
    assert len(texts) > 500
    search_words = user_words(REPO)
    whole = jieba.Tokenizer()
    jieba.setLogLevel(60)
    for path in search_words:
        whole.load_userdict(str(path))
    table = words.Dictionary(search_words)
    expected = {text: list(whole.cut(text)) for text in sorted(texts)}
    assert {text: list(table.cut(text)) for text in sorted(texts)} == expected
    # the search plugin passes UTF-8 bytes (a dictionary of its own: nothing learnt from the texts above)
    from_bytes = words.Dictionary(search_words)
    assert {text: list(from_bytes.cut(text.encode())) for text in sorted(texts)} == expected


def test_a_deleted_pages_folder_is_an_empty_one(tmp_path):
    """content/pages/ deleted with its last own page: the site builds (no English mkdocs configuration error)."""
    from generator.website.build import ensure_pages_folder

    import shutil

    project = fixture_project(tmp_path / "p")
    shutil.rmtree(project / "content" / "pages", ignore_errors=True)
    ensure_pages_folder(project / "mkdocs.yml")
    assert (project / "content" / "pages").is_dir()
    (project / "mkdocs.yml").write_text("docs_dir: ../elsewhere\n", encoding="utf-8")
    ensure_pages_folder(project / "mkdocs.yml")
    assert not (tmp_path / "elsewhere").exists()  # never makes folders outside the project


def test_a_site_built_afresh_is_segmented_without_loading_jiebas_whole_dictionary(tmp_path, monkeypatch):
    """Every text is new: the word table still cuts them all (loading the whole dictionary past 500 new texts
    made the demo's site 0.3 s of CPU slower and 53 MB bigger, and a site of 1,000 activities no quicker)."""
    import jieba

    from generator import words

    from .site_helpers import fixture_project

    words.words_table()

    def refuse(self, *args, **kwargs):
        raise AssertionError("jieba's whole dictionary was loaded")

    monkeypatch.setattr(jieba.dt, "initialized", False)
    monkeypatch.setattr(jieba.Tokenizer, "initialize", refuse)
    root = fixture_project(tmp_path / "project")
    build_site(root)
    index = (root / "site/search/search_index.json").read_text(encoding="utf-8")
    assert "粽叶\u200b飘香\u200b迎\u200b端午" in index  # cut as jieba cuts it


def test_a_news_file_saved_as_gbk_builds_its_page(tmp_path):
    """check reads a GBK news file with a warning; the site built it too (it stopped with 内容有错误 and 0 errors)."""
    root = fixture_project(tmp_path / "project")
    news = root / "content" / "news" / "2026-06-19-duanwu.md"
    news.write_bytes(news.read_text(encoding="utf-8").encode("gb18030"))
    build_site(root)
    assert "粽叶飘香迎端午" in (root / "site" / "news" / "2026-06-19-duanwu.html").read_text(encoding="utf-8")


def test_an_own_page_saved_as_gbk_builds_and_one_in_no_chinese_encoding_is_refused_where_it_is(tmp_path):
    """mkdocs read content/pages/ as UTF-8 only: a page Notepad saved as GBK ended in 程序内部出错了 (fuzzing)."""
    root = fixture_project(tmp_path / "project")
    pages = root / "content" / "pages"
    pages.mkdir(exist_ok=True)
    (pages / "join.md").write_bytes("# 加入我们\n\n欢迎各位同学报名参加。\n".encode("gb18030"))
    build_site(root)
    assert "欢迎各位同学报名参加" in (root / "site" / "join.html").read_text(encoding="utf-8")
    (pages / "bad.md").write_bytes(b"\xff\xfe\x00\xd8 not text")
    with pytest.raises(ContentError) as refused:
        build_site(root)
    assert [str(p) for p in refused.value.problems] == [
        "content/pages/bad.md:1:1: 文件不是 UTF-8 编码，无法读取。请用记事本或 VS Code 打开该文件，选择“另存为”，编码选“UTF-8”后保存"]


def test_check_says_what_build_will_do_with_an_own_page_in_another_encoding(tmp_path, capsys):
    from generator.cli import main

    root = fixture_project(tmp_path / "project")
    pages = root / "content" / "pages"
    pages.mkdir(exist_ok=True)
    (pages / "join.md").write_bytes("# 加入我们\n\n欢迎各位同学报名参加。\n".encode("gb18030"))
    assert main(["--root", str(root), "check"]) == 0
    assert "content/pages/join.md:1:1: 警告：文件是 GBK/GB18030 编码，已按 GBK 读取。" in capsys.readouterr().err
    (pages / "bad.md").write_bytes(b"\xff\xfe\x00\xd8 not text")
    assert main(["--root", str(root), "check"]) == 1
    assert "content/pages/bad.md:1:1: 文件不是 UTF-8 编码，无法读取。" in capsys.readouterr().err
