"""StreamField blocks editors build explainers and radio scripts from.

Each block renders with its own template in `content/templates/content/blocks/`.
"""

from django.core.exceptions import ValidationError
from django.forms.utils import ErrorList
from django.utils.translation import gettext_lazy as _

from wagtail import blocks
from wagtail.blocks.stream_block import StreamBlockValidationError
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageChooserBlock


class BaseStreamBlock(blocks.StreamBlock):
    """The base of every body: refuses blocks of a type it does not know.

    Wagtail drops such blocks silently when a form is submitted, which would
    lose what the editor (or an import) sent without a word.
    """

    def value_from_datadict(self, data, files, prefix):
        value = super().value_from_datadict(data, files, prefix)
        count = int(data.get(f"{prefix}-count") or 0)
        value.unknown_block_types = [
            data.get(f"{prefix}-{index}-type", "")
            for index in range(count)
            if not data.get(f"{prefix}-{index}-deleted")
            and data.get(f"{prefix}-{index}-type") not in self.child_blocks
        ]
        return value

    def clean(self, value):
        unknown = getattr(value, "unknown_block_types", None)
        if unknown:
            message = _("Unknown block type: %(types)s. Allowed: %(allowed)s.") % {
                "types": ", ".join(unknown),
                "allowed": ", ".join(self.child_blocks),
            }
            raise StreamBlockValidationError(
                non_block_errors=ErrorList([ValidationError(message)])
            )
        return super().clean(value)


class HeadingBlock(blocks.StructBlock):
    """A section heading inside the body."""

    text = blocks.CharBlock(label=_("heading"), max_length=120)

    class Meta:
        icon = "title"
        template = "content/blocks/heading_block.html"
        description = _("A section heading.")


class ParagraphBlock(blocks.RichTextBlock):
    """Running text with bold, italic and links; nothing that breaks print."""

    def __init__(self, **kwargs):
        kwargs.setdefault("features", ["bold", "italic", "link", "ul", "ol"])
        super().__init__(**kwargs)

    class Meta:
        icon = "pilcrow"
        template = "content/blocks/paragraph_block.html"
        description = _("One or more paragraphs of text.")


class KeyFigureBlock(blocks.StructBlock):
    """One figure: the number, what it counts, and where it comes from."""

    value = blocks.CharBlock(label=_("figure"), max_length=24, help_text="91,9 %")
    label = blocks.CharBlock(label=_("what it counts"), max_length=160)
    source = blocks.CharBlock(label=_("source"), max_length=160, required=False)

    class Meta:
        icon = "decimal"
        template = "content/blocks/key_figure_block.html"
        description = _("A single figure with its label and source.")


class KeyFiguresBlock(blocks.ListBlock):
    """A row of key figures: coverage, participants, targets."""

    def __init__(self, **kwargs):
        super().__init__(KeyFigureBlock(), min_num=1, max_num=6, **kwargs)

    class Meta:
        icon = "decimal"
        template = "content/blocks/key_figures_block.html"
        description = _("Up to six figures shown side by side.")


class StepBlock(blocks.StructBlock):
    """One step of a procedure."""

    title = blocks.CharBlock(label=_("step"), max_length=120)
    text = blocks.TextBlock(label=_("details"), required=False)

    class Meta:
        icon = "list-ol"
        template = "content/blocks/step_block.html"
        description = _("One step: what to do, and the details.")


class StepsBlock(blocks.ListBlock):
    """Numbered steps: how to enrol, pay, or use a service."""

    def __init__(self, **kwargs):
        super().__init__(StepBlock(), min_num=1, **kwargs)

    class Meta:
        icon = "list-ol"
        template = "content/blocks/steps_block.html"
        description = _("Numbered steps of a procedure.")


