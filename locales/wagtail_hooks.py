"""Admin set-up for languages: which translator writes in which language."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.viewsets.model import ModelViewSet

from locales.models import GlossaryTerm, LanguageGrant
from locales.views.exchange import ExportTranslationsView, ImportTranslationsView
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
    ]


@hooks.register("register_reports_menu_item")
def register_matrix_menu_item():
    return MenuItem(
        _("Translation matrix"),
        reverse("translation_matrix"),
        icon_name="globe",
        order=710,
    )
