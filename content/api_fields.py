"""Fields of the headless API that are not plain model fields."""

from rest_framework import serializers


class WholeObjectField(serializers.Field):
    """A read-only field computed from the whole object, not one attribute."""

    def __init__(self, **kwargs):
        super().__init__(read_only=True, **kwargs)

    def get_attribute(self, instance):
        return instance


class VersionField(WholeObjectField):
    """The version readers see: the live revision and when it was published."""

    def to_representation(self, page):
        return {
            "revision": page.live_revision_id,
            "published_at": serializers.DateTimeField().to_representation(
                page.last_published_at
            ),
        }
