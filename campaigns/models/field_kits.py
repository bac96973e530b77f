"""Field kits: a campaign's material in chosen languages, in one ZIP."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _


class FieldKit(models.Model):
    """One build of a campaign's field kit: the PDFs of its toolkit, the
    recordings, an FAQ card sheet and an index, for the chosen languages.
    `manifest` lists what went in, with the version of each item, so a newer
    version of anything in it marks the kit superseded. A build in progress
    beats a heartbeat with its progress; one whose heartbeat stops is shown
    as failed, and can be built again."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("Waiting to be built")
        BUILDING = "building", _("Building")
        READY = "ready", _("Ready")
        FAILED = "failed", _("Failed")

    class Failure(models.TextChoices):
        WORKER_ENDED = "worker_ended", _("The worker ended")
        ERROR = "error", _("An error stopped the build")

    IN_FLIGHT = (Status.QUEUED, Status.BUILDING)

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
    failure = models.CharField(
        _("failure"), max_length=16, choices=Failure.choices, blank=True
    )
    error = models.TextField(blank=True, editable=False)
    task_id = models.CharField(max_length=64, blank=True, editable=False)
    heartbeat_at = models.DateTimeField(
        _("last sign of life"), null=True, blank=True, editable=False
    )
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

    @property
    def in_flight(self) -> bool:
        return self.status in self.IN_FLIGHT

    @property
    def failure_reason(self) -> str:
        """Why the build failed, for the person who asked for the kit."""
        if self.failure == self.Failure.WORKER_ENDED:
            return gettext(
                "The build stopped: the worker ended before it finished. "
                "Build it again."
            )
        return gettext("The build failed: %(error)s. Build it again.") % {
            "error": self.error or gettext("an unexpected error")
        }
