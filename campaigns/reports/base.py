"""What the campaign reports share: a filter form above the table, rows
narrowed to the reader's areas and computed in a fixed number of queries, a
totals row, and columns declared once for the screen, the CSV and the XLSX
export (written by `locales.spreadsheets`)."""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import PermissionDenied
from django.utils.encoding import force_str
from django.utils.translation import gettext_lazy as _

from wagtail.admin.ui import tables
from wagtail.admin.views.reports import ReportView
from wagtail.coreutils import multigetattr

from campaigns.area_scope import AreaScope, scope_of
from campaigns.reports.filters import ALL_FILTERS, ReportFilterForm
from locales.spreadsheets import SpreadsheetExportsMixin

TEXT, NUMBER, PERCENT, DATE = "text", "number", "percent", "date"


class NumberColumn(tables.Column):
    """A number grouped the reader's way (2.560.179 in Vietnamese)."""

    cell_template_name = "campaigns/reports/number_cell.html"


@dataclass(frozen=True)
class Column:
    """One column of a report: its heading, the row's value (the attribute
    `name`, unless `value` says otherwise) and its kind. Numbers, shares and
    dates go to the spreadsheets as they are, so that XLSX cells hold real
    numbers and dates; text goes as text. `cell` is how the screen shows it.
    A column with `total` is summed in the totals row (never a share).
    """

    name: str
    heading: str
    kind: str = TEXT
    value: Callable[[Any], Any] | None = None
    cell: type[tables.Column] | None = None
    cell_options: dict = field(default_factory=dict)
    on_screen: bool = True
    exported: bool = True
    total: bool = False

    def value_of(self, row):
        return self.value(row) if self.value else multigetattr(row, self.name)

    def exported_value(self, row):
        value = self.value_of(row)
        if self.kind != TEXT or value is None:
            return value
        return force_str(value)

    def screen_column(self) -> tables.Column:
        cell = self.cell or (NumberColumn if self.kind == NUMBER else tables.Column)
        return cell(
            self.name, label=self.heading, accessor=self.value_of, **self.cell_options
        )


REPORT_PERMISSION = "campaigns.view_campaign"


def may_read_reports(user) -> bool:
    return user.has_perm(REPORT_PERMISSION)


class TotalledTable(tables.Table):
    """The report's table with a totals row at its foot (`totals`: the
    value under each column, or None)."""

    template_name = "campaigns/reports/table.html"
    totals: list | None = None


class CampaignReportView(SpreadsheetExportsMixin, ReportView):
    """A report with filters given by `filter_form_class` (GET), whose rows
    are plain objects built by `get_rows(filters)`, shown and exported in the
    columns of `report_columns`."""

    template_name = "campaigns/reports/report.html"
    filter_form_class = ReportFilterForm
    filter_fields: tuple[str, ...] = ALL_FILTERS
    table_class = TotalledTable
    paginate_by = 100
    report_columns: list[Column] = []

    def dispatch(self, request, *args, **kwargs):
        # Only who plans or manages campaigns (communications staff,
        # managers, administrators): not translators, reviewers or officers,
        # whom the admin lets in too.
        if not may_read_reports(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    @property
    def scope(self) -> AreaScope:
        """The reader's areas: every report narrows its rows to them."""
        return scope_of(self.request.user)

    @property
    def columns(self):
        return [
            column.screen_column() for column in self.report_columns if column.on_screen
        ]

    @property
    def list_export(self):
        return [column.name for column in self._exported_columns]

    @property
    def _exported_columns(self) -> list[Column]:
        return [column for column in self.report_columns if column.exported]

    def get_heading(self, queryset, field):
        return next(
            force_str(column.heading)
            for column in self._exported_columns
            if column.name == field
        )

    def to_row_dict(self, item):
        return {
            column.name: column.exported_value(item)
            for column in self._exported_columns
        }

    def export_about(self) -> list[str]:
        """What the file name says the export holds: the report and each
        filter chosen (campaign, area, kind, language, days)."""
        return [self.export_name, *described(self.get_filter_form().values())]

    def get_filter_form(self):
        if not hasattr(self, "_filter_form"):
            data = self.request.GET.copy()
            for key in ("export", "p"):
                data.pop(key, None)
            self._filter_form = self.filter_form_class(
                data or None, user=self.request.user, fields=self.filter_fields
            )
        return self._filter_form

    def get_queryset(self):
        filters = self.get_filter_form().values()
        # A refused choice (a campaign or area outside the reader's scope)
        # shows nothing rather than everything.
        return [] if filters is None else self.get_rows(filters)

    def get_rows(self, filters: dict) -> list:
        raise NotImplementedError

    def totals(self, rows) -> list | None:
        """The totals row under the screen's columns: "Total" first, the sum
        of each `total` column over every row (not only this page's)."""
        shown = [column for column in self.report_columns if column.on_screen]
        if not any(column.total for column in shown):
            return None
        cells = [
            sum((column.value_of(row) or 0 for row in rows), 0)
            if column.total
            else None
            for column in shown
        ]
        if cells[0] is None:
            cells[0] = _("Total")
        return cells

    def get_table(self, object_list):
        table = super().get_table(object_list)
        table.totals = self.totals(self.object_list)
        return table

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["filter_form"] = self.get_filter_form()
        return context


def described(filters: dict | None) -> list[str]:
    """The filters chosen, as words for a file name."""
    if not filters:
        return []
    words = []
    for name in ALL_FILTERS:
        value = filters.get(name)
        if not value:
            continue
        if name == "since":
            words.append(f"from-{value.isoformat()}")
        elif name == "until":
            words.append(f"to-{value.isoformat()}")
        else:
            words.append(getattr(value, "name", value))
    return words
