"""Field kits: a campaign's material in chosen languages, in one ZIP."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class FieldKit(models.Model):
    """One build of a campaign's field kit: the PDFs of its toolkit, the
    recordings, an FAQ card sheet and an index, for the chosen languages.
    `manifest` lists what went in, with the version of each item, so a newer
    version of anything in it marks the kit superseded."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("Waiting to be built")
        BUILDING = "building", _("Building")
        READY = "ready", _("Ready")
        FAILED = "failed", _("Failed")

    campaign = models.ForeignKey(
        "campaigns.Campaign",
        verbose_name=_("campaign"),
        on_delete=models.CASCADE,
        related_name="field_kits",
    )
    languages = models.JSONField(_("languages"), default=list)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.QUEUED
    )
    progress = models.PositiveSmallIntegerField(_("progress (%)"), default=0)
    manifest = models.JSONField(default=list, editable=False)
    fingerprint = models.CharField(max_length=64, editable=False)
    file = models.FileField(_("ZIP file"), upload_to="field-kits/", blank=True)
    error = models.TextField(blank=True, editable=False)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    requested_at = models.DateTimeField(auto_now_add=True)
    built_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-requested_at"]
        verbose_name = _("field kit")
        verbose_name_plural = _("field kits")

    def __str__(self):
        return f"{self.campaign} [{', '.join(self.languages)}]"
