"""Field kits: plan what goes in and build the ZIP (what changed since a
kit was built is `campaigns.field_kit_changes`).

A kit holds, for each chosen language, the PDF of every toolkit piece, the
recording of each radio script that has one, an FAQ card sheet (the FAQ
answers in the toolkit or on its topics) and an index (HTML and CSV) of
every item's code, language, version and translation state. Kits with the
same plan are built once and served again.
"""

import io
import json
import logging
import time
import zipfile
from collections import defaultdict
from dataclasses import asdict, dataclass
from pathlib import PurePosixPath

from django.conf import settings
from django.core.files.base import ContentFile
from django.db.models import Prefetch, Q, prefetch_related_objects
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from wagtail.models import Page

from django_tasks import task

from campaigns.field_kit_jobs import notice_stopped_builds
from campaigns.models import Campaign, FieldKit
from content.models import (
    FAQAnswerPage,
    RadioRecording,
    RadioScriptPage,
)
from content.pdf import pdf_bytes, render_pdf
from content.versions import current_versions
from locales.matrix import worst_states
from locales.public_address import public_request
from locales.registry import source_language_code
from locales.source_text import digest
from locales.spreadsheets import csv_text
from locales.states import target_languages

logger = logging.getLogger(__name__)


class FieldKitError(ValueError):
    pass


@dataclass(frozen=True)
class KitItem:
    kind: str  # "pdf", "audio" or "faq_cards"
    object_id: int  # the piece, or the recording; 0 for the FAQ cards
    filename: str
    code: str
    title: str
    language: str
    version: str
    version_date: str
    state: str


def check_languages(languages: list[str]) -> list[str]:
    known = [source_language_code(), *target_languages()]
    unknown = [code for code in languages if code not in known]
    if unknown or not languages:
        raise FieldKitError(
            _("Unknown languages: %(codes)s. Choose among %(known)s.")
            % {"codes": ", ".join(unknown) or "—", "known": ", ".join(known)}
        )
    return sorted(set(languages))


def plan(campaign: Campaign, languages: list[str]) -> list[KitItem]:
    """Everything the kit would hold now."""
    languages = check_languages(languages)
    pieces = _toolkit_pieces(campaign)
    if not pieces:
        raise FieldKitError(_("The campaign's toolkit is empty."))
    states = worst_states(pieces)
    answers = _faq_answers(pieces)
    versions = current_versions([*pieces, *answers], languages)
    items = []
    for piece in pieces:
        recordings = {}
        if isinstance(piece, RadioScriptPage):
            recordings = {each.language: each for each in piece.recordings.all()}
        for language in languages:
            items.append(_pdf_item(piece, language, states, versions))
            if language in recordings:
                items.append(_audio_item(piece, recordings[language]))
    if answers:
        for language in languages:
            items.append(_faq_item(answers, language, versions))
    return items


def _toolkit_pieces(campaign: Campaign) -> list[Page]:
    """The campaign's published toolkit pieces, in its order, as their own
    kinds, with their topics and (for scripts) their recordings: a few
    queries a kind. A draft has no public page for its QR code to open, and
    no version to print: it waits for its publish."""
    ids = [item.piece_id for item in campaign.toolkit.all()]
    live = Page.objects.filter(pk__in=ids).live().specific()
    pieces = {page.pk: page for page in live}
    kinds = defaultdict(list)
    for piece in pieces.values():
        kinds[type(piece)].append(piece)
    for group in kinds.values():
        prefetch_related_objects(group, "topics")
    recordings = RadioRecording.objects.select_related("audio")
    prefetch_related_objects(
        kinds[RadioScriptPage], Prefetch("recordings", queryset=recordings)
    )
    return [pieces[pk] for pk in ids if pk in pieces]


def fingerprint(items: list[KitItem]) -> str:
    return digest(json.dumps([asdict(item) for item in items], sort_keys=True))


def request_kit(campaign: Campaign, languages: list[str], user=None) -> FieldKit:
    """The kit for these languages as things stand: an existing build of the
    same plan, or a new one queued to build in the background. A build that
    failed or stopped is not returned: asking again builds the kit again."""
    items = plan(campaign, languages)
    key = fingerprint(items)
    same_plan = campaign.field_kits.filter(fingerprint=key)
    notice_stopped_builds(same_plan)
    existing = same_plan.exclude(status=FieldKit.Status.FAILED).first()
    if existing is not None:
        return existing
    kit = FieldKit.objects.create(
        campaign=campaign,
        languages=check_languages(languages),
        manifest=[asdict(item) for item in items],
        fingerprint=key,
        requested_by=user,
    )
    job = build_field_kit.enqueue(kit.pk)
    # Only the job's id: a worker (or the immediate backend) may already have
    # saved the build's progress.
    FieldKit.objects.filter(pk=kit.pk).update(task_id=job.id)
    kit.refresh_from_db()
    return kit


@task()
def build_field_kit(kit_id: int) -> None:
    """Build a queued kit, in the background; the worker logs a build that
    fails."""
    kit = FieldKit.objects.get(pk=kit_id)
    try:
        build(kit)
    except Exception:
        logger.error("Field kit %s could not be built: %s", kit.pk, kit.error)
        raise


