"""The public page types of the demo site, found through the headless API, in
the languages the checks cover: the source, English, and two minority
languages with no translation yet (Ede, in Latin script; Khmer, in its own)."""

from urllib.parse import urlsplit

import requests

LANGUAGES = ("vi", "en", "rad", "km")
PAGE_TYPES = {
    "home": "content.HomePage",
    "explainer index": "content.ExplainerIndexPage",
    "explainer": "content.PolicyExplainerPage",
    "radio index": "content.RadioScriptIndexPage",
    "radio script": "content.RadioScriptPage",
    "FAQ index": "content.FAQIndexPage",
    "FAQ answer": "content.FAQAnswerPage",
    "topic index": "content.TopicIndexPage",
}


def public_paths(site_url: str) -> dict[str, str]:
    """{page type: its path in the source language}, one page of each type,
    plus a topic page and search results."""
    paths = {}
    for name, model in PAGE_TYPES.items():
        response = requests.get(
            f"{site_url}/api/v2/pages/",
            params={"type": model, "limit": 1, "fields": "_,html_url"},
            timeout=10,
        )
        response.raise_for_status()
        paths[name] = urlsplit(response.json()["items"][0]["meta"]["html_url"]).path
    paths["topic page"] = paths["topic index"] + "household-health-insurance/"
    paths["search results"] = "/vi/search/?q=b%E1%BA%A3o+hi%E1%BB%83m"
    return paths


def in_language(path: str, language: str) -> str:
    """The same page under another language's prefix."""
    assert path.startswith("/vi/"), path
    return f"/{language}/{path.removeprefix('/vi/')}"
