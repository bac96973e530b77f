"""The shared HTTP cache in front of the app servers (Varnish here, or the
CDN it stands for), kept true to what is published.

Public pages, PDFs and recordings are kept there for `SHARED_CACHE_SECONDS`
(web.http_caching says which responses). Each change purges what it made
stale, in every language, through Wagtail's `frontend_cache` backends:

- a piece published (a translation approved is one), unpublished, deleted or
  renamed: its page, PDFs and printout pages; the pages above it, which list
  it; the pages that refer to it (FAQ references, related explainers); the
  topic pages;
- a piece moved, or made private or public again: the same, for its old
  address and its new one;
- a recording changed or deleted, or its collection's privacy changed: its
  address;
- anything every page may show (a home or index page's own text, a topic, an
  audience, a legal provision, a site): everything, in one ban.

Purges are sent once the change is committed (a request in between would put
the old text back) and all of one transaction together, as a task on the
`purges` queue: a worker of its own takes it (`make run`), so no field kit
being built holds it back.
"""

import logging
from urllib.error import URLError
from urllib.parse import urlsplit, urlunsplit
from urllib.request import Request, urlopen

from django.conf import settings
from django.db import transaction
from django.db.models.signals import post_delete, post_save, pre_save
from django.utils import translation

from wagtail.contrib.frontend_cache.backends import HTTPBackend
from wagtail.contrib.frontend_cache.tasks import purge_urls_from_cache_task
from wagtail.contrib.frontend_cache.utils import get_backends
from wagtail.documents import get_document_model
from wagtail.models import (
    CollectionViewRestriction,
    Page,
    PageViewRestriction,
    Site,
)
from wagtail.signals import (
    page_published,
    page_slug_changed,
    page_unpublished,
    post_page_move,
    pre_page_move,
)

from django_tasks import task

from content.models import Audience, LegalProvision, MaterialPage, Topic
from content.models.topics import TopicIndexPage
from locales.public_address import public_url
from locales.registry import load_languages

logger = logging.getLogger(__name__)

QUEUE = "purges"


class BanRequest(Request):
    def get_method(self):
        return "BAN"


class VarnishBackend(HTTPBackend):
    """Wagtail's HTTP purge backend, which can also ban everything kept for
    the public address (site/varnish/loa.vcl answers BAN)."""

    def ban_everything(self, host: str) -> None:
        address = urlunsplit([self.cache_scheme, self.cache_netloc, "/", "", ""])
        try:
            # The scheme is the configured cache's own.
            urlopen(BanRequest(address, headers={"Host": host}), timeout=10)  # noqa: S310
        except URLError as error:
            logger.error("Could not ban everything from the shared cache: %s", error)


@task(queue_name=QUEUE)
def ban_everything_task() -> None:
    host = urlsplit(settings.LOA_PUBLIC_URL).netloc
    for backend in get_backends().values():
        if isinstance(backend, VarnishBackend):
            backend.ban_everything(host)


class PendingPurges:
    """What one transaction made stale, sent once it is committed."""

    def __init__(self):
        self.urls: set[str] = set()
        self.everything = False
        self.sent = False

    def __call__(self):
        self.sent = True
        if self.everything:
            ban_everything_task.enqueue()
        elif self.urls:
            purge_urls_from_cache_task.using(queue_name=QUEUE).enqueue(
                sorted(self.urls)
            )


def purge(urls=(), everything: bool = False) -> None:
    """Purge `urls` (or everything) once this transaction is committed, with
    whatever else it made stale; at once outside a transaction. Django drops
    them if the transaction rolls back."""
    if not in_use():
        return
    connection = transaction.get_connection()
    waiting = connection.in_atomic_block and next(
        (
            callback
            for _savepoints, callback, _robust in connection.run_on_commit
            if isinstance(callback, PendingPurges) and not callback.sent
        ),
        None,
    )
    purges = waiting or PendingPurges()
    purges.urls.update(urls)
    purges.everything |= everything
    if not waiting:
        transaction.on_commit(purges, robust=True)


