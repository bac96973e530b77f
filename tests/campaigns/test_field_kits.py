"""Field kits: exactly the expected files, an index that matches, one build
per plan, and a kit that says when it is superseded."""

import csv
import io
import zipfile

from django.core.management import CommandError, call_command

import pytest

from campaigns.field_kit import FieldKitError, plan, request_kit
from campaigns.field_kit_changes import changes_since, superseded
from campaigns.models import FieldKit, ToolkitItem
from content.models import PieceVersion
from tests.factories import PolicyExplainerPageFactory

pytestmark = pytest.mark.usefixtures("english")


def zip_names(kit) -> set[str]:
    with kit.file.open("rb") as built, zipfile.ZipFile(built) as archive:
        return set(archive.namelist())


def test_the_kit_holds_exactly_the_expected_files(campaign):
    kit = request_kit(campaign, ["vi", "rad"])
    kit.refresh_from_db()
    assert kit.status == FieldKit.Status.READY and kit.progress == 100
    codes = [piece.material_code for piece in campaign.pieces.values()]
    expected = {f"pdf/{code}-{lang}.pdf" for code in codes for lang in ("vi", "rad")}
    expected |= {
        f"audio/{campaign.pieces['radio'].material_code}-rad.wav",
        "faq-cards-vi.pdf",
        "faq-cards-rad.pdf",
        "index.csv",
        "index.html",
    }
    assert zip_names(kit) == expected
    with kit.file.open("rb") as built, zipfile.ZipFile(built) as archive:
        rows = list(
            csv.DictReader(io.StringIO(archive.read("index.csv").decode("utf-8-sig")))
        )
        assert archive.read(f"pdf/{codes[0]}-rad.pdf").startswith(b"%PDF-")
    assert {row["file"] for row in rows} == expected - {"index.csv", "index.html"}
    explainer_rad = next(
        row for row in rows if row["file"] == f"pdf/{codes[0]}-rad.pdf"
    )
    assert explainer_rad["state"] == "missing"
    # Ede readers of the explainer see its first version (Vietnamese, as it
    # has no Ede text).
    assert explainer_rad["version"] == "v1"


def test_the_same_kit_is_built_once(campaign):
    first = request_kit(campaign, ["vi"])
    assert request_kit(campaign, ["vi"]) == first
    assert FieldKit.objects.count() == 1


def test_a_newer_version_supersedes_the_kit(admin_client, campaign):
    kit = request_kit(campaign, ["vi"])
    assert changes_since(kit) == []
    explainer = campaign.pieces["explainer"]
    explainer.summary_vi = "Bản mới của phần tóm tắt."
    explainer.save_revision().publish()
    assert changes_since(kit) == [f"{explainer.material_code} (vi): v1 → v2"]
    html = admin_client.get(f"/admin/field_kits/{kit.pk}/").content.decode()
    assert "help-warning" in html and explainer.material_code in html
    assert request_kit(campaign, ["vi"]) != kit


def test_unknown_languages_and_campaigns_are_clear_errors(campaign, tmp_path):
    with pytest.raises(FieldKitError, match="Unknown languages: xx"):
        request_kit(campaign, ["vi", "xx"])
    with pytest.raises(CommandError, match="No campaign “999”"):
        call_command("build_field_kit", "999", "--languages", "vi")
    with pytest.raises(CommandError, match="Unknown languages: zz"):
        call_command("build_field_kit", str(campaign.pk), "--languages", "zz")
    output = tmp_path / "kit.zip"
    call_command(
        "build_field_kit",
        str(campaign.pk),
        "--languages",
        "vi",
        "--output",
        str(output),
    )
    assert "index.html" in zipfile.ZipFile(output).namelist()


def test_an_officer_asks_for_a_kit_from_the_admin(admin_client, campaign):
    response = admin_client.post(
        "/admin/field_kits/", {"campaign": campaign.pk, "languages": ["vi"]}
    )
    kit = FieldKit.objects.get()
    assert response["Location"] == f"/admin/field_kits/{kit.pk}/"
    html = admin_client.get(response["Location"]).content.decode()
    assert kit.file.url in html


def test_the_index_keeps_a_formula_in_a_title_inert(campaign):
    explainer = campaign.pieces["explainer"]
    explainer.title = explainer.title_vi = '=HYPERLINK("http://example.com","x")'
    explainer.save_revision().publish()
    kit = request_kit(campaign, ["vi"])
    with kit.file.open("rb") as built, zipfile.ZipFile(built) as archive:
        data = archive.read("index.csv")
    assert data.startswith("\ufeff".encode())
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
    titles = [row["title"] for row in rows]
    assert '\'=HYPERLINK("http://example.com","x")' in titles
    assert not [title for title in titles if title.startswith("=")]


def test_a_kit_built_before_versions_were_numbered_is_not_superseded(campaign):
    """Such kits named each piece's live revision: read as the version that
    revision held, they are current until something really changes."""
    kit = request_kit(campaign, ["vi"])
    for entry in kit.manifest:
        if entry["kind"] == "pdf":
            piece = PieceVersion.objects.filter(piece_id=entry["object_id"]).first()
            entry["version"] = str(piece.revision_id)
        elif entry["kind"] == "faq_cards":
            entry["version"] = ",".join(
                f"{pair.split(':')[0]}:{PieceVersion.objects.filter(piece_id=pair.split(':')[0]).first().revision_id}"
                for pair in entry["version"].split(",")
            )
    kit.save()
    assert changes_since(kit) == []
    assert superseded([kit]) == set()
    explainer = campaign.pieces["explainer"]
    explainer.summary_vi = "Bản mới của phần tóm tắt."
    explainer.save_revision().publish()
    assert changes_since(kit) == [f"{explainer.material_code} (vi): v1 → v2"]
    assert superseded([kit]) == {kit.pk}


def test_a_draft_in_the_toolkit_waits_for_its_publish(campaign, explainer_index):
    draft = PolicyExplainerPageFactory(parent=explainer_index)
    draft.unpublish()
    ToolkitItem.objects.create(campaign=campaign, piece=draft)
    names = {item.filename for item in plan(campaign, ["vi"])}
    assert not any(draft.material_code in name for name in names)
