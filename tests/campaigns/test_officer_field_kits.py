"""Field kits on the officer's screens: ask for one, download it; only with
the field-kit permissions, in the admin as on the officer's screens."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.urls import reverse

from campaigns.models import FieldKit
from people.roles import TRANSLATOR, permission
from tests.factories import user_in
from tests.officer_screens import KITS


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
