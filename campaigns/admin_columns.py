"""Columns of the admin's lists of targets and measurements, written the
way people read figures and days (95, 217.500; 01/12/2025), not as the
database holds them (95.00, 217500.00; Dec. 1, 2025)."""

from django.utils.text import capfirst

from wagtail.admin.ui.tables import Column

from campaigns.figures import plain
from campaigns.reports.base import NumberColumn


def heading(model, name: str):
    return capfirst(model._meta.get_field(name).verbose_name)


def day_column(model, name: str) -> Column:
    return Column(
        name,
        label=heading(model, name),
        accessor=lambda row: f"{getattr(row, name):%d/%m/%Y}",
    )


def value_column(model) -> NumberColumn:
    return NumberColumn(
        "value", label=heading(model, "value"), accessor=lambda row: plain(row.value)
    )
