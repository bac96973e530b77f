"""Panels of the admin home for translation work: a translator's or a
reviewer's own queue in their languages, and for communications staff what
waits for review and what went out of date, language by language."""

from django.utils.translation import gettext_lazy as _

from wagtail.admin.ui.components import Component

from locales.permissions import editable_languages
from locales.queue import (
    TO_REVIEW,
    TO_TRANSLATE,
    counts_by_language,
    matrix_for,
    matrix_url,
    queue,
)
from locales.states import TranslationState
from locales.views.matrix import own_languages

# Entries listed on the home page; the matrix has the rest.
SHOWN = 10


def is_reviewer(user) -> bool:
    return user.has_perm("locales.review_translation")


def follows_all_languages(user) -> bool:
    """Communications staff and administrators: they keep the glossary and
    see the translation work of every language."""
    return editable_languages(user) is None and user.has_perm(
        "locales.change_glossaryterm"
    )


class TranslationQueuePanel(Component):
    """A translator's queue: the pieces to translate in their languages
    (sent back first, then outdated, then missing); a reviewer's: the pieces
    waiting for their approval. Each links to the translator view."""

    template_name = "locales/dashboard/translation_queue.html"
    order = 50

    def __init__(self, request):
        self.request = request
        self.languages = own_languages(request.user)
        self.reviewing = is_reviewer(request.user)

    def get_context_data(self, parent_context=None):
        matrix = matrix_for(self.request, self.languages)
        states = TO_REVIEW if self.reviewing else TO_TRANSLATE
        entries = queue(matrix, states)
        if self.reviewing:
            heading = _("Waiting for your review")
            empty = _("Nothing waits for review in your languages.")
            more_url = matrix_url(TranslationState.NEEDS_REVIEW.value)
        else:
            heading = _("Your translation queue")
            empty = _("Nothing to translate in your languages.")
            more_url = matrix_url()
        return {
            "heading": heading,
            "empty": empty,
            "entries": entries[:SHOWN],
            "more": len(entries) - SHOWN,
            "total": len(entries),
            "more_url": more_url,
        }


class StateByLanguagePanel(Component):
    """How many pieces are in one state, per language, each count linking to
    the matrix narrowed to it."""

    template_name = "locales/dashboard/state_by_language.html"

    class Media:
        css = {"all": ["locales/admin.css"]}

    state: TranslationState
    heading = ""
    empty = ""
    panel_id = ""

    def __init__(self, request):
        self.request = request

    def get_context_data(self, parent_context=None):
        matrix = matrix_for(self.request)
        counts = counts_by_language(matrix, self.state)
        return {
            "panel_id": self.panel_id,
            "heading": self.heading,
            "empty": self.empty,
            "counts": counts,
            "entries": queue(matrix, (self.state,))[:SHOWN],
            "total": sum(count.count for count in counts),
            "all_url": matrix_url(self.state.value),
        }


class WaitingReviewPanel(StateByLanguagePanel):
    """Translations submitted and waiting for a reviewer, by language."""

    order = 60
    panel_id = "translations-waiting-review"
    state = TranslationState.NEEDS_REVIEW
    heading = _("Translations waiting review")
    empty = _("No translation waits for review.")


class OutdatedPanel(StateByLanguagePanel):
    """Pieces whose source changed after they were translated, by language."""

    order = 70
    panel_id = "outdated-translations"
    state = TranslationState.OUTDATED
    heading = _("Outdated pieces by language")
    empty = _("No translation is out of date.")


def translation_panels(request) -> list[Component]:
    """The panels this person works from."""
    user = request.user
    if own_languages(user):
        return [TranslationQueuePanel(request)]
    if follows_all_languages(user):
        return [WaitingReviewPanel(request), OutdatedPanel(request)]
    return []
