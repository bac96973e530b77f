"""Language settings derived from the registry in `locales/languages.toml`.

Django's `LANG_INFO` has no entry for most minority languages (Ede, Jarai,
Tai Dam…): `get_language_info` would raise KeyError and any template using it
would fail, so every registered language is added to it here.
"""

from django.conf.locale import LANG_INFO

from locales.registry import load_languages, source_language

REGISTERED = load_languages()

LANGUAGE_CODE = source_language().code
LANGUAGES = [(language.code, language.english_name) for language in REGISTERED]

MODELTRANSLATION_DEFAULT_LANGUAGE = LANGUAGE_CODE
MODELTRANSLATION_LANGUAGES = tuple(language.code for language in REGISTERED)
MODELTRANSLATION_FALLBACK_LANGUAGES = {
    "default": (LANGUAGE_CODE,),
    **{language.code: language.fallback for language in REGISTERED},
}


def register_lang_info() -> None:
    for language in REGISTERED:
        LANG_INFO[language.code] = language.lang_info
