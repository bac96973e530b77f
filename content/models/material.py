"""What every piece of material has: a material code, topics, legal basis,
and a version number in each language (content.versions)."""

from django import forms
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.http import HttpResponse
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.models import Page, PageViewRestriction, ReferenceIndex
from wagtail.search import index

from modelcluster.fields import ParentalManyToManyField
from rest_framework.serializers import StringRelatedField

from content.api_fields import VersionField
from content.models.description import DescribedPage
from content.models.material_code import (
    issue_next_code,
    parse_code,
    record_code,
    was_issued,
)
from content.panels import PrintRunsPanel, WhereUsedPanel
from content.pdf import pdf_bytes
from content.printouts import printed_version
from content.published import for_this_generation
from content.versions import current_version
from locales.permissions import restrict_form_to_languages
from locales.registry import load_languages


def in_every_language(*names: str, autocomplete: bool = False) -> list:
    """The admin's search fields for translated fields, in each language:
    an editor finds a piece by its English or Ede title as well. The page
    chooser matches as one types: `autocomplete` fields."""
    kinds = [index.SearchField, index.AutocompleteField][: 2 if autocomplete else 1]
    return [
        kind(f"{name}_{language.code}")
        for name in names
        for language in load_languages()
        for kind in kinds
    ]


def material_panel(*fields: str) -> MultiFieldPanel:
    """The "Material" group of a piece's edit screen: its code, topics and
    legal basis, with `fields` particular to the kind of piece, the public
    note on what changed, where the piece is used and its print runs."""
    names = ["material_code", "topics", *fields, "legal_basis", "change_note"]
    return MultiFieldPanel(
        [
            *[FieldPanel(name) for name in names],
            WhereUsedPanel(heading=_("Where used")),
            PrintRunsPanel(heading=_("Printed")),
        ],
        heading=_("Material"),
    )


class MaterialPageForm(WagtailAdminPageForm):
    """Lets editors give a new piece an existing printed code; after that the
    code is shown but can no longer be changed. Translators may change only
    their own languages' text. A save based on an older revision than the
    latest is refused when someone else saved since, so two editors never
    silently overwrite each other; the editor's own saves since (Wagtail's
    autosave among them) do not count."""

    base_revision = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["base_revision"].initial = self.instance.latest_revision_id
        if self.for_user is not None:
            restrict_form_to_languages(self, self.for_user)
        field = self.fields.get("material_code")
        if field is not None and self.instance.pk:
            field.disabled = True
            field.help_text = _("Assigned when the piece was created; never changes.")

    def clean(self):
        cleaned_data = super().clean()
        if self.instance.pk and "base_revision" in self.data:
            latest = (
                Page.objects.filter(pk=self.instance.pk)
                .values_list("latest_revision_id", flat=True)
                .first()
            )
            base = cleaned_data.get("base_revision")
            if base != latest and self._saved_by_others_since(base):
                raise ValidationError(
                    _(
                        "Someone saved this piece after you opened it, so your "
                        "changes were not saved. Copy them, reload the page to see "
                        "the other changes, and make yours again."
                    ),
                    code="stale",
                )
        return cleaned_data

    def _saved_by_others_since(self, base_revision) -> bool:
        newer = self.instance.revisions.filter(pk__gt=base_revision or 0)
        if self.for_user is not None:
            newer = newer.exclude(user=self.for_user)
        return newer.exists()


