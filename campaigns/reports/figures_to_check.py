"""Figures already recorded that the plausibility rules would now refuse:
a coverage of 150 %, an outcome on an amount of money, a session dated next
year, Ede copies of a piece with no Ede text. Each row says why and links to
where an editor corrects it.

Queries narrow the candidates; the message is the rule's own, from the
model's validation, so this list and the forms never disagree. A reader
working for some areas sees the figures of those areas only (print runs,
which have no area, nationally only)."""

from collections import defaultdict
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db.models import F, Q, Value
from django.db.models.functions import Round
from django.urls import reverse
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from wagtail.admin.ui.tables import TitleColumn
from wagtail.models import Page

from campaigns.area_scope import AreaScope
from campaigns.days import end_of
from campaigns.models import (
    Indicator,
    MaterialUse,
    Measurement,
    OutreachSession,
    SessionOutcome,
    Target,
)
from campaigns.plausibility import attendance_ceiling, session_indicators
from campaigns.reports.base import CampaignReportView, Column
from content.availability import check_material_language, languages_by_format_of
from content.models import PrintRun


@dataclass
class FigureToCheck:
    kind: str
    record: str
    problem: str
    edit_url: str


def problems_of(instance) -> list[str]:
    """What the rules say against `instance`, as they would on its form
    (whose choices already leave out what a relation may not point to)."""
    limited = [
        field.name
        for field in instance._meta.fields
        if field.remote_field and field.remote_field.limit_choices_to
    ]
    try:
        instance.full_clean(
            exclude=limited, validate_unique=False, validate_constraints=False
        )
    except ValidationError as error:
        return [
            message for messages in error.message_dict.values() for message in messages
        ]
    return []


def out_of_bounds() -> Q:
    """Values below zero, percentages above 100, fractions of people (rows
    annotated with their value `rounded`)."""
    return (
        Q(value__lt=0)
        | Q(indicator__unit=Indicator.Unit.PERCENT, value__gt=100)
        | (
            Q(indicator__unit__in=[Indicator.Unit.PEOPLE, Indicator.Unit.COUNT])
            & ~Q(value=F("rounded"))
        )
    )


def candidates(narrow=lambda records: records):
    """(records, edit URL of one) for every kind of record, each narrowed by
    `narrow`."""
    today = timezone.localdate()
    measurements = (
        Measurement.objects.annotate(rounded=Round("value"))
        .filter(out_of_bounds() | Q(measured_on__gt=today))
        .select_related("indicator", "area")
    )
    targets = (
        Target.objects.annotate(rounded=Round("value"))
        .filter(out_of_bounds())
        .select_related("indicator", "area", "campaign")
    )
    sessions = OutreachSession.objects.filter(
        Q(starts_at__gte=end_of(today))
        | Q(attendance__gt=attendance_ceiling(), attendance_confirmed=False)
    ).select_related("campaign", "area")
    outcomes = (
        SessionOutcome.objects.annotate(rounded=Round("value"))
        .filter(
            out_of_bounds()
            | ~Q(indicator__in=Indicator.objects.filter(session_indicators()))
        )
        .select_related("indicator", "session__area", "session__campaign")
    )
    return [
        (narrow(measurements), edit_url("measurements:edit")),
        (narrow(targets), edit_url("targets:edit")),
        (narrow(sessions), session_url),
        (narrow(outcomes), lambda outcome: session_url(outcome.session)),
    ]


def row(record, problem: str, edit_url: str) -> FigureToCheck:
    """A row naming the record; a session's outcome or material with its
    session."""
    described = str(record)
    if session := getattr(record, "session", None):
        described = f"{session} — {described}"
    return FigureToCheck(
        str(capfirst(record._meta.verbose_name)), described, problem, edit_url
    )


def edit_url(name: str):
    return lambda record: reverse(name, args=[record.pk])


def session_url(session) -> str:
    return reverse("outreach_sessions:edit", args=[session.pk])


def material_in_missing_languages(
    narrow=lambda records: records, print_runs: bool = True
) -> list[FigureToCheck]:
    """Material used (narrowed by `narrow`) and print runs in a language
    their piece lacks: the rule is asked once per piece, language and
    format, however many rows."""
    found = []
    kinds = [
        (
            narrow(MaterialUse.objects.select_related("session__area")),
            lambda use: session_url(use.session),
        )
    ]
    if print_runs:
        kinds.append(
            (
                PrintRun.objects.annotate(format=Value("print")),
                edit_url("wagtailsnippets_content_printrun:edit"),
            )
        )
    for records, url in kinds:
        keys = records.values_list("piece", "language", "format").order_by().distinct()
        available = languages_by_format_of(
            {piece for piece, _language, _format in keys}
        )
        missing = [
            (piece_id, language, format)
            for piece_id, language, format in keys
            if language not in available.get(piece_id, {}).get(format, ())
        ]
        # The rule asked again for its message, of the pieces refused only.
        pieces = Page.objects.filter(pk__in={key[0] for key in missing}).specific()
        pieces = {piece.pk: piece for piece in pieces}
        refused = defaultdict(dict)
        for piece_id, language, format in missing:
            try:
                check_material_language(pieces[piece_id], language, format)
            except ValidationError as error:
                refused[language, format][piece_id] = error.messages
        # One query per language and format refused, however many pieces.
        for (language, format), messages in refused.items():
            for record in records.filter(
                piece_id__in=messages, language=language, format=format
            ):
                record.piece = pieces[record.piece_id]  # named by its code
                found += [
                    row(record, problem, url(record))
                    for problem in messages[record.piece_id]
                ]
    return found


class FiguresToCheckReportView(CampaignReportView):
    """Recorded figures the rules refuse now, for an editor to correct, in
    the reader's areas (and the area chosen)."""

    page_title = _("Figures to check")
    header_icon = "warning"
    filter_fields = ("area",)
    export_name = "figures-to-check"
    index_url_name = "figures_to_check_report"
    index_results_url_name = "figures_to_check_report_results"
    report_columns = [
        Column("kind", _("Kind")),
        Column(
            "record",
            _("Record"),
            cell=TitleColumn,
            cell_options={"get_url": lambda row: row.edit_url},
        ),
        Column("problem", _("Problem")),
    ]

    def get_rows(self, filters):
        area = filters.get("area")
        chosen = AreaScope((area.path,)) if area else None

        def narrow(records):
            records = self.scope.narrow(records)
            return chosen.narrow(records) if chosen else records

        rows = []
        for records, url in candidates(narrow):
            for record in records:
                rows += [
                    row(record, problem, url(record)) for problem in problems_of(record)
                ]
        print_runs = self.scope.national and chosen is None
        return rows + material_in_missing_languages(narrow, print_runs)

    def totals(self, rows):
        """How many figures there are to check."""
        if not rows:
            return None
        return [_("Total"), len(rows), None]
