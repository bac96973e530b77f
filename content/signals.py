"""Keep the search index in step with what is published."""

from wagtail.signals import page_published, page_unpublished

from content.models import MaterialPage
from content.models.search import update_search_document


def reindex_material(sender, instance, **kwargs):
    if isinstance(instance, MaterialPage):
        update_search_document(instance, instance.search_text_fields)


def connect_signals() -> None:
    page_published.connect(reindex_material, dispatch_uid="content-search-publish")
    page_unpublished.connect(reindex_material, dispatch_uid="content-search-unpublish")
