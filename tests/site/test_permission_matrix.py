"""Every write path, tried as every role and anonymously: allowed where the
table says so, and a refused attempt changes nothing in the database.

Roles have a second dimension, the areas a person works in: the session
tried here is in Đắk Lắk, and the editor and officer of Sơn La may not touch
it, while content and national campaigns are theirs as anyone's.

The roles are the groups `setup_roles` makes (people.roles), with Ede granted
to the translator and the reviewer; the administrator is a superuser. Each
attempt posts what the path's own form would send, filled in by an
administrator's browser, so that a refusal comes from the permission and
never from a malformed request.
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass

from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from wagtail.test.utils.form_data import (
    querydict_from_html,
)

import pytest

from campaigns.models import (
    AreaAssignment,
    Campaign,
    FieldKit,
    MaterialUse,
    OutreachSession,
    Target,
    ToolkitItem,
)
from locales.exchange.export import export_units
from locales.exchange.formats import write
from locales.models import GlossaryTerm, LanguageGrant, TranslationRecord
from locales.translation_sheet import build_sheet
from locales.workflow import record_translation
from people.roles import EDITOR, MANAGER, OFFICER, REVIEWER, TRANSLATOR, setup_roles
from tests.factories import (
    CampaignFactory,
    IndicatorFactory,
    PolicyExplainerPageFactory,
    area,
    stream,
)
from tests.page_forms import explainer_edit_data

ANONYMOUS, ADMINISTRATOR = "anonymous", "administrator"
ROLES = {
    ANONYMOUS: None,
    "officer": OFFICER,
    "translator": TRANSLATOR,
    "reviewer": REVIEWER,
    "editor": EDITOR,
    "manager": MANAGER,
    "officer of Sơn La": OFFICER,
    "editor of Sơn La": EDITOR,
    ADMINISTRATOR: None,
}
# The people above who work in one province; the others, for the country.
WORKS_IN_SON_LA = {"officer of Sơn La", "editor of Sơn La"}
# Rows that change by merely being looked at, not by a write.
NOT_WRITES = {"sessions.Session", "wagtailusers.UserProfile"}


@dataclass
class World:
    """What the write paths act on, and an administrator's browser."""

    piece: object
    campaign: Campaign
    session: OutreachSession
    indicator: object
    province: object
    other_province: object
    submitted: TranslationRecord
    admin: Client


@pytest.fixture
def world(explainer_index, django_user_model) -> World:
    piece = PolicyExplainerPageFactory(
        parent=explainer_index,
        title_vi="Bảo hiểm xã hội tự nguyện",
        summary_vi="Giảm 30 % cho người thứ hai trong hộ.",
        body_vi=stream(("heading", {"text": "Ai được tham gia"})),
        body_en=stream(),
    )
    piece.save_revision().publish()
    province = area("DLK", "Đắk Lắk", "province")
    campaign = CampaignFactory()
    ToolkitItem.objects.create(campaign=campaign, piece=piece)
    indicator = IndicatorFactory()
    session = OutreachSession.objects.create(
        campaign=campaign,
        kind="village_meeting",
        starts_at=datetime.datetime(2025, 10, 8, 8, 30, tzinfo=datetime.UTC),
        area=province,
        attendance=60,
        notes="Chị H'Linh hỏi về mức đóng.",
    )
    author = django_user_model.objects.create_user("y-jut-author")
    [submitted] = record_translation(
        piece, "title", "rad", author, submit=True, text="Klei mgang kđi asei"
    )
    admin = Client()
    admin.force_login(django_user_model.objects.create_superuser("quan-tri"))
    other_province = area("SLA", "Sơn La", "province")
    return World(
        piece, campaign, session, indicator, province, other_province, submitted, admin
    )


@pytest.fixture
def people(world, django_user_model) -> dict:
    """{role name: a user in that role, or None for anonymous}."""
    setup_roles()
    users = {ANONYMOUS: None}
    for name, role in ROLES.items():
        if name == ANONYMOUS:
            continue
        if role is None:
            users[name] = django_user_model.objects.create_superuser(name)
            continue
        users[name] = django_user_model.objects.create_user(name)
        users[name].groups.add(Group.objects.get(name=role.group))
        if name in WORKS_IN_SON_LA:
            AreaAssignment.objects.create(user=users[name], area=world.other_province)
        if role in (TRANSLATOR, REVIEWER):
            LanguageGrant.objects.create(user=users[name], language="rad")
    return users


