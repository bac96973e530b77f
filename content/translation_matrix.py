"""What content adds to the translation matrix: its pieces and a topic filter."""

from django.utils.translation import gettext_lazy as _

from content.models import MATERIAL_MODELS, Topic
from locales.matrix import MatrixFilter, register_filter, register_piece_model


def topic_choices(user=None):
    return [(topic.slug, topic.name) for topic in Topic.objects.all()]


def filter_by_topic(queryset, slug):
    if not hasattr(queryset.model, "topics"):
        return queryset.none()
    return queryset.filter(topics__slug=slug)


def register() -> None:
    for model in MATERIAL_MODELS:
        register_piece_model(model)
    register_filter(
        MatrixFilter("topic", _("Topic"), choices=topic_choices, apply=filter_by_topic)
    )
