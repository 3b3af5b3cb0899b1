"""Measures the three ways of making Chinese searchable by word that decision 0002 weighs:
characters with phrase queries (chosen), overlapping bigrams (Lucene's CJKAnalyzer) and a
dictionary segmenter (jieba). Prints, for each, the share of the queries found in the sentences
that contain them (recall), the share of sentences matched that do not contain them (false
matches), the tokens and distinct terms it indexes, and its analysis speed.

    PYTHONPATH=/path/to/jieba .venv/bin/python docs/decisions/0002-chinese-by-character.py

(jieba is not a dependency of Reading Room: `pip install --target /tmp/jieba-lib jieba`.)
"""

from __future__ import annotations

import os
import re
import time
from collections.abc import Callable

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "readingroom.settings")
django.setup()

from readingroom.search.analysis import prepare  # noqa: E402
from readingroom.search.tantivy.schema import ANALYZERS, FOLDED  # noqa: E402

SENTENCES = [
    "斯大林同志：关于新疆问题，我谨向您报告迪化的局势。",
    "苏联专家已经到达乌鲁木齐，省政府感谢苏联的援助。",
    "盛世才督办请求苏联政府派遣军事顾问和财政专家。",
    "毛泽东同志认为，中国应当派遣志愿军到朝鲜境内作战。",
    "平壤的局势十分危急，金日成请求中国立即出兵。",
    "周恩来总理在北京接见了苏联大使罗申，讨论了中苏条约的条件。",
    "蒋介石委员长在重庆接见苏联大使，外蒙古问题仍未解决。",
    "中国长春铁路和旅顺口的问题将由双方委员会讨论。",
    "新疆省政府主席盛世才逮捕了一批共产党员，其中包括毛泽民。",
    "莫斯科会谈以后，斯大林同意向中华人民共和国提供贷款。",
    "关于朝鲜问题的电报已经转交给菲利波夫同志。",
    "伊犁、塔城和阿山三区的起义军与省政府进行了谈判。",
    "苏联驻迪化总领事馆报告说，乌鲁木齐的市场已经关闭。",
    "美国国务院发表白皮书，解释美国对华政策的失败。",
    "志愿军司令员彭德怀同志报告了第一次战役的结果。",
    "西藏地方政府的代表团到达北京，开始和平解放西藏的谈判。",
]
QUERIES = [
    "斯大林",
    "新疆",
    "迪化",
    "乌鲁木齐",
    "盛世才",
    "毛泽东",
    "朝鲜",
    "平壤",
    "周恩来",
    "罗申",
    "中苏条约",
    "蒋介石",
    "外蒙古",
    "长春铁路",
    "毛泽民",
    "贷款",
    "菲利波夫",
    "伊犁",
    "三区",
    "白皮书",
    "彭德怀",
    "西藏",
    "世才",
    "苏联大使",
    "志愿军",
    "局势",
    "援助",
    "共产党员",
    "泽东",
    "京",
    "疆",
]


def characters(text: str) -> list[str]:
    """As Reading Room indexes: `analysis.prepare`, then Tantivy's tokenizer."""
    return [str(token) for token in ANALYZERS[FOLDED].analyze(prepare(text))]


def bigrams(text: str) -> list[str]:
    tokens: list[str] = []
    for run in re.findall(r"[\u4e00-\u9fff]+", text):
        tokens += [run] if len(run) == 1 else [run[i : i + 2] for i in range(len(run) - 1)]
    return tokens


def segmented(text: str) -> list[str]:
    import jieba  # type: ignore[import-not-found]

    return [t for t in jieba.cut(text) if re.match(r"[\u4e00-\u9fff]", t)]


def contains(sequence: list[str], wanted: list[str]) -> bool:
    size = len(wanted)
    return bool(wanted) and any(
        sequence[i : i + size] == wanted for i in range(len(sequence) - size + 1)
    )


def measure(name: str, analyze: Callable[[str], list[str]]) -> None:
    analyze("预热")  # a segmenter loads its dictionary on first use
    indexed = [analyze(sentence) for sentence in SENTENCES]
    found = missed = false = 0
    for query in QUERIES:
        wanted = analyze(query)
        for sentence, tokens in zip(SENTENCES, indexed, strict=True):
            matched = contains(tokens, wanted)
            if query in sentence:
                found += matched
                missed += not matched
            else:
                false += matched
    text = "".join(SENTENCES) * 200
    started = time.perf_counter()
    tokens = analyze(text)
    seconds = time.perf_counter() - started
    distinct = len({t for sentence in indexed for t in sentence})
    print(
        f"{name:<12} recall {found / (found + missed):.2f}  false matches {false:>2}  "
        f"tokens {sum(map(len, indexed)):>4}  terms {distinct:>4}  "
        f"{len(text) / seconds / 1e6:6.2f} M characters/s"
    )


if __name__ == "__main__":
    measure("characters", characters)
    measure("bigrams", bigrams)
    try:
        measure("jieba", segmented)
    except ImportError:
        print("jieba           not installed (see the docstring)")
