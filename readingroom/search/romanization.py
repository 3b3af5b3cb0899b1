"""Finding texts across scripts: Russian (and other Cyrillic) texts by the Latin spellings
readers type, Chinese texts by toneless Hanyu Pinyin.

Cyrillic: every Cyrillic word of a document's title, summary and texts is also indexed in Latin
letters (ALA-LC without diacritics), reduced to a *skeleton* that the usual spellings of the
same name share: BGN/PCGN and ALA-LC, the French and German forms older English sources use
("Tchitcherin", "Tschitscherin" and "Chicherin" are all Чичерин; "Molotoff" is Молотов). A
Latin word of a query is looked for among those skeletons with Russian case endings added or
taken away ("Stalin" finds "Сталину", "Molotova" finds "Молотов"). The scholarly system's
háčeks are read too ("Čičerin").

Chinese: characters are indexed one by one (analysis.py), so a Latin word that reads as two or
more Pinyin syllables ("Xinjiang", "Zedong") is looked for as a phrase of characters, each any
of those with that reading (pypinyin's table of 41,923 characters; every reading of a character
with several counts, so 重庆 is "Chongqing" as well as "Zhongqing").
"""

from __future__ import annotations

import functools
import re
from collections import defaultdict
from collections.abc import Sequence

from readingroom.catalogue.romanize import ROMAN, pinyin_readings

from .analysis import fold, has_cjk, simplified
from .backend import Passage
from .query import And, ParsedQuery, plain_word

# The Russian, Ukrainian and Belarusian letters in both cases, written out: what
# re.IGNORECASE would match (with the old forms U+1C80-1C86 that fold to в д о с т ъ ѣ), at
# half its cost on the long texts an import indexes (tests/search/test_romanization.py).
CYRILLIC_LETTERS = "а-яА-ЯёЁіІїЇєЄґҐўЎ\u1c80-\u1c86"
CYRILLIC_WORD = re.compile(f"[{CYRILLIC_LETTERS}]+")
CYRILLIC_LETTER = re.compile(f"[{CYRILLIC_LETTERS}]")
# The scholarly system's letters with a háček, before diacritics are folded away.
SCHOLARLY = str.maketrans({"č": "ch", "š": "sh", "ž": "zh"})
# Spellings of one sound, made one (in this order; each rule sees the previous one's result).
SKELETON_RULES = (
    ("shtsch", "shch"), ("schtsch", "shch"), ("tsch", "ch"), ("tch", "ch"), ("sch", "sh"),
    ("kh", "h"), ("dj", "dzh"), ("w", "v"), ("x", "ks"), ("tz", "ts"), ("ou", "u"), ("ck", "k"),
    ("j", "i"), ("y", "i"), ("io", "e"), ("ie", "e"), ("ii", "i"),
)  # fmt: skip
DOUBLED = re.compile(r"(\w)\1+")
LATIN_WORD = re.compile("[a-z]+")
# Russian case endings of nouns, names and adjectives, as skeletons.
ENDINGS = (
    "", "a", "ia", "u", "iu", "e", "i", "o", "om", "em", "ei", "oi", "ov", "ev", "am", "iam",
    "ami", "iami", "ah", "iah", "ih", "im", "imi", "ogo", "ego", "omu", "emu", "aia", "oe",
    "ee", "uiu", "oiu", "eiu",
)  # fmt: skip
MIN_ROOT = 3  # letters left when an ending is taken away
MIN_SYLLABLES = 2  # a one-syllable word ("man", "mao") would find too many characters
NOT_SYLLABLES = frozenset({"m", "n", "ng", "hm", "hng", "r"})  # interjections without a vowel


@functools.lru_cache(maxsize=50_000)
def skeleton(latin: str) -> str:
    """The spelling-independent form of a romanized word (lower-case Latin letters)."""
    for spelling, sound in SKELETON_RULES:
        if spelling in latin:
            latin = latin.replace(spelling, sound)
    latin = DOUBLED.sub(r"\1", latin)
    return latin[:-1] + "v" if latin.endswith("f") else latin


def romanized(text: str) -> str:
    """The skeletons of a text's Cyrillic words, in order, for the index ("" when none)."""
    if text.isascii() or not CYRILLIC_LETTER.search(text):
        return ""  # (most texts: the search is cheaper than finding every word)
    found = CYRILLIC_WORD.findall(text)
    return " ".join(skeleton(word.casefold().translate(ROMAN)) for word in found)