def build(kit: FieldKit) -> FieldKit:
    """Write the kit's ZIP, saving progress (the build's heartbeat) as it
    goes. A build that raises fails the kit with the error."""
    kit.status, kit.progress = FieldKit.Status.BUILDING, 0
    _beat(kit, "status")
    try:
        _write_zip(kit)
    except Exception as error:
        kit.status, kit.failure = FieldKit.Status.FAILED, FieldKit.Failure.ERROR
        kit.error = str(error) or type(error).__name__
        kit.save(update_fields=["status", "failure", "error"])
        raise
    kit.status, kit.progress, kit.built_at = FieldKit.Status.READY, 100, timezone.now()
    kit.failure, kit.error = "", ""
    _beat(kit, "status", "file", "built_at", "failure", "error")
    return kit


def _write_zip(kit: FieldKit) -> None:
    items = [KitItem(**entry) for entry in kit.manifest]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for done, item in enumerate(items, start=1):
            archive.writestr(item.filename, _item_bytes(item))
            if settings.FIELD_KIT_ITEM_PAUSE:
                time.sleep(settings.FIELD_KIT_ITEM_PAUSE)
            kit.progress = round(95 * done / len(items))
            _beat(kit)
        archive.writestr("index.csv", index_csv(items))
        archive.writestr(
            "index.html",
            render_to_string(
                "campaigns/field_kit/index.html", {"kit": kit, "items": items}
            ),
        )
    languages = "-".join(kit.languages)
    name = f"field-kit-{kit.campaign_id}-{languages}-{kit.fingerprint[:8]}.zip"
    kit.file.save(name, ContentFile(buffer.getvalue()), save=False)


def _beat(kit: FieldKit, *fields: str) -> None:
    """Save the build's progress with the time, a sign the build goes on."""
    kit.heartbeat_at = timezone.now()
    kit.save(update_fields=["progress", "heartbeat_at", *fields])


def index_csv(items: list[KitItem]) -> str:
    return csv_text(
        [
            ["file", "code", "title", "language", "version", "version_date", "state"],
            *(
                [
                    item.filename,
                    item.code,
                    item.title,
                    item.language,
                    item.version,
                    item.version_date,
                    item.state,
                ]
                for item in items
            ),
        ]
    )


def item_label(item: KitItem) -> str:
    names = {
        "pdf": item.code,
        "audio": _("%(code)s recording") % {"code": item.code},
        "faq_cards": _("FAQ cards"),
    }
    return f"{names[item.kind]} ({item.language})"


def _pdf_item(piece, language, states, versions) -> KitItem:
    with translation.override(language):
        title = piece.title
    version = versions.get((piece.pk, language))
    return KitItem(
        kind="pdf",
        object_id=piece.pk,
        filename=f"pdf/{piece.material_code}-{language}.pdf",
        code=piece.material_code,
        title=title,
        language=language,
        version=f"v{version.number}" if version else "",
        version_date=version.day.isoformat() if version else "",
        state=_state(piece, language, states),
    )


def _audio_item(piece, recording) -> KitItem:
    extension = PurePosixPath(recording.audio.file.name).suffix
    return KitItem(
        kind="audio",
        object_id=recording.pk,
        filename=f"audio/{piece.material_code}-{recording.language}{extension}",
        code=piece.material_code,
        title=recording.audio.title,
        language=recording.language,
        version=f"{recording.audio_id}:{recording.script_digest[:12]}",
        version_date=_day(recording.audio.created_at),
        state="outdated" if recording.is_outdated else "current",
    )


def _faq_answers(pieces) -> list[FAQAnswerPage]:
    in_toolkit = [piece.pk for piece in pieces if isinstance(piece, FAQAnswerPage)]
    topics = {topic.pk for piece in pieces for topic in piece.topics.all()}
    return list(
        FAQAnswerPage.objects.live()
        .filter(Q(pk__in=in_toolkit) | Q(topics__in=topics))
        .distinct()
        .order_by("material_code")
    )


def _faq_item(answers, language, versions) -> KitItem:
    answered = [(answer, versions.get((answer.pk, language))) for answer in answers]
    return KitItem(
        kind="faq_cards",
        object_id=0,
        filename=f"faq-cards-{language}.pdf",
        code="",
        title=_("FAQ cards"),
        language=language,
        version=",".join(
            f"{answer.pk}:v{version.number}" if version else f"{answer.pk}:"
            for answer, version in answered
        ),
        version_date=max(
            (version.day.isoformat() for _answer, version in answered if version),
            default="",
        ),
        state="",
    )


def _day(moment) -> str:
    """The office's date of a moment (stored in UTC), as 2025-11-18."""
    return timezone.localdate(moment).isoformat() if moment else ""


def _state(piece, language, states) -> str:
    if language == source_language_code():
        return "source"
    state = states.get((piece.pk, language))
    return state.value if state else "missing"


def _item_bytes(item: KitItem) -> bytes:
    if item.kind == "pdf":
        piece = Page.objects.get(pk=item.object_id).specific
        return pdf_bytes(piece, public_request(), item.language)
    if item.kind == "audio":
        recording = RadioRecording.objects.select_related("audio").get(
            pk=item.object_id
        )
        try:
            with recording.audio.file.open("rb") as audio:
                return audio.read()
        except FileNotFoundError as error:
            raise FieldKitError(
                _("the file of the recording “%(title)s” (%(language)s) is missing")
                % {"title": recording.audio.title, "language": recording.language}
            ) from error
    ids = [int(entry.split(":")[0]) for entry in item.version.split(",")]
    answers = FAQAnswerPage.objects.filter(pk__in=ids).order_by("material_code")
    with translation.override(item.language):
        html = render_to_string(
            "campaigns/field_kit/faq_cards.html",
            {"answers": answers, "language": item.language},
        )
    return render_pdf(html)
