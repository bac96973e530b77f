"""Print runs: how many copies of which version were printed."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, FieldRowPanel, PageChooserPanel

from content.availability import check_material_language
from content.versions import version_on
from locales.registry import language_choices

MATERIAL_PAGE_TYPES = [
    "content.PolicyExplainerPage",
    "content.RadioScriptPage",
    "content.FAQAnswerPage",
]


class PrintRun(models.Model):
    """Copies of a piece printed in one language, in the version that was
    current on the day they were printed (v5, not whatever is live when the
    run is recorded). Sessions that hand them out say so in their material
    use; the piece's edit screen lists its runs."""

    piece = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("piece"),
        on_delete=models.PROTECT,
        related_name="print_runs",
    )
    language = models.CharField(_("language"), max_length=8, choices=language_choices)
    revision = models.ForeignKey(
        "wagtailcore.Revision",
        verbose_name=_("version"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    version = models.ForeignKey(
        "content.PieceVersion",
        verbose_name=_("version printed"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="print_runs",
    )
    copies = models.PositiveIntegerField(_("copies"), validators=[MinValueValidator(1)])
    printed_on = models.DateField(_("printed on"), default=timezone.localdate)
    printer = models.CharField(_("printed by"), max_length=160, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    panels = [
        PageChooserPanel("piece", page_type=MATERIAL_PAGE_TYPES),
        FieldRowPanel([FieldPanel("language"), FieldPanel("copies")]),
        FieldRowPanel([FieldPanel("printed_on"), FieldPanel("printer")]),
    ]

    class Meta:
        ordering = ["-printed_on", "-pk"]
        verbose_name = _("print run")
        verbose_name_plural = _("print runs")

    def __str__(self):
        return (
            f"{self.piece.title} [{self.language}] × {self.copies} ({self.printed_on})"
        )

    def save(self, *args, **kwargs):
        if self.revision_id is None:
            self.revision_id = self.piece.live_revision_id
        if self.version_id is None or self._printed_changed():
            self.version = version_on(self.piece_id, self.language, self.printed_on)
        super().save(*args, **kwargs)

    def _printed_changed(self) -> bool:
        """Whether the piece, language or day printed changed since it was
        saved: a run corrected for its number of copies keeps its version."""
        saved = (
            PrintRun.objects.filter(pk=self.pk)
            .values_list("piece_id", "language", "printed_on")
            .first()
        )
        return saved != (self.piece_id, self.language, self.printed_on)

    def clean(self):
        super().clean()
        if not self.piece_id:
            return
        check_material_language(self.piece, self.language, "print")
        if self.printed_on and self.printed_on > timezone.localdate():
            raise ValidationError(
                {"printed_on": _("A print run is recorded once it is printed.")}
            )
        if (
            self.printed_on
            and version_on(self.piece_id, self.language, self.printed_on) is None
        ):
            raise ValidationError(
                {
                    "printed_on": _(
                        "No version of this piece in this language was published "
                        "by that day: check the date."
                    )
                }
            )
