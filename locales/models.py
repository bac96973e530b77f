"""Translation records: who translated which field of which piece into which
language, from which source text, and where review stands."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

# Migrations of every app name the field choices `locales.models.language_choices`.
from locales.registry import language_choices


class TranslationRecord(models.Model):
    """One translated unit of one piece in one language: a plain field, or a
    paragraph, heading, list item or other text leaf of a rich or stream
    field (see `locales.units`).

    Whether the translation is missing or outdated is not stored: it follows
    from the unit's text and from comparing `source_digest` with the digest
    of the unit's source as it is now (see `locales.states`).
    """

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        NEEDS_REVIEW = "needs_review", _("Needs review")
        SENT_BACK = "sent_back", _("Sent back")
        APPROVED = "approved", _("Approved")

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    piece = GenericForeignKey("content_type", "object_id")
    field = models.CharField(_("field"), max_length=64)
    unit = models.CharField(
        _("unit"),
        max_length=255,
        blank=True,
        help_text=_("Where the unit sits in the field; empty for a plain field."),
    )
    language = models.CharField(_("language"), max_length=8)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.DRAFT
    )
    text = models.TextField(
        _("translation"),
        blank=True,
        help_text=_(
            "The translation as the translator left it. It reaches the piece, "
            "and the public, when a reviewer approves it."
        ),
    )
    source_text = models.TextField(
        _("source text"), help_text=_("The source the translation was made from.")
    )
    source_digest = models.CharField(_("source digest"), max_length=64)
    translated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("translated by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    translated_at = models.DateTimeField(_("translated at"), null=True, blank=True)
    revised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("revised by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("A reviewer who corrected the translator's text."),
    )
    revised_at = models.DateTimeField(_("revised at"), null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reviewed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)
    review_comment = models.TextField(_("review comment"), blank=True)

    class Meta:
        verbose_name = _("translation record")
        verbose_name_plural = _("translation records")
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id", "field", "unit", "language"],
                name="one_record_per_translated_unit",
            )
        ]
        indexes = [models.Index(fields=["content_type", "object_id"])]
        permissions = [
            ("review_translation", _("Can approve translations or send them back")),
        ]

    def __str__(self):
        where = f"{self.field}:{self.unit}" if self.unit else self.field
        return f"{self.content_type_id}:{self.object_id} {where} [{self.language}]"


class LanguageGrant(models.Model):
    """A translator's right to write in one language. A user with any grant
    is a translator: they may change only the text of their languages, never
    the source and nothing else on a piece."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("translator"),
        on_delete=models.CASCADE,
        related_name="language_grants",
    )
    language = models.CharField(_("language"), max_length=8, choices=language_choices)

    class Meta:
        verbose_name = _("language grant")
        verbose_name_plural = _("language grants")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "language"], name="one_grant_per_language"
            )
        ]
        permissions = [
            ("translate_any_language", _("Can change text in every language")),
        ]

    def __str__(self):
        return f"{self.user} → {self.language}"


class GlossaryTerm(models.Model):
    """An approved translation of a source term in one language (the termbase):
    translators see it as a hint and QA checks that it is used."""

    language = models.CharField(_("language"), max_length=8, choices=language_choices)
    source_term = models.CharField(
        _("source term"), max_length=120, help_text=_("As written in Vietnamese.")
    )
    translation = models.CharField(_("approved translation"), max_length=160)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        ordering = ["language", "source_term"]
        verbose_name = _("glossary term")
        verbose_name_plural = _("glossary")
        constraints = [
            models.UniqueConstraint(
                fields=["language", "source_term"], name="one_term_per_language"
            )
        ]

    def __str__(self):
        return f"{self.source_term} → {self.translation} [{self.language}]"


class ImportJob(models.Model):
    """A translated file brought back to Loa, worked through in the
    background: first its preview (what would change), then, when its
    uploader confirms, the import itself. Holds the uploaded file until it is
    imported. A job at work beats a heartbeat with its progress; one whose
    heartbeat stops is shown as failed, and can be tried again."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("Waiting for a worker")
        RUNNING = "running", _("In progress")
        PLANNED = "planned", _("Preview ready")
        IMPORTED = "imported", _("Imported")
        FAILED = "failed", pgettext_lazy("translation import", "Failed")

    class Step(models.TextChoices):
        PREVIEW = "preview", _("Preview")
        IMPORT = "import", _("Import")

    class Failure(models.TextChoices):
        WORKER_ENDED = "worker_ended", _("The worker ended")
        ERROR = "error", _("An error stopped the job")
        REFUSED = "refused", _("The file could not be imported")

    IN_FLIGHT = (Status.QUEUED, Status.RUNNING)

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    language = models.CharField(_("language"), max_length=8)
    file_name = models.CharField(_("file name"), max_length=255)
    data = models.BinaryField(_("uploaded file"))
    # The language the uploader reads Loa in: the worker writes the preview's
    # messages in it.
    interface_language = models.CharField(max_length=16, editable=False)
    step = models.CharField(
        _("step"), max_length=8, choices=Step.choices, default=Step.PREVIEW
    )
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.QUEUED
    )
    progress = models.PositiveSmallIntegerField(_("progress (%)"), default=0)
    preview = models.JSONField(null=True, blank=True, editable=False)
    take = models.JSONField(default=list, editable=False)
    result = models.JSONField(null=True, blank=True, editable=False)
    failure = models.CharField(
        _("failure"), max_length=16, choices=Failure.choices, blank=True
    )
    error = models.TextField(blank=True, editable=False)
    task_id = models.CharField(max_length=64, blank=True, editable=False)
    heartbeat_at = models.DateTimeField(
        _("last sign of life"), null=True, blank=True, editable=False
    )
    requested_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-requested_at"]
        verbose_name = _("translation import")
        verbose_name_plural = _("translation imports")

    def __str__(self):
        return f"{self.file_name} [{self.language}]"

    @property
    def in_flight(self) -> bool:
        return self.status in self.IN_FLIGHT

    @property
    def failure_reason(self) -> str:
        """Why the job failed, for the person who uploaded the file."""
        if self.failure == self.Failure.WORKER_ENDED:
            return gettext(
                "The import stopped: the worker ended before it finished. Try again."
            )
        if self.failure == self.Failure.REFUSED:
            return gettext("Nothing was imported: %(errors)s") % {"errors": self.error}
        return gettext("The import failed: %(error)s. Try again.") % {
            "error": self.error or gettext("an unexpected error")
        }
