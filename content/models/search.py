"""The search index of published material: one folded text per piece covering
every language, so a search in any language, with or without accents, finds
the piece. Plain `LIKE` matching works the same on SQLite and PostgreSQL."""

from django.db import models
from django.utils.html import strip_tags

from wagtail.models import Page

from locales.normalize import fold
from locales.registry import load_languages

MAX_QUERY_LENGTH = 200
MAX_TERMS = 8


class SearchDocument(models.Model):
    """What search matches for one published page."""

    page = models.OneToOneField(
        Page, on_delete=models.CASCADE, related_name="search_document"
    )
    title = models.TextField()
    text = models.TextField()

    def __str__(self):
        return self.title


def searchable_text(page, field_names) -> tuple[str, str]:
    """Folded (titles, everything) of `page` in every language."""
    titles, texts = [], []
    for language in load_languages():
        title = getattr(page, f"title_{language.code}", "") or ""
        titles.append(title)
        texts.append(title)
        for name in field_names:
            texts.append(_plain_text(getattr(page, f"{name}_{language.code}", None)))
    return fold(" ".join(titles)), fold(" ".join(texts))


def _plain_text(value) -> str:
    if value is None:
        return ""
    if hasattr(value, "raw_data"):
        return " ".join(_strings(list(value.raw_data)))
    return strip_tags(str(value))


def _strings(value):
    if isinstance(value, str):
        yield strip_tags(value)
    elif isinstance(value, dict):
        for key, item in value.items():
            if key not in ("id", "type"):
                yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


def update_search_document(page, field_names) -> None:
    if not page.live:
        SearchDocument.objects.filter(page=page).delete()
        return
    title, text = searchable_text(page, field_names)
    SearchDocument.objects.update_or_create(
        page=page, defaults={"title": title, "text": text}
    )


def rebuild_search_documents(material_models) -> int:
    """Index every live piece again and drop documents of anything else."""
    indexed = []
    for model in material_models:
        for page in model.objects.live():
            update_search_document(page, model.search_text_fields)
            indexed.append(page.pk)
    SearchDocument.objects.exclude(page_id__in=indexed).delete()
    return len(indexed)


def search_pages(query: str):
    """Live, public pages matching every word of `query`, best (title)
    matches first. A private page (or one under a private page) is never
    found, whoever searches: the index holds its text, the results must not."""
    terms = fold(query[:MAX_QUERY_LENGTH]).split()[:MAX_TERMS]
    if not terms:
        return []
    documents = SearchDocument.objects.filter(page__live=True)
    for term in terms:
        documents = documents.filter(text__contains=term)
    documents = documents[:50]
    ranked = sorted(
        documents,
        key=lambda document: -sum(term in document.title for term in terms),
    )
    pages = Page.objects.filter(pk__in=[d.page_id for d in ranked]).public().specific()
    by_id = {page.pk: page for page in pages}
    return [by_id[d.page_id] for d in ranked if d.page_id in by_id]
