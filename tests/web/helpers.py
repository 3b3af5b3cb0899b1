"""Small helpers for page tests: records of the seed archive by key, and pages as text."""

from __future__ import annotations

import re
from html import unescape

from django.test import Client

from readingroom.catalogue.models import (
    Collection,
    Document,
    Person,
    Place,
    PublicRecord,
    Repository,
    Subject,
)

MODELS: dict[str, type[PublicRecord]] = {
    "person": Person,
    "org": Person,
    "place": Place,
    "subject": Subject,
    "repository": Repository,
    "collection": Collection,
    "doc": Document,
}


def record(key: str) -> PublicRecord:
    """The record imported with this source key ("person:stalin", "doc:seed-01")."""
    model = MODELS[key.split(":", 1)[0]]
    return model.objects.get(key=key)  # type: ignore[attr-defined,no-any-return]


def rid(key: str) -> str:
    """The public id of the record with this key, as a URL parameter value."""
    return str(record(key).public_id)


def seed_query(**extra: str) -> str:
    """The seed's four filters in canonical order, then `extra` (already canonical)."""
    people = sorted([int(rid("person:stalin")), int(rid("person:molotov"))])
    parts = [f"person={people[0]}", f"person={people[1]}", f"place={rid('place:soviet-union')}"]
    parts.append(f"repository={rid('repository:rgaspi')}")
    parts += [f"{name}={value}" for name, value in extra.items()]
    return "&".join(parts)


def get(client: Client, url: str, status: int = 200) -> str:
    response = client.get(url)
    assert response.status_code == status, (url, response.status_code, response.get("Location"))
    return response.content.decode()


def text_of(html: str) -> str:
    """The visible words of some HTML, tags removed and whitespace collapsed."""
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S)
    text = " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())
    return re.sub(r" ([,.;:?!)])", r"\1", text)


def between(html: str, start: str, end: str) -> str:
    """The part of `html` from the first `start` to the next `end`."""
    first = html.index(start)
    return html[first : html.index(end, first)]


def result_titles(html: str) -> list[str]:
    return [text_of(t) for t in re.findall(r'<h3 class="result-title">(.*?)</h3>', html, re.S)]


def result_dates(html: str) -> list[str]:
    return [text_of(t) for t in re.findall(r'<p class="result-date">(.*?)</p>', html, re.S)]
