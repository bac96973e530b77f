"""Snippets that material refers to: topics, audiences and legal provisions."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.search import index

from locales.fields import LanguagesField


class Topic(index.Indexed, models.Model):
    """A subject readers look for (voluntary social insurance, household health
    insurance…). Every piece of material belongs to one or more topics."""

    name = models.CharField(_("name"), max_length=120)
    slug = models.SlugField(_("slug"), unique=True, max_length=80)
    description = models.TextField(_("description"), blank=True)

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("description")]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        ordering = ["slug"]
        verbose_name = _("topic")
        verbose_name_plural = _("topics")

    def __str__(self):
        return self.name


class Audience(models.Model):
    """A group material is written for (ethnic-minority households, traders,
    employers, students and parents…)."""

    name = models.CharField(_("name"), max_length=120)
    slug = models.SlugField(_("slug"), unique=True, max_length=80)
    languages = LanguagesField(
        _("languages spoken"),
        help_text=_("The languages to reach this group in."),
    )

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("languages")]

    class Meta:
        ordering = ["slug"]
        verbose_name = _("audience")
        verbose_name_plural = _("audiences")

    def __str__(self):
        return self.name


class LegalProvision(models.Model):
    """A law, decree or circular, or one article of it, that material cites as
    its legal basis. Marking it amended or superseded flags every piece citing
    it for review."""

    class Kind(models.TextChoices):
        LAW = "law", _("Law")
        DECREE = "decree", _("Decree")
        CIRCULAR = "circular", _("Circular")
        DECISION = "decision", _("Decision")
        RESOLUTION = "resolution", _("Resolution")

    class Status(models.TextChoices):
        IN_FORCE = "in_force", _("In force")
        AMENDED = "amended", _("Amended")
        SUPERSEDED = "superseded", _("Superseded")

    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    number = models.CharField(
        _("number"), max_length=40, help_text=_("As printed, e.g. 41/2024/QH15.")
    )
    title = models.CharField(_("title"), max_length=200)
    article = models.CharField(
        _("article"), max_length=60, blank=True, help_text=_("E.g. Article 100.")
    )
    effective_date = models.DateField(_("in force from"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.IN_FORCE
    )
    replaced_by = models.ForeignKey(
        "self",
        verbose_name=_("amended or superseded by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="replaces",
    )
    status_changed_at = models.DateTimeField(
        _("status changed at"), null=True, blank=True, editable=False
    )

    panels = [
        FieldPanel("kind"),
        FieldPanel("number"),
        FieldPanel("title"),
        FieldPanel("article"),
        FieldPanel("effective_date"),
        FieldPanel("status"),
        FieldPanel("replaced_by"),
    ]

    class Meta:
        ordering = ["number", "article"]
        verbose_name = _("legal provision")
        verbose_name_plural = _("legal provisions")
        constraints = [
            models.UniqueConstraint(
                fields=["number", "article"], name="unique_provision_article"
            )
        ]

    def __str__(self):
        citation = f"{self.get_kind_display()} {self.number}"
        return f"{citation}, {self.article}" if self.article else citation

    def save(self, *args, **kwargs):
        previous = (
            type(self)
            .objects.filter(pk=self.pk)
            .values_list("status", flat=True)
            .first()
            if self.pk
            else self.Status.IN_FORCE
        )
        if previous != self.status:
            self.status_changed_at = timezone.now()
        super().save(*args, **kwargs)
