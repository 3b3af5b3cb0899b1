"""Latin letters for text in other scripts: Cyrillic by ALA-LC without diacritics, Chinese
characters by toneless Hanyu Pinyin (each character's first reading in pypinyin's table).
Records' addresses use it (`slug_for`: "Письмо Молотова" is pismo-molotova, 新疆问题 is
xin-jiang-wen-ti), and search builds its romanized forms on the same tables
(search/romanization.py)."""

from __future__ import annotations

import functools
import importlib.util
import re
import unicodedata
from pathlib import Path

ROMAN = str.maketrans(
    {
        **dict(zip("абвгдезийклмнопрстуфыэіїєґў", "abvgdeziiklmnoprstufyeiiegu", strict=True)),
        "ё": "e", "ж": "zh", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shch",
        "ъ": "", "ь": "", "ю": "iu", "я": "ia",
    }
)  # fmt: skip
ROMANIZED_SCRIPTS = re.compile("[\u0400-\u04ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
HAN = re.compile("[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")


def pinyin_readings() -> dict[int, str]:
    """pypinyin's table of characters and their readings ("zhòng,chóng,tóng"), read from its
    module alone: importing the package would load its phrase dictionary too, half a million
    objects that every garbage collection of a web worker then walks through."""
    package = importlib.util.find_spec("pypinyin")
    assert package is not None and package.submodule_search_locations
    path = Path(next(iter(package.submodule_search_locations))) / "pinyin_dict.py"
    spec = importlib.util.spec_from_file_location("readingroom_pinyin_dict", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    readings: dict[int, str] = module.pinyin_dict
    return readings


@functools.cache
def first_readings() -> dict[int, str]:
    """Each character's first reading, without tone marks, as a word of its own."""
    table = {}
    for code, readings in pinyin_readings().items():
        decomposed = unicodedata.normalize("NFKD", readings.split(",")[0])
        plain = "".join(c for c in decomposed if not unicodedata.combining(c))
        table[code] = f" {plain} "
    return table


def latin(text: str) -> str:
    """The text with its Cyrillic and Chinese letters in Latin ones (lower case there); other
    scripts are kept. One scan for a text with neither."""
    if text.isascii() or ROMANIZED_SCRIPTS.search(text) is None:
        return text
    text = text.lower().translate(ROMAN)
    return text.translate(first_readings()) if HAN.search(text) else text
