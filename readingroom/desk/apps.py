from django.apps import AppConfig


class DeskConfig(AppConfig):
    """The editors' desk: the Django admin over the catalogue and its history."""

    name = "readingroom.desk"
    verbose_name = "Editors' desk"
