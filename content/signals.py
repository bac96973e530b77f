"""Keep versions, the search index and the page cache in step with what is
published."""

from django.db.models.signals import post_delete, post_save

from wagtail.models import Page, PageViewRestriction
from wagtail.signals import page_published, page_unpublished, post_page_move

from content.models import Audience, LegalProvision, MaterialPage, Topic
from content.models.search import update_search_document
from content.pdf import forget_stored_pdfs
from content.published import start_new_generation
from content.versions import record_versions


def reindex_material(sender, instance, **kwargs):
    if isinstance(instance, MaterialPage):
        update_search_document(instance, instance.search_text_fields)


def forget_pdfs_of_withdrawn(sender, instance, **kwargs):
    """An unpublished page, or a page made private with what is under it."""
    page = instance.page if isinstance(instance, PageViewRestriction) else instance
    under = Page.objects.descendant_of(page, inclusive=True).specific()
    forget_stored_pdfs(piece for piece in under if isinstance(piece, MaterialPage))


def count_versions(sender, instance, revision=None, **kwargs):
    """A piece's new versions, once the publish is live: a publish scheduled
    for later makes none until it goes live."""
    if not isinstance(instance, MaterialPage) or revision is None:
        return
    if instance.live and instance.live_revision_id == revision.pk:
        record_versions(instance, revision)


def connect_signals() -> None:
    page_published.connect(count_versions, dispatch_uid="content-versions")
    page_unpublished.connect(
        forget_pdfs_of_withdrawn, dispatch_uid="content-pdf-unpublish"
    )
    post_save.connect(
        forget_pdfs_of_withdrawn,
        sender=PageViewRestriction,
        dispatch_uid="content-pdf-private",
    )
    page_published.connect(reindex_material, dispatch_uid="content-search-publish")
    page_unpublished.connect(reindex_material, dispatch_uid="content-search-unpublish")
    for signal in (page_published, page_unpublished, post_page_move):
        signal.connect(start_new_generation, dispatch_uid=f"page-cache-{signal}")
    post_delete.connect(
        start_new_generation, sender=Page, dispatch_uid="page-cache-del"
    )
    # A page made private must leave the cache at once, as a deleted topic
    # must leave every page that names it.
    for model in (Topic, Audience, LegalProvision, PageViewRestriction):
        for signal in (post_save, post_delete):
            signal.connect(
                start_new_generation,
                sender=model,
                dispatch_uid=f"page-cache-{signal}-{model}",
            )
