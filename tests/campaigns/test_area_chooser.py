"""The session form's area chooser: the officer's recent areas in the page,
any other found by name (with or without tone marks), and a form that stays
small with a whole country's areas loaded."""

import re
import unicodedata

from django.contrib.auth.models import AnonymousUser
from django.utils import translation

import pytest

from campaigns.area_import import load_areas
from campaigns.area_search import recent_areas
from campaigns.management.commands.generate_load_data import seed_areas
from campaigns.models import Area, OutreachSession
from people.roles import OFFICER
from tests.factories import area, translator_user, user_in
from tests.officer_screens import NEW, post_data

AREAS = "/vi/officer/areas/"


@pytest.fixture
def places(setting):
    """Đắk Lắk (the setting's province) > Krông Búk > Cư Né > Buôn Kmu, and
    Đắk Nông beside it."""
    province = setting[1]
    district = area("DLK-KB", "Krông Búk", "district", province)
    commune = area("DLK-KB-CN", "Cư Né", "commune", district)
    village = area("DLK-KB-CN-1", "Buôn Kmu", "village", commune)
    other = area("DNO", "Đắk Nông", "province")
    return {
        "province": province,
        "district": district,
        "commune": commune,
        "village": village,
        "other": other,
    }


def found(client, text) -> list[dict]:
    response = client.get(AREAS, {"q": text})
    assert response.status_code == 200
    return response.json()["results"]


def names(results) -> list[str]:
    return [result["label"].split(" (")[0] for result in results]


def test_the_search_name_is_folded_and_kept_up_to_date(places):
    district = places["district"]
    assert district.search_name == "krong buk"
    district.name = "Krông Năng"
    district.save(update_fields=["name"])
    district.refresh_from_db()
    assert district.search_name == "krong nang"


def test_areas_loaded_from_a_file_can_be_found(db):
    load_areas(
        "code,name,parent_code,level\nGL,Gia Lai,,province\nGL-1,Đức Cơ,GL,district\n"
    )
    assert Area.objects.get(code="GL-1").search_name == "duc co"
    load_areas("code,name,parent_code,level\nGL-1,Đak Đoa,GL,district\n")
    assert Area.objects.get(code="GL-1").search_name == "dak doa"


def test_seeded_areas_can_be_found(db):
    made = seed_areas(100)
    assert Area.objects.count() == made
    assert Area.find_problems() == ([], [], [], [], [])
    assert all(a.search_name for a in Area.objects.all())


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("krong buk", "Krông Búk"),
        ("Krông Búk", "Krông Búk"),
        ("KRONG", "Krông Búk"),
        (unicodedata.normalize("NFD", "Krông Búk"), "Krông Búk"),
        ("buk", "Krông Búk"),
        ("cu ne", "Cư Né"),
    ],
)
def test_an_area_is_found_typed_with_or_without_tone_marks(
    client, officer, places, text, expected
):
    client.force_login(officer)
    assert expected in names(found(client, text))


@pytest.mark.parametrize(
    "text", ["đak", "dak", "Đắk", unicodedata.normalize("NFD", "Đắk")]
)
def test_dak_lak_is_found_with_or_without_the_crossed_d(client, officer, places, text):
    client.force_login(officer)
    assert {"Đắk Lắk", "Đắk Nông"} <= set(names(found(client, text)))


def test_a_result_says_what_it_is_and_where_it_lies(client, officer, places):
    client.force_login(officer)
    [village] = found(client, "buon kmu")
    assert village["id"] == places["village"].pk
    assert village["within"] == "Cư Né, Krông Búk, Đắk Lắk"
    with translation.override("vi"):
        assert village["label"] == places["village"].label
    assert found(client, "krong buk")[0]["within"] == "Đắk Lắk"
    assert found(client, "dak nong")[0]["within"] == ""


