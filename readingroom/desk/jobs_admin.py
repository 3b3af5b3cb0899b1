"""Background work in the admin: every job (a merge too large to wait for, ...) with who asked,
how far it got and what it did; a job's page reloads itself until the job ends."""

from __future__ import annotations

from typing import Any

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import path, reverse
from django.utils.html import format_html

from readingroom.editorial.jobs import CHECK, enqueue
from readingroom.editorial.models import Job, JobState

from .forms import ModelAdmin, ReadOnly

FINISHED = (JobState.DONE, JobState.FAILED)


@admin.register(Job)
class JobAdmin(ReadOnly, ModelAdmin):
    list_display = ("description", "state", "progress", "created_by", "created_at", "finished_at")
    list_filter = ("state", "kind")
    list_select_related = ("created_by",)
    search_fields = ("description", "created_by__username")
    fields = (
        *("description", "state", "progress", "outcome", "created_by", "created_at"),
        *("started_at", "finished_at", "attempts", "worker", "changeset_link"),
    )
    readonly_fields = fields

    @admin.display(description="progress")
    def progress(self, job: Job) -> str:
        if job.state == JobState.DONE:
            return "finished"
        if job.state == JobState.WAITING:
            return "waiting for the background worker"
        return f"{job.done} of {job.total}" if job.total else "under way"

    @admin.display(description="history")
    def changeset_link(self, job: Job) -> str:
        if job.changeset_id is None:
            return "-"
        url = reverse("admin:editorial_changeset_change", args=[job.changeset_id])
        return format_html('<a href="{}">the change set it wrote</a>', url)

    def get_urls(self) -> list[Any]:
        check = self.admin_site.admin_view(self.check_view)
        return [path("check/", check, name="editorial_job_check"), *super().get_urls()]

    def check_view(self, request: HttpRequest) -> HttpResponse:
        """Ask the background worker for `readingroom check` (POST), then follow it."""
        if request.method != "POST" or not self.has_view_permission(request):
            raise PermissionDenied
        job = enqueue(CHECK, {}, "Check the search index against the database", request.user)
        return HttpResponseRedirect(reverse("admin:editorial_job_change", args=[job.pk]))

    def change_view(
        self,
        request: HttpRequest,
        object_id: str,
        form_url: str = "",
        extra_context: dict[str, Any] | None = None,
    ) -> HttpResponse:
        job = Job.objects.filter(pk=object_id).first()
        refresh = job is not None and job.state not in FINISHED
        context = {**(extra_context or {}), "refresh_seconds": 3 if refresh else None}
        return super().change_view(request, object_id, form_url, context)


def report_job(model_admin: admin.ModelAdmin, request: HttpRequest, job: Job) -> None:  # type: ignore[type-arg]
    """Tell the editor what became of a job: done, refused, or left to the worker (with a
    link to its page)."""
    url = reverse("admin:editorial_job_change", args=[job.pk])
    if job.state == JobState.DONE:
        model_admin.message_user(request, job.outcome)
    elif job.state == JobState.FAILED:
        model_admin.message_user(request, f"Not done: {job.outcome}", messages.ERROR)
    else:
        text = format_html(
            '{} runs in the background: <a href="{}">follow it here</a>.', job.description, url
        )
        model_admin.message_user(request, text, messages.INFO)
