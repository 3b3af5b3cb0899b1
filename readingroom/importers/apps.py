from django.apps import AppConfig


class ImportersConfig(AppConfig):
    name = "readingroom.importers"
    verbose_name = "Imports and exports"
