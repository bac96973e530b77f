"""Print runs against use: for each print run, the copies handed out at
sessions, by area, what is left and what ran short.

A copy handed out counts against a print run when the session's material
use names that run, or, when it names none, against the run of the same
piece, language and version printed last on or before the session's day
(else the first printed after it), so that no copy counts twice. Only
sessions inside the reader's areas count: a province's manager reads the
province's use of each run.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Q, Sum
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _

from wagtail.admin.ui import tables
from wagtail.models import Page

from campaigns.area_scope import scope_of
from campaigns.days import end_of, start_of
from campaigns.models import Area, MaterialUse
from campaigns.reports.base import (
    DATE,
    NUMBER,
    CampaignReportView,
    Column,
)
from content.models import PrintRun
from locales.registry import language_label


class DateColumn(tables.Column):
    """A day as dd/mm/yyyy, or a dash when there is none."""

    cell_template_name = "campaigns/reports/date_cell.html"


@dataclass
class PrintRunRow:
    """One print run and the copies handed out from it."""

    run: PrintRun | None
    piece: object = None
    copies: int = 0
    handed_out: int = 0
    by_area: dict[str, int] = field(default_factory=dict)
    # On the totals row: the sums of the runs' own, as one run's copies left
    # make up for none of another's shortfall.
    totals: tuple[int, int] | None = None

    @property
    def title(self) -> str:
        return self.piece.title if self.run else str(_("Total"))

    @property
    def code(self) -> str:
        return getattr(self.piece, "material_code", "") if self.run else ""

    @property
    def language(self) -> str:
        return language_label(self.run.language) if self.run else ""

    @property
    def version(self) -> str:
        """The version printed ("v5 · 2025-08-01")."""
        if self.run is None or self.run.version is None:
            return ""
        return str(self.run.version)

    @property
    def printed_on(self) -> datetime.date | None:
        return self.run.printed_on if self.run else None

    @property
    def areas(self) -> str:
        return "; ".join(
            f"{name} {number_format(count, force_grouping=True)}"
            for name, count in sorted(self.by_area.items())
        )

    @property
    def left(self) -> int:
        if self.totals:
            return self.totals[0]
        return max(self.copies - self.handed_out, 0)

    @property
    def short(self) -> int:
        if self.totals:
            return self.totals[1]
        return max(self.handed_out - self.copies, 0)

    @property
    def ran_short(self) -> str:
        if self.run is None:
            return ""
        if self.handed_out > self.copies:
            return str(_("Ran short"))
        if self.copies and self.handed_out == self.copies:
            return str(_("None left"))
        return ""


class PrintRunsReportView(CampaignReportView):
    """Each print run, the copies handed out at sessions, by area, what is
    left and where more was handed out than printed, with a totals row."""

    page_title = _("Print runs and use")
    header_icon = "doc-full-inverse"
    index_url_name = "print_runs_report"
    index_results_url_name = "print_runs_report_results"
    # The language is the print run's; campaign, area and days those of the
    # sessions that handed copies out.
    filter_fields = ("campaign", "area", "language", "since", "until")
    export_name = "print-runs"
    report_columns = [
        Column("title", _("Piece")),
        Column("code", _("Material code")),
        Column("language", _("Language")),
        Column("version", _("Version")),
        Column("printed_on", _("Printed on"), DATE, cell=DateColumn),
        Column("copies", _("Copies printed"), NUMBER),
        Column("handed_out", _("Handed out"), NUMBER),
        Column("areas", _("Handed out by area")),
        Column("left", _("Left"), NUMBER),
        Column("short", _("Short by"), NUMBER),
        Column("ran_short", _("Ran short")),
    ]

    def get_rows(self, filters):
        runs = PrintRun.objects.select_related("piece", "revision", "version").order_by(
            "piece__title", "language", "printed_on", "pk"
        )
        if filters.get("language"):
            runs = runs.filter(language=filters["language"])
        runs = list(runs)
        if not runs:
            return []
        pieces = Page.objects.filter(pk__in={run.piece_id for run in runs}).specific()
        pieces = {piece.pk: piece for piece in pieces}
        rows = {
            run.pk: PrintRunRow(run, pieces[run.piece_id], copies=run.copies)
            for run in runs
        }
        _count_uses(rows, runs, self._uses(filters, runs))
        total = PrintRunRow(None)
        for row in rows.values():
            total.copies += row.copies
            total.handed_out += row.handed_out
            for name, count in row.by_area.items():
                total.by_area[name] = total.by_area.get(name, 0) + count
        total.totals = (
            sum(row.left for row in rows.values()),
            sum(row.short for row in rows.values()),
        )
        return [*rows.values(), total]

    def _uses(self, filters, runs):
        """(print run, piece, language, revision, session start, area,
        copies) of the printed copies handed out in the reader's areas."""
        uses = scope_of(self.request.user).narrow(
            MaterialUse.objects.counted().filter(
                Q(print_run__in=[run.pk for run in runs])
                | Q(print_run=None, piece__in={run.piece_id for run in runs}),
                format=MaterialUse.Format.PRINT,
            )
        )
        if filters.get("campaign"):
            uses = uses.filter(
                session__campaign__in=filters["campaign"].with_descendants()
            )
        if filters.get("area"):
            uses = uses.filter(session__area__path__startswith=filters["area"].path)
        if filters.get("since"):
            uses = uses.filter(session__starts_at__gte=start_of(filters["since"]))
        if filters.get("until"):
            uses = uses.filter(session__starts_at__lt=end_of(filters["until"]))
        return (
            uses.values_list(
                "print_run_id",
                "piece_id",
                "language",
                "revision_id",
                "session__starts_at",
                "session__area_id",
            )
            .annotate(copies=Sum("quantity"))
            .order_by()
        )


def _count_uses(rows: dict, runs: list, uses) -> None:
    uses = list(uses)
    areas = dict(
        Area.objects.filter(pk__in={use[5] for use in uses}).values_list("pk", "name")
    )
    # The runs of each piece, language and version, oldest first.
    editions = defaultdict(list)
    for run in sorted(runs, key=lambda run: (run.printed_on, run.pk)):
        editions[run.piece_id, run.language, run.revision_id].append(run)
    for run_id, piece_id, language, revision_id, starts_at, area_id, copies in uses:
        if run_id is None:
            run_id = _run_for(
                editions.get((piece_id, language, revision_id), []),
                timezone.localdate(starts_at),
            )
        row = rows.get(run_id)
        if row is None:
            continue
        row.handed_out += copies
        name = areas.get(area_id, "")
        row.by_area[name] = row.by_area.get(name, 0) + copies


def _run_for(runs: list, day: datetime.date) -> int | None:
    """The run printed last on or before `day`, else the first one."""
    if not runs:
        return None
    printed = [run for run in runs if run.printed_on <= day]
    return (printed[-1] if printed else runs[0]).pk
