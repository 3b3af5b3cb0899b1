"""The outbox in the admin, read-only: what is waiting to reach the search index."""

from __future__ import annotations

from django.contrib import admin
from django.http import HttpRequest

from .models import OutboxEntry


@admin.register(OutboxEntry)
class OutboxEntryAdmin(admin.ModelAdmin):
    list_display = ("id", "document_id", "created_at")
    search_fields = ("=document_id",)
    date_hierarchy = "created_at"

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False
