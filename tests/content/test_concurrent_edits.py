"""Two editors with the same piece open: the second save is refused with a
message instead of silently overwriting the first."""

from django.contrib.auth import get_user_model

from tests.factories import PolicyExplainerPageFactory
from tests.page_forms import explainer_edit_data


def edit_form(client, page):
    """The edit form as the editor's browser would send it back."""
    html = client.get(f"/admin/pages/{page.pk}/edit/").content.decode()
    return explainer_edit_data(html)


def save(client, page, data, summary):
    data = data.copy()
    data["summary_vi"] = summary
    return client.post(f"/admin/pages/{page.pk}/edit/", data)


def test_the_second_of_two_concurrent_saves_is_refused(client, explainer_index):
    page = PolicyExplainerPageFactory(parent=explainer_index, summary_vi="Bản đầu.")
    page.save_revision().publish()
    first, second = (
        get_user_model().objects.create_superuser(name) for name in ("lan", "minh")
    )
    client.force_login(first)
    lan_form = edit_form(client, page)
    client.force_login(second)
    minh_form = edit_form(client, page)
    assert minh_form["base_revision"] == str(page.latest_revision_id)

    client.force_login(first)
    assert save(client, page, lan_form, "Bản của Lan.").status_code == 302
    client.force_login(second)
    refused = save(client, page, minh_form, "Bản của Minh.")
    assert refused.status_code == 200
    errors = refused.context["form"].non_field_errors().as_data()
    assert [error.code for error in errors] == ["stale"]
    assert "Bản của Minh." in refused.content.decode()  # kept in the form to copy
    page.refresh_from_db()
    assert page.get_latest_revision_as_object().summary_vi == "Bản của Lan."

    # Reloaded, Minh's form is based on Lan's save and goes through.
    assert (
        save(client, page, edit_form(client, page), "Bản của Minh.").status_code == 302
    )
    page.refresh_from_db()
    assert page.get_latest_revision_as_object().summary_vi == "Bản của Minh."


def test_the_editors_own_saves_since_opening_do_not_count(client, explainer_index):
    """Wagtail's autosave saves a revision while the editor types; the form
    still carries the revision it was opened at, and publishing must work."""
    page = PolicyExplainerPageFactory(parent=explainer_index, summary_vi="Bản đầu.")
    page.save_revision().publish()
    client.force_login(get_user_model().objects.create_superuser("lan"))
    form = edit_form(client, page)
    assert save(client, page, form, "Bản tự lưu.").status_code == 302
    published = form.copy()
    published["action-publish"] = "action-publish"
    assert save(client, page, published, "Bản của Lan.").status_code == 302
    page.refresh_from_db()
    assert page.summary_vi == "Bản của Lan."
