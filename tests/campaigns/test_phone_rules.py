"""The rules the phone checks a session against before keeping it offline,
and the reasons the server gives the phone for a kept session it refuses."""

import json

from django.urls import reverse

from campaigns.models import MaterialUse
from people.roles import TRANSLATOR
from tests.factories import user_in
from tests.officer_screens import NEW, post_data

RULES = "/vi/officer/sessions/rules/"


def test_the_phone_gets_the_server_s_rules_and_messages(client, officer, setting):
    campaign, village, piece, indicator = setting
    client.force_login(officer)
    response = client.get(RULES)
    assert response.status_code == 200
    assert "private" in response["Cache-Control"]
    rules = response.json()
    assert "vi" in rules["material"][piece.material_code]["text"]
    assert "rad" not in rules["material"][piece.material_code]["text"]
    assert rules["indicators"][str(indicator.pk)]["whole"] is True
    assert rules["indicators"][str(indicator.pk)]["fromSessions"] is True
    assert rules["attendance"]["ceiling"] == 1000
    assert rules["formatNeeds"]["audio"] == "recording"
    # In the interface's language, as the server's own form says them.
    assert rules["messages"]["unknownCode"].startswith("Không có tài liệu")
    assert "%(code)s" in rules["messages"]["unknownCode"]


def test_only_those_who_log_sessions_get_the_rules(client, db):
    assert client.get(RULES)["Location"].startswith(reverse("wagtailadmin_login"))
    client.force_login(user_in(TRANSLATOR, "translator-hoa"))
    assert client.get(RULES).status_code == 403


def test_a_kept_session_the_server_refuses_comes_back_with_its_reasons(
    client, officer, setting
):
    """As the phone's service worker sends it: asking for JSON."""
    client.force_login(officer)
    data = post_data(*setting, **{"material-0-piece": "EXP-0050", "attendance": "-5"})
    response = client.post(NEW, data, headers={"Accept": "application/json"})
    assert response.status_code == 400
    reasons = json.loads(response.content)["reasons"]
    assert any(r.startswith("Số người dự:") for r in reasons), reasons
    assert any("Tài liệu đã dùng 1" in r and "EXP-0050" in r for r in reasons)


def test_the_form_asks_for_outcomes_first_and_can_grow_rows(client, officer, setting):
    client.force_login(officer)
    form = client.get(NEW).content.decode()
    assert form.index('data-rows="outcome"') < form.index('data-rows="material"')
    assert form.index('data-rows="outcome"') < form.index("<details")
    assert form.count("<template>") == 2 and "material-__prefix__-piece" in form


def test_more_rows_than_the_form_showed_are_saved(client, officer, setting):
    campaign, village, piece, indicator = setting
    client.force_login(officer)
    rows = {"material-TOTAL_FORMS": "4"}
    for number in range(4):
        rows |= {
            f"material-{number}-piece": piece.material_code,
            f"material-{number}-language": "vi",
            f"material-{number}-format": "print",
            f"material-{number}-quantity": str(10 + number),
        }
    response = client.post(NEW, post_data(*setting, **rows))
    assert response.status_code == 302
    quantities = MaterialUse.objects.values_list("quantity", flat=True)
    assert sorted(quantities) == [10, 11, 12, 13]
