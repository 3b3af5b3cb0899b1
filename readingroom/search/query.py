"""The readers' query language, parsed tolerantly into a small tree every backend evaluates.

    cold war                    every word must match (in any field)
    "cold war"                  the exact phrase
    stalin OR molotov           either (also |)
    NOT korea, -korea           without
    negotiat*                   words starting with (at least two letters before the *)
    title:armistice             in one field: title, person, place, subject, repository,
    person:"sheng shicai"       language (a code or an English name: language:ru,
    title:(cold war)            language:russian); a field applies to a word, phrase or group
    (stalin OR molotov) korea   brackets group; AND is allowed and changes nothing

Nothing a reader types raises. Unbalanced quotes or brackets, a lone NOT or OR, an unknown
field, control characters or a very long query are read in the most likely way, and
`ParsedQuery.notices` says what was done ("The closing quote was missing; searched for
"cold war"."). Queries are cut to MAX_CHARS characters and MAX_TERMS words and phrases.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field, replace
from typing import Any

from .analysis import MAX_WORD, WORD
from .languages import LANGUAGES

MAX_CHARS = 1000
MAX_TERMS = 32
MAX_DEPTH = 8
MIN_PREFIX = 2
SHOWN_CHARS = 120  # of the reading, in a notice
FIELDS = ("title", "person", "place", "subject", "repository", "language")
OR_WORDS = frozenset({"OR", "|", "||"})
AND_WORDS = frozenset({"AND", "&", "&&", "+"})
NOT_WORDS = frozenset({"NOT", "!"})
SPECIAL = '"()'
WORD_CHARS = re.compile(r"\w")
LANGUAGE_CODES = {name.casefold(): code for code, name in LANGUAGES.items()}


@dataclass(frozen=True)
class Term:
    """A word (or a prefix, with `prefix`); `field` None means any field."""

    text: str
    field: str | None = None
    prefix: bool = False


@dataclass(frozen=True)
class Phrase:
    text: str
    field: str | None = None


@dataclass(frozen=True)
class And:
    parts: tuple[Node, ...]


@dataclass(frozen=True)
class Or:
    parts: tuple[Node, ...]


@dataclass(frozen=True)
class Not:
    part: Node


Node = Term | Phrase | And | Or | Not
Leaf = Term | Phrase


def plain_word(node: object) -> bool:
    """A word without a field, quotes or `*`: what may also be read in other scripts and as a
    name of a record (romanization.py, widening.py)."""
    return isinstance(node, Term) and node.field is None and not node.prefix


@dataclass(frozen=True)
class Widening:
    """Words of the query that are a name of a person, organization or place, and the
    record's other names that were looked for in the texts too (search/widening.py)."""

    typed: tuple[str, ...]  # the reader's words, as typed
    record: str  # the record's label
    names: tuple[str, ...]


@dataclass(frozen=True)
class ParsedQuery:
    """The tree (None: no words, everything matches), notices, the reading as a query, and
    the text the reader typed (a spelling suggestion rewrites it, in the reader's case).

    A request parses its words once (`parse`, by `SearchParams.words`); every layer below
    takes this value, never the text."""

    node: Node | None
    notices: tuple[str, ...] = ()
    reading: str = ""
    text: str = ""
    widened: tuple[Widening, ...] = ()
    # The people and places the words name, when looked up (search/widening.py): records.
    named: tuple[Any, ...] | None = field(default=None, compare=False)

    @property
    def has_words(self) -> bool:
        """True when something positive is looked for (relevance then means something)."""
        return bool(self.positive_leaves())

    def positive_leaves(self) -> list[Leaf]:
        """Words and phrases that must or may match (not those under NOT)."""
        return _leaves(self.node, negated=False) if self.node else []


def _leaves(node: Node, negated: bool) -> list[Leaf]:
    if isinstance(node, Term | Phrase):
        return [] if negated else [node]
    if isinstance(node, Not):
        return _leaves(node.part, not negated)
    return [leaf for part in node.parts for leaf in _leaves(part, negated)]


def language_code(value: str) -> str:
    """'ru' for 'ru', 'RU', 'Russian' or 'russian'; other values folded to lower case."""
    folded = value.strip().casefold()
    return LANGUAGE_CODES.get(folded, folded)


# ---------------------------------------------------------------------------------------------
# Cleaning


