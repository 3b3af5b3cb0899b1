"""`{% load editorial %}{% corrections document %}`: a published document's Corrections list."""

from __future__ import annotations

from typing import Any

from django import template

from readingroom.catalogue.models import Document
from readingroom.web.editorial_pages import corrections_list

register = template.Library()


@register.inclusion_tag("editorial/corrections.html")
def corrections(document: Document) -> dict[str, Any]:
    return {"document": document, "list": corrections_list(document)}
