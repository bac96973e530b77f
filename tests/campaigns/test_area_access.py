"""Each person sees and logs only within the areas they work in, on every
officer screen and admin screen of sessions, targets and field kits: an
officer of one commune and a manager of another province are shown nothing
outside, and a crafted id in a URL or a form answers 404 (or is refused as
an unknown choice) and changes nothing."""

import json

from django.urls import reverse

from wagtail.test.utils.form_data import querydict_from_html

import pytest

from campaigns.models import (
    FieldKit,
    OutreachSession,
    SessionPhoto,
    SessionQuestion,
    Target,
)
from people.roles import EDITOR, MANAGER, OFFICER
from tests.factories import CampaignFactory, area, user_in
from tests.officer_screens import NEW, post_data
from tests.phone_photos import phone_upload


@pytest.fixture(autouse=True)
def private_media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private-media"


@pytest.fixture
def places(setting):
    campaign, dak_lak, piece, indicator = setting
    return {
        "dak_lak": dak_lak,
        "krong_buk": area("DLK-KB", "Krông Búk", "commune", dak_lak),
        "cu_bao": area("DLK-CB", "Cư Bao", "commune", dak_lak),
        "son_la": area("SLA", "Sơn La", "province"),
    }


@pytest.fixture
def logged(client, setting, places, officer):
    """A session in each commune and one in Sơn La, each with a photo and a
    question, logged through the officer's form by a national officer."""
    client.force_login(officer)
    sessions = {}
    for name in ("krong_buk", "cu_bao", "son_la"):
        data = post_data(*setting, area=places[name].pk, venue=f"Nhà văn hoá {name}")
        data["photo"] = phone_upload()
        response = client.post(NEW, data)
        assert response.status_code == 302, response.content.decode()[:2000]
        sessions[name] = OutreachSession.objects.get(venue=f"Nhà văn hoá {name}")
    client.logout()
    return sessions


@pytest.fixture
def krong_buk_officer(places):
    return user_in(OFFICER, "can-bo-krong-buk", [places["krong_buk"]])


@pytest.fixture
def son_la_manager(places):
    return user_in(MANAGER, "quan-ly-son-la", [places["son_la"]])


def dak_lak_target(campaign, dak_lak, piece, indicator) -> Target:
    return Target.objects.create(
        campaign=campaign,
        indicator=indicator,
        area=dak_lak,
        starts_on=campaign.starts_on,
        ends_on=campaign.ends_on,
        value=500,
    )


def officer_urls(session) -> list[str]:
    photo = SessionPhoto.objects.get(session=session)
    return [
        f"/vi/officer/sessions/{session.pk}/",
        f"/vi/officer/sessions/{session.pk}/correct/",
        f"/vi/officer/sessions/{session.pk}/withdraw/",
        f"/vi/officer/photos/{photo.pk}/",
        f"/vi/officer/photos/{photo.pk}/?size=thumb",
    ]


def state():
    return sorted(
        OutreachSession.objects.values_list(
            "pk", "area", "attendance", "notes", "withdrawn_at"
        )
    )


def test_an_officer_of_a_commune_sees_only_its_sessions(
    client, logged, krong_buk_officer
):
    client.force_login(krong_buk_officer)
    listing = client.get("/vi/officer/sessions/").content.decode()
    assert "Krông Búk" in listing
    assert "Cư Bao" not in listing and "Sơn La" not in listing
    for url in (
        officer_urls(logged["krong_buk"])[:1] + officer_urls(logged["krong_buk"])[3:]
    ):
        assert client.get(url).status_code == 200, url
    for name in ("cu_bao", "son_la"):
        for url in officer_urls(logged[name]):
            assert client.get(url).status_code == 404, url


def test_a_crafted_id_changes_nothing(client, setting, logged, krong_buk_officer):
    client.force_login(krong_buk_officer)
    before = state()
    cu_bao = logged["cu_bao"]
    response = client.post(
        f"/vi/officer/sessions/{cu_bao.pk}/withdraw/", {"reason": "Ghi nhầm."}
    )
    assert response.status_code == 404
    response = client.post(
        f"/vi/officer/sessions/{cu_bao.pk}/correct/",
        post_data(*setting, area=cu_bao.area_id, attendance="999"),
    )
    assert response.status_code == 404
    question = SessionQuestion.objects.filter(session=cu_bao).first()
    response = client.post(f"/vi/officer/questions/{question.pk}/promote/")
    assert response.status_code in (403, 404)
    assert state() == before


def test_an_officer_logs_only_inside_their_commune(
    client, setting, places, krong_buk_officer
):
    client.force_login(krong_buk_officer)
    form = client.get(NEW).content.decode()
    assert "Cư Bao" not in form
    response = client.post(NEW, post_data(*setting, area=places["cu_bao"].pk))
    assert response.status_code == 400
    assert not OutreachSession.objects.exists()
    response = client.post(NEW, post_data(*setting, area=places["krong_buk"].pk))
    assert response.status_code == 302
    assert OutreachSession.objects.get().area == places["krong_buk"]


def test_the_area_search_finds_only_inside(client, places, krong_buk_officer):
    client.force_login(krong_buk_officer)
    for text, found in (("krong", ["Krông Búk"]), ("cu bao", []), ("son la", [])):
        response = client.get(reverse("officer:areas"), {"q": text})
        names = [
            row["label"].split(" (")[0]
            for row in json.loads(response.content)["results"]
        ]
        assert names == found, text


