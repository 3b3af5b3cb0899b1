"""Editor forms: dates checked as they are typed, lists edited as plain text."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from django import forms
from django.contrib import admin
from django.contrib.admin.views.main import SEARCH_VAR
from django.core.paginator import Paginator
from django.db import models
from django.http import HttpRequest
from django.utils.functional import cached_property

from readingroom.catalogue.dates import ACCEPTED, InvalidDate, parse_date
from readingroom.catalogue.fields import form_fields
from readingroom.catalogue.models import RECORD_MODELS, Document, Person
from readingroom.catalogue.text import normalized, unwritable
from readingroom.editorial.merges import disagreements
from readingroom.editorial.models import ChangeSet

T = TypeVar("T")
VERSIONED = frozenset(RECORD_MODELS.values())  # every change to one writes a change set


class LinesField(forms.CharField):
    """A list of strings edited one per line (credits, funders, legacy ids)."""

    widget = forms.Textarea(attrs={"rows": 3})

    def prepare_value(self, value: Any) -> Any:
        return "\n".join(value) if isinstance(value, list) else value

    def to_python(self, value: Any) -> list[str]:  # type: ignore[override]
        text = super().to_python(value) or ""
        return [line.strip() for line in text.splitlines() if line.strip()]


class LanguagesField(forms.CharField):
    """ISO 639 codes separated by commas or spaces."""

    def prepare_value(self, value: Any) -> Any:
        return ", ".join(value) if isinstance(value, list) else value

    def to_python(self, value: Any) -> list[str]:  # type: ignore[override]
        from readingroom.interchange.canonical import LANGUAGE

        text = super().to_python(value) or ""
        codes = [c.strip() for c in text.replace(",", " ").split() if c.strip()]
        bad = [c for c in codes if not LANGUAGE.match(c)]
        if bad:
            raise forms.ValidationError(f"'{bad[0]}' is not an ISO 639 code such as en, ru or zh.")
        return codes


class EdtfField(forms.CharField):
    """An EDTF date or 'undated'; stored as the EDTF value ('' for undated)."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("help_text", ACCEPTED)
        kwargs.setdefault("widget", forms.TextInput(attrs={"class": "edtf-date", "size": 30}))
        super().__init__(**kwargs)

    def prepare_value(self, value: Any) -> Any:
        return "undated" if value == "" else value

    def has_changed(self, initial: Any, data: Any) -> bool:
        """'undated' as shown and '' as stored are the same date."""
        try:
            return parse_date(initial or "").edtf != parse_date(data or "").edtf
        except InvalidDate:
            return True

    def clean(self, value: Any) -> str:
        text = super().clean(value)
        try:
            return parse_date(text).edtf
        except InvalidDate as error:
            raise forms.ValidationError(str(error)) from error


class WrittenText(forms.CharField):
    """A text field as the archive keeps text (catalogue/text.py), so that a form saved without
    an edit is unchanged: browsers send a textarea's line breaks as \r\n."""

    def to_python(self, value: Any) -> str | None:
        text = super().to_python(value)
        return normalized(text) if isinstance(text, str) else text

    def validate(self, value: Any) -> None:
        super().validate(value)
        problem = unwritable(value) if isinstance(value, str) else None
        if problem:
            raise forms.ValidationError(f"This text {problem}.")


# Every text column of every admin form and inline row is read as WrittenText.
WRITTEN_TEXT: dict[type[models.Field[Any, Any]], dict[str, Any]] = {
    models.CharField: {"form_class": WrittenText},
    models.TextField: {"form_class": WrittenText},
}


class CountedUpTo(Paginator):
    """Counts at most `BOUND` rows: all an autocomplete needs to offer more (20 a page) without
    counting every matching document on each keystroke."""

    BOUND = 1000

    @cached_property
    def count(self) -> int:
        return int(self.object_list[: self.BOUND].count())  # type: ignore[attr-defined]


KEPT: dict[tuple[str, Any], tuple[int, Any]] = {}  # (name, key) -> (change set, value)


def kept(name: str, key: Any, compute: Callable[[], T]) -> T:
    """`compute()`, kept in this process until the archive's next change set: every change to
    a record is written with one (editorial/history.py), a draft's too."""
    latest = ChangeSet.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    found = KEPT.get((name, key))
    if found is not None and found[0] == latest:
        value: T = found[1]
        return value
    value = compute()
    KEPT[(name, key)] = (latest, value)
    return value


class IdsFirst(Paginator):
    """A list page read in two steps: the ids of the page's rows in the list's order (a sort
    of narrow rows, or a walk of an index), then those rows by id. Sorting every full row to
    skip to page 500 took 1.9 s at 10^5 documents; this takes a tenth of it. A whole table's
    count is kept until the next change (`kept`): on PostgreSQL a million documents took 64-84
    ms to count, on every page."""

    @cached_property
    def count(self) -> int:
        rows: Any = self.object_list
        whole = not rows.query.where and not rows.query.distinct
        if whole and rows.model in VERSIONED:  # (jobs, say, change without a change set)
            return kept("admin-count", rows.model._meta.label, rows.count)
        return int(rows.count())

    def page(self, number: Any) -> Any:
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        rows = self.object_list
        ids = list(rows.values_list("pk", flat=True)[bottom : bottom + self.per_page])  # type: ignore[attr-defined]
        found = {row.pk: row for row in self._by_id(rows, ids)}
        return self._get_page([found[pk] for pk in ids if pk in found], number, self)  # type: ignore[attr-defined]

    @staticmethod
    def _by_id(rows: Any, ids: list[Any]) -> Any:
        """The rows of these ids: read by id alone, with the list's related rows, unless the
        list computes columns of its own (then through its query, filters and all)."""
        if rows.query.annotations:
            return rows.order_by().filter(pk__in=ids)
        fresh = rows.model._default_manager.filter(pk__in=ids)
        fresh.query.select_related = rows.query.select_related
        return fresh


