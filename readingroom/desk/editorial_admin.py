"""The editorial workflow on top of the catalogue's admin (readingroom/desk/catalogue_admin.py).

Each catalogue ModelAdmin is registered again here as a subclass that adds history (versions,
notes, restore), the role checks of the publication workflow, checked uploads and reviewers'
comments. The catalogue's admin stays the one place for how records are edited.
"""

from __future__ import annotations

from contextvars import ContextVar
from typing import Any

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.db.models import Count, OuterRef, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join

from readingroom.catalogue.models import (
    Collection,
    Document,
    Person,
    Place,
    Repository,
    Status,
    Subject,
    readable,
)
from readingroom.desk.forms import DocumentForm, ModelAdmin, PersonForm, ReadOnly, TabularInline
from readingroom.editorial import workflow
from readingroom.editorial.jobs import run_here
from readingroom.editorial.merges import (
    merge_job,
    run_merge,
    run_unmerge,
    small,
    small_unmerge,
    unmerge_job,
)
from readingroom.editorial.models import ChangeSet, Comment, Merge, Version
from readingroom.editorial.roles import MERGE, PUBLISH, WITHDRAW

from . import catalogue_admin as catalogue
from .bulk_admin import change_documents, state_in_background
from .history_admin import HistoryAdminMixin, with_change_note
from .jobs_admin import report_job
from .uploads import CheckedAttachmentForm

for _model in (Document, Person, Place, Subject, Repository, Collection):
    admin.site.unregister(_model)


class CheckedAttachmentInline(catalogue.AttachmentInline):
    form = CheckedAttachmentForm


class WithdrawForm(forms.Form):
    reason = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Readers see this on the document's page, which answers 410 Gone.",
    )


class UnpublishConfirmation(forms.ModelForm):
    """Taking a public document away from readers (back to draft or review, or under an
    embargo again) needs the editor to say so: citations of it stop leading to its text."""

    confirm_unpublish = forms.BooleanField(
        required=False,
        label="Take it away from readers",
        help_text="This document is public. Saving it as a draft, in review or under an embargo "
        "that has not passed hides it: its address will say it is not available now.",
    )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        status = cleaned.get("status", self.instance.status)
        embargo = cleaned.get("embargo_until", self.instance.embargo_until)
        was_public = self.instance.pk is not None and self.instance.is_public
        stays = readable(status, embargo, timezone.localdate()) or status == Status.WITHDRAWN
        if was_public and not stays and not cleaned.get("confirm_unpublish"):
            self.add_error("confirm_unpublish", UNPUBLISH_UNCONFIRMED)
        return cleaned


UNPUBLISH_UNCONFIRMED = (
    "Readers can see this document now. Tick the box to confirm taking it away from them."
)


class ConfirmedDocumentForm(UnpublishConfirmation, DocumentForm):
    """The document form with the confirmation of taking a public document away."""


