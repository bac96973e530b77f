"""Field kits on the officer's screens: ask for one, download it; only with
the field-kit permissions, in the admin as on the officer's screens."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.urls import reverse

from campaigns.models import FieldKit
from people.roles import TRANSLATOR, permission
from tests.factories import translator_user, user_in
from tests.locales.sheet import approve, translate
from tests.officer_screens import KITS
from tests.page_forms import publish_in_editor


def test_an_officer_asks_for_a_kit_and_downloads_it(client, officer, campaign):
    client.force_login(officer)
    form = client.get(KITS)
    assert form.status_code == 200
    assert b'name="languages"' in form.content
    response = client.post(KITS, {"campaign": campaign.pk, "languages": ["vi", "rad"]})
    kit = FieldKit.objects.get()
    assert response["Location"] == f"/vi/officer/field-kits/{kit.pk}/"
    assert kit.requested_by == officer
    detail = client.get(response["Location"]).content.decode()
    assert kit.file.url in detail and "download" in detail
    assert str(campaign) in client.get(KITS).content.decode()
    # The same kit asked again is the one already built.
    again = client.post(KITS, {"campaign": campaign.pk, "languages": ["vi", "rad"]})
    assert again["Location"] == response["Location"]


def test_a_kit_with_no_language_is_refused_with_a_message(client, officer, campaign):
    client.force_login(officer)
    response = client.post(KITS, {"campaign": campaign.pk})
    assert response.status_code == 400
    assert response.context["form"].errors["languages"]
    assert not FieldKit.objects.exists()


def test_without_the_permission_no_kit_is_made(client, campaign):
    translator = user_in(TRANSLATOR, "h-nie")
    client.force_login(translator)
    data = {"campaign": campaign.pk, "languages": ["vi"]}
    assert client.post(KITS, data).status_code == 403
    admin_kits = reverse("field_kits:index")
    for response in (client.get(admin_kits), client.post(admin_kits, data)):
        # Wagtail's admin answers a refusal with its home page and a message.
        assert response.status_code == 302 and response["Location"] == "/admin/"
    assert not FieldKit.objects.exists()


def test_with_the_view_permission_alone_kits_are_listed_but_not_made(
    client,
    campaign,
):
    readers = Group.objects.create(name="Kit readers")
    readers.permissions.add(permission("campaigns.view_fieldkit"))
    reader = get_user_model().objects.create_user("reader")
    reader.groups.add(readers)
    client.force_login(reader)
    page = client.get(KITS)
    assert page.status_code == 200 and b'name="languages"' not in page.content
    response = client.post(KITS, {"campaign": campaign.pk, "languages": ["vi"]})
    assert response.status_code == 403
    assert not FieldKit.objects.exists()


def test_a_kit_is_superseded_by_a_real_change_only_and_says_which(
    client, officer, campaign
):
    """Approving a Tai Dam translation leaves a Vietnamese and Ede kit as it
    is; an edit of the Vietnamese supersedes it, named with its note, on the
    officer's list and on the kit's page."""
    client.force_login(officer)
    response = client.post(KITS, {"campaign": campaign.pk, "languages": ["vi", "rad"]})
    kit_page = response["Location"]
    explainer = campaign.pieces["explainer"]

    number = explainer.title_vi.split()[-1]
    texts = {"unit:title:": f"ꪎꪱꪣ {number}", "Đóng theo": "ꪁꪱꪙ ꪜꪸꪒ"}
    translate(client, explainer, translator_user("lo", "blt"), texts, language="blt")
    reviewer = translator_user("cam", "blt", reviewer=True)
    assert approve(client, explainer, reviewer, language="blt").status_code == 302
    client.force_login(officer)
    assert "Đã cũ" not in client.get(KITS).content.decode()
    assert "Đã cũ" not in client.get(kit_page).content.decode()

    editor = get_user_model().objects.create_superuser("lan")
    note = "Mức đóng mới từ 01/07/2025"
    publish_in_editor(
        client, explainer, editor, summary_vi="Mức đóng mới.", change_note=note
    )
    client.force_login(officer)
    assert "Đã cũ: có phiên bản mới hơn" in client.get(KITS).content.decode()
    detail = client.get(kit_page).content.decode()
    code = explainer.material_code
    # Vietnamese readers see the new summary; so do Ede readers, shown the
    # Vietnamese in place of an Ede summary.
    assert f"{code} (vi): v1 → v2 – {note}" in detail
    assert f"{code} (rad): v1 → v2 – {note}" in detail
