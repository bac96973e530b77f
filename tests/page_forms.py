"""A piece's edit form as an editor's browser would post it back."""

import html
import json
import re
import uuid

from wagtail import blocks
from wagtail.fields import StreamField
from wagtail.test.utils.form_data import (
    nested_form_data,
    querydict_from_html,
    rich_text,
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


def stream_form_data(block, raw, from_editor=False) -> dict:
    """A stream's value as Wagtail's editor posts it back unchanged: blocks
    and list items with their ids (a list item stored in the older plain
    form gets a new id, as the editor gives it), rich text as Draftail's
    contentstate, which keeps the blocks' keys or makes new ones. `raw` is
    the stored value, or (`from_editor`) the one the edit form gives its
    JavaScript, whose rich text is contentstate already."""
    if isinstance(block, blocks.StreamBlock):
        children = {
            str(index): {
                "type": child["type"],
                "value": stream_form_data(
                    block.child_blocks[child["type"]], child.get("value"), from_editor
                ),
                "id": child.get("id", ""),
                "deleted": "",
                "order": str(index),
            }
            for index, child in enumerate(raw or [])
        }
        return {"count": str(len(children)), **children}
    if isinstance(block, blocks.ListBlock):
        items = {}
        for index, item in enumerate(raw or []):
            # Stored as {"type": "item", …}; the editor's own state has no type.
            listed = isinstance(item, dict) and (
                item.get("type") == "item" or (from_editor and "value" in item)
            )
            items[str(index)] = {
                "value": stream_form_data(
                    block.child_block, item["value"] if listed else item, from_editor
                ),
                "id": item.get("id") if listed else str(uuid.uuid4()),
                "deleted": "",
                "order": str(index),
            }
        return {"count": str(len(items)), **items}
    if isinstance(block, blocks.StructBlock):
        return {
            name: stream_form_data(child, (raw or {}).get(name), from_editor)
            for name, child in block.child_blocks.items()
        }
    if isinstance(block, blocks.RichTextBlock):
        return raw if from_editor else rich_text(raw or "")
    if from_editor and isinstance(raw, list):  # a choice, as its <select> holds it
        raw = raw[0] if raw else None
    if from_editor and isinstance(raw, dict):  # a chosen page, image or document
        raw = raw.get("id")
    return "" if raw is None else str(raw)


def edit_form_as_is(client, page, streams=None):
    """The page's edit form posted back as the editor shows it, changing
    nothing: the plain inputs as the page renders them, and each stream
    (built by JavaScript in the browser) from its stored value, or from
    `streams` ({field name: raw stream}) where an editor changed one."""
    html = client.get(f"/admin/pages/{page.pk}/edit/").content.decode()
    data = querydict_from_html(html, form_id="page-edit-form")
    page = type(page).objects.get(pk=page.pk)
    for field in page._meta.fields:
        if isinstance(field, StreamField):
            raw = (streams or {}).get(field.name) or list(
                getattr(page, field.name).raw_data
            )
            stream = stream_form_data(field.stream_block, raw)
            for key, value in nested_form_data({field.name: stream}).items():
                data[key] = value
    return data


def publish_in_editor(client, page, editor, streams=None, **fields):
    """The editor opens the page's edit form, changes `fields` (and
    `streams`) and presses Publish; then signs out."""
    client.force_login(editor)
    data = edit_form_as_is(client, page, streams)
    data.update(fields)
    data["action-publish"] = "action-publish"
    response = client.post(f"/admin/pages/{page.pk}/edit/", data)
    assert response.status_code == 302, response.context["form"].errors
    client.logout()
    page.refresh_from_db()


def edit_form_from_html(page_html: str, model):
    """The edit form in `page_html` posted back unchanged, as a browser sends
    it once its JavaScript has built each stream from the value the form
    gives it: for tests that reach the admin over HTTP."""
    data = querydict_from_html(page_html, form_id="page-edit-form")
    for field in model._meta.fields:
        if not isinstance(field, StreamField):
            continue
        given = re.search(
            rf'<div id="{field.name}"[^>]*?data-w-block-arguments-value="([^"]*)"',
            page_html,
        )
        raw = json.loads(html.unescape(given.group(1)))[0] if given else []
        stream = stream_form_data(field.stream_block, raw, from_editor=True)
        for key, value in nested_form_data({field.name: stream}).items():
            data[key] = value
    return data
