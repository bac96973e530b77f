"""Translation imports as background jobs: the upload returns at once, the
preview and the import wait for a worker (`manage.py db_worker`, run here
in the test's process), the job's page shows progress meanwhile; a job that
stopped or was refused says why and can be tried again; nobody but its
uploader (or a superuser) sees it."""

import html
import re

from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.utils import translation

import polib
import pytest
from django_tasks_db.management.commands import db_worker
from django_tasks_db.models import DBTaskResult

from locales.models import ImportJob, TranslationRecord
from tests.factories import PolicyExplainerPageFactory, stream, translator_user
from tests.locales.exchange_forms import confirm, download, filled_in, upload

IMPORT = "/admin/translations/import/"


@pytest.fixture
def worker(settings, monkeypatch):
    """Jobs wait in the database for a worker; calling this runs one until
    nothing is left to do, as `make run` does beside the web server. Here
    the worker shares the test's connection, inside the test's transaction:
    it must not close it between jobs as it would close an old connection
    of its own (PostgreSQL would lose the test's data)."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    monkeypatch.setattr(db_worker, "close_old_connections", lambda: None)
    return lambda: call_command("db_worker", "--batch", "--no-startup-delay")


def page(response) -> str:
    return html.unescape(response.content.decode())


def send(client, data: bytes, name="loa-rad.po"):
    """Upload the file without following the redirect to its job."""
    response = client.post(
        IMPORT, {"language": "rad", "file": SimpleUploadedFile(name, data)}
    )
    assert response.status_code == 302
    assert re.fullmatch(rf"{IMPORT}\d+/", response["Location"])
    return response["Location"]


def test_the_job_page_shows_progress_until_a_worker_has_done_each_step(
    client,
    ede,
    piece,
    worker,
):
    client.force_login(ede)
    job_url = send(client, filled_in(download(client)))
    waiting = page(client.get(job_url))
    with translation.override("vi"):
        label = str(ImportJob.Status.QUEUED.label)
    assert label in waiting and 'http-equiv="refresh"' in waiting
    assert "exchange-preview" not in waiting

    worker()
    preview = client.get(job_url)
    assert 'http-equiv="refresh"' not in page(preview)
    assert "Bi hrŏ 30 % kơ pô tal dua." in page(preview)
    assert not TranslationRecord.objects.exists()

    assert confirm(client, preview)["Location"] == job_url
    importing = page(client.get(job_url))
    assert label in importing and 'http-equiv="refresh"' in importing
    assert not TranslationRecord.objects.exists()

    worker()
    result = client.get(job_url, follow=True)
    assert result.redirect_chain[-1][0] == "/admin/translations/matrix/"
    assert "Đã nhập 1 đoạn; bỏ qua 0 xung đột." in page(result)
    record = TranslationRecord.objects.get(field="summary", language="rad")
    assert record.text == "Bi hrŏ 30 % kơ pô tal dua." and record.translated_by == ede
    # Imported: the file is not kept.
    assert bytes(ImportJob.objects.get().data) == b""


def test_a_job_whose_worker_ended_says_why_and_is_tried_again(
    client,
    ede,
    piece,
    worker,
    settings,
):
    client.force_login(ede)
    job_url = send(client, filled_in(download(client)))
    job = ImportJob.objects.get()
    # A worker takes the job, then is killed before it begins.
    DBTaskResult.objects.get(id=job.task_id).claim("a-worker-that-ended")
    assert "http-equiv" in page(client.get(job_url))

    settings.IMPORT_JOB_STALE_SECONDS = 0
    failed = page(client.get(job_url))
    job.refresh_from_db()
    assert job.status == ImportJob.Status.FAILED
    with translation.override("vi"):
        assert job.failure_reason in failed
    assert "tiến trình chạy nền kết thúc" in failed
    assert f'action="{job_url}retry/"' in failed and "http-equiv" not in failed

    settings.IMPORT_JOB_STALE_SECONDS = 300
    assert client.post(f"{job_url}retry/")["Location"] == job_url
    worker()
    preview = client.get(job_url)
    assert len(preview.context["plan"].changes) == 1
    assert confirm(client, preview).status_code == 302


def test_an_import_refused_when_confirmed_says_why_and_offers_a_new_preview(
    client,
    admin_client,
    ede,
    piece,
):
    client.force_login(ede)
    preview = upload(client, filled_in(download(client)))
    assert len(preview.context["plan"].changes) == 1
    # The piece goes before the translator confirms.
    admin_client.post(f"/admin/pages/{piece.pk}/delete/")

    job_url = confirm(client, preview)["Location"]
    refused = page(client.get(job_url))
    assert "Không có gì được nhập:" in refused
    assert f'action="{job_url}retry/"' in refused
    assert not TranslationRecord.objects.exists()

    again = client.post(f"{job_url}retry/", follow=True)
    assert again.context["plan"].errors
    assert 'value="apply"' not in page(again)


def test_only_the_uploader_or_a_superuser_sees_a_job(
    client,
    ede,
    piece,
):
    client.force_login(ede)
    job_url = send(client, filled_in(download(client)))
    client.logout()

    client.force_login(translator_user("h-hen", "rad"))
    assert client.get(job_url).status_code == 404
    assert client.post(f"{job_url}confirm/").status_code == 404
    assert client.post(f"{job_url}retry/").status_code == 404
    assert not TranslationRecord.objects.exists()
    assert ImportJob.objects.get().status == ImportJob.Status.PLANNED

    client.logout()
    assert client.get(job_url)["Location"].startswith("/admin/login/")

    client.force_login(get_user_model().objects.create_superuser("admin"))
    assert "Bi hrŏ 30 % kơ pô tal dua." in page(client.get(job_url))


def test_a_large_file_is_planned_by_the_worker_not_in_the_request(
    client,
    ede,
    explainer_index,
    worker,
    django_assert_max_num_queries,
):
    for piece_number in range(100):
        paragraphs = [
            ("paragraph", f"<p>Đoạn số {piece_number}-{n}.</p>") for n in range(20)
        ]
        PolicyExplainerPageFactory(parent=explainer_index, body_vi=stream(*paragraphs))
    client.force_login(ede)
    catalog = polib.pofile(download(client).decode())
    for entry in catalog:
        if entry.msgid.startswith("Đoạn số "):
            entry.msgstr = entry.msgid.replace("Đoạn số", "Tal")
    data = str(catalog).encode()

    with django_assert_max_num_queries(20):
        job_url = send(client, data)
    job = ImportJob.objects.get()
    assert job.status == ImportJob.Status.QUEUED and job.preview is None
    assert "exchange-preview" not in page(client.get(job_url))

    worker()
    job.refresh_from_db()
    assert job.status == ImportJob.Status.PLANNED
    assert job.progress == 100 and job.heartbeat_at is not None
    preview = client.get(job_url)
    assert len(preview.context["plan"].changes) == 2000
    assert not TranslationRecord.objects.exists()
