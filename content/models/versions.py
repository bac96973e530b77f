"""Versions of a piece in each language, numbered as readers count them."""

import zoneinfo

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class PieceVersion(models.Model):
    """One version of a piece as readers of one language see it: v1, v2…

    A publish makes a new version of a language only when what that language's
    readers see changed (its own text, or the text shown in its place where it
    has none), so approving a Tai Dam translation leaves the Vietnamese and
    Ede versions, their PDFs and the field kits holding them as they were.
    Printouts carry the number; a copy can tell whether it is still current.
    """

    piece = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("piece"),
        on_delete=models.CASCADE,
        related_name="versions",
    )
    language = models.CharField(_("language"), max_length=8)
    number = models.PositiveIntegerField(_("version"))
    published_at = models.DateTimeField(_("published at"), default=timezone.now)
    # What the language's readers saw: compared at the next publish.
    digest = models.CharField(_("digest of the text read"), max_length=64)
    change_note = models.CharField(_("what changed"), max_length=300, blank=True)
    revision = models.ForeignKey(
        "wagtailcore.Revision",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ["piece", "language", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["piece", "language", "number"], name="one_number_per_version"
            )
        ]
        verbose_name = _("version")
        verbose_name_plural = _("versions")

    def __str__(self):
        return f"v{self.number} · {self.day.isoformat()}"

    @property
    def day(self):
        """The office's date of the publish, whoever reads it."""
        return timezone.localdate(
            self.published_at, zoneinfo.ZoneInfo(settings.TIME_ZONE)
        )