def test_names_starting_with_the_text_come_first(client, officer, places):
    area("DLK-KB-BK", "Búk Mới", "commune", places["district"])
    client.force_login(officer)
    assert names(found(client, "buk")) == ["Búk Mới", "Krông Búk"]


def test_at_most_twenty_areas_in_a_constant_number_of_queries(
    client, officer, places, django_assert_max_num_queries
):
    seed_areas(2000)
    client.force_login(officer)
    found(client, "dak")  # the first request also saves the session
    # Six are the request's own (cache generation, session, user, two for
    # permissions, the areas the officer works in); the rest the search,
    # however many areas match.
    with django_assert_max_num_queries(9):
        results = found(client, "dak")
    assert len(results) == 20
    with django_assert_max_num_queries(9):
        assert len(found(client, "e")) == 20
    with django_assert_max_num_queries(9):
        assert len(found(client, "buon kmu")) == 1


def test_with_no_text_the_officers_recent_areas_come_last_used_first(
    client, officer, places, setting, django_assert_max_num_queries
):
    client.force_login(officer)
    for place in ("village", "district", "village", "commune"):
        response = client.post(NEW, post_data(*setting, area=places[place].pk))
        assert response.status_code == 302
    with django_assert_max_num_queries(9):
        recent = found(client, "")
    assert [result["id"] for result in recent] == [
        places["commune"].pk,
        places["village"].pk,
        places["district"].pk,
    ]
    # Another officer's sessions are not theirs.
    assert recent_areas(AnonymousUser()) == []
    client.force_login(user_in(OFFICER, "officer-lan"))
    assert found(client, "") == []


def test_only_officers_may_search_areas(client, places):
    response = client.get(AREAS, {"q": "dak"})
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")
    client.force_login(translator_user("translator-h", "rad"))
    assert client.get(AREAS, {"q": "dak"}).status_code == 403


def test_the_form_offers_recent_areas_and_accepts_any_other(
    client, officer, places, setting
):
    client.force_login(officer)
    form = client.get(NEW).content.decode()
    assert f'value="{places["village"].pk}"' not in form
    assert 'type="search"' in form and AREAS in form
    # An area never offered in the page, as the search box chooses it.
    response = client.post(NEW, post_data(*setting, area=places["village"].pk))
    assert response.status_code == 302
    assert OutreachSession.objects.get().area == places["village"]
    form = client.get(NEW).content.decode()
    assert re.search(
        rf'<option value="{places["village"].pk}">Buôn Kmu \([^)]+\) – '
        r"Cư Né, Krông Búk, Đắk Lắk</option>",
        form,
    )


def test_a_form_sent_back_with_errors_keeps_the_area_chosen(
    client, officer, places, setting
):
    client.force_login(officer)
    response = client.post(NEW, post_data(*setting, area=places["commune"].pk, day=""))
    assert response.status_code == 400
    assert re.search(
        rf'<option value="{places["commune"].pk}" selected>',
        response.content.decode(),
    )
    bad = client.post(NEW, post_data(*setting, area="999999"))
    assert bad.status_code == 400
    assert not OutreachSession.objects.exists()


def test_the_correction_form_shows_and_keeps_the_sessions_area(
    client, officer, places, setting
):
    client.force_login(officer)
    client.post(NEW, post_data(*setting, area=places["commune"].pk))
    session = OutreachSession.objects.get()
    # Another officer's area, never used by this one, stays on the form.
    OutreachSession.objects.filter(pk=session.pk).update(area=places["other"])
    url = f"/vi/officer/sessions/{session.pk}/correct/"
    page = client.get(url).content.decode()
    assert re.search(rf'<option value="{places["other"].pk}" selected>', page)


def test_the_form_stays_small_with_thousands_of_areas(client, officer, setting):
    seed_areas(5000)
    assert Area.objects.count() > 5000
    client.force_login(officer)
    response = client.get(NEW)
    assert len(response.content) < 40 * 1024
