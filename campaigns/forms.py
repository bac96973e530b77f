"""The officer's forms. The session form asks for the few fields that matter
first, the rest optional, so it can be filled in on a phone at the end of a
meeting; the field-kit form asks for a campaign and its languages."""

import datetime
import uuid
from functools import partial

from django import forms
from django.db.models.fields import BLANK_CHOICE_DASH
from django.forms import inlineformset_factory
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wagtail.models import Page

from campaigns.area_scope import scope_of
from campaigns.area_search import recent_areas, within
from campaigns.models import (
    Area,
    Campaign,
    MaterialUse,
    OutreachSession,
    SessionLanguage,
    SessionOutcome,
    SessionPhoto,
    SessionQuestion,
    ToolkitItem,
)
from campaigns.session_dates import validate_session_date
from content.image_forms import DecodedImageField
from content.models import MATERIAL_MODELS
from locales.registry import language_choices


class AreaChooser(forms.Select):
    """A short list of areas (the officer's recent ones and the one chosen)
    and, once the script runs, a box to find any other by name: a list of
    every area in the country is hundreds of kilobytes on a phone."""

    template_name = "campaigns/widgets/area_chooser.html"

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["search_url"] = reverse("officer:areas")
        return context


class AreaChoiceField(forms.ModelChoiceField):
    """Any area is accepted; the chooser shows only a few (`offer`)."""

    widget = AreaChooser

    def offer(self, areas: list[Area]) -> None:
        places = within(areas)
        self.widget.choices = [("", self.empty_label)] + [
            (
                area.pk,
                f"{area.label} – {places[area.pk]}" if places[area.pk] else area.label,
            )
            for area in areas
        ]


class MaterialCodeField(forms.CharField):
    """A piece of material named by the code printed on its copies
    ("EXP-0007"), typed or picked from the suggestions (the toolkits of the
    campaigns under way). A number is read as the piece's id, as a form kept
    on a phone from before may still send."""

    widget = forms.TextInput(
        attrs={
            "list": "toolkit-material",
            "autocomplete": "off",
            "autocapitalize": "characters",
            "spellcheck": "false",
        }
    )
    default_error_messages = {
        "unknown": _(
            "No published material has the code “%(code)s”: check the code "
            "printed on the copy."
        )
    }

    def to_python(self, value):
        code = super().to_python(value).strip().upper()
        if not code:
            return None
        piece = piece_with_code(code)
        if piece is None:
            raise forms.ValidationError(
                self.error_messages["unknown"], code="unknown", params={"code": code}
            )
        return piece

    def prepare_value(self, value):
        return getattr(value, "material_code", value)


def piece_with_code(code: str) -> Page | None:
    """The live piece of material with this code (or, for a number, id)."""
    if code.isdigit():
        return (
            Page.objects.type(*MATERIAL_MODELS)
            .live()
            .filter(pk=code)
            .specific()
            .first()
        )
    for model in MATERIAL_MODELS:
        if code.startswith(f"{model.material_prefix}-"):
            return model.objects.live().filter(material_code=code).first()
    return None


def toolkit_material() -> list[Page]:
    """The pieces in the toolkits of campaigns planned or running: what an
    officer most likely handed out, suggested as codes are typed."""
    pieces = ToolkitItem.objects.filter(
        campaign__status__in=[Campaign.Status.PLANNED, Campaign.Status.RUNNING]
    ).values("piece")
    return list(Page.objects.live().filter(pk__in=pieces).specific().order_by("title"))


