"""A field kit's PDFs lead to the site's public address, in each PDF's
language: the QR codes on paper and the links in the files, whichever site
record or host the kit was asked from."""

import zipfile

from django.urls import reverse

from campaigns.models import FieldKit
from tests.officer_screens import KITS
from tests.pdf_files import link_targets, qr_codes

SECTIONS = {"explainer": "explainers", "radio": "radio", "faq": "faq"}


def kit_pdfs(kit) -> dict[str, bytes]:
    with kit.file.open("rb") as built, zipfile.ZipFile(built) as archive:
        return {
            name: archive.read(name)
            for name in archive.namelist()
            if name.endswith(".pdf")
        }


def test_an_officers_kit_leads_to_the_public_address_in_each_language(
    client, officer, campaign, tmp_path
):
    client.force_login(officer)
    client.post(KITS, {"campaign": campaign.pk, "languages": ["vi", "rad"]})
    kit = FieldKit.objects.get()
    assert kit.status == FieldKit.Status.READY
    pdfs = kit_pdfs(kit)
    for key, section in SECTIONS.items():
        piece = campaign.pieces[key]
        for language in ("vi", "rad"):
            page = f"https://loa.example/{language}/{section}/{piece.slug}/"
            pdf = pdfs[f"pdf/{piece.material_code}-{language}.pdf"]
            # The page at the version printed, which says whether it is current.
            assert qr_codes(pdf, tmp_path) == {f"{page}v/1/"}
            assert page in link_targets(pdf)
            assert all(
                target.startswith("https://loa.example/")
                for target in link_targets(pdf)
            )


def test_an_admins_kit_follows_the_address_the_deployment_sets(
    admin_client, campaign, settings, tmp_path
):
    """The demo's site record says localhost:80; the setting wins."""
    settings.LOA_PUBLIC_URL = "https://bhxh.example.vn"
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "bhxh.example.vn"]
    admin_client.post(
        reverse("field_kits:index"), {"campaign": campaign.pk, "languages": ["jra"]}
    )
    kit = FieldKit.objects.get()
    radio = campaign.pieces["radio"]
    pdf = kit_pdfs(kit)[f"pdf/{radio.material_code}-jra.pdf"]
    assert qr_codes(pdf, tmp_path) == {
        f"https://bhxh.example.vn/jra/radio/{radio.slug}/v/1/"
    }
