from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.api import APIField
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page

from modelcluster.fields import ParentalKey

from content.audio import AudioFileError, read_duration
from content.blocks import RadioScriptBodyBlock
from content.models.index import IndexPage
from content.models.material import MaterialPage, material_panel
from content.panels import RecordingStatusPanel, RunningTimePanel
from locales import registry
from locales.fallback import shown_language
from locales.registry import (
    Language,
    current_language,
    fallback_chain,
    get_language,
    load_languages,
)
from locales.segmentation import reading_units
from locales.source_text import digest, field_text


class RadioScriptIndexPage(IndexPage):
    """The list of radio scripts for commune loudspeakers and local radio."""

    subpage_types = ["content.RadioScriptPage"]

    class Meta:
        verbose_name = _("radio script index")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["scripts"] = (
            RadioScriptPage.objects.child_of(self).live().public().order_by("path")
        )
        return context


@dataclass(frozen=True)
class RunningTime:
    """How long a script takes to read in one language, against its slot:
    estimated from the language's reading rate, and as recorded where a
    recording in that language exists."""

    language: Language
    units: int  # words, or syllables for scripts written without spaces
    seconds: int
    slot_seconds: int
    cue_seconds: float = 0  # music, sound effects and pauses
    recording: "RadioRecording | None" = None

    @property
    def over_slot(self) -> bool:
        return self.seconds > self.slot_seconds

    @property
    def recorded_seconds(self) -> int | None:
        if self.recording is None or self.recording.duration_seconds is None:
            return None
        return round(self.recording.duration_seconds)

    @property
    def recorded_rate(self) -> int | None:
        """The reading rate the recording shows, in the language's unit per
        minute, to calibrate the registry's rate against: the recording's
        length less the cues and pauses the estimate counts."""
        if not self.recorded_seconds or not self.units:
            return None
        reading = self.recording.duration_seconds - self.cue_seconds
        return round(self.units * 60 / reading) if reading > 0 else None


class RadioScriptPage(MaterialPage):
    """A script for commune loudspeakers or local radio: spoken lines, music
    and sound cues and pauses, with a recording per language."""

    material_prefix = "RAD"
    article_template = "content/articles/radio_script.html"
    pdf_template = "content/pdf/broadcaster_sheet.html"
    search_text_fields = ("body", "notes")

    class Format(models.TextChoices):
        ANNOUNCEMENT = "announcement", _("Announcement")
        DIALOGUE = "dialogue", _("Dialogue")
        INTERVIEW = "interview", _("Interview")
        DRAMA = "drama", _("Drama")

    format = models.CharField(
        _("format"), max_length=16, choices=Format.choices, default=Format.ANNOUNCEMENT
    )
    slot_seconds = models.PositiveIntegerField(
        _("slot length (seconds)"),
        default=120,
        help_text=_("How long the broadcast slot is."),
    )
    body = StreamField(RadioScriptBodyBlock(), verbose_name=_("script"))
    notes = models.TextField(
        _("notes to broadcaster"),
        blank=True,
        help_text=_("Read first: pronunciation, tone, when to air."),
    )
    cast = models.CharField(
        _("cast"), max_length=200, blank=True, help_text=_("Who reads which part.")
    )

    api_fields = [
        *MaterialPage.api_fields,
        APIField("format"),
        APIField("slot_seconds"),
        APIField("body"),
    ]

    content_panels = [
        *Page.content_panels,
        FieldPanel("format"),
        FieldPanel("slot_seconds"),
        FieldPanel("notes"),
        FieldPanel("cast"),
        FieldPanel("body"),
        RunningTimePanel(heading=_("Running time by language")),
        InlinePanel("recordings", heading=_("Recordings"), label=_("recording")),
        material_panel(),
    ]

    parent_page_types = ["content.RadioScriptIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("radio script")

    def running_time(self, language: Language) -> RunningTime | None:
        """The estimate for `language`, from its own text and reading rate;
        None where the script is not written in that language."""
        body = getattr(self, f"body_{language.code}", None)
        if not body:
            return None
        units = 0
        seconds = 0.0
        for block in body:
            if block.block_type == "speaker_line":
                units += reading_units(block.value["text"], language)
            else:
                seconds += block.value.get("seconds") or 0
        spoken = units * 60 / language.reading_rate
        return RunningTime(
            language,
            units,
            round(seconds + spoken),
            self.slot_seconds,
            cue_seconds=seconds,
            recording=self.recording_in(language),
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        language = current_language()
        # Estimate the text the visitor is shown, which may be a fallback's.
        shown = shown_language(self, "body", language.code) or language.code
        context["running_time"] = self.running_time(get_language(shown))
        context["recording"] = self.recording_for(language)
        return context

    @cached_property
    def recordings_by_language(self) -> dict[str, "RadioRecording"]:
        return {recording.language: recording for recording in self.recordings.all()}

    def recording_in(self, language: Language):
        """The recording in exactly `language`, if there is one."""
        return self.recordings_by_language.get(language.code)

    def recording_for(self, language: Language):
        """The recording in `language`, else in the first fallback that has one."""
        recordings = self.recordings_by_language
        for code in fallback_chain(language.code):
            if code in recordings:
                return recordings[code]
        return None

    def fallback_description(self) -> str:
        """A script has no summary: its first spoken words describe it."""
        return " ".join(
            block.value["text"]
            for block in self.body
            if block.block_type == "speaker_line"
        )

    def running_times(self) -> list[RunningTime]:
        estimates = (self.running_time(language) for language in load_languages())
        return [estimate for estimate in estimates if estimate is not None]


def language_choices():
    """Recording languages by autonym, as the script's page names them
    (the migrations refer to this function by name)."""
    return registry.language_choices(label="{autonym}")


class RadioRecording(Orderable):
    """A recording of the script read in one language."""

    page = ParentalKey(RadioScriptPage, related_name="recordings")
    language = models.CharField(_("language"), max_length=8, choices=language_choices)
    audio = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("audio file"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    duration_seconds = models.FloatField(
        _("duration (seconds)"), null=True, blank=True, editable=False
    )
    # The script's text in this language when the recording was uploaded.
    script_digest = models.CharField(max_length=64, blank=True, editable=False)

    panels = [FieldPanel("language"), FieldPanel("audio"), RecordingStatusPanel()]

    class Meta(Orderable.Meta):
        verbose_name = _("recording")
        constraints = [
            models.UniqueConstraint(
                fields=["page", "language"], name="one_recording_per_language"
            )
        ]

    def clean(self):
        super().clean()
        if self.audio_id is None:
            return
        try:
            self.duration_seconds = read_duration(self.audio.file)
        except AudioFileError as error:
            raise ValidationError({"audio": str(error)}) from None

    @property
    def duration_label(self) -> str:
        minutes, seconds = divmod(round(self.duration_seconds or 0), 60)
        return f"{minutes}:{seconds:02d}"

    def save(self, *args, **kwargs):
        stored_audio_id = (
            type(self)
            .objects.filter(pk=self.pk)
            .values_list("audio_id", flat=True)
            .first()
        )
        if stored_audio_id != self.audio_id or self.duration_seconds is None:
            self.duration_seconds = read_duration(self.audio.file)
            self.script_digest = self.current_script_digest()
        super().save(*args, **kwargs)

    def current_script_digest(self) -> str:
        return digest(field_text(self.page, "body", self.language))

    @property
    def is_outdated(self) -> bool:
        """The script changed in this language since it was recorded."""
        return self.script_digest != self.current_script_digest()
