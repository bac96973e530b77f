"""Fields of content that exist once per registered language.

The source language (Vietnamese) is required; the others may stay empty and
then fall back along the language's fallback chain.
"""

from modeltranslation.decorators import register
from modeltranslation.translator import TranslationOptions

from content.models import (
    Audience,
    ExplainerIndexPage,
    FAQAnswerPage,
    FAQIndexPage,
    HomePage,
    LegalProvision,
    PolicyExplainerPage,
    RadioScriptIndexPage,
    RadioScriptPage,
    Topic,
    TopicIndexPage,
)
from locales.registry import source_language_code

SOURCE_ONLY = (source_language_code(),)


class SourceRequired(TranslationOptions):
    # modeltranslation keeps a field optional where the model field is blank=True.
    required_languages = SOURCE_ONLY


@register(HomePage)
class HomePageTranslation(TranslationOptions):
    fields = ("intro",)


@register(ExplainerIndexPage)
class ExplainerIndexPageTranslation(TranslationOptions):
    fields = ("intro",)


@register(RadioScriptIndexPage)
class RadioScriptIndexPageTranslation(TranslationOptions):
    fields = ("intro",)


@register(FAQIndexPage)
class FAQIndexPageTranslation(TranslationOptions):
    fields = ("intro",)


@register(TopicIndexPage)
class TopicIndexPageTranslation(TranslationOptions):
    fields = ("intro",)


@register(PolicyExplainerPage)
class PolicyExplainerPageTranslation(SourceRequired):
    fields = ("summary", "body")


@register(RadioScriptPage)
class RadioScriptPageTranslation(SourceRequired):
    fields = ("body", "notes", "cast")


@register(FAQAnswerPage)
class FAQAnswerPageTranslation(SourceRequired):
    fields = ("short_answer", "full_answer")


@register(Topic)
class TopicTranslation(SourceRequired):
    fields = ("name", "description")


@register(Audience)
class AudienceTranslation(SourceRequired):
    fields = ("name",)


@register(LegalProvision)
class LegalProvisionTranslation(SourceRequired):
    fields = ("title",)