def in_use() -> bool:
    return bool(getattr(settings, "WAGTAILFRONTENDCACHE", None))


def addresses(pages) -> set[str]:
    """Every address a shared cache may hold of `pages`, in every language."""
    urls = set()
    for page in pages:
        paths = page.specific_deferred.get_cached_paths()
        for language in load_languages():
            with translation.override(language.code):
                parts = page.get_url_parts()
            if parts is not None:
                urls.update(public_url(parts[2] + path.lstrip("/")) for path in paths)
    return urls


def showing(piece) -> list[Page]:
    """The pages that show `piece` besides its own: above it (they list
    it), those that show some of its text, and the topic pages."""
    return [
        *piece.get_ancestors().filter(depth__gt=1),
        *piece.pages_showing_it(),
        *TopicIndexPage.objects.all(),
    ]


def piece_changed(piece) -> None:
    """Purge `piece` and what shows it; a page that is not a piece may be
    shown on every page: ban everything."""
    if not in_use():
        return
    piece = piece.specific_deferred
    if isinstance(piece, MaterialPage):
        purge(addresses([piece, *showing(piece)]))
    else:
        purge(everything=True)


def everything_changed(**kwargs) -> None:
    purge(everything=True)


def on_publish_or_withdraw(sender, instance, **kwargs):
    piece_changed(instance)


def on_slug_change(sender, instance, instance_before, **kwargs):
    if in_use() and isinstance(instance, MaterialPage):
        purge(addresses([instance_before]))
    piece_changed(instance)


def before_move(sender, instance, **kwargs):
    """Where a piece and what shows it were, before it moves."""
    piece = instance.specific_deferred
    if in_use() and isinstance(piece, MaterialPage):
        instance.addresses_before_move = addresses([piece, *showing(piece)])


def after_move(sender, instance, **kwargs):
    if before := getattr(instance, "addresses_before_move", None):
        purge(before)
    piece_changed(instance)


def on_privacy_change(sender, instance, **kwargs):
    piece_changed(instance.page)


def recording_url(document) -> str:
    return public_url(document.url)


def before_recording_saved(sender, instance, **kwargs):
    """A recording given a new file name leaves its old address."""
    if in_use() and instance.pk:
        old = sender.objects.filter(pk=instance.pk).first()
        if old is not None and old.url != instance.url:
            purge([recording_url(old)])


def on_recording_change(sender, instance, **kwargs):
    purge([recording_url(instance)])


def on_collection_privacy(sender, instance, **kwargs):
    if in_use():
        collection = instance.collection
        recordings = get_document_model().objects.filter(
            collection__path__startswith=collection.path
        )
        purge([recording_url(document) for document in recordings])


def connect_signals() -> None:
    for signal in (page_published, page_unpublished):
        signal.connect(on_publish_or_withdraw, dispatch_uid=f"front-cache-{signal}")
    post_delete.connect(
        on_publish_or_withdraw, sender=Page, dispatch_uid="front-cache-delete"
    )
    page_slug_changed.connect(on_slug_change, dispatch_uid="front-cache-slug")
    pre_page_move.connect(before_move, dispatch_uid="front-cache-before-move")
    post_page_move.connect(after_move, dispatch_uid="front-cache-after-move")
    document = get_document_model()
    pre_save.connect(
        before_recording_saved, sender=document, dispatch_uid="front-cache-rename"
    )
    for signal in (post_save, post_delete):
        uid = f"front-cache-{signal}"
        signal.connect(on_privacy_change, sender=PageViewRestriction, dispatch_uid=uid)
        signal.connect(on_recording_change, sender=document, dispatch_uid=uid)
        signal.connect(
            on_collection_privacy, sender=CollectionViewRestriction, dispatch_uid=uid
        )
        for model in (Topic, Audience, LegalProvision, Site):
            signal.connect(everything_changed, sender=model, dispatch_uid=uid)
