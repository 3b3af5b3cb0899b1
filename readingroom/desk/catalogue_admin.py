"""The editors' admin: every record type listed, searched, filtered and edited, with the
outbox written explicitly whenever a save changes what search shows."""

from __future__ import annotations

from functools import partial
from typing import Any

from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.db.models import Model, QuerySet
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html

from readingroom.catalogue.authority import linked_document_count, linked_document_ids
from readingroom.catalogue.dates import InvalidDate, parse_date
from readingroom.catalogue.fields import form_fields
from readingroom.catalogue.models import (
    Attachment,
    Collection,
    CollectionMembership,
    Document,
    DocumentPerson,
    DocumentText,
    Person,
    PersonVariant,
    Place,
    PlaceVariant,
    Repository,
    Subject,
    SubjectVariant,
    readable,
)
from readingroom.editorial.merges import MergeRefused, merge_people, open_merges, unmerge
from readingroom.editorial.models import Merge
from readingroom.search.outbox import enqueue_documents

from . import document_filters
from .forms import DocumentForm, MergeForm, ModelAdmin, PersonForm, StackedInline, TabularInline
from .members_admin import members_view


def declared_fieldsets(
    record_type: str, sections: dict[str, tuple[tuple[str, ...], tuple[str, ...]]]
) -> Any:
    """The admin's sections in this order, each with the fields the declaration puts in it
    (catalogue/fields.py), between the read-only facts shown before and after them."""
    return tuple(
        (title or None, {"fields": (*before, *form_fields(record_type, title), *after)})
        for title, (before, after) in sections.items()
    )


class ReindexLinkedMixin:
    """Authority records: a change to a name re-indexes every document that carries it; the
    record's page links to its documents in the documents list (document_filters)."""

    documents_filter = ""  # the documents list's filter of this kind of record

    @admin.display(description="documents")
    def documents_link(self, record: Any) -> str:
        if record.pk is None or not self.documents_filter:
            return "-"
        listed = reverse("admin:catalogue_document_changelist")
        return format_html(
            '<a href="{}?{}={}">{} documents</a>',
            listed, self.documents_filter, record.public_id, linked_document_count(record),
        )  # fmt: skip

    def save_related(self, request: HttpRequest, form: Any, formsets: Any, change: bool) -> None:
        super().save_related(request, form, formsets, change)  # type: ignore[misc]
        enqueue_documents(linked_document_ids(form.instance))


class DocumentTextInline(StackedInline):
    model = DocumentText
    extra = 0
    fields = (("kind", "language", "position"), "credit", "body")


class DocumentPersonInline(TabularInline):
    model = DocumentPerson
    extra = 0
    autocomplete_fields = ("person",)
    verbose_name = "person or organization"
    verbose_name_plural = "people and organizations (authors, recipients, discussed)"


class MembershipInline(TabularInline):
    model = CollectionMembership
    extra = 0
    autocomplete_fields = ("collection",)


class AttachmentInline(TabularInline):
    model = Attachment
    extra = 0
    fields = ("label", "kind", "file", "position")


