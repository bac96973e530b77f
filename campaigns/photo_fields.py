"""The session photo's model field: whatever path a photo comes by (the
officer's form, the admin, a migration, the shell), it is stored stripped and
under a random name (`campaigns.photos`), in the private storage."""

from django.db import models, transaction

from campaigns.photos import delete_photo_files, stripped


class PrivatePhotoField(models.ImageField):
    """An image kept in the `session_photos` storage, re-encoded without
    metadata when it is saved; the file it replaces is deleted."""

    def pre_save(self, model_instance, add):
        file = getattr(model_instance, self.attname)
        if file and not file._committed:
            previous = self._stored_name(model_instance)
            clean = stripped(file.file)
            file.save(clean.name, clean, save=False)
            if previous and previous != file.name:
                storage = file.storage
                transaction.on_commit(lambda: delete_photo_files(storage, previous))
        return super().pre_save(model_instance, add)

    def _stored_name(self, instance) -> str:
        if instance.pk is None:
            return ""
        stored = (
            type(instance)
            ._base_manager.filter(pk=instance.pk)
            .values_list(self.attname, flat=True)
            .first()
        )
        return stored or ""

    def formfield(self, **kwargs):
        # Wagtail's checks (format, size, pixels) and a full decode. Imported
        # here: Wagtail's image forms need the models loaded.
        from content.image_forms import DecodedImageField

        return super().formfield(**{"form_class": DecodedImageField, **kwargs})
