"""A field kit whose build fails: the kit says why, the error is logged, and
those who may build kits (only they) can build it again.

A worker killed in the middle of a build is tested with real processes in
test_field_kit_worker.py.
"""

import html
import logging

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.utils import translation

import pytest

from campaigns.models import FieldKit
from content.models import RadioRecording
from people.roles import TRANSLATOR, permission
from tests.factories import user_in
from tests.media_files import wav_bytes
from tests.officer_screens import KITS


@pytest.fixture
def failed_kit(client, officer, campaign):
    """A kit asked for by the officer, whose build failed: the recording's
    file had gone from the storage. `restore()` puts it back."""
    audio = RadioRecording.objects.get(page=campaign.pieces["radio"]).audio
    name = audio.file.name
    audio.file.storage.delete(name)
    client.force_login(officer)
    response = client.post(KITS, {"campaign": campaign.pk, "languages": ["vi", "rad"]})
    kit = FieldKit.objects.get()
    assert response["Location"] == f"{KITS}{kit.pk}/"
    client.logout()

    def restore():
        assert audio.file.storage.save(name, ContentFile(wav_bytes(1))) == name

    kit.restore = restore
    return kit


def page(response) -> str:
    return html.unescape(response.content.decode())


def test_a_build_that_raises_fails_the_kit_with_why_and_the_worker_logs_it(
    client,
    officer,
    campaign,
    caplog,
):
    caplog.set_level(logging.ERROR, logger="campaigns.field_kit")
    audio = RadioRecording.objects.get(page=campaign.pieces["radio"]).audio
    audio.file.storage.delete(audio.file.name)
    client.force_login(officer)
    response = client.post(KITS, {"campaign": campaign.pk, "languages": ["vi", "rad"]})
    kit = FieldKit.objects.get()
    assert kit.status == FieldKit.Status.FAILED
    assert kit.failure == FieldKit.Failure.ERROR
    with translation.override("vi"):
        reason = kit.failure_reason
    assert "loa-rad.wav" in reason and "(rad)" in reason
    detail = page(client.get(response["Location"]))
    assert reason in detail and f'action="{KITS}{kit.pk}/retry/"' in detail
    logged = [r for r in caplog.records if r.name == "campaigns.field_kit"]
    assert [r.levelname for r in logged] == ["ERROR"]
    assert f"Field kit {kit.pk} could not be built" in logged[0].getMessage()


def test_a_failed_kit_is_built_again_by_its_retry_button(client, officer, failed_kit):
    failed_kit.restore()
    client.force_login(officer)
    listing = page(client.get(KITS))
    with translation.override("vi"):
        assert str(FieldKit.Status.FAILED.label) in listing
    response = client.post(f"{KITS}{failed_kit.pk}/retry/")
    rebuilt = FieldKit.objects.exclude(pk=failed_kit.pk).get()
    assert response["Location"] == f"{KITS}{rebuilt.pk}/"
    assert rebuilt.status == FieldKit.Status.READY and rebuilt.requested_by == officer
    assert rebuilt.file.url in page(client.get(response["Location"]))
    # Asked for again through the form, the kit is the one just built.
    data = {"campaign": failed_kit.campaign_id, "languages": ["vi", "rad"]}
    again = client.post(KITS, data)
    assert again["Location"] == response["Location"]
    failed_kit.refresh_from_db()
    assert failed_kit.status == FieldKit.Status.FAILED


def test_a_failed_kit_is_built_again_from_the_admin(admin_client, failed_kit):
    failed_kit.restore()
    detail = page(admin_client.get(f"/admin/field_kits/{failed_kit.pk}/"))
    with translation.override("vi"):
        assert failed_kit.failure_reason in detail
    response = admin_client.post(f"/admin/field_kits/{failed_kit.pk}/retry/")
    rebuilt = FieldKit.objects.exclude(pk=failed_kit.pk).get()
    assert response["Location"] == f"/admin/field_kits/{rebuilt.pk}/"
    assert rebuilt.status == FieldKit.Status.READY


def test_only_those_who_may_build_kits_can_build_one_again(client, failed_kit):
    retry = f"{KITS}{failed_kit.pk}/retry/"
    admin_retry = f"/admin/field_kits/{failed_kit.pk}/retry/"
    anonymous = client.post(retry)
    assert anonymous.status_code == 302
    assert anonymous["Location"].startswith("/admin/login/")
    assert client.post(admin_retry)["Location"].startswith("/admin/login/")

    client.force_login(user_in(TRANSLATOR, "h-nie"))
    assert client.post(retry).status_code == 403
    # Wagtail's admin answers a refusal with its home page and a message.
    assert client.post(admin_retry)["Location"] == "/admin/"

    readers = Group.objects.create(name="Kit readers")
    readers.permissions.add(permission("campaigns.view_fieldkit"))
    reader = get_user_model().objects.create_user("reader")
    reader.groups.add(readers)
    client.force_login(reader)
    detail = page(client.get(f"{KITS}{failed_kit.pk}/"))
    with translation.override("vi"):
        assert failed_kit.failure_reason in detail
    assert "/retry/" not in detail
    assert client.post(retry).status_code == 403
    assert client.get(retry).status_code == 405
    assert FieldKit.objects.get() == failed_kit


def test_a_kit_waiting_for_a_worker_is_not_taken_for_stopped(
    client,
    officer,
    campaign,
    settings,
):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    settings.FIELD_KIT_STALE_SECONDS = 0
    client.force_login(officer)
    response = client.post(KITS, {"campaign": campaign.pk, "languages": ["vi"]})
    kit = FieldKit.objects.get()
    assert kit.task_id
    assert 'http-equiv="refresh"' in page(client.get(response["Location"]))
    kit.refresh_from_db()
    assert kit.status == FieldKit.Status.QUEUED
    again = client.post(KITS, {"campaign": campaign.pk, "languages": ["vi"]})
    assert again["Location"] == response["Location"]