def clean(text: str) -> tuple[str, list[str]]:
    """Control characters out, whitespace single, length capped; with the problems found."""
    problems: list[str] = []
    kept = []
    removed = False
    for char in text:
        category = unicodedata.category(char)
        if char.isspace():
            kept.append(" ")
        elif category in ("Cc", "Cs"):
            removed = True
            kept.append(" ")
        else:
            kept.append(char)
    if removed:
        problems.append("Control characters were removed")
    cleaned = " ".join("".join(kept).split())
    if len(cleaned) > MAX_CHARS:
        cut = cleaned[:MAX_CHARS]
        space = cut.rfind(" ")
        cleaned = (cut[:space] if space > MAX_CHARS - 40 else cut).strip()
        problems.append(f"The query was shortened to its first {MAX_CHARS:,} characters")
    return cleaned, problems


# ---------------------------------------------------------------------------------------------
# Tokens


@dataclass
class Token:
    kind: str  # word, phrase, open, close, or, and, not
    text: str = ""
    field: str | None = None


class Lexer:
    def __init__(self, text: str, problems: list[str]) -> None:
        self.text = text
        self.problems = problems
        self.tokens: list[Token] = []
        self.field: str | None = None  # from a "name:" waiting for what follows

    def run(self) -> list[Token]:
        position = 0
        while position < len(self.text):
            char = self.text[position]
            if char == " ":
                position += 1
            elif char == '"':
                position = self._phrase(position)
            elif char == "-" and self.text[position + 1 : position + 2] in ('"', "("):
                self._emit(Token("not"))
                position += 1
            elif char in "()":
                self._emit(Token("open" if char == "(" else "close"))
                position += 1
            else:
                end = position
                while end < len(self.text) and self.text[end] not in SPECIAL + " ":
                    end += 1
                self._run(self.text[position:end])
                position = end
        if self.field:
            self.problems.append(f"“{self.field}:” had nothing after it and was ignored")
        return self.tokens

    def _emit(self, token: Token) -> None:
        if token.kind in ("word", "phrase", "open"):
            token.field, self.field = self.field, None
        elif self.field:
            self.problems.append(f"“{self.field}:” had nothing after it and was ignored")
            self.field = None
        self.tokens.append(token)

    def _phrase(self, start: int) -> int:
        end = self.text.find('"', start + 1)
        if end == -1:
            self.problems.append("The closing quote was missing")
            end = len(self.text)
        words = self.text[start + 1 : end].strip()
        if words:
            self._emit(Token("phrase", words))
        return end + 1

    def _run(self, run: str) -> None:
        if run in OR_WORDS:
            self._emit(Token("or"))
        elif run in AND_WORDS:
            self._emit(Token("and"))
        elif run in NOT_WORDS:
            self._emit(Token("not"))
        elif run.startswith("-") and len(run) > 1 and run[1] != "-":
            self._emit(Token("not"))
            self._run(run[1:])
        elif ":" in run:
            self._fielded(run)
        elif WORD_CHARS.search(run):
            self._emit(Token("word", run))

    def _fielded(self, run: str) -> None:
        name, _, rest = run.partition(":")
        if name.lower() in FIELDS and not self.field:
            self.field = name.lower()
            if rest:
                self._run(rest)
            return
        if name.isalpha() and rest:
            self.problems.append(f"There is no field “{name}”")
        for part in run.split(":"):
            self._run(part)


# ---------------------------------------------------------------------------------------------
# Parsing


