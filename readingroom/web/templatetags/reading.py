"""Small template helpers for the reading room: dates as <time>, document types as words."""

from __future__ import annotations

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString

from readingroom.catalogue.models import Document
from readingroom.search.facets import FACETS_BY_NAME
from readingroom.search.languages import language_name

register = template.Library()


@register.simple_tag
def document_date(document: Document) -> SafeString:
    """The date as precise as known ("1936", "circa 1945", "Undated"), in a <time> element
    when it is a plain day, month or year a machine can read."""
    date = document.date
    if date.edtf and date.edtf.replace("-", "").isdigit():
        return format_html('<time datetime="{}">{}</time>', date.edtf, date.display)
    return format_html("{}", date.display)


@register.filter
def doc_type(value: str) -> str:
    """A document type code as words ("memorandum-of-conversation" -> "Memorandum of ...")."""
    if not value:
        return ""
    describe = FACETS_BY_NAME["type"].describe
    return describe(value) if describe else value


@register.filter
def language(code: str) -> str:
    return language_name(code)
