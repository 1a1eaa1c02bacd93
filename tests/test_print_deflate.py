"""PDF streams are deflated at zlib's level 6 (pydyf asks for 9: twice the time for 0.3 % of the bytes)."""

from __future__ import annotations

import zlib

import pydyf

from generator.printing import deflate, pdf  # noqa: F401  (importing pdf installs the level-6 zlib)


def test_pydyf_compresses_at_level_six_once_printing_is_loaded():
    data = "签到表 序号 姓名 单位（班级）".encode() * 2000
    stream = pydyf.Stream([data], compress=True)
    body = stream.data.split(b"\nstream\n", 1)[1].rsplit(b"\nendstream", 1)[0]
    expected = zlib.compressobj(6)
    assert body == expected.compress(data) + expected.flush()
    assert body != zlib.compress(data, 9)
    assert zlib.decompress(body) == data
    assert pydyf.zlib.crc32 is zlib.crc32  # the rest of zlib is zlib itself


def test_installing_twice_keeps_one_shim():
    shim = pydyf.zlib
    deflate.install()
    assert pydyf.zlib is shim
