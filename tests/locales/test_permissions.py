"""A translator changes only their own languages' text, whatever is posted."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission

from wagtail.models import GroupPagePermission

import pytest

from locales.models import LanguageGrant
from locales.permissions import editable_languages
from tests.factories import PolicyExplainerPageFactory, stream
from tests.page_forms import HEADING, explainer_edit_data


def edit_form_data(client, page, **changes):
    """The page's edit form as a browser would post it. Wagtail builds stream
    inputs with JavaScript, so bodies are given here: one heading in
    Vietnamese, empty elsewhere, plus `changes`."""
    response = client.get(f"/admin/pages/{page.pk}/edit/")
    assert response.status_code == 200
    data = explainer_edit_data(response.content.decode())
    for key, value in changes.items():
        data[key] = value
    return data


def explainer(parent, **fields):
    return PolicyExplainerPageFactory(
        parent=parent,
        body_vi=stream(("heading", {"text": HEADING})),
        body_en=stream(),
        **fields,
    )


@pytest.fixture
def ede_translator(explainer_index):
    group = Group.objects.create(name="Translators")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    GroupPagePermission.objects.create(
        group=group, page=explainer_index, permission_type="change"
    )
    user = get_user_model().objects.create_user("h-nie")
    user.groups.add(group)
    LanguageGrant.objects.create(user=user, language="rad")
    return user


def test_editable_languages(ede_translator, admin_user, db):
    editor = get_user_model().objects.create_user("editor")
    assert editable_languages(ede_translator) == {"rad"}
    assert editable_languages(admin_user) is None
    assert editable_languages(editor) is None


def test_a_translator_changes_only_their_languages_fields(
    client, ede_translator, explainer_index
):
    page = explainer(explainer_index, summary_jra="")
    client.force_login(ede_translator)
    data = edit_form_data(
        client,
        page,
        title_rad="Klei hriăm Êđê",
        summary_rad="Klei mdah.",
        summary_vi="Nguồn bị sửa trái phép",
        summary_jra="Jrai text posted anyway",
        slug="changed-slug",
        material_code="EXP-9999",
    )
    response = client.post(f"/admin/pages/{page.pk}/edit/", data)
    assert response.status_code == 302, response.context["form"].errors

    page.refresh_from_db()
    draft = page.get_latest_revision_as_object()
    assert draft.title_rad == "Klei hriăm Êđê"
    assert draft.summary_rad == "Klei mdah."
    assert draft.summary_vi == page.summary_vi
    assert draft.summary_jra == ""
    assert draft.slug == page.slug
    assert draft.material_code == page.material_code


def test_an_editor_changes_every_language(admin_client, explainer_index):
    page = explainer(explainer_index)
    data = edit_form_data(
        admin_client, page, summary_vi="Tóm tắt mới", summary_jra="Jrai"
    )
    assert admin_client.post(f"/admin/pages/{page.pk}/edit/", data).status_code == 302
    page.refresh_from_db()
    draft = page.get_latest_revision_as_object()
    assert (draft.summary_vi, draft.summary_jra) == ("Tóm tắt mới", "Jrai")
