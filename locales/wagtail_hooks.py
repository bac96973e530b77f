"""Admin set-up for languages: which translator writes in which language."""

from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.viewsets.model import ModelViewSet

from locales.models import LanguageGrant


class LanguageGrantViewSet(ModelViewSet):
    """Grant a translator the right to write in a language."""

    model = LanguageGrant
    icon = "globe"
    menu_label = _("Translators")
    add_to_settings_menu = True
    list_display = ["user", "language"]
    list_filter = ["language"]
    form_fields = ["user", "language"]


@hooks.register("register_admin_viewset")
def register_language_grants():
    return LanguageGrantViewSet("language_grants")