@admin.register(Document)
class EditorialDocumentAdmin(HistoryAdminMixin, catalogue.DocumentAdmin):
    form = with_change_note(ConfirmedDocumentForm)  # type: ignore[assignment]
    inlines = tuple(  # type: ignore[assignment]
        CheckedAttachmentInline if inline is catalogue.AttachmentInline else inline
        for inline in catalogue.DocumentAdmin.inlines
    )
    readonly_fields = (*catalogue.DocumentAdmin.readonly_fields, "review_comments")  # type: ignore[assignment]
    fieldsets = (  # type: ignore[assignment]
        *catalogue.DocumentAdmin.fieldsets,
        ("Review", {"fields": ("review_comments",)}),
    )
    actions = ("send_to_review", "publish_documents", "withdraw_documents", "change_documents")

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return super().has_change_permission(request, obj) and workflow.may_edit(request.user, obj)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return super().has_delete_permission(request, obj) and workflow.may_edit(request.user, obj)

    def has_publish_permission(self, request: HttpRequest) -> bool:
        return request.user.has_perm(PUBLISH)

    def has_withdraw_permission(self, request: HttpRequest) -> bool:
        return request.user.has_perm(WITHDRAW)

    def get_fieldsets(self, request: HttpRequest, obj: Any = None) -> Any:
        fieldsets = list(super().get_fieldsets(request, obj))
        if obj is not None and obj.is_public:  # the box only where it can be needed
            fieldsets.append(("Readers", {"fields": ("confirm_unpublish",)}))
        return fieldsets

    def get_form(
        self, request: HttpRequest, obj: Any = None, change: bool = False, **kwargs: Any
    ) -> Any:
        form = super().get_form(request, obj, change, **kwargs)
        allowed = workflow.allowed_statuses(request.user, obj.status if obj else None)

        class WorkflowForm(form):  # type: ignore[valid-type,misc]
            def __init__(self, *args: Any, **kwargs: Any) -> None:
                super().__init__(*args, **kwargs)
                if "status" in self.fields:
                    self.fields["status"].choices = [
                        (value, text) for value, text in Status.choices if value in allowed
                    ]

        return WorkflowForm

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        obj.note_publication(timezone.now())
        super().save_model(request, obj, form, change)

    @admin.display(description="comments")
    def review_comments(self, document: Document) -> str:
        if document.pk is None:
            return "Comments can be added once the document is saved."
        add = reverse("admin:editorial_comment_add") + f"?document={document.pk}"
        comments = format_html_join(
            "",
            "<li><strong>{}</strong>, {}: {}</li>",
            (
                (c.author or "someone", f"{c.created_at:%Y-%m-%d %H:%M}", c.body)
                for c in Comment.objects.filter(document=document).select_related("author")
            ),
        )
        return format_html(
            '<ul class="review-comments">{}</ul><a href="{}">Add a comment</a>', comments, add
        )

    @admin.action(description="Send selected drafts to review", permissions=["change"])
    def send_to_review(self, request: HttpRequest, queryset: QuerySet[Document]) -> None:
        if state_in_background(self, request, queryset, Status.REVIEW):
            return
        count = workflow.send_to_review(queryset, request.user)
        self.message_user(request, f"{count} document(s) sent to review.")

    @admin.action(description="Publish selected documents", permissions=["publish"])
    def publish_documents(self, request: HttpRequest, queryset: QuerySet[Document]) -> None:
        if state_in_background(self, request, queryset, Status.PUBLISHED):
            return
        count = workflow.publish(queryset, request.user)
        self.message_user(request, f"{count} document(s) published.")

    @admin.action(description="Change selected documents…", permissions=["publish"])
    def change_documents(
        self, request: HttpRequest, queryset: QuerySet[Document]
    ) -> HttpResponse | None:
        return change_documents(self, request, queryset)

    @admin.action(description="Withdraw selected documents…", permissions=["withdraw"])
    def withdraw_documents(
        self, request: HttpRequest, queryset: QuerySet[Document]
    ) -> HttpResponse | None:
        form = WithdrawForm(request.POST if "reason" in request.POST else None)
        if form.is_valid():
            reason = form.cleaned_data["reason"]
            if state_in_background(self, request, queryset, Status.WITHDRAWN, reason):
                return None
            count = workflow.withdraw(queryset, request.user, reason)
            self.message_user(request, f"{count} document(s) withdrawn.")
            return None
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": "Withdraw documents",
            "form": form,
            "documents": queryset,
            "action_checkbox_name": ACTION_CHECKBOX_NAME,
        }
        return render(request, "admin/editorial/withdraw.html", context)


