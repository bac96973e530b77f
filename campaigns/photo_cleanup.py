"""A session photo deleted (alone, from the admin's form, or with its
session) takes its files with it: personal data is not kept past its record."""

from django.db import transaction
from django.db.models.signals import post_delete

from campaigns.photos import delete_photo_files


def delete_files(sender, instance, **kwargs):
    name, storage = instance.file.name, instance.file.storage
    if name:
        transaction.on_commit(lambda: delete_photo_files(storage, name))


def connect_photo_cleanup() -> None:
    from campaigns.models import SessionPhoto

    post_delete.connect(
        delete_files, sender=SessionPhoto, dispatch_uid="session-photo-files"
    )
