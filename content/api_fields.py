"""Fields of the headless API that are not plain model fields."""

from rest_framework import serializers


class VersionField(serializers.Field):
    """The version readers see: the live revision and when it was published."""

    def to_representation(self, page):
        return {
            "revision": page.live_revision_id,
            "published_at": serializers.DateTimeField().to_representation(
                page.last_published_at
            ),
        }
