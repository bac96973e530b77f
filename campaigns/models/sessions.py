"""Outreach sessions and what they used and achieved."""

import datetime

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    PageChooserPanel,
)
from wagtail.models import Orderable, PageLogEntry

from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel

from campaigns.models.counting import SessionQuerySet, SessionRowQuerySet
from campaigns.photo_fields import PrivatePhotoField
from campaigns.photo_storage import session_photo_storage
from campaigns.photo_widgets import SessionPhotoInput
from campaigns.photos import THUMBNAIL_EDGE, photo_path
from campaigns.plausibility import (
    ATTENDANCE_MAXIMUM,
    check_attendance,
    check_figure,
    check_session_indicator,
    session_indicators,
)
from campaigns.session_dates import validate_session_date
from content.availability import check_material_language
from content.models import MATERIAL_MODELS
from locales.registry import language_choices


class Partner(models.Model):
    """An organisation that holds sessions with the office: the post office,
    the women's union, the farmers' union, a village's elders…"""

    name = models.CharField(_("name"), max_length=160, unique=True)

    panels = [FieldPanel("name")]

    class Meta:
        ordering = ["name"]
        verbose_name = _("partner")
        verbose_name_plural = _("partners")

    def __str__(self):
        return self.name


class OutreachSession(ClusterableModel):
    """One outreach session: a village meeting, a market visit, a dialogue,
    a loudspeaker broadcast or a social post, with who came, in which
    languages, what material was used and what came of it."""

    class Kind(models.TextChoices):
        VILLAGE_MEETING = "village_meeting", _("Village meeting")
        DIALOGUE = "dialogue", _("Dialogue")
        MARKET_VISIT = "market_visit", _("Market visit")
        DOOR_TO_DOOR = "door_to_door", _("Door to door")
        SCHOOL = "school", _("School session")
        EMPLOYER = "employer", _("Employer meeting")
        LOUDSPEAKER = "loudspeaker", _("Loudspeaker broadcast")
        RADIO_TV = "radio_tv", _("Radio or TV")
        SOCIAL_POST = "social_post", _("Social media post")

    campaign = models.ForeignKey(
        "campaigns.Campaign",
        verbose_name=_("campaign"),
        on_delete=models.PROTECT,
        related_name="sessions",
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    starts_at = models.DateTimeField(
        _("date and time"), validators=[validate_session_date]
    )
    area = models.ForeignKey(
        "campaigns.Area",
        verbose_name=_("area"),
        on_delete=models.PROTECT,
        related_name="sessions",
    )
    venue = models.CharField(
        _("venue"), max_length=200, blank=True, help_text=_("e.g. the cultural house")
    )
    audiences = ParentalManyToManyField(
        "content.Audience", verbose_name=_("audiences"), blank=True
    )
    attendance = models.PositiveIntegerField(
        _("attendance"),
        null=True,
        blank=True,
        validators=[MaxValueValidator(ATTENDANCE_MAXIMUM)],
        help_text=_("People reached."),
    )
    attendance_confirmed = models.BooleanField(
        _("The attendance is right"),
        default=False,
        help_text=_("Tick to confirm an unusually large attendance."),
    )
    partners = ParentalManyToManyField(Partner, verbose_name=_("partners"), blank=True)
    staff = ParentalManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("staff"),
        blank=True,
        related_name="outreach_sessions",
    )
    notes = models.TextField(_("notes"), blank=True)
    logged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("logged by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    logged_at = models.DateTimeField(_("logged at"), auto_now_add=True)
    # Set by the form that logged the session, once per form filled in: a form
    # sent twice (a double tap, or the phone resending what it kept offline)
    # finds the session it already made instead of making another.
    submission_id = models.UUIDField(null=True, blank=True, unique=True, editable=False)
    # A session logged by mistake is withdrawn, not deleted: it stays on
    # record with who withdrew it and why, and leaves every figure.
    withdrawn_at = models.DateTimeField(
        _("withdrawn at"), null=True, blank=True, editable=False
    )
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("withdrawn by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    withdrawal_reason = models.TextField(
        _("reason for withdrawal"), blank=True, editable=False
    )

    objects = SessionQuerySet.as_manager()

    panels = [
        FieldPanel("campaign"),
        FieldRowPanel([FieldPanel("kind"), FieldPanel("starts_at")]),
        FieldRowPanel([FieldPanel("area"), FieldPanel("venue")]),
        FieldRowPanel([FieldPanel("attendance"), FieldPanel("attendance_confirmed")]),
        InlinePanel("spoken_languages", heading=_("Languages spoken")),
        FieldPanel("audiences", widget=forms.CheckboxSelectMultiple),
        FieldPanel("partners", widget=forms.CheckboxSelectMultiple),
        FieldPanel("staff"),
        InlinePanel("outcomes", heading=_("Outcomes")),
        InlinePanel("material_uses", heading=_("Material used")),
        InlinePanel("questions", heading=_("Questions asked")),
        FieldPanel("notes"),
        InlinePanel("photos", heading=_("Photos")),
    ]

    class Meta:
        ordering = ["-starts_at"]
        verbose_name = _("outreach session")
        verbose_name_plural = _("outreach sessions")
        indexes = [models.Index(fields=["campaign", "starts_at"])]
        permissions = [
            (
                "correct_own_outreachsession",
                "Can correct and withdraw the sessions they logged or held",
            )
        ]

    def __str__(self):
        return f"{self.get_kind_display()}, {self.area} ({self.local_day:%d/%m/%Y})"

    @property
    def local_day(self):
        """The day the session was held, in the office's time zone."""
        return timezone.localdate(self.starts_at) if self.starts_at else None

    @property
    def time_given(self) -> bool:
        """Whether the officer gave a time: a session logged with its day
        only starts at midnight, office time, when no session is held."""
        return bool(self.starts_at) and timezone.localtime(self.starts_at).time() != (
            datetime.time(0)
        )

    @property
    def withdrawn(self) -> bool:
        return self.withdrawn_at is not None

    def clean(self):
        super().clean()
        check_attendance(self.attendance, self.attendance_confirmed)

    @property
    def outside_campaign_period(self) -> bool:
        return bool(
            self.starts_at
            and self.campaign_id
            and not self.campaign.covers(self.local_day)
        )


class SessionLanguage(models.Model):
    """A language spoken at a session."""

    session = ParentalKey(OutreachSession, related_name="spoken_languages")
    language = models.CharField(_("language"), max_length=8, choices=language_choices)

    objects = SessionRowQuerySet.as_manager()

    class Meta:
        verbose_name = _("language spoken")
        constraints = [
            models.UniqueConstraint(
                fields=["session", "language"], name="one_row_per_session_language"
            )
        ]

    panels = [FieldPanel("language")]

    def __str__(self):
        return self.language


class SessionRow(Orderable):
    """A row that belongs to a session, in the order it was entered. Rows
    saved outside the admin's ordered formsets (the officer's form, the phone,
    corrections) go after the session's others: an unnumbered row sorts first
    on SQLite and last on PostgreSQL."""

    class Meta(Orderable.Meta):
        abstract = True

    def save(self, *args, **kwargs):
        if self.sort_order is None and self.session_id:
            last = (
                type(self)
                ._base_manager.filter(session_id=self.session_id)
                .aggregate(last=models.Max("sort_order"))["last"]
            )
            self.sort_order = 0 if last is None else last + 1
        super().save(*args, **kwargs)


class SessionOutcome(SessionRow):
    """What came of a session on one indicator: 84 new health-insurance
    enrolments, 12 voluntary social-insurance sign-ups."""

    session = ParentalKey(OutreachSession, related_name="outcomes")
    indicator = models.ForeignKey(
        "campaigns.Indicator",
        verbose_name=_("indicator"),
        on_delete=models.PROTECT,
        limit_choices_to=session_indicators,
    )
    value = models.DecimalField(
        _("value"),
        max_digits=18,
        decimal_places=2,
        validators=[MinValueValidator(0)],
    )

    objects = SessionRowQuerySet.as_manager()

    panels = [FieldPanel("indicator"), FieldPanel("value")]

    class Meta(SessionRow.Meta):
        verbose_name = _("outcome")

    def __str__(self):
        return f"{self.indicator}: {self.value.normalize():f}"

    def clean(self):
        super().clean()
        if self.indicator_id:
            check_session_indicator(self.indicator)
            check_figure(self.indicator, self.value)


class SessionQuestion(SessionRow):
    """A question people asked; it can become a draft FAQ answer."""

    session = ParentalKey(OutreachSession, related_name="questions")
    text = models.TextField(_("question"))
    faq_answer = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("FAQ answer"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    panels = [FieldPanel("text")]

    class Meta(SessionRow.Meta):
        verbose_name = _("question asked")


class SessionPhoto(SessionRow):
    """A photo of the session, for the office's records. Never public: kept
    in the private storage without its metadata (campaigns.photos) and shown
    only to those who may read sessions (campaigns.views.photos)."""

    session = ParentalKey(OutreachSession, related_name="photos")
    file = PrivatePhotoField(
        _("photo"),
        upload_to=photo_path,
        storage=session_photo_storage,
        width_field="width",
        height_field="height",
        max_length=255,
    )
    width = models.PositiveIntegerField(default=0, editable=False)
    height = models.PositiveIntegerField(default=0, editable=False)
    caption = models.CharField(_("caption"), max_length=255, blank=True)

    panels = [
        FieldPanel("file", widget=SessionPhotoInput),
        FieldPanel("caption"),
    ]

    class Meta(SessionRow.Meta):
        verbose_name = _("photo")

    @property
    def url(self) -> str:
        return reverse("officer:session-photo", args=[self.pk])

    @property
    def thumbnail_url(self) -> str:
        return f"{self.url}?size=thumb"

    @property
    def thumbnail_size(self) -> tuple[int, int]:
        """The thumbnail's width and height, for the page's layout."""
        scale = min(1, THUMBNAIL_EDGE / max(self.width, self.height, 1))
        return round(self.width * scale), round(self.height * scale)


class MaterialUse(SessionRow):
    """A piece of material used at a session: in which language, which version
    (the revision that was live then), in what form and how many times or
    copies. Broadcasting a radio script eight times is one entry of 8."""

    class Format(models.TextChoices):
        PRINT = "print", _("Printed copies")
        AUDIO = "audio", _("Audio played")
        BROADCAST = "broadcast", _("Broadcast")
        SCREEN = "screen", _("Shown on a screen")
        POST = "post", _("Posted online")

    # How a session of each kind most often uses its material, offered first
    # on the officer's form: a loudspeaker broadcasts, a post is posted.
    USUAL_FORMAT = {
        OutreachSession.Kind.LOUDSPEAKER: Format.BROADCAST,
        OutreachSession.Kind.RADIO_TV: Format.BROADCAST,
        OutreachSession.Kind.SOCIAL_POST: Format.POST,
    }

    session = ParentalKey(OutreachSession, related_name="material_uses")
    piece = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("piece"),
        on_delete=models.PROTECT,
        related_name="material_uses",
    )
    language = models.CharField(_("language"), max_length=8, choices=language_choices)
    revision = models.ForeignKey(
        "wagtailcore.Revision",
        verbose_name=_("version"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    format = models.CharField(_("format"), max_length=16, choices=Format.choices)
    quantity = models.PositiveIntegerField(
        _("quantity"),
        default=1,
        validators=[MinValueValidator(1)],
        help_text=_("Copies handed out, or times broadcast or played."),
    )
    print_run = models.ForeignKey(
        "content.PrintRun",
        verbose_name=_("from print run"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="material_uses",
    )

    objects = SessionRowQuerySet.as_manager()

    panels = [
        PageChooserPanel("piece", page_type=[m._meta.label for m in MATERIAL_MODELS]),
        FieldPanel("language"),
        FieldPanel("format"),
        FieldPanel("quantity"),
        FieldPanel("print_run"),
    ]

    class Meta(SessionRow.Meta):
        verbose_name = _("material used")
        verbose_name_plural = _("material used")
        indexes = [models.Index(fields=["piece", "language"])]

    def __str__(self):
        code = getattr(self.piece.specific, "material_code", "") or self.piece.title
        return f"{code} [{self.language}] × {self.quantity}"

    def clean(self):
        super().clean()
        if self.print_run_id and (
            self.print_run.piece_id != self.piece_id
            or self.print_run.language != self.language
        ):
            raise ValidationError(
                {"print_run": _("That print run is of another piece or language.")}
            )
        if self.piece_id and not isinstance(
            self.piece.specific, tuple(MATERIAL_MODELS)
        ):
            raise ValidationError(
                {"piece": _("Choose an explainer, radio script or FAQ answer.")}
            )
        if self.piece_id:
            check_material_language(self.piece, self.language, self.format)

    def save(self, *args, **kwargs):
        if self.revision_id is None and self.session.starts_at:
            self.revision = revision_live_at(self.piece_id, self.session.starts_at)
        super().save(*args, **kwargs)


def revision_live_at(page_id: int, moment):
    """The revision of a page that was live at `moment`, or None if the page
    was not published yet."""
    entry = (
        PageLogEntry.objects.filter(
            page_id=page_id,
            action="wagtail.publish",
            timestamp__lte=moment,
            revision__isnull=False,
        )
        .select_related("revision")
        .order_by("-timestamp", "-pk")
        .first()
    )
    return entry.revision if entry else None
