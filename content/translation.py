"""Fields of content pages that exist once per registered language."""

from modeltranslation.decorators import register
from modeltranslation.translator import TranslationOptions

from content.models import HomePage


@register(HomePage)
class HomePageTranslation(TranslationOptions):
    fields = ("intro",)