def cyrillic_forms(word: str) -> frozenset[str]:
    """The skeletons a Latin word may stand for in a romanized Cyrillic text: its own, with
    each Russian ending, and its root (an ending taken away) with each. Empty for what is not
    one Latin word of MIN_ROOT letters or more."""
    folded = fold(word.casefold().translate(SCHOLARLY))
    if not LATIN_WORD.fullmatch(folded) or len(folded) < MIN_ROOT:
        return frozenset()
    typed = skeleton(folded)
    roots = {typed}
    roots.update(
        typed[: -len(ending)]
        for ending in ENDINGS
        if ending and typed.endswith(ending) and len(typed) - len(ending) >= MIN_ROOT
    )
    return frozenset(root + ending for root in roots for ending in ENDINGS)


@functools.cache
def syllable_characters() -> dict[str, str]:
    """Every toneless Pinyin syllable and the (Simplified) characters read so."""
    characters: defaultdict[str, set[str]] = defaultdict(set)
    table = simplified()
    for code, readings in pinyin_readings().items():
        character = chr(code).translate(table)
        for reading in readings.split(","):
            syllable = fold(reading)
            if syllable.isascii() and syllable.isalpha() and syllable not in NOT_SYLLABLES:
                characters[syllable].add(character)
    return {syllable: "".join(sorted(found)) for syllable, found in characters.items()}


def pinyin_syllables(text: str) -> tuple[str, ...]:
    """The Pinyin syllables of a Latin text ("Mao Zedong" -> mao ze dong), the fewest that
    spell it; () when it is not Pinyin or has fewer than MIN_SYLLABLES."""
    folded = fold(text)
    letters = "".join(LATIN_WORD.findall(folded))
    if not letters or LATIN_WORD.sub("", folded).strip(" -'") or len(letters) > 60:
        return ()
    syllables = syllable_characters()
    best: list[tuple[str, ...] | None] = [()] + [None] * len(letters)
    for end in range(1, len(letters) + 1):
        for start in range(max(0, end - 6), end):
            before = best[start]
            if before is not None and letters[start:end] in syllables:
                candidate = (*before, letters[start:end])
                current = best[end]
                if current is None or len(candidate) < len(current):
                    best[end] = candidate
    found = best[-1]
    return found if found and len(found) >= MIN_SYLLABLES else ()


def pinyin_characters(text: str) -> tuple[str, ...]:
    """For each Pinyin syllable of the text, the characters it may be (see pinyin_syllables)."""
    syllables = syllable_characters()
    return tuple(syllables[syllable] for syllable in pinyin_syllables(text))


def pinyin_runs(parts: Sequence[object]) -> list[tuple[int, int, tuple[str, ...]]]:
    """Runs of neighbouring words of a query that read together as Pinyin ("Mao Zedong",
    "Jiang Jieshi"): (first, end, the characters of each syllable), for a phrase of Chinese
    characters to stand beside the words. Only plain words: a quoted phrase, a field or a
    prefix keeps its meaning."""
    runs = []
    first = 0
    while first < len(parts):
        end = first
        while end < len(parts) and plain_word(parts[end]):
            end += 1
        while end - first >= 2:
            texts = [part.text for part in parts[first:end]]  # type: ignore[attr-defined]
            characters = pinyin_characters(" ".join(texts))
            if characters:
                runs.append((first, end, characters))
                break
            end -= 1
        first = max(end, first + 1)
    return runs


class AcrossScripts:
    """What a query's plain Latin words stand for in other scripts: the skeletons of Cyrillic
    words and the characters of Pinyin readings, to mark them in passages."""

    def __init__(self, parsed: ParsedQuery) -> None:
        plain = [leaf for leaf in parsed.positive_leaves() if plain_word(leaf)]
        self.forms = frozenset(form for leaf in plain for form in cyrillic_forms(leaf.text))
        readings = [pinyin_characters(leaf.text) for leaf in plain]
        if isinstance(parsed.node, And):
            readings += [characters for _, _, characters in pinyin_runs(parsed.node.parts)]
        self.readings = [re.compile("".join(f"[{c}]" for c in r)) for r in readings if r]

    def spans(self, text: str) -> list[tuple[int, int]]:
        """Where the text has the query's words in another script (character offsets)."""
        found = []
        if self.forms and not text.isascii():
            for match in CYRILLIC_WORD.finditer(text):
                if skeleton(match.group().casefold().translate(ROMAN)) in self.forms:
                    found.append(match.span())
        if self.readings and has_cjk(text):
            simplified_text = text.translate(simplified())  # one character for one
            for reading in self.readings:
                found += [match.span() for match in reading.finditer(simplified_text)]
        return sorted(found)

    def passage(self, text: str, context: int) -> Passage | None:
        """A window of `context` characters each side of the first such place, all marked."""
        spans = self.spans(text)
        if not spans:
            return None
        start = max(0, spans[0][0] - context)
        end = min(len(text), spans[0][1] + context)
        marks = tuple((a - start, b - start) for a, b in spans if a >= start and b <= end)
        return Passage(text[start:end], marks)
