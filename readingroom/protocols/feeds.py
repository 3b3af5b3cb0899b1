"""Atom feeds of newly published and corrected documents (Django's syndication framework):
the whole archive, one collection, or one search (the /search parameters)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib.syndication.views import Feed
from django.db.models import QuerySet
from django.http import Http404, HttpRequest
from django.utils.feedgenerator import Atom1Feed

from readingroom.catalogue.models import Collection, Document
from readingroom.editorial.releases import ArchiveCorrection, recent_corrections
from readingroom.interchange.export import documents_for_export
from readingroom.search import params as search_params
from readingroom.search import service
from readingroom.search.reading import from_query_string

from . import conf, describe

ENTRIES = 50
SEARCH_WINDOW = 10_000  # hits of a search considered for its feed
CORRECTED_AFTER = dt.timedelta(minutes=10)


def newest(documents: QuerySet[Document]) -> list[Document]:
    return list(documents_for_export(documents.order_by("-updated_at", "-public_id"))[:ENTRIES])


def is_corrected(document: Document) -> bool:
    published = document.published_at or document.created_at
    return document.updated_at - published > CORRECTED_AFTER


class PlainTextSummaries(Atom1Feed):
    """Atom whose summaries are `type="text"` (RFC 4287, 3.1.1.1): an editor's summary is plain
    text, so a feed reader shows "<b>" as written and never runs it as markup. (Django writes
    `type="html"` around text it has only XML-escaped.)"""

    def add_item_elements(self, handler: Any, item: dict[str, Any]) -> None:
        summary = item["description"]
        super().add_item_elements(handler, {**item, "description": None})
        if summary is not None:
            handler.addQuickElement("summary", summary, {"type": "text"})


class ArchiveFeed(Feed):  # type: ignore[type-arg]
    """Every feed of the archive names the archive as its author (RFC 4287, 4.1.1: a feed
    whose entries may have no author of their own must have one)."""

    feed_type = PlainTextSummaries

    def author_name(self, obj: Any = None) -> str:
        return conf.archive_name()

    def author_link(self, obj: Any = None) -> str:
        return f"{conf.site_url()}/"


class DocumentFeed(ArchiveFeed):
    subtitle = "Documents as they are published, and again when they are corrected."

    def title(self, obj: Any = None) -> str:
        return f"{conf.archive_name()}: new and corrected documents"

    def link(self, obj: Any = None) -> str:
        return f"{conf.site_url()}/search"

    def feed_url(self, obj: Any = None) -> str:
        return f"{conf.site_url()}/feeds/documents.atom"

    def items(self, obj: Any = None) -> list[Document]:
        return newest(Document.objects.public())

    def item_title(self, item: Document) -> str:
        return f"Corrected: {item.title}" if is_corrected(item) else item.title

    def item_description(self, item: Document) -> str:
        return f"{item.date.display}. {item.summary}".strip()

    def item_link(self, item: Document) -> str:
        return conf.permanent_url(item.public_id)

    def item_guid(self, item: Document) -> str:
        return conf.permanent_url(item.public_id)

    def item_pubdate(self, item: Document) -> dt.datetime:
        return item.published_at or item.created_at

    def item_updateddate(self, item: Document) -> dt.datetime:
        return item.updated_at

    def item_author_name(self, item: Document) -> str | None:
        return "; ".join(p.name for p in describe.authors(item)) or None

    def item_categories(self, item: Document) -> list[str]:
        kinds = ["corrected"] if is_corrected(item) else ["published"]
        return [*kinds, *describe.subject_names(item)]


class CollectionFeed(DocumentFeed):
    def get_object(self, request: HttpRequest, public_id: int) -> Collection:  # type: ignore[override]
        collection = Collection.objects.filter(public_id=public_id).first()
        members = Document.objects.public().filter(memberships__collection=collection)
        if collection is None or not members.exists():
            raise Http404("No such collection")
        return collection

    def title(self, obj: Any = None) -> str:
        return f"{conf.archive_name()}: {obj.title}"

    def link(self, obj: Any = None) -> str:
        return f"{conf.site_url()}{obj.get_absolute_url()}"

    def feed_url(self, obj: Any = None) -> str:
        return f"{conf.site_url()}/feeds/collections/{obj.public_id}.atom"

    def items(self, obj: Any = None) -> list[Document]:
        return newest(Document.objects.public().filter(memberships__collection=obj))


class SearchFeed(DocumentFeed):
    def get_object(self, request: HttpRequest) -> search_params.SearchParams:  # type: ignore[override]
        return from_query_string(request.META.get("QUERY_STRING", "")).params

    def title(self, obj: Any = None) -> str:
        words = f" “{obj.text}”" if obj.text else ""
        return f"{conf.archive_name()}: search{words}"

    def link(self, obj: Any = None) -> str:
        query = obj.query_string()
        return f"{conf.site_url()}/search" + (f"?{query}" if query else "")

    def feed_url(self, obj: Any = None) -> str:
        query = obj.query_string()
        return f"{conf.site_url()}/feeds/search.atom" + (f"?{query}" if query else "")

    def items(self, obj: Any = None) -> list[Document]:
        query = obj.search_query(
            offset=0, limit=SEARCH_WINDOW, facet_limit=0, histogram=False, highlight=False
        )
        ids = [hit.public_id for hit in service.search(query).hits]
        return newest(Document.objects.public().filter(public_id__in=ids))


class CorrectionsFeed(ArchiveFeed):
    """Each correction of a published document, newest first: the same list as /corrections."""

    subtitle = "Every correction of a published document, with the editor's note."

    def title(self, obj: Any = None) -> str:
        return f"{conf.archive_name()}: corrections"

    def link(self, obj: Any = None) -> str:
        return f"{conf.site_url()}/corrections"

    def feed_url(self, obj: Any = None) -> str:
        return f"{conf.site_url()}/feeds/corrections.atom"

    def items(self, obj: Any = None) -> list[ArchiveCorrection]:
        return recent_corrections(ENTRIES)

    def item_title(self, item: ArchiveCorrection) -> str:
        return f"Corrected: {item.document.title}"

    def item_description(self, item: ArchiveCorrection) -> str:
        return " ".join(
            [f"{item.version.summary[0].upper()}{item.version.summary[1:]}.", *item.version.notes]
        )

    def item_link(self, item: ArchiveCorrection) -> str:
        return f"{conf.permanent_url(item.document.public_id)}?version={item.version.number}"

    def item_guid(self, item: ArchiveCorrection) -> str:
        return self.item_link(item)

    def item_pubdate(self, item: ArchiveCorrection) -> dt.datetime:
        version = item.version.version
        if version is not None:
            return version.created_at
        day = item.version.released_on
        return dt.datetime(day.year, day.month, day.day, tzinfo=dt.UTC)

    def item_updateddate(self, item: ArchiveCorrection) -> dt.datetime:
        return self.item_pubdate(item)
