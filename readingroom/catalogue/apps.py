from django.apps import AppConfig


class CatalogueConfig(AppConfig):
    name = "readingroom.catalogue"
    verbose_name = "Catalogue"