class Parser:
    def __init__(self, tokens: list[Token], problems: list[str]) -> None:
        self.tokens = tokens
        self.position = 0
        self.problems = problems
        self.terms = 0
        self.ignored_opens = 0

    def peek(self) -> Token | None:
        return self.tokens[self.position] if self.position < len(self.tokens) else None

    def take(self) -> Token:
        token = self.tokens[self.position]
        self.position += 1
        return token

    def sequence(self, depth: int, closing: bool) -> list[Node]:
        items: list[Node] = []
        while (token := self.peek()) is not None:
            if token.kind == "close":
                self.take()
                if self.ignored_opens:
                    self.ignored_opens -= 1
                elif closing:
                    return items
                else:
                    self._problem("A closing bracket without an opening one was ignored")
                continue
            node = self.either(depth)
            if node is not None:
                items.append(node)
        if closing:
            self._problem("The closing bracket was missing")
        return items

    def either(self, depth: int) -> Node | None:
        left = self.unary(depth)
        while (token := self.peek()) is not None and token.kind == "or":
            self.take()
            right = self.unary(depth) if self._operand_follows() else None
            if left is None or right is None:
                self._problem("An OR without something on each side was ignored")
                left = left or right
            else:
                left = Or((*_flat(left, Or), *_flat(right, Or)))
        return left

    def unary(self, depth: int) -> Node | None:
        token = self.peek()
        if token is None:
            return None
        if token.kind == "not":
            self.take()
            operand = self.unary(depth) if self._operand_follows() else None
            if operand is None:
                self._problem("A NOT with nothing after it was ignored")
                return None
            return operand.part if isinstance(operand, Not) else Not(operand)
        return self.primary(depth)

    def primary(self, depth: int) -> Node | None:
        token = self.take()
        if token.kind == "open":
            return self._group(token, depth)
        if token.kind in ("word", "phrase"):
            return self._leaf(token)
        if token.kind == "or":
            self._problem("An OR without something on each side was ignored")
        return None

    def _group(self, token: Token, depth: int) -> Node | None:
        if depth >= MAX_DEPTH:
            self._problem(f"Brackets nested more than {MAX_DEPTH} deep were ignored")
            self.ignored_opens += 1
            return None
        items = self.sequence(depth + 1, closing=True)
        node = _joined(items)
        if node is not None and token.field:
            node = _with_field(node, token.field)
        return node

    def _leaf(self, token: Token) -> Node | None:
        if self.terms >= MAX_TERMS:
            self._problem(f"Only the first {MAX_TERMS} words and phrases were used")
            return None
        if not any(len(w) <= MAX_WORD for w in WORD.findall(token.text)):
            shown = token.text[:20] + "…" if len(token.text) > 20 else token.text
            self._problem(f"“{shown}” is too long to be a word and was ignored")
            return None
        self.terms += 1
        if token.kind == "phrase":
            return Phrase(token.text, token.field)
        text = token.text
        if text.endswith("*"):
            stem = text.rstrip("*")
            if len(WORD_CHARS.findall(stem)) >= MIN_PREFIX:
                return Term(stem, token.field, prefix=True)
            self._problem(f"“{text}”: a prefix needs at least {MIN_PREFIX} letters before the *")
            if not WORD_CHARS.search(stem):
                return None
            text = stem
        return Term(text, token.field)

    def _operand_follows(self) -> bool:
        token = self.peek()
        return token is not None and token.kind not in ("close", "or", "and")

    def _problem(self, problem: str) -> None:
        if problem not in self.problems:
            self.problems.append(problem)


def _flat(node: Node, kind: type[And] | type[Or]) -> tuple[Node, ...]:
    return node.parts if isinstance(node, kind) else (node,)


def _joined(items: list[Node]) -> Node | None:
    if not items:
        return None
    if len(items) == 1:
        return items[0]
    return And(tuple(part for item in items for part in _flat(item, And)))


def _with_field(node: Node, name: str) -> Node:
    if isinstance(node, Term | Phrase):
        return node if node.field else replace(node, field=name)
    if isinstance(node, Not):
        return Not(_with_field(node.part, name))
    return type(node)(tuple(_with_field(part, name) for part in node.parts))


# ---------------------------------------------------------------------------------------------
# Reading


def render(node: Node | None) -> str:
    """The query language text of a tree (what was searched for)."""
    if node is None:
        return ""
    if isinstance(node, Term):
        return f"{_prefix(node.field)}{node.text}{'*' if node.prefix else ''}"
    if isinstance(node, Phrase):
        return f'{_prefix(node.field)}"{node.text}"'
    if isinstance(node, Not):
        inner = render(node.part)
        if isinstance(node.part, And | Or):
            return f"-({inner})"
        return f"NOT {inner}" if inner.startswith("-") else f"-{inner}"  # "---0" is one word
    if isinstance(node, Or):
        return " OR ".join(_grouped(part, And) for part in node.parts)
    return " ".join(_grouped(part, Or) for part in node.parts)


def _prefix(name: str | None) -> str:
    return f"{name}:" if name else ""


def _grouped(node: Node, kind: type[And] | type[Or]) -> str:
    text = render(node)
    return f"({text})" if isinstance(node, kind) else text


def parse(text: str) -> ParsedQuery:
    """Read a reader's query; never raises."""
    if not text:
        return EVERYTHING
    cleaned, problems = clean(text)
    tokens = Lexer(cleaned, problems).run()
    parser = Parser(tokens, problems)
    node = _joined(parser.sequence(0, closing=False))
    reading = render(node)
    return ParsedQuery(node, tuple(_notices(problems, reading)), reading, text)


EVERYTHING = ParsedQuery(None)  # no words: every document matches


def _notices(problems: list[str], reading: str) -> list[str]:
    if not problems:
        return []
    shown = reading if len(reading) <= SHOWN_CHARS else reading[:SHOWN_CHARS].rstrip() + "…"
    searched = f"searched for {shown}" if reading else "searched for everything"
    return [f"{problems[0]}; {searched}.", *(f"{problem}." for problem in problems[1:])]