@admin.register(Document)
class DocumentAdmin(ModelAdmin):
    form = DocumentForm
    list_display = ("public_id", "title", "date_display", "doc_type", "status", "repository")
    list_select_related = ("repository",)  # one query for the page, not one a row
    ordering = ("date_earliest", "date_latest", "-id")  # an index's order (document_by_date)
    list_display_links = ("public_id", "title")
    list_filter = (
        "status",
        ("doc_type", document_filters.TextValueFilter),
        "repository",
        ("classification", document_filters.TextValueFilter),
        *document_filters.FILTERS,
    )
    search_fields = ("title", "key", "summary", "citation", "=public_id")
    autocomplete_fields = ("repository", "places", "subjects", "related")
    readonly_fields = ("public_id", "key", "slug", "date_display", "date_bounds", "published_at")
    inlines = (DocumentTextInline, DocumentPersonInline, MembershipInline, AttachmentInline)

    def get_search_results(self, request: HttpRequest, queryset: QuerySet[Any], search_term: str):  # type: ignore[no-untyped-def]
        """The admin's own text search, and what the public search finds for the words: a
        person's documents under any spelling of the name (drafts by their own fields only)."""
        found, duplicates = super().get_search_results(request, queryset, search_term)
        if request.path.endswith("/autocomplete/"):
            return found, duplicates
        indexed = document_filters.found_in_index(search_term)
        if indexed:
            found = found | queryset.filter(public_id__in=indexed)
        return found, duplicates

    def view_on_site(self, document: Document) -> str:  # type: ignore[override]
        """ "View on site": the page readers see when they may, else staff's preview of it."""
        if readable(document.status, document.embargo_until, timezone.localdate()):
            return document.get_absolute_url()
        return reverse("preview", kwargs={"public_id": document.public_id})

    fieldsets = declared_fieldsets(
        "document",
        {
            "": (("public_id", "key"), ()),
            "Date": ((), ("date_display", "date_bounds")),
            "Provenance": ((), ()),
            "Index terms": ((), ()),
            "Credits": ((), ()),
            "Publication": ((), ("published_at", "slug")),
        },
    )

    class Media:
        js = ("catalogue/date-preview.js",)

    @admin.display(description="date", ordering="date_earliest")
    def date_display(self, document: Document) -> str:
        return document.date.display

    @admin.display(description="earliest – latest day")
    def date_bounds(self, document: Document) -> str:
        date = document.date
        if date.is_undated:
            return "undated: sorts last"
        return f"{date.earliest or 'open'} – {date.latest or 'open'}"

    def get_urls(self) -> list[Any]:
        preview = self.admin_site.admin_view(date_preview)
        return [path("date-preview/", preview, name="catalogue_date_preview"), *super().get_urls()]

    def save_related(self, request: HttpRequest, form: Any, formsets: Any, change: bool) -> None:
        super().save_related(request, form, formsets, change)
        enqueue_documents([form.instance.public_id])

    def delete_model(self, request: HttpRequest, document: Model) -> None:
        public_id = document.public_id  # type: ignore[attr-defined]
        super().delete_model(request, document)
        enqueue_documents([public_id])

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[Any]) -> None:
        ids = list(queryset.values_list("public_id", flat=True))
        super().delete_queryset(request, queryset)
        enqueue_documents(ids)


def date_preview(request: HttpRequest) -> JsonResponse:
    """What a typed date will display as, and the days it covers (the admin's live preview)."""
    try:
        date = parse_date(request.GET.get("value", ""))
    except InvalidDate as error:
        return JsonResponse({"error": str(error)}, status=400)
    return JsonResponse(
        {
            "display": date.display,
            "edtf": date.edtf or "undated",
            "earliest": date.earliest.isoformat() if date.earliest else None,
            "latest": date.latest.isoformat() if date.latest else None,
        }
    )


class PersonVariantInline(TabularInline):
    model = PersonVariant
    extra = 1


