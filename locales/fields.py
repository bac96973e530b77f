"""A model field holding a list of registered language codes."""

from functools import partial

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from locales.registry import language_choices


class LanguagesField(models.JSONField):
    """Language codes from the registry, edited as a set of checkboxes."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("default", list)
        kwargs.setdefault("blank", True)
        super().__init__(*args, **kwargs)

    def validate(self, value, model_instance):
        super().validate(value, model_instance)
        known = {code for code, _label in language_choices()}
        unknown = [code for code in value or [] if code not in known]
        if unknown:
            raise ValidationError(
                _("Unknown language codes: %(codes)s.")
                % {"codes": ", ".join(map(str, unknown))}
            )

    def formfield(self, **kwargs):
        return forms.TypedMultipleChoiceField(
            choices=partial(language_choices, label="{autonym} ({english_name})"),
            required=not self.blank,
            label=self.verbose_name,
            help_text=self.help_text,
            widget=forms.CheckboxSelectMultiple,
        )