def test_field_kits_of_a_campaign_elsewhere_are_not_shown(
    client, places, krong_buk_officer, son_la_manager
):
    in_son_la = CampaignFactory(name="Tháng BHXH toàn dân Sơn La")
    in_son_la.areas.set([places["son_la"]])
    in_son_la.save()
    kit = FieldKit.objects.create(campaign=in_son_la, languages=["vi"])
    client.force_login(krong_buk_officer)
    assert "Sơn La" not in client.get("/vi/officer/field-kits/").content.decode()
    assert client.get(f"/vi/officer/field-kits/{kit.pk}/").status_code == 404
    response = client.post(
        "/vi/officer/field-kits/", {"campaign": in_son_la.pk, "languages": ["vi"]}
    )
    assert response.status_code == 400
    assert FieldKit.objects.count() == 1
    client.force_login(son_la_manager)
    assert client.get(reverse("field_kits:detail", args=[kit.pk])).status_code == 200


def test_a_manager_of_another_province_sees_nothing_of_dak_lak(
    client, setting, logged, son_la_manager
):
    client.force_login(son_la_manager)
    listing = client.get("/vi/officer/sessions/").content.decode()
    assert "Sơn La" in listing and "Krông Búk" not in listing
    admin_listing = client.get(reverse("outreach_sessions:index"))
    assert admin_listing.status_code == 200
    text = admin_listing.content.decode()
    assert "Sơn La" in text and "Krông Búk" not in text and "Cư Bao" not in text
    for name in ("krong_buk", "cu_bao"):
        for url in officer_urls(logged[name])[:1] + officer_urls(logged[name])[3:]:
            assert client.get(url).status_code == 404, url
    target = dak_lak_target(*setting)
    assert "500" not in client.get(reverse("targets:index")).content.decode()
    for view in ("targets:edit", "targets:delete", "targets:history"):
        response = client.get(reverse(view, args=[target.pk]))
        # Wagtail sends who lacks the permission back to the dashboard.
        assert response.status_code == 404 or response["Location"] == "/admin/"


def test_a_manager_reads_and_changes_nothing(client, setting, logged):
    manager = user_in(MANAGER, "quan-ly")
    client.force_login(manager)
    session = logged["krong_buk"]
    assert client.get(f"/vi/officer/sessions/{session.pk}/").status_code == 200
    assert client.get(reverse("outreach_sessions:index")).status_code == 200
    before = state()
    edit = reverse("outreach_sessions:edit", args=[session.pk])
    admin = user_in(MANAGER, "tam")  # whose form would be refused too
    admin.is_superuser = True
    admin.save()
    admin_client = type(client)()
    admin_client.force_login(admin)
    data = querydict_from_html(
        admin_client.get(edit).content.decode(), form_id="w-editor-form"
    )
    data["attendance"] = "150"
    assert client.post(edit, data).status_code in (302, 403)
    assert client.post(
        f"/vi/officer/sessions/{session.pk}/withdraw/", {"reason": "Nhầm."}
    ).status_code in (302, 403)
    assert client.post(NEW, post_data(*setting)).status_code in (302, 403)
    assert state() == before


def test_an_editor_of_another_province_is_answered_404_in_the_admin(
    client, setting, places, logged
):
    target = dak_lak_target(*setting)
    client.force_login(user_in(EDITOR, "bien-tap-son-la", [places["son_la"]]))
    session = logged["krong_buk"]
    for url in (
        reverse("targets:edit", args=[target.pk]),
        reverse("targets:history", args=[target.pk]),
        reverse("targets:delete", args=[target.pk]),
        reverse("outreach_sessions:edit", args=[session.pk]),
        reverse("outreach_sessions:history", args=[session.pk]),
    ):
        assert client.get(url).status_code == 404, url
    assert client.post(reverse("targets:delete", args=[target.pk])).status_code == 404
    assert Target.objects.filter(pk=target.pk).exists()
    own = logged["son_la"]
    assert (
        client.get(reverse("outreach_sessions:edit", args=[own.pk])).status_code == 200
    )


@pytest.mark.parametrize(
    "url",
    [
        "/admin/outreach_sessions/",
        "/admin/targets/",
        "/admin/translations/matrix/",
        "/admin/reports/sessions/",
    ],
)
def test_filters_offer_no_campaign_of_another_province(
    client, setting, places, son_la_manager, url
):
    """The campaign named in a filter's choices is a row like any other."""
    campaign = setting[0]
    campaign.areas.set([places["dak_lak"]])
    campaign.save()
    in_son_la = CampaignFactory(name="Tháng BHXH toàn dân Sơn La")
    in_son_la.areas.set([places["son_la"]])
    in_son_la.save()
    client.force_login(son_la_manager)
    page = client.get(url)
    assert page.status_code == 200
    html = page.content.decode()
    assert f'value="{in_son_la.pk}"' in html
    assert campaign.name not in html


def test_the_targets_list_writes_figures_and_days_as_people_read_them(
    admin_client, setting
):
    target = dak_lak_target(*setting)
    target.value = 217500
    target.save()
    html = admin_client.get(reverse("targets:index")).content.decode()
    assert "217500.00" not in html
    assert f"{target.starts_on:%d/%m/%Y}" in html
