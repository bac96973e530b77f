"""What campaigns count: indicators, their targets and measurements."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, FieldRowPanel

from campaigns.figures import plain
from campaigns.plausibility import check_figure, check_not_future


class Indicator(models.Model):
    """Something a campaign counts: health-insurance participants, coverage %
    of the population, new enrolments, the late-payment ratio…"""

    class Unit(models.TextChoices):
        PEOPLE = "people", _("people")
        PERCENT = "percent", _("per cent")
        VND = "vnd", _("VND")
        COUNT = "count", _("count")

    class Aggregation(models.TextChoices):
        SUM = "sum", _("Adds up over time (new enrolments, broadcasts)")
        LATEST = "latest", _("A level on a date (participants, coverage)")

    code = models.SlugField(_("code"), max_length=60, unique=True)
    name = models.CharField(_("name"), max_length=200)
    unit = models.CharField(_("unit"), max_length=16, choices=Unit.choices)
    aggregation = models.CharField(
        _("how it is counted"), max_length=16, choices=Aggregation.choices
    )
    lower_is_better = models.BooleanField(
        _("lower is better"),
        default=False,
        help_text=_(
            "For ceilings such as the late-payment ratio: the target is a maximum."
        ),
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("code"),
        FieldRowPanel([FieldPanel("unit"), FieldPanel("aggregation")]),
        FieldPanel("lower_is_better"),
    ]

    class Meta:
        ordering = ["name"]
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")

    def __str__(self):
        return self.name

    @property
    def adds_up_over_areas(self) -> bool:
        """Counts add up from villages to provinces; percentages do not."""
        return self.unit != self.Unit.PERCENT

    @property
    def bounds(self) -> tuple[Decimal, Decimal | None, bool]:
        """(lowest, highest or None, whole numbers only) for a value."""
        if self.unit == self.Unit.PERCENT:
            return Decimal(0), Decimal(100), False
        whole = self.unit in (self.Unit.PEOPLE, self.Unit.COUNT)
        return Decimal(0), None, whole

    @property
    def comes_from_sessions(self) -> bool:
        """Whether a session's outcome can count on it: people or things
        that add up over time (new enrolments), not a level nor money."""
        return self.aggregation == self.Aggregation.SUM and self.unit in (
            self.Unit.PEOPLE,
            self.Unit.COUNT,
        )


class Target(models.Model):
    """What a campaign, or an area, aims to reach on an indicator in a period."""

    indicator = models.ForeignKey(
        Indicator, verbose_name=_("indicator"), on_delete=models.PROTECT
    )
    campaign = models.ForeignKey(
        "campaigns.Campaign",
        verbose_name=_("campaign"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="targets",
    )
    area = models.ForeignKey(
        "campaigns.Area",
        verbose_name=_("area"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="targets",
    )
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("to"))
    value = models.DecimalField(_("target"), max_digits=18, decimal_places=2)
    note = models.CharField(_("note"), max_length=255, blank=True)

    panels = [
        FieldRowPanel([FieldPanel("campaign"), FieldPanel("area")]),
        FieldPanel("indicator"),
        FieldRowPanel([FieldPanel("starts_on"), FieldPanel("ends_on")]),
        FieldPanel("value"),
        FieldPanel("note"),
    ]

    class Meta:
        ordering = ["campaign", "indicator", "area__path"]
        verbose_name = _("target")
        verbose_name_plural = _("targets")

    def __str__(self):
        where = self.area or self.campaign
        return f"{self.indicator}: {written(self.value)} ({where})"

    def clean(self):
        super().clean()
        if self.campaign_id is None and self.area_id is None:
            raise ValidationError(_("A target belongs to a campaign, an area or both."))
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            raise ValidationError({"ends_on": _("The period ends after it starts.")})
        if self.indicator_id:
            check_figure(self.indicator, self.value)


class Measurement(models.Model):
    """A figure measured in an area on a date, with where it comes from
    ("41,724 voluntary participants on 31 Oct 2025, provincial report")."""

    indicator = models.ForeignKey(
        Indicator, verbose_name=_("indicator"), on_delete=models.PROTECT
    )
    area = models.ForeignKey(
        "campaigns.Area",
        verbose_name=_("area"),
        on_delete=models.PROTECT,
        related_name="measurements",
    )
    measured_on = models.DateField(_("date"))
    value = models.DecimalField(_("value"), max_digits=18, decimal_places=2)
    source = models.CharField(_("source"), max_length=255)

    panels = [
        FieldPanel("indicator"),
        FieldRowPanel([FieldPanel("area"), FieldPanel("measured_on")]),
        FieldPanel("value"),
        FieldPanel("source"),
    ]

    class Meta:
        ordering = ["-measured_on"]
        verbose_name = _("measurement")
        verbose_name_plural = _("measurements")
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "area", "measured_on"],
                name="one_figure_per_indicator_area_day",
                violation_error_message=_(
                    "This area already has a figure for this indicator on this "
                    "date: correct that one instead."
                ),
            )
        ]

    def __str__(self):
        day = f"{self.measured_on:%d/%m/%Y}" if self.measured_on else ""
        return f"{self.indicator}: {written(self.value)} ({self.area}, {day})"

    def clean(self):
        super().clean()
        check_not_future(self.measured_on, "measured_on")
        if self.indicator_id:
            check_figure(self.indicator, self.value)


def written(value) -> str:
    """A figure in a row's name: 217500, not 217500.00."""
    return "" if value is None else str(plain(value))