@admin.register(Person)
class EditorialPersonAdmin(HistoryAdminMixin, catalogue.PersonAdmin):
    form = with_change_note(PersonForm)  # type: ignore[assignment]

    def has_merge_permission(self, request: HttpRequest) -> bool:
        return request.user.has_perm(MERGE)

    @admin.action(description="Merge selected people into one record", permissions=["merge"])
    def merge_people(self, request: HttpRequest, queryset: QuerySet[Person]) -> HttpResponse | None:
        return super().merge_people(request, queryset)

    def _merge(
        self,
        request: HttpRequest,
        survivor: Person,
        people: QuerySet[Person],
        chosen: dict[str, str],
    ) -> None:
        """A job: done now when it touches few documents, else by the background worker."""
        job = merge_job(survivor, people, chosen, request.user)
        if small(job):
            job = run_here(job, run_merge)
        report_job(self, request, job)

    @admin.action(description="Undo the merge of the selected people", permissions=["merge"])
    def undo_merges(self, request: HttpRequest, queryset: QuerySet[Person]) -> None:
        return super().undo_merges(request, queryset)

    def _unmerge(self, request: HttpRequest, merges: list[Merge]) -> None:
        undo_in_a_job(self, request, merges)


def undo_in_a_job(model_admin: Any, request: HttpRequest, merges: list[Merge]) -> None:
    """Undo merges as a job: done now when they touch few documents, else in the background."""
    job = unmerge_job(merges, request.user)
    if small_unmerge(job):
        job = run_here(job, run_unmerge)
    report_job(model_admin, request, job)


@admin.register(Place)
class EditorialPlaceAdmin(HistoryAdminMixin, catalogue.PlaceAdmin):
    form = with_change_note(forms.ModelForm)


@admin.register(Subject)
class EditorialSubjectAdmin(HistoryAdminMixin, catalogue.SubjectAdmin):
    form = with_change_note(forms.ModelForm)


@admin.register(Repository)
class EditorialRepositoryAdmin(HistoryAdminMixin, catalogue.RepositoryAdmin):
    form = with_change_note(forms.ModelForm)


@admin.register(Collection)
class EditorialCollectionAdmin(HistoryAdminMixin, catalogue.CollectionAdmin):
    form = with_change_note(forms.ModelForm)


@admin.register(Comment)
class CommentAdmin(ModelAdmin):
    list_display = ("document", "author", "created_at", "resolved", "excerpt")
    list_filter = ("resolved",)
    search_fields = ("body", "document__title", "=document__public_id")
    autocomplete_fields = ("document",)
    readonly_fields = ("author", "created_at")
    fields = ("document", "body", "resolved", "author", "created_at")

    @admin.display(description="comment")
    def excerpt(self, comment: Comment) -> str:
        return comment.body[:80]

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        own = obj is not None and obj.author_id == request.user.pk
        return own or super().has_change_permission(request, obj)

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        if not change:
            obj.author = request.user
        super().save_model(request, obj, form, change)


VERSIONS_SHOWN = 100  # versions of a change set on one page of it
_versions_page: ContextVar[int] = ContextVar("versions_page", default=1)


def versions_page(request: HttpRequest) -> int:
    number = request.GET.get("versions", "1")
    return int(number) if number.isascii() and number.isdigit() and 0 < len(number) < 8 else 1


class VersionInline(TabularInline):
    """A change set's versions, a hundred at a time (`?versions=2` for the next): a change set
    of an import holds tens of thousands."""

    model = Version
    fields = ("record_type", "public_id", "number", "action", "changed_fields")
    readonly_fields = fields
    extra = 0
    can_delete = False
    show_change_link = False

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def get_formset(self, request: HttpRequest, obj: Any = None, **kwargs: Any) -> Any:
        formset = super().get_formset(request, obj, **kwargs)
        start = (versions_page(request) - 1) * VERSIONS_SHOWN

        class OnePage(formset):  # type: ignore[misc,valid-type]
            def get_queryset(self) -> Any:
                # read once: each row's form asks for the queryset again
                if not hasattr(self, "_page"):
                    rows = super().get_queryset().order_by("id")[start : start + VERSIONS_SHOWN]
                    self._page = list(rows)
                return self._page

        return OnePage


