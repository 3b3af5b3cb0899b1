"""Filters of the admin's documents list that a record page links to and an editor chooses:
by a person (in any role or one), place, subject or collection (`?person=12`, by public id, so
a record's admin page links to its documents in one click), by the years a date may fall in,
and the documents the signed-in editor changed. Each shows its choice in the sidebar and keeps
the list's one query a page."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.contrib.admin.views.main import ORDER_VAR
from django.db.models import Exists, OuterRef, QuerySet
from django.http import HttpRequest

from readingroom.catalogue.models import (
    Collection,
    CollectionMembership,
    Document,
    DocumentPerson,
    Person,
    Place,
    Role,
    Subject,
)
from readingroom.editorial.models import Version
from readingroom.search import service
from readingroom.search.backend import SearchUnavailable
from readingroom.search.params import SearchParams

from .forms import COUNT_BOUNDED, SearchCounted, kept


def _public_id(value: str | None) -> int | None:
    if value and value.isascii() and value.isdigit() and len(value) <= 18:
        return int(value)
    return None


class RecordFilter(admin.SimpleListFilter):
    """Documents linked to one record, named by its public id in the address: the documents
    whose id is among the record's links (a subquery on the link table's index, so no join
    that repeats a document and no DISTINCT over a million rows)."""

    model: type[Any] = Person
    links: Any = DocumentPerson  # the link table: a `document` and a field named for `model`
    role = ""  # for people: only links in this role

    def lookups(self, request: HttpRequest, model_admin: Any) -> list[tuple[str, str]]:
        chosen = _public_id(self.value())
        if chosen is None:
            return []
        record = self.model.objects.filter(public_id=chosen).first()
        # (a filter with no choice is not applied: an unknown id still filters, to nothing)
        return [(str(chosen), record.label() if record else f"none has id {chosen}")]

    def queryset(self, request: HttpRequest, queryset: QuerySet[Document]) -> QuerySet[Document]:
        chosen = _public_id(self.value())
        if chosen is None:
            return queryset
        record = self.model.objects.filter(public_id=chosen).values_list("pk", flat=True).first()
        links = self.links.objects.filter(**{self.model._meta.model_name: record})
        links = links.filter(role=self.role) if self.role else links
        if walked(request, links.count()):
            setattr(request, COUNT_BOUNDED, True)
            return queryset.filter(Exists(links.filter(document_id=OuterRef("pk"))))
        return queryset.filter(pk__in=links.values("document_id"))


def walked(request: HttpRequest, links: int) -> bool:
    """Whether a list of a record's documents in date order is found by walking the list's
    date index, asking each document for a link (about BOUND x documents / links rows read for
    a page and its count, bounded as a search's: forms.SearchCounted), rather than by reading
    every link and sorting their documents (`links` rows): the walk for a record named in a
    large share of the archive (a person of 19,000 documents of 100,000: 2 ms, not 180), the
    links for the rest."""
    if request.GET.get(ORDER_VAR):
        return False  # another order: no index to walk in it on every database
    documents = kept("admin-count", Document._meta.label, Document.objects.count)  # (the list's)
    return links * links > SearchCounted.BOUND * documents


class PersonFilter(RecordFilter):
    title, parameter_name = "person (any role)", "person"


class AuthorFilter(PersonFilter):
    title, parameter_name, role = "author", "author", Role.AUTHOR


class RecipientFilter(PersonFilter):
    title, parameter_name, role = "recipient", "recipient", Role.RECIPIENT


class DiscussedFilter(PersonFilter):
    title, parameter_name, role = "person discussed", "discussed", Role.DISCUSSED


class PlaceFilter(RecordFilter):
    title, parameter_name, model, links = "place", "place", Place, Document.places.through


class SubjectFilter(RecordFilter):
    title, parameter_name, model, links = "subject", "subject", Subject, Document.subjects.through


class CollectionFilter(RecordFilter):
    title, parameter_name = "collection", "collection"
    model, links = Collection, CollectionMembership


class YearsFilter(admin.SimpleListFilter):
    """Documents whose date may fall in these years: `?years=1945` or `?years=1940-1949`."""

    title, parameter_name = "years (1945, or 1940-1949)", "years"

    def lookups(self, request: HttpRequest, model_admin: Any) -> list[tuple[str, str]]:
        chosen = self.value()
        return [(chosen, chosen)] if chosen and _years(chosen) else []

    def queryset(self, request: HttpRequest, queryset: QuerySet[Document]) -> QuerySet[Document]:
        years = _years(self.value() or "")
        if years is None:
            return queryset
        first, last = years
        return queryset.filter(date_latest__year__gte=first, date_earliest__year__lte=last)


def _years(value: str) -> tuple[int, int] | None:
    first, _, last = value.partition("-")
    low, high = _public_id(first), _public_id(last or first)
    if low is None or high is None or not 1 <= low <= high <= 9999:
        return None
    return low, high


class ChangedByMeFilter(admin.SimpleListFilter):
    title, parameter_name = "changes", "changed_by"

    def lookups(self, request: HttpRequest, model_admin: Any) -> list[tuple[str, str]]:
        return [("me", "changed by me")]

    def queryset(self, request: HttpRequest, queryset: QuerySet[Document]) -> QuerySet[Document]:
        if self.value() != "me" or request.user.pk is None:
            return queryset
        mine = Version.objects.filter(
            record_type="document",
            public_id=OuterRef("public_id"),
            changeset__user_id=int(request.user.pk),
        )
        return queryset.filter(Exists(mine))


class TextValueFilter(admin.AllValuesFieldListFilter):
    """A text field's values (type, classification) to choose from, an empty one named "(none)"
    rather than shown as a link without words; read once a change set (`forms.kept`:
    PostgreSQL, having no skip scan, read every row for them, 70-118 ms a filter at 10^6)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        everything = self.lookup_choices
        key = (everything.model._meta.label, self.field_path)
        self.lookup_choices: Any = kept("admin-choices", key, lambda: list(everything))

    def choices(self, changelist: Any) -> Any:
        for choice in super().choices(changelist):
            yield {**choice, "display": choice["display"] or "(none)"}


FILTERS = (
    PersonFilter, AuthorFilter, RecipientFilter, DiscussedFilter, PlaceFilter, SubjectFilter,
    CollectionFilter, YearsFilter, ChangedByMeFilter,
)  # fmt: skip


INDEX_HITS = 2_000  # documents the search index adds to an admin search, at most


def found_in_index(words: str) -> list[int]:
    """Public ids of the documents the public search finds for `words` (names in any spelling
    or variant, and every field it reads); none when there is no index to ask."""
    if not words.strip():
        return []
    query = SearchParams(text=words[:500]).search_query(
        offset=0, limit=INDEX_HITS, facet_limit=0, histogram=False, highlight=False
    )
    try:
        return [hit.public_id for hit in service.search(query).hits]
    except SearchUnavailable:
        return []
