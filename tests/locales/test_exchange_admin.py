"""Export and import from the admin: a download, an upload whose preview
(changing nothing) and import run as background jobs, then the result.

The test settings run each job at once, in the request that queues it, as a
worker would run it a moment later."""

import io
import re
import zipfile

from django.contrib.auth import get_user_model

import polib

from locales.models import ImportJob, TranslationRecord
from tests.factories import translator_user
from tests.locales.exchange_forms import confirm, download, filled_in, upload
from tests.locales.sheet import form_data, url


def test_a_translator_exports_only_their_languages(client, ede, piece):
    client.force_login(ede)
    form = client.get("/admin/translations/export/").content.decode()
    assert 'value="rad"' in form and 'value="jra"' not in form
    catalog = polib.pofile(download(client).decode())
    assert catalog.metadata["Language"] == "rad"
    assert "Giảm 30 % cho người thứ hai." in [entry.msgid for entry in catalog]
    response = client.post(
        "/admin/translations/export/", {"language": "jra", "format": "po"}
    )
    assert response.status_code == 200 and b"jra" in response.content
    assert "Content-Disposition" not in response


def test_preview_changes_nothing_then_import_applies(client, ede, piece):
    client.force_login(ede)
    preview = upload(client, filled_in(download(client)))
    html = preview.content.decode()
    assert "Bi hrŏ 30 % kơ pô tal dua." in html
    assert len(preview.context["plan"].changes) == 1
    assert not TranslationRecord.objects.exists()

    response = confirm(client, preview)
    assert response.status_code == 302
    record = TranslationRecord.objects.get(field="summary", language="rad")
    assert record.text == "Bi hrŏ 30 % kơ pô tal dua." and record.translated_by == ede
    result = client.get(response["Location"], follow=True)
    assert result.redirect_chain[-1][0] == "/admin/translations/matrix/"
    assert "Đã nhập 1 đoạn; bỏ qua 0 xung đột." in result.content.decode()


def test_a_bad_file_is_refused_in_the_form(client, ede, piece):
    client.force_login(ede)
    response = upload(client, b"<!DOCTYPE x [<!ENTITY a 'b'>]><x>&a;</x>", name="x.xlf")
    assert response.status_code == 200
    assert "Tệp khai báo DTD hoặc thực thể XML" in response.content.decode()
    assert not response.redirect_chain and not ImportJob.objects.exists()
    assert not TranslationRecord.objects.exists()


def test_a_file_in_another_language_shows_the_error_and_imports_nothing(
    client, ede, piece
):
    client.force_login(get_user_model().objects.create_superuser("admin"))
    jarai = filled_in(download(client, language="jra"))
    client.force_login(ede)
    response = upload(client, jarai)
    assert "Tệp bằng tiếng Jarai, không phải Ede." in response.content.decode()
    assert 'value="apply"' not in response.content.decode()


def test_a_conflict_shows_both_texts_and_the_user_chooses(client, ede, piece):
    client.force_login(ede)
    exported = download(client)
    sheet = form_data(client, piece, "rad", **{"Giảm 30 %": "Bản trong Loa 30 %."})
    client.post(url(piece, "rad"), {**sheet, "action": "save"})

    preview = upload(client, filled_in(exported))
    [conflict] = preview.context["plan"].conflicts
    html = preview.content.decode()
    assert "Bản trong Loa 30 %." in html and "Bi hrŏ 30 % kơ pô tal dua." in html
    assert conflict.where.startswith(f"{piece.title} · ")
    assert 'name="take"' in html

    confirm(client, preview, action="apply")
    record = TranslationRecord.objects.get(field="summary", language="rad")
    assert record.text == "Bản trong Loa 30 %."  # kept by default

    confirm(client, upload(client, filled_in(exported)), take=conflict.key)
    record.refresh_from_db()
    assert record.text == "Bi hrŏ 30 % kơ pô tal dua."


def test_a_null_character_in_an_imported_file_is_refused(client, ede, piece):
    client.force_login(ede)
    catalog = polib.pofile(download(client).decode())
    [entry] = [e for e in catalog if e.msgid == "Giảm 30 % cho người thứ hai."]
    entry.msgstr = "Bi hrŏ 30 %\x00 kơ pô tal dua."
    response = upload(client, str(catalog).encode())
    assert response.status_code == 200
    [error] = response.context["form"].errors["file"]
    assert error == (
        f"Đơn vị “{entry.msgctxt}” chứa ký tự rỗng (null), là ký tự văn bản "
        "không được có: hãy xoá ký tự đó rồi nhập lại tệp."
    )
    assert 'value="apply"' not in response.content.decode()
    client.post("/admin/translations/import/", {"action": "apply"})
    assert not TranslationRecord.objects.exists()


# XML cannot hold a null character, even as a reference: the sheet is broken.
NULL_ROW = b'<row r="99"><c r="A99" t="inlineStr"><is><t>&#0;</t></is></c></row>'


def test_a_spreadsheet_whose_sheet_is_not_xml_is_refused(client, ede, piece):
    client.force_login(ede)
    exported = download(client, file_format="xlsx")
    damaged = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(exported)) as original,
        zipfile.ZipFile(damaged, "w") as copy,
    ):
        for info in original.infolist():
            data = original.read(info.filename)
            if info.filename == "xl/worksheets/sheet1.xml":
                data = data.replace(b"</sheetData>", NULL_ROW + b"</sheetData>")
            copy.writestr(info, data)
    response = upload(client, damaged.getvalue(), name="loa-rad.xlsx")
    assert response.status_code == 200
    assert response.context["form"].errors["file"] == [
        "Loa không đọc được bảng tính này."
    ]


def test_the_export_lists_a_translators_languages_in_the_registrys_order(client, db):
    client.force_login(translator_user("sok", "km", "rad"))
    form = client.get("/admin/translations/export/").content.decode()
    options = re.findall(r'<option value="(\w+)"[^>]*>([^<]*)</option>', form)
    assert [option for option in options if option[0] in ("rad", "km", "jra")] == [
        ("rad", "Êđê (rad)"),
        ("km", "ខ្មែរ (km)"),
    ]
