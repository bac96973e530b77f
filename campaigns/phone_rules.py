"""The rules a session must meet, as data for the officer's phone.

Offline, the phone checks a session against these before keeping it, so an
officer hears at the meeting, not days later, that a code or a figure is
wrong. They are the server's own rules and messages (campaigns.plausibility,
campaigns.session_dates, content.availability), sent in the interface's
language: nothing is written twice in JavaScript. What the phone cannot know
(a campaign closed meanwhile) the server still refuses when the session
arrives, and the phone lists it to be fixed.
"""

from django import forms

from campaigns import plausibility, session_dates
from campaigns.forms import MaterialCodeField
from campaigns.models import Indicator, MaterialUse, OutreachSession
from content import availability
from content.models import MATERIAL_MODELS
from locales.registry import language_choices, language_label, source_language_code


def material() -> dict[str, dict[str, list[str]]]:
    """Each live piece's code with the languages it has text and recordings in."""
    pieces = {}
    for model in MATERIAL_MODELS:
        queryset = model.objects.live().exclude(material_code="")
        if hasattr(model, "recordings"):
            queryset = queryset.prefetch_related("recordings")
        for piece in queryset:
            pieces[piece.material_code] = {
                "text": sorted(availability.text_languages(piece)),
                "recording": sorted(
                    {recording.language for recording in piece.recordings.all()}
                    if hasattr(piece, "recordings")
                    else ()
                ),
            }
    return pieces


def indicators() -> dict[str, dict]:
    """Each indicator's bounds, and whether a session may report it."""
    rules = {}
    for indicator in Indicator.objects.all():
        low, high, whole = indicator.bounds
        rules[str(indicator.pk)] = {
            "name": indicator.name,
            "low": float(low),
            "high": None if high is None else float(high),
            "whole": whole,
            "fromSessions": indicator.comes_from_sessions,
        }
    return rules


def phone_rules() -> dict:
    """Everything phone_checks.js needs, as JSON-ready data."""
    return {
        "attendance": {
            "maximum": plausibility.ATTENDANCE_MAXIMUM,
            "ceiling": plausibility.attendance_ceiling(),
        },
        "earliest": session_dates.EARLIEST.isoformat(),
        "material": material(),
        "formatNeeds": availability.FORMAT_NEEDS,
        "usualFormat": {
            **dict.fromkeys(OutreachSession.Kind, MaterialUse.Format.PRINT),
            **MaterialUse.USUAL_FORMAT,
        },
        "languages": {code: language_label(code) for code, _n in language_choices()},
        "source": source_language_code(),
        "indicators": indicators(),
        "messages": {
            "required": str(forms.Field.default_error_messages["required"]),
            "unknownCode": str(MaterialCodeField.default_error_messages["unknown"]),
            "noText": str(availability.NO_TEXT),
            "noRecording": str(availability.NO_RECORDING),
            "tooEarly": str(session_dates.TOO_EARLY),
            "tooLate": str(session_dates.TOO_LATE),
            "aboveMaximum": str(plausibility.ABOVE_MAXIMUM),
            "aboveCeiling": str(plausibility.ABOVE_CEILING),
            "negative": str(plausibility.NEGATIVE),
            "above100": str(plausibility.ABOVE_100),
            "notWhole": str(plausibility.NOT_WHOLE),
            "notFromSessions": str(plausibility.NOT_FROM_SESSIONS),
        },
    }