class SearchCounted(IdsFirst):
    """A searched list, its matches counted up to `BOUND`: words are looked for inside every
    row's text, so counting them all read the whole table (1.2 s at 10^6 documents for a
    common word), where the first BOUND are found in a part of it that does not grow with the
    archive (a word in one document of seven: about 7,000 rows). Beyond that the list says
    "more than BOUND" (desk/site_templates/admin: the count, the search's and the actions'
    wording) and pages up to it; an action on all of them takes every match."""

    BOUND = 1_000

    @cached_property
    def counted(self) -> int:
        return int(self.object_list[: self.BOUND + 1].count())  # type: ignore[attr-defined]

    @cached_property
    def count(self) -> int:
        return min(self.counted, self.BOUND)

    @property
    def more(self) -> bool:
        """Whether there are more matches than counted."""
        return self.counted > self.BOUND


# Set on a request by a list filter that finds its rows by walking an index (desk/
# document_filters.walked): counting them all would read the whole table, so they are counted
# up to a bound, as a searched list's are.
COUNT_BOUNDED = "readingroom_count_bounded"


class ReadOnly:
    """For the admin of what the archive writes itself (change sets, jobs): shown, never
    added, edited or deleted by hand. Put before the ModelAdmin."""

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class ModelAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    formfield_overrides = WRITTEN_TEXT
    show_full_result_count = False  # (a filtered list counts its own rows, not the whole table)

    def get_paginator(
        self, request: HttpRequest, queryset: Any, per_page: int, *args: Any, **kwargs: Any
    ) -> Paginator:
        if request.path.endswith("/autocomplete/"):
            return CountedUpTo(queryset, per_page, *args, **kwargs)
        if request.GET.get(SEARCH_VAR, "").strip() or getattr(request, COUNT_BOUNDED, False):
            return SearchCounted(queryset, per_page, *args, **kwargs)
        return IdsFirst(queryset, per_page, *args, **kwargs)


class StackedInline(admin.StackedInline):  # type: ignore[type-arg]
    formfield_overrides = WRITTEN_TEXT


class TabularInline(admin.TabularInline):  # type: ignore[type-arg]
    formfield_overrides = WRITTEN_TEXT


class DocumentForm(forms.ModelForm):
    date_edtf = EdtfField(label="Date (EDTF)", required=True)
    languages = LanguagesField(required=False, help_text="Languages of the original, e.g. ru, en")
    credits = LinesField(required=False, help_text="One credit per line.")
    funders = LinesField(required=False, help_text="One funder per line.")
    legacy_ids = LinesField(required=False, help_text="Ids the document had before, one per line.")

    class Meta:
        model = Document
        fields = form_fields("document")

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        status = cleaned.get("status")
        if status == "embargoed" and not cleaned.get("embargo_until"):
            self.add_error("embargo_until", "An embargoed document needs a release day.")
        if status == "withdrawn" and not cleaned.get("withdrawn_reason"):
            self.add_error("withdrawn_reason", "Say why the document is withdrawn.")
        return cleaned

    def save(self, commit: bool = True) -> Document:
        document: Document = super().save(commit=False)
        document.set_date(parse_date(self.cleaned_data["date_edtf"], document.date_text))
        if commit:
            document.save()
            self.save_m2m()
        return document


class PersonForm(forms.ModelForm):
    dates_edtf = EdtfField(label="Life dates (EDTF)", required=False)

    class Meta:
        model = Person
        fields = ("kind", *form_fields("person"))


class MergeForm(forms.Form):
    """Choose which of the selected people survives a merge, and, for each field on which they
    disagree (sort name, life dates, biography, external ids), which value it keeps."""

    survivor = forms.ModelChoiceField(
        queryset=Person.objects.none(), widget=forms.RadioSelect, label="Keep this record"
    )

    def __init__(self, *args: Any, people: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["survivor"].queryset = people  # type: ignore[attr-defined]
        for name, values in disagreements(list(people)).items():
            label = getattr(Person._meta.get_field(name), "verbose_name", name)
            self.fields[f"keep_{name}"] = forms.ChoiceField(
                choices=[(v, v) for v in values],
                widget=forms.RadioSelect,
                label=f"Keep this {label}",
                required=False,
                help_text="Left unchosen, the record kept keeps its own.",
            )

    def chosen(self) -> dict[str, str]:
        """The values chosen where the people disagree, by field."""
        return {
            name.removeprefix("keep_"): value
            for name, value in self.cleaned_data.items()
            if name.startswith("keep_") and value
        }
