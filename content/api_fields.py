"""Fields of the headless API that are not plain model fields."""

from rest_framework import serializers


class WholeObjectField(serializers.Field):
    """A read-only field computed from the whole object, not one attribute."""

    def __init__(self, **kwargs):
        super().__init__(read_only=True, **kwargs)

    def get_attribute(self, instance):
        return instance


class VersionField(WholeObjectField):
    """The version readers of the page's language see: its number, when it
    was published, what changed, and the revision that made it."""

    def to_representation(self, page):
        version = page.version
        return {
            "number": version.number if version else None,
            "published_at": serializers.DateTimeField().to_representation(
                version.published_at if version else page.last_published_at
            ),
            "change_note": version.change_note if version else "",
            "revision": version.revision_id if version else page.live_revision_id,
        }
