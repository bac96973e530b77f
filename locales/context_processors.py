from locales.languages_menu import LanguageMenu


def languages(request):
    """`language_menu`: the switcher links, hreflang alternates, current language."""
    return {"language_menu": LanguageMenu(request)}
