"""History in the admin, for every record type: each save, delete and inline change becomes a
version with the editor, the time and the note; the record's History page lists its versions,
shows each one against the one before, and restores an earlier one.

A note is required when the record is public now (a published document, or an authority record
a published document names): readers see document notes in the Corrections list.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Model, QuerySet
from django.forms.models import BaseInlineFormSet
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import path, reverse

from readingroom.catalogue.models import RECORD_MODELS
from readingroom.catalogue.visibility import is_public
from readingroom.editorial.history import Attribution, Recorder, versions_of
from readingroom.editorial.models import Source, Version
from readingroom.editorial.roles import RESTORE
from readingroom.editorial.snapshots import label, record_type

from .restore import RestoreRefused, restore_version

NOTE_REQUIRED = (
    "Say what you changed and why in the change note: this record is public, and readers "
    "see the note in its list of corrections."
)


class ChangeNoteMixin(forms.BaseForm):
    """Adds the change note, required when a public record changes; and refuses a save over a
    change made since the form was opened (an import, another editor): the form would write
    back the values it showed, undoing that change without a word."""

    instance: Model

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk is not None:
            self.fields["opened_at"].initial = _last_change(self.instance)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        opened = cleaned.get("opened_at")
        if self.instance.pk is not None and opened and opened != _last_change(self.instance):
            raise forms.ValidationError(CHANGED_SINCE_OPENED)
        note = (cleaned.get("change_note") or "").strip()
        changed = [n for n in self.changed_data if n not in ("change_note", "opened_at")]
        withdrawing = cleaned.get("status") == "withdrawn" and cleaned.get("withdrawn_reason")
        if withdrawing and not note:
            cleaned["change_note"] = f"Withdrawn: {cleaned['withdrawn_reason']}"
        elif changed and not note and self.instance.pk and is_public(self.instance):
            self.add_error("change_note", NOTE_REQUIRED)
        return cleaned


CHANGED_SINCE_OPENED = (
    "This record was changed since you opened it (by an import or another editor); nothing was "
    "saved. Open it again to see the change, then make yours."
)


def _last_change(record: Model) -> str:
    return str(getattr(record, "updated_at", "") or "")


def with_change_note(form_class: type[forms.ModelForm]) -> type[forms.ModelForm]:
    """`form_class` with a change note field (and when the record was opened)."""
    field = forms.CharField(
        label="Change note",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="What you changed and why. Required when the record is public; for a "
        "published document readers see it in the document's Corrections list.",
    )
    return type(  # type: ignore[return-value]
        f"Noted{form_class.__name__}",
        (ChangeNoteMixin, form_class),
        {
            "change_note": field,
            "opened_at": forms.CharField(widget=forms.HiddenInput, required=False),
            "__module__": __name__,
        },
    )


class NoteRequiredFormSet(BaseInlineFormSet):
    """Inline rows (texts, links, variants...) of a public record: changes need the note too."""

    def clean(self) -> None:
        super().clean()
        if self.has_changed() and not (self.data.get("change_note") or "").strip():
            raise ValidationError(NOTE_REQUIRED)


class HistoryAdminMixin:
    """For a catalogue ModelAdmin: records versions and serves History, version and restore."""

    history_template = "admin/editorial/history.html"
    version_template = "admin/editorial/version.html"
    restore_template = "admin/editorial/restore.html"

    def get_fieldsets(self, request: HttpRequest, obj: Any = None) -> Any:
        fieldsets = [
            (name, {**options, "fields": _without_note(options["fields"])})
            for name, options in super().get_fieldsets(request, obj)  # type: ignore[misc]
        ]
        if obj is None or self.has_change_permission(request, obj):  # type: ignore[attr-defined]
            fieldsets.append(("Change note", {"fields": ("change_note", "opened_at")}))
        return fieldsets

    def get_formsets_with_inlines(self, request: HttpRequest, obj: Any = None) -> Any:
        public = obj is not None and is_public(obj)
        for formset, inline in super().get_formsets_with_inlines(request, obj):  # type: ignore[misc]
            if public:
                formset = type(formset.__name__, (NoteRequiredFormSet, formset), {})
            yield formset, inline

    # Recording -------------------------------------------------------------------------

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        note = form.cleaned_data.get("change_note", "") if hasattr(form, "cleaned_data") else ""
        recorder = Recorder(Attribution(Source.ADMIN, request.user, note.strip()))
        if change:
            recorder.watch_records([obj])
        super().save_model(request, obj, form, change)  # type: ignore[misc]
        if not change:
            recorder.created(obj)
        form.editorial_recorder = recorder

    def save_related(self, request: HttpRequest, form: Any, formsets: Any, change: bool) -> None:
        super().save_related(request, form, formsets, change)  # type: ignore[misc]
        recorder = getattr(form, "editorial_recorder", None)
        if recorder is not None:
            recorder.finish()

    def save_formset(self, request: HttpRequest, form: Any, formset: Any, change: bool) -> None:
        recorder = getattr(form, "editorial_recorder", None)
        if recorder is not None:  # rows that link other records change those records too
            recorder.watch_records(linked_records(formset))
        super().save_formset(request, form, formset, change)  # type: ignore[misc]

    def delete_model(self, request: HttpRequest, obj: Any) -> None:
        recorder = Recorder(Attribution(Source.ADMIN, request.user, "Deleted"))
        recorder.watch_records([obj])
        super().delete_model(request, obj)  # type: ignore[misc]
        recorder.finish()

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[Any]) -> None:
        recorder = Recorder(Attribution(Source.ADMIN, request.user, "Deleted"))
        recorder.watch_records(list(queryset))
        super().delete_queryset(request, queryset)  # type: ignore[misc]
        recorder.finish()

    # History pages ---------------------------------------------------------------------

    def get_urls(self) -> list[Any]:
        view = self.admin_site.admin_view  # type: ignore[attr-defined]
        info = self.model._meta.app_label, self.model._meta.model_name  # type: ignore[attr-defined]
        return [
            path(
                "<path:object_id>/history/<int:number>/",
                view(self.version_view),
                name="{}_{}_version".format(*info),
            ),
            path(
                "<path:object_id>/history/<int:number>/restore/",
                view(self.restore_view),
                name="{}_{}_restore".format(*info),
            ),
            *super().get_urls(),  # type: ignore[misc]
        ]

    def _record(self, request: HttpRequest, object_id: str) -> Any:
        obj = self.get_object(request, object_id)  # type: ignore[attr-defined]
        if obj is None:
            raise Http404("no such record")
        if not self.has_view_or_change_permission(request, obj):  # type: ignore[attr-defined]
            raise PermissionDenied
        return obj

    def _context(self, request: HttpRequest, obj: Any, title: str) -> dict[str, Any]:
        return {
            **self.admin_site.each_context(request),  # type: ignore[attr-defined]
            "opts": self.model._meta,  # type: ignore[attr-defined]
            "original": obj,
            "title": title,
            "can_restore": self._can_restore(request, obj),
        }

    def _can_restore(self, request: HttpRequest, obj: Any) -> bool:
        user: Any = request.user
        return bool(user.has_perm(RESTORE) and self.has_change_permission(request, obj))  # type: ignore[attr-defined]

    def history_view(
        self, request: HttpRequest, object_id: str, extra_context: Any = None
    ) -> HttpResponse:
        obj = self._record(request, object_id)
        versions = versions_of(record_type(obj), obj.public_id)
        context = self._context(request, obj, f"History of {obj}")
        context["versions"] = [
            (v, [label(f) for f in v.changed_fields]) for v in reversed(versions)
        ]
        return render(request, self.history_template, context)

    def _version(self, obj: Any, number: int) -> tuple[Version, Version | None, int]:
        """The version, the one before it, and the latest number."""
        versions = {v.number: v for v in versions_of(record_type(obj), obj.public_id)}
        if number not in versions:
            raise Http404("no such version")
        return versions[number], versions.get(number - 1), max(versions)

    def version_view(self, request: HttpRequest, object_id: str, number: int) -> HttpResponse:
        obj = self._record(request, object_id)
        version, previous, latest = self._version(obj, number)
        context = self._context(request, obj, f"{obj}: version {number}")
        context.update(version=version, rows=_compare(previous, version), latest=latest)
        return render(request, self.version_template, context)

    def restore_view(self, request: HttpRequest, object_id: str, number: int) -> HttpResponse:
        obj = self._record(request, object_id)
        if not self._can_restore(request, obj):
            raise PermissionDenied
        version, _, _ = self._version(obj, number)
        form = RestoreForm(request.POST or None, required=is_public(obj))
        if request.method == "POST" and form.is_valid():
            try:
                with transaction.atomic():
                    restore_version(version, request.user, form.cleaned_data["note"])
            except RestoreRefused as refusal:
                self.message_user(request, f"Not restored: {refusal}", messages.ERROR)  # type: ignore[attr-defined]
            else:
                self.message_user(request, f"Restored version {number} of {obj}.")  # type: ignore[attr-defined]
                info = self.model._meta.app_label, self.model._meta.model_name  # type: ignore[attr-defined]
                return HttpResponseRedirect(
                    reverse(f"admin:{info[0]}_{info[1]}_history", args=[obj.pk])
                )
        context = self._context(request, obj, f"Restore version {number} of {obj}?")
        context.update(version=version, form=form)
        return render(request, self.restore_template, context)


def linked_records(formset: Any) -> list[Model]:
    """Versioned records (other than the parent) that an inline formset's rows link to, before
    and after the change: a membership row in a collection's page changes the document too."""
    fields = [
        f
        for f in formset.model._meta.fields
        if f.is_relation and f.related_model in RECORD_MODELS.values() and f.name != formset.fk.name
    ]
    wanted: dict[Any, set[Any]] = {}
    for form in formset.forms:
        cleaned = getattr(form, "cleaned_data", None) or {}
        for field in fields:
            for value in (form.initial.get(field.name), cleaned.get(field.name)):
                if value is not None:
                    wanted.setdefault(field.related_model, set()).add(getattr(value, "pk", value))
    return [
        record
        for model, pks in wanted.items()
        for record in model._default_manager.filter(pk__in=pks)
    ]


def _without_note(fields: Any) -> list[Any]:
    return [f for f in fields if f not in ("change_note", "opened_at")]


class RestoreForm(forms.Form):
    note = forms.CharField(
        label="Change note",
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Why you restore this version.",
    )

    def __init__(self, *args: Any, required: bool = True, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["note"].required = required
        if required:
            self.fields["note"].help_text += " Readers see it: the record is public."


def _compare(previous: Version | None, version: Version) -> list[tuple[str, Any, Any, bool]]:
    """(label, before, after, changed) for each field of the version."""
    before = previous.snapshot if previous else {}
    rows = []
    for name, value in version.snapshot.items():
        if name in ("type", "key", "id"):
            continue
        changed = name in version.changed_fields
        rows.append((label(name), _shown(before.get(name)), _shown(value), changed))
    return rows


def _shown(value: Any) -> str:
    """A snapshot value as an editor reads it: lists one item a line, objects as field: value."""
    if value is None or value == "" or value == []:
        return ""
    if isinstance(value, list):
        return "\n".join(_shown(item) for item in value)
    if isinstance(value, dict):
        return " · ".join(f"{k}: {v}" for k, v in value.items() if v not in ("", None, []))
    return str(value)