class CalloutBlock(blocks.StructBlock):
    """A boxed tip, important point or warning."""

    kind = blocks.ChoiceBlock(
        label=_("kind"),
        choices=[
            ("tip", _("Tip")),
            ("important", _("Important")),
            ("warning", _("Warning")),
        ],
        default="important",
    )
    text = blocks.TextBlock(label=_("text"))

    class Meta:
        icon = "warning"
        template = "content/blocks/callout_block.html"
        description = _("A tip, important point or warning set apart from the text.")


class ImageBlock(blocks.StructBlock):
    """A photo or illustration with alternative text in this language."""

    image = ImageChooserBlock(label=_("image"))
    alt_text = blocks.CharBlock(
        label=_("alternative text"),
        max_length=250,
        help_text=_("What the image shows, for people who cannot see it."),
    )
    caption = blocks.CharBlock(label=_("caption"), max_length=250, required=False)

    class Meta:
        icon = "image"
        template = "content/blocks/image_block.html"
        description = _("An image with alternative text and an optional caption.")


class AudioClipBlock(blocks.StructBlock):
    """A short recording played in the page, with its transcript."""

    audio = DocumentChooserBlock(label=_("audio file"))
    title = blocks.CharBlock(label=_("title"), max_length=120)
    transcript = blocks.TextBlock(
        label=_("transcript"),
        help_text=_("What is said, for people who cannot hear it or play it."),
    )

    class Meta:
        icon = "media"
        template = "content/blocks/audio_clip_block.html"
        description = _("A recording with a title and its transcript.")


class FAQReferenceBlock(blocks.StructBlock):
    """A pointer to an FAQ answer, shown as its question and short answer."""

    answer = blocks.PageChooserBlock(
        label=_("FAQ answer"), page_type="content.FAQAnswerPage"
    )

    class Meta:
        icon = "help"
        template = "content/blocks/faq_reference_block.html"
        description = _("Show an FAQ answer's question and short answer, linked.")


class ExplainerBodyBlock(BaseStreamBlock):
    """The body of a policy explainer."""

    heading = HeadingBlock()
    paragraph = ParagraphBlock()
    key_figures = KeyFiguresBlock()
    steps = StepsBlock()
    callout = CalloutBlock()
    image = ImageBlock()
    audio_clip = AudioClipBlock()
    faq_reference = FAQReferenceBlock()


class SpeakerLineBlock(blocks.StructBlock):
    """A line read aloud by one speaker."""

    speaker = blocks.CharBlock(label=_("speaker"), max_length=60)
    text = blocks.TextBlock(label=_("words spoken"))

    class Meta:
        icon = "user"
        template = "content/blocks/speaker_line_block.html"
        description = _("Words one speaker reads aloud.")


class TimedCueBlock(blocks.StructBlock):
    """A non-spoken cue: what is heard, and for how long if known."""

    text = blocks.CharBlock(label=_("cue"), max_length=160)
    seconds = blocks.IntegerBlock(label=_("seconds"), min_value=0, required=False)


class MusicCueBlock(TimedCueBlock):
    """Music played between lines (jingle, bed, sting)."""

    class Meta:
        icon = "media"
        template = "content/blocks/cue_block.html"
        description = _("A music cue, with its length if known.")


class SoundEffectBlock(TimedCueBlock):
    """A sound effect (market noise, a gong, a motorbike)."""

    text = blocks.CharBlock(label=_("sound"), max_length=160)

    class Meta:
        icon = "radio-full"
        template = "content/blocks/cue_block.html"
        description = _("A sound effect, with its length if known.")


class PauseBlock(blocks.StructBlock):
    """Silence of a given length."""

    seconds = blocks.IntegerBlock(label=_("seconds"), min_value=1, max_value=60)

    class Meta:
        icon = "time"
        template = "content/blocks/pause_block.html"
        description = _("A pause, in seconds.")


class RadioScriptBodyBlock(BaseStreamBlock):
    """The lines of a radio script, in broadcast order."""

    speaker_line = SpeakerLineBlock()
    music_cue = MusicCueBlock()
    sound_effect = SoundEffectBlock()
    pause = PauseBlock()
