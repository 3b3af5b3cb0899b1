"""Registers the editors' admin (found by Django's admin autodiscovery)."""

from . import catalogue_admin, editorial_admin, imports_admin

__all__ = ["catalogue_admin", "editorial_admin", "imports_admin"]
