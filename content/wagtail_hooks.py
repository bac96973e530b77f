"""Admin set-up for content: snippets and the legal-review report."""

from django.utils.translation import gettext_lazy as _

from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from content.models import Audience, LegalProvision, Topic


class TopicViewSet(SnippetViewSet):
    """Topics readers browse by; every piece of material has one or more."""

    model = Topic
    icon = "tag"
    list_display = ["name", "slug"]
    search_fields = ["name"]


class AudienceViewSet(SnippetViewSet):
    """Groups material is written for."""

    model = Audience
    icon = "group"
    list_display = ["name", "slug"]


class LegalProvisionViewSet(SnippetViewSet):
    """Laws, decrees and articles cited as the legal basis of material."""

    model = LegalProvision
    icon = "doc-full"
    list_display = ["__str__", "title", "effective_date", "status"]
    list_filter = ["kind", "status"]
    search_fields = ["number", "article"]


class MaterialSnippets(SnippetViewSetGroup):
    """What material refers to: topics, audiences, legal provisions."""

    items = (TopicViewSet, AudienceViewSet, LegalProvisionViewSet)
    menu_icon = "folder-open-inverse"
    menu_label = _("Material")
    menu_name = "material"


register_snippet(MaterialSnippets)
