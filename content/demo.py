"""Demo content: the site's page tree, built from what the seed reports say.

Each function brings the database to the wanted state and changes nothing that
is already right, so `load_demo` can run any number of times.
"""

import hashlib
import json
import re
import tomllib
import uuid
from datetime import date
from pathlib import Path
from urllib.parse import urlsplit

from django.conf import settings
from django.db import transaction
from django.utils.html import escape

from wagtail.models import Page, Site

from content.models import (
    MATERIAL_MODELS,
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
from locales.states import TranslationState, unit_states
from locales.workflow import review, save_unit, working_units

MATERIAL_FILE = Path(__file__).with_name("demo_material.toml")

HOME_PAGE = {
    "slug": "home",
    "title_vi": "Loa – Bảo hiểm xã hội, bảo hiểm y tế cho mọi người",
    "title_en": "Loa – Social and health insurance for everyone",
    "intro_vi": (
        "Thông tin về bảo hiểm xã hội và bảo hiểm y tế, nói rõ ràng, "
        "bằng tiếng nói của mỗi bản làng."
    ),
    "intro_en": (
        "Social insurance and health insurance, explained plainly, "
        "in the language of every village."
    ),
}


@transaction.atomic
def build_page_tree(stdout=None) -> HomePage:
    """The home page as the root of the default site; returns it."""
    root = Page.get_first_root_node()
    _remove_wagtail_welcome_page(root)
    home = HomePage.objects.filter(depth=2, slug=HOME_PAGE["slug"]).first()
    if home is None:
        home = HomePage(**HOME_PAGE)
        root.add_child(instance=home)
        home.save_revision().publish()
        _say(stdout, "Created the home page.")
    elif _update_fields(home, HOME_PAGE):
        home.save_revision().publish()
        _say(stdout, "Updated the home page.")

    wanted = {"root_page": home, "site_name": "Loa", **_served_at()}
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        Site.objects.create(is_default_site=True, **wanted)
    elif any(getattr(site, name) != value for name, value in wanted.items()):
        for name, value in wanted.items():
            setattr(site, name, value)
        site.save()
    return home


def _served_at() -> dict:
    """The Site record's host and port: the public address the demo is served
    at (`LOA_PUBLIC_URL`), so Wagtail's own links (the admin's "View live")
    lead where Loa's do."""
    address = urlsplit(settings.LOA_PUBLIC_URL)
    default_port = 443 if address.scheme == "https" else 80
    return {"hostname": address.hostname, "port": address.port or default_port}


INDEX_PAGES = [
    (
        ExplainerIndexPage,
        {
            "slug": "explainers",
            "title_vi": "Giải thích chính sách",
            "title_en": "Policy explainers",
            "intro_vi": "Bảo hiểm xã hội, bảo hiểm y tế nói bằng lời dễ hiểu.",
            "intro_en": "Social and health insurance policy in plain words.",
        },
    ),
    (
        RadioScriptIndexPage,
        {
            "slug": "radio",
            "title_vi": "Phát thanh xã",
            "title_en": "Commune radio",
            "intro_vi": "Kịch bản cho loa truyền thanh xã và đài địa phương.",
            "intro_en": "Scripts for commune loudspeakers and local radio.",
        },
    ),
    (
        TopicIndexPage,
        {
            "slug": "topics",
            "title_vi": "Chủ đề",
            "title_en": "Topics",
            "intro_vi": "Tìm tài liệu theo chủ đề bạn quan tâm.",
            "intro_en": "Find material by the subject you care about.",
        },
    ),
    (
        FAQIndexPage,
        {
            "slug": "faq",
            "title_vi": "Hỏi – đáp",
            "title_en": "Questions and answers",
            "intro_vi": "Những câu bà con hay hỏi tại các buổi tuyên truyền.",
            "intro_en": "What people ask most at outreach sessions.",
        },
    ),
]

STREAM_TYPES = {
    "heading": "heading",
    "paragraph": "paragraph",
    "key_figures": "key_figures",
    "steps": "steps",
    "callout": "callout",
    "speaker": "speaker_line",
    "music": "music_cue",
    "sound": "sound_effect",
    "pause": "pause",
}


@transaction.atomic
def build_material(home: HomePage, stdout=None) -> None:
    """Topics, audiences, provisions and every piece in demo_material.toml."""
    material = tomllib.loads(MATERIAL_FILE.read_text(encoding="utf-8"))
    topics = {
        entry["slug"]: _upsert_snippet(Topic, entry) for entry in material["topic"]
    }
    audiences = {
        entry["slug"]: _upsert_snippet(Audience, entry)
        for entry in material["audience"]
    }
    provisions = {
        entry["key"]: _upsert_provision(entry) for entry in material["legal_provision"]
    }
    indexes = {
        model: _upsert_page(home, model, fields, stdout)
        for model, fields in INDEX_PAGES
    }

    explainers = {}
    for entry in material["explainer"]:
        fields = _translated(entry, "title", "summary")
        fields["slug"] = entry["slug"]
        fields["effective_date"] = _date(entry.get("effective_date"))
        fields |= _streams(entry, "body")
        page = _upsert_page(
            indexes[ExplainerIndexPage], PolicyExplainerPage, fields, stdout
        )
        _set_relations(
            page,
            stdout,
            topics=[topics[s] for s in entry.get("topics", [])],
            audiences=[audiences[s] for s in entry.get("audiences", [])],
            legal_basis=[provisions[k] for k in entry.get("legal_basis", [])],
        )
        explainers[entry["slug"]] = page

    for entry in material["radio_script"]:
        fields = _translated(entry, "title", "notes", "cast")
        fields |= {
            "slug": entry["slug"],
            "format": entry["format"],
            "slot_seconds": entry["slot_seconds"],
        }
        fields |= _streams(entry, "lines", field="body")
        page = _upsert_page(
            indexes[RadioScriptIndexPage], RadioScriptPage, fields, stdout
        )
        _set_relations(
            page,
            stdout,
            topics=[topics[s] for s in entry.get("topics", [])],
            legal_basis=[provisions[k] for k in entry.get("legal_basis", [])],
        )

    for entry in material["faq"]:
        fields = {
            "slug": entry["slug"],
            **_translated(entry, "short_answer"),
            **{
                f"title_{code}": entry[f"question_{code}"]
                for code in ("vi", "en")
                if f"question_{code}" in entry
            },
            **{
                f"full_answer_{code}": _paragraphs_html(
                    entry[f"full_answer_{code}"], f"{entry['slug']}:full_answer"
                )
                for code in ("vi", "en")
                if f"full_answer_{code}" in entry
            },
        }
        page = _upsert_page(indexes[FAQIndexPage], FAQAnswerPage, fields, stdout)
        _set_relations(
            page,
            stdout,
            topics=[topics[s] for s in entry.get("topics", [])],
            legal_basis=[provisions[k] for k in entry.get("legal_basis", [])],
            related_explainers=[
                explainers[s] for s in entry.get("related_explainers", [])
            ],
        )


def approve_english(user) -> int:
    """Record the demo's English as translated and approved by `user`, where
    it is not approved already; returns how many units were recorded."""
    recorded = 0
    for model in MATERIAL_MODELS:
        for piece in model.objects.all():
            texts = working_units(piece, "en")
            records = [
                save_unit(piece, field, path, "en", user, texts[(field, path)])
                for (field, path), state in unit_states(piece, "en").items()
                if state not in (TranslationState.MISSING, TranslationState.APPROVED)
            ]
            if records:
                review(piece, records, user, approve=True)
            recorded += len(records)
    return recorded


def _translated(entry: dict, *names: str) -> dict:
    """The entry's `<name>_<code>` values (only languages the file gives)."""
    return {
        key: value
        for key, value in entry.items()
        if any(key.startswith(f"{name}_") for name in names)
    }


def _streams(entry: dict, source: str, field: str | None = None) -> dict:
    """Stream values stored as Wagtail's editor stores them: every block and
    list item with an id, every paragraph of rich text with a block key (the
    same in each language, and on every load)."""
    field = field or source
    return {
        f"{field}_{key.removeprefix(source + '_')}": json.dumps(
            [
                _stream_block(block, f"{entry['slug']}:{field}:{index}")
                for index, block in enumerate(blocks)
            ]
        )
        for key, blocks in entry.items()
        if key.startswith(f"{source}_")
    }


def _stream_block(block: dict, seed: str) -> dict:
    kind = block["type"]
    value = {key: item for key, item in block.items() if key != "type"}
    if kind == "paragraph":
        value = _paragraphs_html(block["text"], seed)
    elif kind in ("key_figures", "steps"):
        value = [
            {"type": "item", "value": item, "id": _block_id(f"{seed}:{number}")}
            for number, item in enumerate(block["items"])
        ]
    return {"type": STREAM_TYPES[kind], "value": value, "id": _block_id(seed)}


def _block_id(seed: str) -> str:
    return str(uuid.uuid5(uuid.NAMESPACE_URL, f"loa-demo:{seed}"))


def _date(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def _paragraphs_html(text: str, seed: str) -> str:
    """Paragraphs split by blank lines; `**bold**` and `[a link](https://…)`
    become the markup Wagtail's editor makes."""
    paragraphs = [part.strip() for part in text.split("\n\n") if part.strip()]
    return "".join(
        f'<p data-block-key="{_block_key(seed, number)}">{_inline(part)}</p>'
        for number, part in enumerate(paragraphs)
    )


def _inline(text: str) -> str:
    html = BOLD.sub(r"<b>\1</b>", escape(text))
    return LINK.sub(r'<a href="\2">\1</a>', html)


BOLD = re.compile(r"\*\*(.+?)\*\*")
LINK = re.compile(r"\[([^\]]+)\]\((https://[^)\s]+)\)")


def _block_key(seed: str, number: int) -> str:
    # Draftail's keys are five characters; these are the same on every load.
    return hashlib.sha1(f"{seed}:{number}".encode(), usedforsecurity=False).hexdigest()[
        :5
    ]


def _comparable(value):
    """Stream data without the block ids Wagtail adds on save."""
    if isinstance(value, str) and value.startswith("["):
        value = json.loads(value)
    if hasattr(value, "raw_data"):
        value = list(value.raw_data)
    if isinstance(value, list):
        return [_comparable(item) for item in value]
    if isinstance(value, dict):
        if value.get("type") == "item" and set(value) <= {"type", "value", "id"}:
            return _comparable(value["value"])
        return {key: _comparable(item) for key, item in value.items() if key != "id"}
    return value


def _upsert_snippet(model, entry: dict):
    fields = {key: value for key, value in entry.items() if key != "slug"}
    instance = model.objects.filter(slug=entry["slug"]).first()
    if instance is None:
        return model.objects.create(slug=entry["slug"], **fields)
    if _update_fields(instance, fields):
        instance.save()
    return instance


def _upsert_provision(entry: dict) -> LegalProvision:
    fields = {
        "kind": entry["kind"],
        "title_vi": entry["title_vi"],
        "title_en": entry["title_en"],
        "effective_date": _date(entry.get("effective_date")),
    }
    instance, created = LegalProvision.objects.get_or_create(
        number=entry["number"], article=entry.get("article", ""), defaults=fields
    )
    if not created and _update_fields(instance, fields):
        instance.save()
    return instance


def _upsert_page(parent: Page, model, fields: dict, stdout=None):
    page = model.objects.child_of(parent).filter(slug=fields["slug"]).first()
    if page is None:
        page = model(**fields)
        parent.add_child(instance=page)
        page.save_revision().publish()
        _say(stdout, f"Created {model._meta.verbose_name} '{fields['slug']}'.")
        return page
    if _update_fields(page, fields):
        page.save_revision().publish()
        _say(stdout, f"Updated {model._meta.verbose_name} '{fields['slug']}'.")
    return page


def _set_relations(page, stdout=None, **relations) -> None:
    changed = False
    for name, wanted in relations.items():
        current = set(getattr(page, name).values_list("pk", flat=True))
        if current != {item.pk for item in wanted}:
            getattr(page, name).set(wanted)
            changed = True
    if changed:
        page.save_revision().publish()


def remove_pages() -> None:
    """Delete every page below the tree's root (for `load_demo --reset`)."""
    root = Page.get_first_root_node()
    for page in root.get_children():
        page.delete()


def _remove_wagtail_welcome_page(root: Page) -> None:
    # Wagtail's first migration creates a plain "Welcome to your new Wagtail
    # site!" page with the slug "home"; it would clash with ours.
    welcome = root.get_children().filter(
        slug=HOME_PAGE["slug"], content_type__model="page"
    )
    for page in welcome:
        page.delete()


def _update_fields(instance, values: dict) -> bool:
    changed = False
    for name, value in values.items():
        if _comparable(getattr(instance, name)) != _comparable(value):
            setattr(instance, name, value)
            changed = True
    return changed


def _say(stdout, message: str) -> None:
    if stdout is not None:
        stdout.write(message)
