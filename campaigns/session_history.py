"""The trail of a session's corrections: what it said before and after.

A session is snapshot as plain text (its facts, languages, outcomes, material
and questions) before a correction is saved and again after; if anything
differs, a "wagtail.edit" entry goes to Wagtail's audit log with
`data={"before": …, "after": …, "changed": [labels]}`. The officer's
correction screen and the admin's edit form both record through here.

Values are written in the office's language and time zone, so the trail
reads the same whoever made the change; field labels are shown in the
reader's language.
"""

import datetime
import zoneinfo
from dataclasses import dataclass

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from wagtail.log_actions import log
from wagtail.models import ModelLogEntry

from campaigns.models import OutreachSession
from locales.registry import language_label

# The snapshot's keys, in the order the session's screen shows them.
FIELDS = {
    "campaign": _("Campaign"),
    "kind": _("Kind"),
    "starts_at": _("Date"),
    "area": _("Area"),
    "venue": _("Venue"),
    "attendance": _("Attendance"),
    "attendance_confirmed": _("The attendance is right"),
    "languages": _("Languages spoken"),
    "audiences": _("Audiences"),
    "partners": _("Partners"),
    "staff": _("Staff"),
    "outcomes": _("Outcomes"),
    "material": _("Material used"),
    "questions": _("Questions asked"),
    "notes": _("Notes"),
}


def office_time(moment) -> str:
    """`moment` as the office reads it: day and hour in its own time zone
    (the day alone for a session logged without a time)."""
    if moment is None:
        return ""
    local = timezone.localtime(moment, zoneinfo.ZoneInfo(settings.TIME_ZONE))
    # A day given without a time is stored at midnight: said as the day.
    return local.strftime(
        "%d/%m/%Y" if local.time() == datetime.time(0) else "%d/%m/%Y %H:%M"
    )


def snapshot(session: OutreachSession) -> dict:
    """What the session says now, read from the database, as plain text."""
    session = OutreachSession.objects.select_related("campaign", "area").get(
        pk=session.pk
    )
    with translation.override(settings.LANGUAGE_CODE):
        return {
            "campaign": str(session.campaign),
            "kind": str(session.get_kind_display()),
            "starts_at": office_time(session.starts_at),
            "area": session.area.label,
            "venue": session.venue,
            "attendance": "" if session.attendance is None else str(session.attendance),
            "attendance_confirmed": str(
                _("yes") if session.attendance_confirmed else ""
            ),
            "languages": sorted(
                language_label(spoken.language)
                for spoken in session.spoken_languages.all()
            ),
            "audiences": sorted(str(audience) for audience in session.audiences.all()),
            "partners": sorted(partner.name for partner in session.partners.all()),
            "staff": sorted(person.get_username() for person in session.staff.all()),
            "outcomes": sorted(
                f"{outcome.indicator}: {outcome.value.normalize():f}"
                for outcome in session.outcomes.select_related("indicator")
            ),
            "material": sorted(
                f"{use.piece.title}, {language_label(use.language)}, "
                f"{use.get_format_display()} × {use.quantity}"
                for use in session.material_uses.select_related("piece")
            ),
            "questions": [question.text for question in session.questions.all()],
            "notes": session.notes,
        }


def record_correction(session, before: dict, user) -> ModelLogEntry | None:
    """Log the correction of `session` from `before` to what it says now;
    nothing if nothing changed."""
    after = snapshot(session)
    changed = [name for name in FIELDS if before.get(name) != after.get(name)]
    if not changed:
        return None
    with translation.override(settings.LANGUAGE_CODE):
        labels = [str(FIELDS[name]) for name in changed]
    return log(
        instance=session,
        action="wagtail.edit",
        user=user,
        data={
            "before": {name: before.get(name) for name in changed},
            "after": {name: after[name] for name in changed},
            "changed": labels,
        },
    )


@dataclass
class Change:
    label: str
    before: str
    after: str


@dataclass
class Event:
    """One line of a session's history: who did what, when."""

    entry: ModelLogEntry
    when: str
    changes: list[Change]
    reason: str = ""


def _text(value) -> str:
    if isinstance(value, list):
        return "; ".join(value) or "—"
    return value or "—"


def history_of(session) -> list[Event]:
    """The session's audit trail, newest first."""
    entries = (
        ModelLogEntry.objects.filter(
            content_type=ContentType.objects.get_for_model(OutreachSession),
            object_id=str(session.pk),
        )
        .select_related("user")
        .order_by("-timestamp", "-pk")
    )
    events = []
    for entry in entries:
        data = entry.data or {}
        before, after = data.get("before") or {}, data.get("after") or {}
        changes = [
            Change(str(FIELDS.get(name, name)), _text(before.get(name)), _text(value))
            for name, value in after.items()
        ]
        events.append(
            Event(entry, office_time(entry.timestamp), changes, data.get("reason", ""))
        )
    return events
