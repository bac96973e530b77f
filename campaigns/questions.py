"""Questions asked at sessions become draft FAQ answers."""

from django.db import transaction
from django.utils.text import slugify

from content.models import FAQAnswerPage, FAQIndexPage


def faq_index():
    return FAQIndexPage.objects.first()


def can_promote(user) -> bool:
    index = faq_index()
    return index is not None and index.permissions_for_user(user).can_add_subpage()


@transaction.atomic
def promote_to_faq(question, user) -> FAQAnswerPage:
    """A draft FAQ answer whose question is the one asked; an editor writes
    the answer and publishes it."""
    index = faq_index()
    title = question.text[:255]
    base = slugify(title, allow_unicode=False)[:60] or "question"
    slug, number = base, 1
    while index.get_children().filter(slug=slug).exists():
        number += 1
        slug = f"{base}-{number}"
    page = FAQAnswerPage(title=title, title_vi=title, slug=slug, live=False, owner=user)
    index.add_child(instance=page)
    page.save_revision(user=user, log_action=True, clean=False)
    question.faq_answer = page
    question.save(update_fields=["faq_answer"])
    return page
