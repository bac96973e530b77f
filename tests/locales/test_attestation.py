"""The attestation names people only for approved text that is live."""

from django.contrib.auth import get_user_model
from django.template import Context, Template

from locales.attestation import attestation_for
from locales.workflow import record_translation, review
from tests.factories import PolicyExplainerPageFactory


def test_attestation_names_translators_reviewers_and_dates(explainer_index):
    users = get_user_model().objects
    translator = users.create_user("hnie", first_name="H'Nie", last_name="Êban")
    reviewer = users.create_user("yjut", first_name="Y Jut", last_name="Niê")
    page = PolicyExplainerPageFactory(parent=explainer_index, summary_rad="Klei.")
    records = [
        *record_translation(page, "summary", "rad", translator, submit=True),
        *record_translation(
            page, "title", "rad", translator, submit=True, text="Klei mgang"
        ),
    ]
    # Submitted, not approved: shown, but nobody vouches for it.
    attestation = attestation_for(page, "rad")
    assert attestation.translators == () and attestation.reviewers == ()
    assert attestation.unreviewed == 1 and not attestation.fully_approved

    review(page, records, reviewer, approve=True)
    attestation = attestation_for(page, "rad")
    assert attestation.translators == ("H'Nie Êban",)
    assert attestation.reviewers == ("Y Jut Niê",)
    assert attestation.untranslated  # the body is still in Vietnamese
    assert attestation.reviewed_at >= attestation.translated_at


def test_no_attestation_without_translation(explainer_index):
    page = PolicyExplainerPageFactory(parent=explainer_index)
    assert attestation_for(page, "jra") is None


def test_templates_can_show_the_attestation(explainer_index):
    translator = get_user_model().objects.create_user("hnie")
    page = PolicyExplainerPageFactory(parent=explainer_index)
    review(
        page, record_translation(page, "summary", "en", translator), translator, True
    )
    template = Template(
        "{% load locales_tags %}{% translation_attestation page 'en' as a %}"
        "{{ a.translators|join:', ' }}"
    )
    assert template.render(Context({"page": page})) == "hnie"
