"""`{% editors_dashboard as board %}` for the admin's home page (desk/dashboard.py)."""

from __future__ import annotations

from typing import Any

from django import template

from readingroom.desk.dashboard import board

register = template.Library()


@register.simple_tag
def editors_dashboard() -> dict[str, Any]:
    return board()
