"""Who changed campaigns, targets, sessions and translation states, and when,
is in Wagtail's audit log."""

import datetime
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from wagtail.models import ModelLogEntry, PageLogEntry
from wagtail.test.utils.form_data import querydict_from_html
from wagtail.users.models import UserProfile

from campaigns.models import OutreachSession, Target
from locales.workflow import record_translation, review
from tests.factories import (
    CampaignFactory,
    IndicatorFactory,
    PolicyExplainerPageFactory,
    area,
)
from tests.officer_screens import NEW, post_data


def entries_for(instance, pk=None):
    """The log entries of `instance` (or of the deleted one that had `pk`)."""
    return ModelLogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(instance),
        object_id=str(pk or instance.pk),
    ).order_by("pk")


def test_a_session_logged_by_an_officer_is_in_the_log(client, officer, setting):
    client.force_login(officer)
    client.post(NEW, post_data(*setting))
    session = OutreachSession.objects.get()
    entry = entries_for(session).get()
    assert (entry.action, entry.user) == ("wagtail.create", officer)


def test_admin_changes_to_campaigns_and_targets_are_in_the_log(
    admin_client, admin_user
):
    campaign = CampaignFactory()
    campaign.areas.add(area("DLK", "Đắk Lắk", "province"))
    edit = reverse("campaigns:edit", args=[campaign.pk])
    data = querydict_from_html(
        admin_client.get(edit).content.decode(), form_id="w-editor-form"
    )
    data["name_vi"] = "Tháng cao điểm BHXH toàn dân"
    response = admin_client.post(edit, data)
    assert response.status_code == 302, response.context["form"].errors
    assert [(e.action, e.user) for e in entries_for(campaign)] == [
        ("wagtail.edit", admin_user)
    ]

    target = Target.objects.create(
        indicator=IndicatorFactory(),
        campaign=campaign,
        starts_on=datetime.date(2025, 10, 1),
        ends_on=datetime.date(2025, 10, 20),
        value=Decimal(500),
    )
    pk = target.pk
    assert admin_client.post(reverse("targets:delete", args=[pk])).status_code == 302
    entry = entries_for(target, pk).get()
    assert (entry.action, entry.user) == ("wagtail.delete", admin_user)


def test_translation_states_are_in_the_pieces_history(
    admin_client, admin_user, explainer_index
):
    piece = PolicyExplainerPageFactory(parent=explainer_index, summary_en="Hello.")
    translator = get_user_model().objects.create_user("h-nie")
    reviewer = get_user_model().objects.create_user("y-jut")
    records = record_translation(piece, "summary", "en", translator, submit=True)
    review(piece, records, reviewer, approve=False, comment="Giữ con số.")
    records = record_translation(piece, "summary", "en", translator, submit=True)
    review(piece, records, reviewer, approve=True)
    entries = PageLogEntry.objects.filter(page=piece, action__startswith="loa.")
    assert [
        (e.action, e.user.username, e.data["language"]) for e in entries.order_by("pk")
    ] == [
        ("loa.translation.needs_review", "h-nie", "en"),
        ("loa.translation.sent_back", "y-jut", "en"),
        ("loa.translation.needs_review", "h-nie", "en"),
        ("loa.translation.approved", "y-jut", "en"),
    ]
    profile = UserProfile.get_for_user(admin_user)
    profile.preferred_language = "en"  # the admin in English
    profile.save()
    history = admin_client.get(reverse("wagtailadmin_pages:history", args=[piece.pk]))
    assert (
        "Approved the English (en) translation of summary" in history.content.decode()
    )
