"""What the campaign reports share: a filter form above the table, rows
computed in a fixed number of queries, and columns declared once for the
screen, the CSV and the XLSX export (written by `locales.spreadsheets`)."""

from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django import forms
from django.core.exceptions import PermissionDenied
from django.utils.encoding import force_str
from django.utils.translation import gettext_lazy as _

from wagtail.admin.ui import tables
from wagtail.admin.views.reports import ReportView
from wagtail.coreutils import multigetattr

from campaigns.models import Campaign
from locales.spreadsheets import SpreadsheetExportsMixin

TEXT, NUMBER, PERCENT, DATE = "text", "number", "percent", "date"


def plain(value: Decimal) -> Decimal:
    """A figure without trailing zeros, never in exponent notation: 1600
    and 12.5, not 1.6E+3 and 12.50."""
    normal = value.normalize()
    return normal.quantize(Decimal(1)) if normal == normal.to_integral() else normal


class NumberColumn(tables.Column):
    """A number grouped the reader's way (2.560.179 in Vietnamese)."""

    cell_template_name = "campaigns/reports/number_cell.html"


@dataclass(frozen=True)
class Column:
    """One column of a report: its heading, the row's value (the attribute
    `name`, unless `value` says otherwise) and its kind. Numbers, shares and
    dates go to the spreadsheets as they are, so that XLSX cells hold real
    numbers and dates; text goes as text. `cell` is how the screen shows it.
    """

    name: str
    heading: str
    kind: str = TEXT
    value: Callable[[Any], Any] | None = None
    cell: type[tables.Column] | None = None
    cell_options: dict = field(default_factory=dict)
    on_screen: bool = True
    exported: bool = True

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


class CampaignChoiceForm(forms.Form):
    campaign = forms.ModelChoiceField(
        label=_("Campaign"),
        queryset=Campaign.objects.all(),
        required=False,
        empty_label=_("All campaigns"),
    )


class CampaignReportView(SpreadsheetExportsMixin, ReportView):
    """A report with filters given by `filter_form_class` (GET), whose rows
    are plain objects built by `get_rows(filters)`, shown and exported in the
    columns of `report_columns`."""

    template_name = "campaigns/reports/report.html"
    filter_form_class = CampaignChoiceForm
    paginate_by = 100
    report_columns: list[Column] = []

    def dispatch(self, request, *args, **kwargs):
        # Only who plans or manages campaigns (communications staff,
        # administrators): not translators, reviewers or officers, whom the
        # admin lets in too.
        if not may_read_reports(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

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
        """What the file name says the export holds: the report, and the
        campaign chosen if there is one."""
        form = self.get_filter_form()
        campaign = form.cleaned_data.get("campaign") if form.is_valid() else None
        return [self.export_name, campaign.name if campaign else ""]

    def get_filter_form(self):
        if not hasattr(self, "_filter_form"):
            self._filter_form = self.filter_form_class(self.request.GET or None)
        return self._filter_form

    def get_queryset(self):
        form = self.get_filter_form()
        values = form.cleaned_data if form.is_valid() else {}
        return self.get_rows(values)

    def get_rows(self, filters: dict) -> list:
        raise NotImplementedError

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["filter_form"] = self.get_filter_form()
        return context