def admin_form(world, url, form_id=None):
    """The form at `url` as an administrator's browser would send it back."""
    response = world.admin.get(url)
    assert response.status_code == 200, url
    return querydict_from_html(response.content.decode(), form_id=form_id)


# Each path: a function that prepares the request (as an administrator's
# browser would fill it in) and returns what sends it, and the state it would
# change, compared before and after.


def edit_page(world, publish=False):
    url = f"/admin/pages/{world.piece.pk}/edit/"
    data = explainer_edit_data(world.admin.get(url).content.decode())
    data["summary_vi"] = "Một bản tóm tắt khác."
    if publish:
        data["action-publish"] = "action-publish"
    return lambda client: client.post(f"/admin/pages/{world.piece.pk}/edit/", data)


def page_state(world):
    page = type(world.piece).objects.get(pk=world.piece.pk)
    return page.latest_revision_id, page.live_revision_id, page.summary_vi


def translate_url(world, language="rad"):
    content_type = ContentType.objects.get_for_model(world.piece)
    return f"/admin/translations/{content_type.pk}/{world.piece.pk}/{language}/"


def save_translation(world):
    sheet = build_sheet(world.piece, "rad")
    data = {"baseline": sheet.baseline, "action": "save"}
    for section in sheet.sections:
        for row in section.rows:
            data[row.input_name] = f"Êđê: {row.unit.source}"
    return lambda client: client.post(translate_url(world), data)


def approve_translation(world):
    def send(client):
        form = client.get(translate_url(world))
        baseline = form.context["sheet"].baseline if form.status_code == 200 else ""
        data = {"action": "approve", "comment": "", "baseline": baseline}
        return client.post(translate_url(world), data)

    return send


def translation_state(world):
    return sorted(
        TranslationRecord.objects.values_list("field", "language", "status", "text")
    ), page_state(world)


def import_translations(world):
    data = write(export_units([world.piece], "rad"), "po").replace(
        b'msgstr ""\n\n', b'msgstr "Klei hriam"\n\n', 1
    )

    def send(client):
        upload = SimpleUploadedFile("loa-rad.po", data)
        response = client.post(
            "/admin/translations/import/", {"language": "rad", "file": upload}
        )
        job = response.get("Location", "")
        if not job.startswith("/admin/translations/import/"):
            return response
        # The preview is ready (the test settings run jobs at once): confirm.
        return client.post(f"{job}confirm/")

    return send


def add_glossary_term(world):
    data = admin_form(world, reverse("glossary:add"), "w-editor-form")
    data.update(language="rad", source_term="bảo hiểm y tế", translation="klei mgang")
    return lambda client: client.post(reverse("glossary:add"), data)


def add_campaign(world):
    data = admin_form(world, reverse("campaigns:add"), "w-editor-form")
    data.update(
        name_vi="Tháng BHXH toàn dân",
        kind="month",
        status="planned",
        starts_on="2025-10-01",
        ends_on="2025-10-31",
        organising_unit="BHXH tỉnh Đắk Lắk",
        areas=world.province.pk,
    )
    return lambda client: client.post(reverse("campaigns:add"), data)


def add_target(world):
    data = admin_form(world, reverse("targets:add"), "w-editor-form")
    data.update(
        campaign=world.campaign.pk,
        indicator=world.indicator.pk,
        starts_on="2025-10-01",
        ends_on="2025-10-20",
        value="500",
    )
    return lambda client: client.post(reverse("targets:add"), data)


def log_session(world):
    return lambda client: client.post(
        "/vi/officer/sessions/new/",
        {
            "campaign": world.campaign.pk,
            "kind": "village_meeting",
            "day": "2025-10-28",
            "time": "08:30",
            "area": world.province.pk,
            "attendance": "84",
            "languages": ["vi", "rad"],
            "material-TOTAL_FORMS": "1",
            "material-INITIAL_FORMS": "0",
            "material-0-piece": world.piece.pk,
            "material-0-language": "vi",
            "material-0-format": "print",
            "material-0-quantity": "40",
            "outcome-TOTAL_FORMS": "0",
            "outcome-INITIAL_FORMS": "0",
        },
    )


