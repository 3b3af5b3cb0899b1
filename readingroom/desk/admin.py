"""Registers the editors' admin (found by Django's admin autodiscovery)."""

from django.contrib import admin

from . import catalogue_admin, editorial_admin, imports_admin, jobs_admin

admin.site.index_template = "admin/desk/index.html"  # the editors' dashboard (dashboard.py)

__all__ = ["catalogue_admin", "editorial_admin", "imports_admin", "jobs_admin"]
