"""Imports in the browser: upload a file, read its dry run's report, confirm, and the history of
imports (`importers.uploaded` does the work, with the command line's all-or-nothing rules).
Only staff who may publish import: a file may publish what it holds."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin, messages
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import path, reverse

from readingroom.editorial.models import JobState
from readingroom.editorial.roles import PUBLISH
from readingroom.importers import uploaded
from readingroom.importers.models import ImportRun
from readingroom.importers.pipeline import FORMATS

STATUSES = (("draft", "draft"), ("review", "in review"), ("published", "published"))


class UploadForm(forms.Form):
    file = forms.FileField(help_text="JSON Lines (.jsonl, .jsonl.gz), CSV or TEI (.xml, .xml.gz)")
    format = forms.ChoiceField(
        choices=[("", "from the file's name"), *((name, name) for name in FORMATS)],
        required=False,
    )
    default_status = forms.ChoiceField(
        choices=STATUSES,
        initial="draft",
        label="State of records that do not state one",
    )


@admin.register(ImportRun)
class ImportRunAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ("checked_at", "file_name", "user", "state", "counts")
    list_filter = ("state",)
    list_select_related = ("user",)
    search_fields = ("file_name", "user__username")

    @admin.display(description="created / updated / unchanged")
    def counts(self, run: ImportRun) -> str:
        report = run.import_report or run.check_report
        parts = (sum(report.get(kind, {}).values()) for kind in ("created", "updated", "unchanged"))
        return " / ".join(str(n) for n in parts)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return request.user.has_perm(PUBLISH) and super().has_add_permission(request)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def get_urls(self) -> list[Any]:
        run = self.admin_site.admin_view(self.run_view)
        return [path("<int:pk>/run/", run, name="importers_importrun_run"), *super().get_urls()]

    def add_view(
        self, request: HttpRequest, form_url: str = "", extra_context: Any = None
    ) -> HttpResponse:
        if not self.has_add_permission(request):
            return self._refused(request, "You may not import: importing may publish records.")
        form = UploadForm(request.POST or None, request.FILES or None)
        if request.method == "POST" and form.is_valid():
            try:
                checked = self._checked(form, request)
            except uploaded.ImportRefused as refusal:
                form.add_error("file", str(refusal))
            else:
                return HttpResponseRedirect(self._run_url(checked.pk))
        context = {"form": form, "title": "Import a file"}
        return render(request, "admin/importers/upload.html", self._context(request, context))

    def _checked(self, form: UploadForm, request: HttpRequest) -> ImportRun:
        upload = form.cleaned_data["file"]
        chosen = form.cleaned_data["format"] or uploaded.guessed_format(upload.name or "")
        return uploaded.check(upload, chosen, form.cleaned_data["default_status"], request.user)

    def change_view(
        self, request: HttpRequest, object_id: str, form_url: str = "", extra_context: Any = None
    ) -> HttpResponse:
        if not self.has_view_permission(request):
            return self._refused(request, "You may not see imports.")
        run = get_object_or_404(ImportRun.objects.select_related("job"), pk=object_id)
        working = run.job is not None and run.job.state in (JobState.WAITING, JobState.RUNNING)
        context = {
            "run": run,
            "working": working,
            "title": f"Import of {run.file_name}",
            "rows": uploaded.count_rows(run.import_report or run.check_report),
            "may_run": run.state == ImportRun.State.CHECKED
            and not working
            and self.has_add_permission(request),
        }
        return render(request, "admin/importers/run.html", self._context(request, context))

    def _context(self, request: HttpRequest, page: dict[str, Any]) -> dict[str, Any]:
        return {**self.admin_site.each_context(request), "opts": self.opts, **page}

    def _run_url(self, pk: int) -> str:
        return reverse("admin:importers_importrun_change", args=[pk])

    def run_view(self, request: HttpRequest, pk: int) -> HttpResponse:
        checked = get_object_or_404(ImportRun, pk=pk)
        if request.method != "POST" or not self.has_add_permission(request):
            return self._refused(request, "Importing needs the right to publish, and a POST.")
        try:
            done = uploaded.confirm(checked, request.user)
        except uploaded.ImportRefused as refusal:
            self.message_user(request, str(refusal), messages.ERROR)
        else:
            if done.state == ImportRun.State.CHECKED:  # (a large file: the worker writes it)
                self.message_user(request, f"{done.file_name} is imported in the background.")
            else:
                ok = done.state == ImportRun.State.IMPORTED
                level = messages.SUCCESS if ok else messages.ERROR
                self.message_user(request, f"{done.file_name}: {done.get_state_display()}.", level)
        return HttpResponseRedirect(self._run_url(pk))

    def _refused(self, request: HttpRequest, why: str) -> HttpResponse:
        self.message_user(request, why, messages.ERROR)
        return HttpResponseRedirect(reverse("admin:index"))
