"""Title breaks read jieba's words from a table, a few rows per title, and cut exactly as jieba's whole
dictionary does."""

from __future__ import annotations

import jieba
import pytest

from generator import words
from generator.printing import titles

TITLES = [
    "竹亭镇党员关爱空巢老人“多帮一”结对帮扶行动实施方案",
    "健康进村 温暖过冬——溪口村老年人健康义诊活动方案",
    "“情暖夕阳”关爱老人志愿服务活动（第2期（第1次修订））",
    "情暖重阳·爱满竹亭——2026年重阳节敬老院慰问演出暨志愿服务活动方案",
    "关于开展“我们的节日·春节”主题实践活动的通知",
    "长庆社区党群服务中心2026年度Wi-Fi智能手机使用培训班（第3期）招募公告",
    "𠀾堃喆昇社区ABC互助会成立大会",
]


@pytest.fixture(scope="module")
def whole():
    tokenizer = jieba.Tokenizer()
    jieba.setLogLevel(60)
    tokenizer.initialize()
    return tokenizer


@pytest.mark.parametrize("title", TITLES)
def test_the_word_table_cuts_as_the_whole_dictionary(whole, title):
    assert titles._cut(title) == list(whole.cut(title, HMM=False))


def test_a_title_is_cut_without_loading_the_whole_dictionary(monkeypatch):
    words.words_table()  # made once per machine and jieba version

    def refuse(self, *args, **kwargs):
        raise AssertionError("the whole dictionary was loaded")

    monkeypatch.setattr(jieba.Tokenizer, "initialize", refuse)
    titles._jieba.cache_clear()
    assert titles.title_lines(TITLES[0]) == ("竹亭镇党员关爱空巢老人", "“多帮一”结对帮扶行动实施方案")


def test_an_unreadable_table_falls_back_to_the_whole_dictionary(monkeypatch, tmp_path, whole):
    broken = tmp_path / "words.sqlite"
    broken.write_bytes(b"not a database")
    monkeypatch.setattr(words, "words_table", lambda: broken)
    words.connection.cache_clear()
    try:
        assert titles._cut(TITLES[1]) == list(whole.cut(TITLES[1], HMM=False))
    finally:
        words.connection.cache_clear()