def session_edit_url(world):
    return reverse("outreach_sessions:edit", args=[world.session.pk])


def change_session(world):
    data = admin_form(world, session_edit_url(world), "w-editor-form")
    data["attendance"] = "150"
    data["notes"] = "Đối thoại với 150 đại biểu."
    return lambda client: client.post(session_edit_url(world), data)


def add_material_use(world):
    data = admin_form(world, session_edit_url(world), "w-editor-form")
    row = int(data["material_uses-TOTAL_FORMS"])
    data["material_uses-TOTAL_FORMS"] = str(row + 1)
    data.update(
        {
            f"material_uses-{row}-piece": str(world.piece.pk),
            f"material_uses-{row}-language": "vi",
            f"material_uses-{row}-format": "print",
            f"material_uses-{row}-quantity": "200",
            f"material_uses-{row}-id": "",
            f"material_uses-{row}-DELETE": "",
        }
    )
    return lambda client: client.post(session_edit_url(world), data)


def correct_session(world):
    url = f"/vi/officer/sessions/{world.session.pk}/correct/"
    data = admin_form(world, url, "session-form")
    data["attendance"] = "150"
    return lambda client: client.post(url, dict(data.lists()))


def withdraw_session(world):
    url = f"/vi/officer/sessions/{world.session.pk}/withdraw/"
    return lambda client: client.post(url, {"reason": "Ghi trùng hai lần."})


def delete_session(world):
    url = reverse("outreach_sessions:delete", args=[world.session.pk])
    return lambda client: client.post(url)


def session_state(world):
    return (
        list(
            OutreachSession.objects.values_list(
                "pk", "attendance", "notes", "withdrawn_at"
            )
        ),
        list(MaterialUse.objects.values_list("session", "language", "quantity")),
    )


def build_field_kit(world):
    return lambda client: client.post(
        "/vi/officer/field-kits/",
        {"campaign": world.campaign.pk, "languages": ["vi"]},
    )


def build_field_kit_in_admin(world):
    return lambda client: client.post(
        reverse("field_kits:index"),
        {"campaign": world.campaign.pk, "languages": ["vi"]},
    )


def add_user(world):
    data = admin_form(world, reverse("wagtailusers_users:add"), "w-editor-form")
    data.update(
        username="nguoi-moi",
        email="nguoi-moi@loa.example",
        first_name="Người",
        last_name="Mới",
        password1="Mat-khau-dai-7",
        password2="Mat-khau-dai-7",
        is_superuser="on",
    )
    return lambda client: client.post(reverse("wagtailusers_users:add"), data)


def make_officer_an_administrator(world):
    officer = get_user_model().objects.get(username="officer")
    url = reverse("wagtailusers_users:edit", args=[officer.pk])
    data = admin_form(world, url, "w-editor-form")
    data.update(
        email="officer@loa.example",
        first_name="Mai",
        last_name="Nguyễn",
        is_superuser="on",
    )
    return lambda client: client.post(url, data)


def user_state(world):
    return sorted(get_user_model().objects.values_list("username", "is_superuser"))


@dataclass
class WritePath:
    attempt: Callable
    state: Callable
    allowed: set[str]