class QuickSessionForm(forms.ModelForm):
    """A session in a minute: campaign, kind, day, place, people, languages."""

    day = forms.DateField(
        label=_("Date"),
        widget=forms.DateInput(attrs={"type": "date"}),
        validators=[validate_session_date],
    )
    time = forms.TimeField(
        label=_("Time"),
        required=False,
        widget=forms.TimeInput(attrs={"type": "time"}),
    )
    languages = forms.MultipleChoiceField(
        label=_("Languages spoken"),
        choices=partial(language_choices, label="{autonym} ({english_name})"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    questions = forms.CharField(
        label=_("Questions people asked"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("One question per line."),
    )
    photo = DecodedImageField(label=_("Photo"), required=False)
    submission_id = forms.CharField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = OutreachSession
        fields = [
            "campaign",
            "kind",
            "area",
            "attendance",
            "attendance_confirmed",
            "venue",
            "audiences",
            "partners",
            "notes",
        ]
        field_classes = {"area": AreaChoiceField}
        widgets = {
            "attendance": forms.NumberInput(attrs={"inputmode": "numeric", "min": 0}),
            "audiences": forms.CheckboxSelectMultiple,
            "partners": forms.CheckboxSelectMultiple,
            "notes": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, officer=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["campaign"].queryset = Campaign.objects.exclude(
            status=Campaign.Status.CLOSED
        )
        self.fields["area"].queryset = Area.objects.all()
        if officer is not None:
            scope_of(officer).limit_choices(self)
        self.fields["area"].offer(self.areas_offered(officer))
        # Said in place of "select a valid choice": a session kept on the
        # phone may come back after the campaign closed or the officer's
        # areas changed, and the officer must know which.
        self.fields["campaign"].error_messages["invalid_choice"] = _(
            "This campaign is closed or outside your areas: choose another."
        )
        self.fields["area"].error_messages["invalid_choice"] = _(
            "This place is outside your areas: choose one of yours."
        )

    def areas_offered(self, officer) -> list[Area]:
        """The officer's recent areas, and the area the form holds (the
        session's, or the one sent back with errors) if it is not among
        them: chosen offline, the form offers only what is in the page."""
        areas = recent_areas(officer) if officer is not None else []
        try:
            current = int(self["area"].value() or 0)
        except (TypeError, ValueError):
            current = 0
        if current and current not in {area.pk for area in areas}:
            areas = [*self.fields["area"].queryset.filter(pk=current), *areas]
        return areas

    def clean(self):
        cleaned = super().clean()
        day = cleaned.get("day")
        if day:
            moment = datetime.datetime.combine(
                day, cleaned.get("time") or datetime.time(0)
            )
            self.instance.starts_at = timezone.make_aware(moment)
        return cleaned

    def clean_submission_id(self) -> uuid.UUID | None:
        """The form's id, or None if it has none: a mangled id costs the
        protection against duplicates, never the session."""
        try:
            return uuid.UUID(self.cleaned_data["submission_id"])
        except ValueError:
            return None

    def save_for(self, user) -> OutreachSession:
        """Save the session with its languages, questions and photo; the
        caller wraps this and the formsets in one transaction."""
        session = self.save(commit=False)
        session.logged_by = user
        session.submission_id = self.cleaned_data["submission_id"]
        # Parental many-to-many relations are kept until the session is saved.
        session.audiences.set(self.cleaned_data["audiences"])
        session.partners.set(self.cleaned_data["partners"])
        session.staff.set([user])
        session.save()
        SessionLanguage.objects.bulk_create(
            SessionLanguage(session=session, language=code)
            for code in self.cleaned_data["languages"]
        )
        for line in self.cleaned_data["questions"].splitlines():
            if line.strip():
                SessionQuestion.objects.create(session=session, text=line.strip())
        photo = self.cleaned_data.get("photo")
        if photo:
            # Kept private and stripped of its metadata (campaigns.photo_fields).
            SessionPhoto.objects.create(session=session, file=photo)
        return session


class OptionalRowForm(forms.ModelForm):
    """A row of a formset that counts as filled in only when one of its
    `key_fields` is: a quantity left at its default is not an entry."""

    key_fields: tuple[str, ...] = ()

    def has_changed(self):
        return any(self.data.get(self.add_prefix(name)) for name in self.key_fields)


class OutcomeForm(OptionalRowForm):
    key_fields = ("indicator", "value")

    class Meta:
        model = SessionOutcome
        fields = ["indicator", "value"]


OutcomeFormSet = inlineformset_factory(
    OutreachSession, SessionOutcome, form=OutcomeForm, extra=1, can_delete=False
)


class MaterialUseForm(OptionalRowForm):
    key_fields = ("piece",)
    piece = MaterialCodeField(
        label=_("Material code"),
        help_text=_("As printed on the copy, e.g. EXP-0007."),
    )

    class Meta:
        model = MaterialUse
        fields = ["piece", "language", "format", "quantity"]
        widgets = {
            "quantity": forms.NumberInput(attrs={"inputmode": "numeric", "min": 1})
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Named as in the session's own languages, not in English only.
        self.fields["language"].choices = [
            *BLANK_CHOICE_DASH,
            *language_choices(label="{autonym} ({english_name})"),
        ]


MaterialUseFormSet = inlineformset_factory(
    OutreachSession,
    MaterialUse,
    form=MaterialUseForm,
    extra=1,
    can_delete=False,
)


class FieldKitForm(forms.Form):
    """A campaign's kit in the languages of the coming sessions."""

    campaign = forms.ModelChoiceField(
        label=_("Campaign"), queryset=Campaign.objects.all()
    )
    languages = forms.MultipleChoiceField(
        label=_("Languages"),
        choices=partial(language_choices, label="{autonym} ({english_name})"),
        widget=forms.CheckboxSelectMultiple,
    )
