"""Campaign and indicator names exist once per registered language."""

from modeltranslation.decorators import register
from modeltranslation.translator import TranslationOptions

from campaigns.models import Campaign, Indicator
from locales.registry import source_language_code


class SourceRequired(TranslationOptions):
    required_languages = (source_language_code(),)


@register(Campaign)
class CampaignTranslation(SourceRequired):
    fields = ("name",)


@register(Indicator)
class IndicatorTranslation(SourceRequired):
    fields = ("name",)
