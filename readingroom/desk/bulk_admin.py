"""The documents list's bulk action: a change to every selected document (editorial/
bulk_changes.py), done while the editor waits when few, else a background job."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from readingroom.catalogue.models import Document, Role
from readingroom.editorial.bulk_changes import Change, bulk_job, run_bulk_change
from readingroom.editorial.jobs import JobRefused, run_here

from .jobs_admin import report_job

CHANGES = [
    ("add:subject", "Add a subject"),
    ("remove:subject", "Remove a subject"),
    ("add:place", "Add a place"),
    ("remove:place", "Remove a place"),
    ("add:person", "Add a person (in a role)"),
    ("remove:person", "Remove a person (in a role)"),
    ("add:collection", "Add to a collection"),
    ("remove:collection", "Remove from a collection"),
    ("set:doc_type", "Set the document type"),
    ("set:repository", "Set the repository"),
    ("set:classification", "Set the classification"),
    ("state:review", "Send to review"),
    ("state:published", "Publish"),
    ("state:embargoed", "Embargo until a day (YYYY-MM-DD)"),
    ("state:withdrawn", "Withdraw (say why)"),
]
SHOWN = 20  # documents listed on the form


class BulkChangeForm(forms.Form):
    change = forms.ChoiceField(choices=CHANGES)
    value = forms.CharField(
        max_length=200,
        required=False,
        help_text="The record's public id (subject, place, person, collection, repository), "
        "the new text (document type, classification), the day an embargo lifts, or why "
        "the documents are withdrawn.",
    )
    role = forms.ChoiceField(
        choices=[("", "-"), *Role.choices], required=False, help_text="For a person."
    )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        change = cleaned.get("change", "")
        needs_value = not change.startswith("state:") or change.endswith(("embargoed", "withdrawn"))
        if needs_value and not cleaned.get("value", "").strip():
            self.add_error("value", "This change needs a value.")
        return cleaned

    def change_asked(self) -> Change:
        operation, what = self.cleaned_data["change"].split(":")
        value = self.cleaned_data["value"].strip()
        if operation == "state":  # the new state, with its day or reason
            return Change("set", "status", what, detail=value)
        return Change(operation, what, value, self.cleaned_data["role"])


def change_documents(
    model_admin: admin.ModelAdmin,  # type: ignore[type-arg]
    request: HttpRequest,
    queryset: QuerySet[Document],
) -> HttpResponse | None:
    form = BulkChangeForm(request.POST if "change" in request.POST else None)
    if form.is_valid():
        documents = list(queryset.order_by("pk").values_list("pk", flat=True))
        try:
            job = bulk_job(documents, form.change_asked(), request.user)
        except (JobRefused, ValueError) as refusal:
            form.add_error("value", str(refusal))
        else:
            if len(documents) <= settings.JOBS_AT_ONCE:
                job = run_here(job, run_bulk_change)
            report_job(model_admin, request, job)
            return None
    context: dict[str, Any] = {
        **model_admin.admin_site.each_context(request),
        "opts": model_admin.model._meta,
        "title": "Change documents",
        "form": form,
        "count": queryset.count(),
        "shown": queryset.order_by("pk")[:SHOWN],
        "selected": request.POST.getlist(ACTION_CHECKBOX_NAME),
        "select_across": request.POST.get("select_across", "0"),
        "action_checkbox_name": ACTION_CHECKBOX_NAME,
    }
    return render(request, "admin/editorial/bulk_change.html", context)


def state_in_background(
    model_admin: admin.ModelAdmin,  # type: ignore[type-arg]
    request: HttpRequest,
    queryset: QuerySet[Document],
    status: str,
    detail: str = "",
) -> bool:
    """A workflow action (publish, withdraw, send to review) on more documents than are done
    while the editor waits, queued as a bulk change job instead; False when few."""
    if queryset.count() <= settings.JOBS_AT_ONCE:
        return False
    documents = list(queryset.order_by("pk").values_list("pk", flat=True))
    change = Change("set", "status", status, detail=detail)
    try:
        report_job(model_admin, request, bulk_job(documents, change, request.user))
    except JobRefused as refusal:
        model_admin.message_user(request, str(refusal).capitalize() + ".", messages.ERROR)
    return True