class MaterialPage(DescribedPage, RoutablePageMixin, Page):
    """Base of every piece of material (explainers, radio scripts, FAQ answers)."""

    material_prefix = ""
    # The piece's text, shared by its web page and its PDF.
    article_template = ""
    pdf_template = "content/pdf/piece.html"
    # Translated fields whose text search matches, besides the title.
    search_text_fields: tuple[str, ...] = ()
    # The field naming a piece on paper, shown beside it in translation lists.
    reference_code_field = "material_code"

    material_code = models.CharField(
        _("material code"),
        max_length=16,
        unique=True,
        blank=True,
        help_text=_(
            "Printed on paper copies. Leave empty to get the next free code; "
            "it never changes afterwards."
        ),
        error_messages={"unique": _("Another piece already has this material code.")},
    )
    topics = ParentalManyToManyField(
        "content.Topic", blank=True, verbose_name=_("topics")
    )
    legal_basis = ParentalManyToManyField(
        "content.LegalProvision", blank=True, verbose_name=_("legal basis")
    )
    change_note = models.CharField(
        _("what changed (public)"),
        max_length=300,
        blank=True,
        help_text=_(
            "A short note for readers when you publish a change that matters, "
            "e.g. “New contribution rates from 1 July 2025”. It goes with the "
            "new version of each language this publish changes, and is shown "
            "to anyone holding an older printout. Leave it as it is for a "
            "small correction."
        ),
    )

    # What the headless API serves (content.api), besides each kind's text.
    api_fields = [
        APIField("material_code"),
        APIField("version", serializer=VersionField()),
        APIField("topics", serializer=StringRelatedField(many=True, read_only=True)),
    ]

    # The admin's search and page chooser (toolkits, print runs, sessions):
    # the code printed on paper, and the title in every language.
    search_fields = [
        *Page.search_fields,
        index.SearchField("material_code_words"),
        index.AutocompleteField("material_code_words"),
        *in_every_language("title", autocomplete=True),
    ]

    base_form_class = MaterialPageForm
    # A copy is a new piece: it gets its own code, and has changed nothing yet.
    exclude_fields_in_copy = ["material_code", "change_note"]

    class Meta:
        abstract = True

    def clean(self):
        super().clean()
        self._check_new_material_code()

    def minimal_clean(self):
        super().minimal_clean()
        self._check_new_material_code()

    def _check_new_material_code(self):
        """A code typed in for a new piece must be well formed and never issued."""
        if not (self._state.adding and self.material_code):
            return
        try:
            number = parse_code(self.material_code, self.material_prefix)
        except ValidationError as error:
            raise ValidationError({"material_code": error}) from None
        in_use = type(self).objects.filter(material_code=self.material_code)
        # A code in use gets the unique check's message; this one is for codes
        # of deleted pieces.
        if was_issued(self.material_prefix, number) and not in_use.exists():
            raise ValidationError(
                {
                    "material_code": _(
                        "%(code)s was issued before; a code is never given twice."
                    )
                    % {"code": self.material_code}
                }
            )

    def save(self, clean=True, **kwargs):
        with transaction.atomic():
            if clean:
                # As Wagtail does: full validation to publish, minimal for drafts.
                if self.live:
                    self.full_clean()
                else:
                    self.minimal_clean()
            if not self.material_code:
                self.material_code = issue_next_code(self.material_prefix)
            elif self._state.adding:
                record_code(
                    self.material_prefix,
                    parse_code(self.material_code, self.material_prefix),
                )
            return super().save(clean=False, **kwargs)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["topics"], context["legal_basis"] = self.topics_and_legal_basis(request)
        return context

    def topics_and_legal_basis(self, request) -> tuple[list, list]:
        """The topics and provisions the piece names. For the live page they
        are kept for the cache generation, which a publish, or a change to a
        topic or provision, replaces; a preview reads its own."""

        def read():
            return list(self.topics.all()), list(self.legal_basis.all())

        if getattr(request, "is_preview", False) or not self.live:
            return read()
        return for_this_generation(f"cited:{self.pk}:{self.live_revision_id}", read)

    def get_view_restrictions(self):
        """Restrictions on this page and its ancestors, in one query, or
        none while no page of the site has any.

        Wagtail loads the ancestors first to resolve aliases; a piece that is
        not an alias can read its ancestors' paths off its own path.
        """
        if self.alias_of_id:
            return super().get_view_restrictions()
        if not for_this_generation(
            "any view restriction", PageViewRestriction.objects.exists
        ):
            return PageViewRestriction.objects.none()
        paths = [
            self.path[:length]
            for length in range(self.steplen, len(self.path) + 1, self.steplen)
        ]
        return PageViewRestriction.objects.filter(page__path__in=paths)

    def pages_showing_it(self) -> list[Page]:
        """Other pages that show some of this piece's text: those whose body
        refers to it (an FAQ reference), as Wagtail's reference index knows."""
        page_type = ContentType.objects.get_for_model(Page)
        referring = ReferenceIndex.get_references_to(self).filter(
            base_content_type=page_type
        )
        pages = {int(pk) for pk in referring.values_list("object_id", flat=True)}
        return list(Page.objects.filter(pk__in=pages))

    def get_cached_paths(self):
        """What a shared cache in front may hold of this piece, beside the
        page: its PDFs and each printout's page (`v/<n>/`)."""
        numbers = self.versions.values_list("number", flat=True).distinct()
        return ["/", "pdf/", "pdf/a5/", *(f"v/{n}/" for n in sorted(numbers))]

    @path("pdf/", name="pdf")
    def pdf(self, request):
        """The piece as an A4 PDF in the visitor's language, to print."""
        return self.pdf_response(request, "A4")

    @path("pdf/a5/", name="pdf-a5")
    def pdf_a5(self, request):
        """The piece as an A5 PDF: a leaflet, or a sheet folded in two."""
        return self.pdf_response(request, "A5")

    def pdf_response(self, request, paper: str) -> HttpResponse:
        language = translation.get_language()
        data = pdf_bytes(self, request, language, paper)
        response = HttpResponse(data, "application/pdf")
        name = f"{self.material_code or self.slug}-{language}"
        if paper != "A4":
            name += f"-{paper.lower()}"
        response["Content-Disposition"] = f'inline; filename="{name}.pdf"'

        return response

    @path("v/<int:number>/", name="printed-version")
    def printout(self, request, number):
        """The page as a printout's QR code opens it: a notice says whether
        the printed version is still current, and if not, what changed."""
        printed = printed_version(self, translation.get_language(), number)
        request.canonical_path = self.get_url(request)
        return self.render(request, context_overrides={"printed": printed})

    @property
    def material_code_words(self) -> str:
        """The code as the search index should hold it: "EXP-0001" and
        "EXP 0001" (PostgreSQL reads "-0001" as a negative number, so a
        search for EXP-0001, split at the hyphen, would find nothing)."""
        return f"{self.material_code} {self.material_code.replace('-', ' ')}"

    @property
    def version(self):
        """The version readers of the current language see (None before the
        piece is first published)."""
        return current_version(self, translation.get_language())
