"""Where session photos are kept: the `session_photos` storage (settings
`STORAGES`), a folder outside the media folder (`PRIVATE_MEDIA_ROOT`) or a
private bucket. Photos of people at a session are personal data: no web
server or URL leads to them, only `campaigns.views.photos`, which checks who
asks."""

from django.conf import settings
from django.core.files.storage import FileSystemStorage, storages
from django.utils.functional import cached_property

ALIAS = "session_photos"


def session_photo_storage():
    """The configured storage (the photo field's, and the migrations')."""
    return storages[ALIAS]


class PrivateFileSystemStorage(FileSystemStorage):
    """The folder `PRIVATE_MEDIA_ROOT` (unless given another), whose files
    have no address: asking for one is a mistake that would otherwise hand
    out a `/media/…` link."""

    @cached_property
    def base_location(self):
        return self._value_or_setting(self._location, settings.PRIVATE_MEDIA_ROOT)

    def _clear_cached_properties(self, setting, **kwargs):
        super()._clear_cached_properties(setting, **kwargs)
        if setting == "PRIVATE_MEDIA_ROOT":
            self.__dict__.pop("base_location", None)
            self.__dict__.pop("location", None)

    def url(self, name):
        raise NotImplementedError(
            "Session photos have no public address: link to the photo view."
        )
