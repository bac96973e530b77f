"""A piece's edit form as an editor's browser would post it back."""

from wagtail.test.utils.form_data import (
    nested_form_data,
    querydict_from_html,
    streamfield,
)

from locales.registry import load_languages

HEADING = "Ai được tham gia"


def explainer_edit_data(html: str):
    """The edit form in `html`, filled in as the page shows it. Wagtail builds
    stream inputs with JavaScript, so the bodies are given here: one heading
    in Vietnamese, empty in every other language."""
    data = querydict_from_html(html, form_id="page-edit-form")
    bodies = {
        f"body_{language.code}": streamfield(
            [("heading", {"text": HEADING})] if language.code == "vi" else []
        )
        for language in load_languages()
    }
    for key, value in nested_form_data(bodies).items():
        data[key] = value
    return data