@admin.register(Person)
class PersonAdmin(ReindexLinkedMixin, ModelAdmin):
    form = PersonForm
    list_display = ("public_id", "name", "sort_name", "kind", "life_dates", "merged_into")
    list_select_related = ("merged_into",)
    list_display_links = ("public_id", "name")
    list_filter = ("kind", ("merged_into", admin.EmptyFieldListFilter))
    search_fields = ("name", "sort_name", "variants__name", "key", "=public_id")
    readonly_fields = ("public_id", "key", "slug", "merged_into", "documents_link")
    documents_filter = "person"
    inlines = (PersonVariantInline,)
    actions = ("merge_people", "undo_merges")

    def get_search_results(self, request: HttpRequest, queryset: QuerySet[Any], search_term: str):  # type: ignore[no-untyped-def]
        queryset, duplicates = super().get_search_results(request, queryset, search_term)
        if request.path.endswith("/autocomplete/"):
            queryset = queryset.filter(merged_into__isnull=True)
        return queryset.distinct(), duplicates

    @admin.action(description="Merge selected people into one record", permissions=["change"])
    def merge_people(self, request: HttpRequest, queryset: QuerySet[Person]) -> HttpResponse | None:
        people = queryset.filter(merged_into__isnull=True)
        if people.count() < 2:
            self.message_user(request, "Select at least two people to merge.", messages.ERROR)
            return None
        form = MergeForm(request.POST if "survivor" in request.POST else None, people=people)
        if form.is_valid():
            self._merge(request, form.cleaned_data["survivor"], people, form.chosen())
            return None
        context = {
            **self.admin_site.each_context(request),
            "form": form,
            "people": people,
            "opts": self.model._meta,
            "title": "Merge people",
            "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
        }
        return render(request, "admin/catalogue/person/merge.html", context)

    def _merge(
        self,
        request: HttpRequest,
        survivor: Person,
        people: QuerySet[Person],
        chosen: dict[str, str],
    ) -> None:
        merged_names = []
        for person in people.exclude(pk=survivor.pk):
            try:
                merge_people(survivor, person, chosen)
            except MergeRefused as error:
                self.message_user(request, str(error), messages.ERROR)
                return
            merged_names.append(person.name)
        self.message_user(request, f"Merged {', '.join(merged_names)} into {survivor.name}.")

    @admin.action(description="Undo the merge of the selected people", permissions=["change"])
    def undo_merges(self, request: HttpRequest, queryset: QuerySet[Person]) -> None:
        merges = open_merges(queryset)
        if not merges:
            self.message_user(request, "None of them was merged into another.", messages.ERROR)
            return
        self._unmerge(request, merges)

    def _unmerge(self, request: HttpRequest, merges: list[Merge]) -> None:
        for merge in merges:
            try:
                unmerge(merge)
            except MergeRefused as error:
                self.message_user(request, str(error), messages.ERROR)
                return
            self.message_user(request, f"{merge.merged.name} is a record of its own again.")


class PlaceVariantInline(TabularInline):
    model = PlaceVariant
    extra = 1


@admin.register(Place)
class PlaceAdmin(ReindexLinkedMixin, ModelAdmin):
    list_display = ("public_id", "name", "geonames")
    list_display_links = ("public_id", "name")
    search_fields = ("name", "variants__name", "key", "=public_id")
    readonly_fields = ("public_id", "key", "slug", "documents_link")
    documents_filter = "place"
    inlines = (PlaceVariantInline,)


class SubjectVariantInline(TabularInline):
    model = SubjectVariant
    extra = 1


@admin.register(Subject)
class SubjectAdmin(ReindexLinkedMixin, ModelAdmin):
    list_display = ("public_id", "name", "broader")
    list_select_related = ("broader",)
    list_display_links = ("public_id", "name")
    search_fields = ("name", "variants__name", "key", "=public_id")
    autocomplete_fields = ("broader",)
    readonly_fields = ("public_id", "key", "slug", "documents_link")
    documents_filter = "subject"
    inlines = (SubjectVariantInline,)


@admin.register(Repository)
class RepositoryAdmin(ReindexLinkedMixin, ModelAdmin):
    list_display = ("public_id", "short_name", "name", "location")
    list_display_links = ("public_id", "short_name", "name")
    search_fields = ("name", "short_name", "key", "=public_id")
    readonly_fields = ("public_id", "key", "slug")


@admin.register(Collection)
class CollectionAdmin(ReindexLinkedMixin, ModelAdmin):
    list_display = ("public_id", "title", "featured")
    list_display_links = ("public_id", "title")
    list_filter = ("featured",)
    search_fields = ("title", "description", "key", "=public_id")
    readonly_fields = ("public_id", "key", "slug", "documents")

    @admin.display(description="documents")
    def documents(self, collection: Collection) -> str:
        """How many, and the page that lists, orders, adds and removes them (members_admin)."""
        if collection.pk is None:
            return "Save the collection, then add its documents."
        count = collection.memberships.count()
        members = reverse("admin:catalogue_collection_members", args=[collection.pk])
        return format_html(
            '{} in curated order: <a href="{}">list, reorder, add or remove</a>', count, members
        )

    def get_urls(self) -> list[Any]:
        view = self.admin_site.admin_view(partial(members_view, self))
        name = "catalogue_collection_members"
        return [path("<path:object_id>/members/", view, name=name), *super().get_urls()]