EDITING = {"editor", "editor of Sơn La", ADMINISTRATOR}
TRANSLATING = {"translator", "reviewer", *EDITING}
WRITE_PATHS = {
    "edit a page": WritePath(edit_page, page_state, EDITING),
    "publish a page": WritePath(
        lambda world: edit_page(world, publish=True), page_state, EDITING
    ),
    "save a translation": WritePath(save_translation, translation_state, TRANSLATING),
    "approve a translation": WritePath(
        approve_translation, translation_state, {"reviewer", ADMINISTRATOR}
    ),
    "import translations": WritePath(
        import_translations, translation_state, TRANSLATING
    ),
    "add a glossary term": WritePath(
        add_glossary_term,
        lambda world: list(
            GlossaryTerm.objects.values_list("source_term", "translation")
        ),
        EDITING,
    ),
    # A campaign in Đắk Lắk.
    "add a campaign": WritePath(
        add_campaign,
        lambda world: list(Campaign.objects.values_list("pk", "name")),
        {"editor", ADMINISTRATOR},
    ),
    # A target for the whole of a national campaign lies outside Sơn La.
    "add a target": WritePath(
        add_target,
        lambda world: list(Target.objects.values_list("pk", "value")),
        {"editor", ADMINISTRATOR},
    ),
    "log a session with material": WritePath(
        log_session, session_state, {"officer", "editor", ADMINISTRATOR}
    ),
    "change a session": WritePath(
        change_session, session_state, {"editor", ADMINISTRATOR}
    ),
    # The officer may correct and withdraw only the sessions they logged or
    # held: this one is someone else's.
    "correct a session on the officer's screen": WritePath(
        correct_session, session_state, {"editor", ADMINISTRATOR}
    ),
    "withdraw a session": WritePath(
        withdraw_session, session_state, {"editor", ADMINISTRATOR}
    ),
    # Editors withdraw sessions; deleting one is left to administrators.
    "delete a session": WritePath(delete_session, session_state, {ADMINISTRATOR}),
    "add material use to a session": WritePath(
        add_material_use, session_state, {"editor", ADMINISTRATOR}
    ),
    # The campaign is a national one: its kit is everyone's.
    "build a field kit": WritePath(
        build_field_kit,
        lambda world: list(FieldKit.objects.values_list("pk", flat=True)),
        {"officer", "officer of Sơn La", *EDITING},
    ),
    "build a field kit in the admin": WritePath(
        build_field_kit_in_admin,
        lambda world: list(FieldKit.objects.values_list("pk", flat=True)),
        EDITING,
    ),
    "add a user": WritePath(add_user, user_state, {ADMINISTRATOR}),
    "make a user an administrator": WritePath(
        make_officer_an_administrator, user_state, {ADMINISTRATOR}
    ),
}


def database_counts() -> dict[str, int]:
    return {
        model._meta.label: model.objects.count()
        for model in apps.get_models()
        if model._meta.label not in NOT_WRITES and not model._meta.proxy
    }


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("path_name", WRITE_PATHS)
def test_write_path_as_role(client, world, people, path_name, role):
    path = WRITE_PATHS[path_name]
    if people[role] is not None:
        client.force_login(people[role])
    send = path.attempt(world)
    before, counts = path.state(world), database_counts()
    response = send(client)
    assert response.status_code < 500
    if role in path.allowed:
        assert path.state(world) != before, f"{role} could not {path_name}"
    else:
        assert path.state(world) == before, f"{role} could {path_name}"
        assert database_counts() == counts, f"{role}'s refused {path_name} wrote"
        if role == ANONYMOUS:
            assert response.status_code == 302
            assert response["Location"].startswith("/admin/login/")


def test_drafts_and_session_records_never_reach_anonymous_visitors(
    client, world, people, explainer_index
):
    draft = world.piece.get_latest_revision_as_object()
    draft.summary_vi = "Bản nháp chưa duyệt."
    draft.save_revision()
    unpublished = PolicyExplainerPageFactory(
        parent=explainer_index, title_vi="Trang chưa xuất bản"
    )
    unpublished.unpublish()
    public = client.get(world.piece.url).content.decode()
    assert "Giảm 30 %" in public and "Bản nháp chưa duyệt." not in public
    assert client.get(f"/vi/explainers/{unpublished.slug}/").status_code == 404
    api = client.get("/api/v2/pages/", {"fields": "*"}).content.decode()
    assert "Bản nháp chưa duyệt." not in api and "Trang chưa xuất bản" not in api
    assert client.get(f"/api/v2/pages/{unpublished.pk}/").status_code == 404
    campaign = client.get(f"/api/v2/campaigns/{world.campaign.pk}/").content.decode()
    assert "H'Linh" not in campaign and "village_meeting" not in campaign
    for path in ("/vi/officer/sessions/", f"/vi/officer/sessions/{world.session.pk}/"):
        response = client.get(path)
        assert response.status_code == 302
        assert response["Location"].startswith("/admin/login/")
        client.force_login(people["translator"])
        assert client.get(path).status_code == 403
        client.logout()
