"""Admin set-up for languages: which translator writes in which language."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from django.views.generic import RedirectView

from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.log_actions import LogFormatter

from locales.dashboard import translation_panels
from locales.models import GlossaryTerm, LanguageGrant
from locales.registry import language_label
from locales.views.exchange import ExportTranslationsView, ImportTranslationsView
from locales.views.import_jobs import (
    ConfirmImportView,
    ImportJobView,
    RetryImportView,
)
from locales.views.matrix import TranslationMatrixView
from locales.views.translate import TranslatePieceView


class LanguageGrantViewSet(ModelViewSet):
    """Grant a translator the right to write in a language."""

    model = LanguageGrant
    icon = "globe"
    menu_label = _("Translators")
    add_to_settings_menu = True
    list_display = ["user", "language"]
    list_filter = ["language"]
    form_fields = ["user", "language"]


class GlossaryViewSet(ModelViewSet):
    """The termbase: approved translations of key terms, per language."""

    model = GlossaryTerm
    icon = "openquote"
    menu_label = _("Glossary")
    add_to_settings_menu = True
    list_display = ["source_term", "translation", "language"]
    list_filter = ["language"]
    search_fields = ["source_term", "translation"]
    form_fields = ["language", "source_term", "translation", "note"]


@hooks.register("register_admin_viewset")
def register_language_grants():
    return LanguageGrantViewSet("language_grants")


@hooks.register("register_admin_viewset")
def register_glossary():
    return GlossaryViewSet("glossary")


@hooks.register("register_admin_urls")
def register_matrix_url():
    return [
        path(
            "translations/",
            RedirectView.as_view(pattern_name="translation_matrix"),
        ),
        path(
            "translations/matrix/",
            TranslationMatrixView.as_view(),
            name="translation_matrix",
        ),
        path(
            "translations/<int:content_type_id>/<int:pk>/<str:language>/",
            TranslatePieceView.as_view(),
            name="translate_piece",
        ),
        path(
            "translations/export/",
            ExportTranslationsView.as_view(),
            name="export_translations",
        ),
        path(
            "translations/import/",
            ImportTranslationsView.as_view(),
            name="import_translations",
        ),
        path(
            "translations/import/<int:pk>/",
            ImportJobView.as_view(),
            name="import_translations_job",
        ),
        path(
            "translations/import/<int:pk>/confirm/",
            ConfirmImportView.as_view(),
            name="import_translations_confirm",
        ),
        path(
            "translations/import/<int:pk>/retry/",
            RetryImportView.as_view(),
            name="import_translations_retry",
        ),
    ]


@hooks.register("register_reports_menu_item")
def register_matrix_menu_item():
    return MenuItem(
        _("Translation matrix"),
        reverse("translation_matrix"),
        icon_name="globe",
        order=710,
    )


class TranslationStateFormatter(LogFormatter):
    """A translation's change of state, in a piece's history."""

    def format_message(self, log_entry):
        message = self.message % {
            "field": log_entry.data.get("field", ""),
            "language": language_label(log_entry.data.get("language", "")),
        }
        said = log_entry.data.get("comment") or log_entry.data.get("override")
        return f"{message}: “{said}”" if said else message


# {state: (label, message)}, as `locales.workflow.log_state` logs them.
TRANSLATION_ACTIONS = {
    "draft": (
        _("Save translation"),
        _("Saved the %(language)s translation of %(field)s as a draft"),
    ),
    "needs_review": (
        _("Submit translation"),
        _("Submitted the %(language)s translation of %(field)s for review"),
    ),
    "approved": (
        _("Approve translation"),
        _("Approved the %(language)s translation of %(field)s"),
    ),
    "sent_back": (
        _("Send translation back"),
        _("Sent the %(language)s translation of %(field)s back"),
    ),
    "revised": (
        _("Revise translation"),
        _("Corrected the %(language)s translation of %(field)s in review"),
    ),
}


@hooks.register("register_log_actions")
def register_translation_actions(actions):
    for state, (action_label, action_message) in TRANSLATION_ACTIONS.items():

        class Formatter(TranslationStateFormatter):
            label = action_label
            message = action_message

        actions.register_action(f"loa.translation.{state}")(Formatter)


@hooks.register("construct_homepage_panels")
def add_translation_panels(request, panels):
    panels.extend(translation_panels(request))
