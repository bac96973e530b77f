"""Campaigns and the material they use."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    PageChooserPanel,
)
from wagtail.models import Orderable

from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel

from content.models import MATERIAL_MODELS
from locales.fields import LanguagesField


class Campaign(ClusterableModel):
    """A campaign of a social-insurance office: a peak campaign, a month of
    action, a yearly plan or a standing programme, with its areas, targets
    and toolkit of material. A campaign may sit under a larger one; the
    larger one's targets count the sessions of both."""

    class Kind(models.TextChoices):
        PEAK = "peak", _("Peak campaign")
        MONTH = "month", _("Month of action")
        YEARLY = "yearly", _("Yearly plan")
        STANDING = "standing", _("Standing programme")

    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        RUNNING = "running", _("Running")
        CLOSED = "closed", _("Closed")

    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))
    organising_unit = models.CharField(
        _("organising unit"),
        max_length=200,
        help_text=_("e.g. Dak Lak Provincial Social Insurance"),
    )
    areas = ParentalManyToManyField(
        "campaigns.Area", verbose_name=_("areas"), related_name="campaigns"
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("part of"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.PLANNED
    )
    languages = LanguagesField(
        _("toolkit languages"),
        help_text=_("The languages the campaign needs its material in."),
    )

    panels = [
        FieldPanel("name"),
        FieldRowPanel([FieldPanel("kind"), FieldPanel("status")]),
        FieldRowPanel([FieldPanel("starts_on"), FieldPanel("ends_on")]),
        FieldPanel("organising_unit"),
        FieldPanel("parent"),
        FieldPanel("areas"),
        MultiFieldPanel(
            [FieldPanel("languages"), InlinePanel("toolkit", label=_("piece"))],
            heading=_("Toolkit"),
        ),
    ]

    class Meta:
        ordering = ["-starts_on", "name"]
        verbose_name = _("campaign")
        verbose_name_plural = _("campaigns")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__gte=models.F("starts_on")),
                name="campaign_ends_after_it_starts",
            )
        ]

    def __str__(self):
        return self.name

    def clean(self):
        super().clean()
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            raise ValidationError({"ends_on": _("A campaign ends after it starts.")})
        ancestor = self.parent
        while ancestor is not None:
            if ancestor.pk == self.pk:
                raise ValidationError(
                    {"parent": _("A campaign cannot be part of itself.")}
                )
            ancestor = ancestor.parent

    def with_descendants(self) -> list[int]:
        """Ids of this campaign and every campaign under it."""
        return Campaign.descendants_of([self.pk])[self.pk]

    @staticmethod
    def descendants_of(pks) -> dict[int, list[int]]:
        """{pk: ids of that campaign and every campaign under it}, in one query."""
        children: dict[int | None, list[int]] = {}
        for pk, parent_id in Campaign.objects.values_list("pk", "parent_id"):
            children.setdefault(parent_id, []).append(pk)
        trees = {}
        for top in pks:
            found, queue = [], [top]
            while queue:
                pk = queue.pop()
                found.append(pk)
                queue.extend(children.get(pk, []))
            trees[top] = found
        return trees

    def covers(self, day) -> bool:
        return self.starts_on <= day <= self.ends_on


class ToolkitItem(Orderable):
    """A piece of material the campaign uses."""

    campaign = ParentalKey(Campaign, related_name="toolkit")
    piece = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("piece"),
        on_delete=models.CASCADE,
        related_name="+",
    )

    panels = [
        PageChooserPanel("piece", page_type=[m._meta.label for m in MATERIAL_MODELS])
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("toolkit piece")
        constraints = [
            models.UniqueConstraint(
                fields=["campaign", "piece"], name="one_toolkit_entry_per_piece"
            )
        ]