@admin.register(ChangeSet)
class ChangeSetAdmin(ReadOnly, ModelAdmin):
    """Every change ever made, newest first: who, how, why, and what it touched."""

    list_display = ("created_at", "user", "source", "origin", "note", "size")
    list_filter = ("source", "user")
    search_fields = ("note", "origin", "user__username")
    date_hierarchy = "created_at"
    fields = ("created_at", "user", "source", "origin", "note", "merges", "versions_shown")
    readonly_fields = fields
    inlines = (VersionInline,)

    @admin.display(description="merges")
    def merges(self, changeset: Any) -> str:
        """The merges this change made, each with whether it was undone; a link to undo those
        that were not."""
        found = list(Merge.objects.filter(changeset=changeset).select_related("survivor", "merged"))
        if not found:
            return "none"
        items = format_html_join(
            "",
            "<li>{} into {}{}</li>",
            (
                (m.merged.name, m.survivor.name, f" (undone {m.undone_at:%Y-%m-%d %H:%M})")
                if m.undone_at
                else (m.merged.name, m.survivor.name, "")
                for m in found
            ),
        )
        url = reverse("admin:editorial_changeset_undo_merges", args=[changeset.pk])
        undo = format_html('<a href="{}">Undo…</a>', url)
        return format_html(
            "<ul>{}</ul>{}", items, undo if any(not m.undone_at for m in found) else ""
        )

    def get_urls(self) -> list[Any]:
        view = self.admin_site.admin_view(self.undo_merges_view)
        name = "editorial_changeset_undo_merges"
        return [path("<path:object_id>/undo-merges/", view, name=name), *super().get_urls()]

    def undo_merges_view(self, request: HttpRequest, object_id: str) -> HttpResponse:
        """Undo, from its history, the merges a change made (as the people's "Undo" does)."""
        changeset = get_object_or_404(ChangeSet, pk=object_id)
        back = reverse("admin:editorial_changeset_change", args=[changeset.pk])
        if not request.user.has_perm(MERGE):
            self.message_user(request, "You may not undo merges.", messages.ERROR)
            return HttpResponseRedirect(back)
        open_ones = Merge.objects.filter(changeset=changeset, undone_at__isnull=True)
        merges = list(open_ones.select_related("survivor", "merged").order_by("-created_at", "-id"))
        if request.method == "POST" and merges:
            undo_in_a_job(self, request, merges)
            return HttpResponseRedirect(back)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "changeset": changeset,
            "merges": merges,
            "title": "Undo the merges of this change?",
        }
        return render(request, "admin/editorial/undo_merges.html", context)

    @admin.display(description="versions")
    def versions_shown(self, changeset: Any) -> str:
        """Which of the change set's versions the page shows, with links to the others."""
        total = changeset.versions.count()
        page = _versions_page.get()
        first, last = (page - 1) * VERSIONS_SHOWN + 1, min(total, page * VERSIONS_SHOWN)
        links = [
            format_html('<a href="?versions={}">{}</a>', number, label)
            for number, label in ((page - 1, "previous 100"), (page + 1, "next 100"))
            if number > 0 and (number - 1) * VERSIONS_SHOWN < total
        ]
        shown = f"{first:,}–{last:,} of {total:,}" if total else "none"
        return format_html("{} {}", shown, format_html_join(" · ", "{}", ((x,) for x in links)))

    def change_view(self, request: HttpRequest, object_id: str, *args: Any, **kwargs: Any) -> Any:
        # versions_shown is called with the record only, while the page renders: rendered here
        token = _versions_page.set(versions_page(request))
        try:
            response = super().change_view(request, object_id, *args, **kwargs)
            return response.render() if hasattr(response, "render") else response
        finally:
            _versions_page.reset(token)

    def get_queryset(self, request: HttpRequest) -> QuerySet[ChangeSet]:
        # counted for the rows shown only (a correlated count; a GROUP BY over every version
        # of every change set took 0.6 s at 10^5 documents)
        versions = Version.objects.filter(changeset=OuterRef("pk")).order_by()
        counted = versions.values("changeset").annotate(n=Count("pk")).values("n")
        return (
            super()
            .get_queryset(request)
            .select_related("user")
            .annotate(size=Coalesce(Subquery(counted), 0))
        )

    @admin.display(description="records", ordering="size")
    def size(self, changeset: Any) -> int:
        return int(changeset.size)
