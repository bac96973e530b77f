"""The admin's export and import forms as a translator uses them."""

from django.core.files.uploadedfile import SimpleUploadedFile

import polib


def download(client, language="rad", file_format="po") -> bytes:
    response = client.post(
        "/admin/translations/export/", {"language": language, "format": file_format}
    )
    assert response.status_code == 200
    assert f'filename="loa-translations-{language}-' in response["Content-Disposition"]
    return response.content


def filled_in(data: bytes) -> bytes:
    """The exported catalog with the summary of the `piece` fixture translated
    into Ede."""
    catalog = polib.pofile(data.decode())
    for entry in catalog:
        if entry.msgid == "Giảm 30 % cho người thứ hai.":
            entry.msgstr = "Bi hrŏ 30 % kơ pô tal dua."
    return str(catalog).encode()


def upload(client, data: bytes, language="rad", name="loa-rad.po"):
    """Upload the file; the page the browser is sent to: the job's preview,
    or the form again when the file is refused."""
    return client.post(
        "/admin/translations/import/",
        {"language": language, "file": SimpleUploadedFile(name, data)},
        follow=True,
    )


def confirm(client, preview, **data):
    """Press "Import these changes" on the preview."""
    job = preview.context["job"]
    return client.post(f"/admin/translations/import/{job.pk}/confirm/", data)
