"""Editors create material through the admin; bad input gets a form error."""

from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import (
    inline_formset,
    nested_form_data,
    rich_text,
    streamfield,
)

from content.models import (
    ExplainerIndexPage,
    FAQAnswerPage,
    FAQIndexPage,
    HomePage,
    PolicyExplainerPage,
    RadioScriptIndexPage,
    RadioScriptPage,
    TopicIndexPage,
)
from locales.registry import load_languages
from tests.factories import (
    ExplainerIndexPageFactory,
    FAQIndexPageFactory,
    HomePageFactory,
    PolicyExplainerPageFactory,
    RadioScriptIndexPageFactory,
)

OTHER_LANGUAGES = [language.code for language in load_languages()][1:]


def empty_streams(field):
    """Form data for `field` left empty in every language but the source."""
    return {f"{field}_{code}": streamfield([]) for code in OTHER_LANGUAGES}


class PageTreeTests(WagtailPageTestCase):
    def test_tree_is_locked(self):
        self.assertAllowedParentPageTypes(HomePage, {Page})
        self.assertAllowedSubpageTypes(
            HomePage,
            {ExplainerIndexPage, RadioScriptIndexPage, FAQIndexPage, TopicIndexPage},
        )
        self.assertAllowedParentPageTypes(TopicIndexPage, {HomePage})
        self.assertAllowedSubpageTypes(TopicIndexPage, set())
        self.assertAllowedParentPageTypes(ExplainerIndexPage, {HomePage})
        self.assertAllowedSubpageTypes(ExplainerIndexPage, {PolicyExplainerPage})
        self.assertAllowedParentPageTypes(PolicyExplainerPage, {ExplainerIndexPage})
        self.assertAllowedSubpageTypes(PolicyExplainerPage, set())
        self.assertAllowedParentPageTypes(RadioScriptPage, {RadioScriptIndexPage})
        self.assertAllowedSubpageTypes(RadioScriptPage, set())
        self.assertAllowedParentPageTypes(FAQAnswerPage, {FAQIndexPage})
        self.assertAllowedSubpageTypes(FAQAnswerPage, set())


class AdminCreationTests(WagtailPageTestCase):
    def setUp(self):
        root = Page.get_first_root_node()
        for child in root.get_children():
            child.delete()
        self.home = HomePageFactory(parent=root)
        self.explainers = ExplainerIndexPageFactory(parent=self.home)
        self.radio = RadioScriptIndexPageFactory(parent=self.home)
        self.faq = FAQIndexPageFactory(parent=self.home)
        self.login()

    def explainer_data(self, **overrides):
        data = {
            "title_vi": "Thẻ căn cước thay thẻ bảo hiểm y tế",
            "slug": "the-can-cuoc",
            "summary_vi": "Dùng thẻ căn cước gắn chip để khám chữa bệnh.",
            "body_vi": streamfield(
                [
                    ("heading", {"text": "Mang theo gì"}),
                    ("paragraph", rich_text("<p>Thẻ căn cước gắn chip.</p>")),
                ]
            ),
            **empty_streams("body"),
        }
        data.update(overrides)
        return nested_form_data(data)

    def create_url(self, model, parent):
        return f"/admin/pages/add/content/{model._meta.model_name}/{parent.pk}/"

    def test_explainer_can_be_created(self):
        self.assertCanCreate(
            self.explainers, PolicyExplainerPage, self.explainer_data()
        )
        page = PolicyExplainerPage.objects.get(slug="the-can-cuoc")
        assert page.material_code == "EXP-0001"
        assert page.body_vi[0].value["text"] == "Mang theo gì"
        assert not page.body_en

    def test_radio_script_can_be_created(self):
        data = {
            "title_vi": "Thông báo tháng bảo hiểm xã hội",
            "slug": "thong-bao",
            "format": "announcement",
            "slot_seconds": "90",
            "body_vi": streamfield(
                [
                    (
                        "speaker_line",
                        {"speaker": "Phát thanh viên", "text": "Kính thưa bà con."},
                    )
                ]
            ),
            **empty_streams("body"),
            "recordings": inline_formset([]),
        }
        self.assertCanCreate(self.radio, RadioScriptPage, nested_form_data(data))
        assert RadioScriptPage.objects.get().material_code == "RAD-0001"

    def test_faq_answer_can_be_created(self):
        data = {
            "title_vi": "Tôi có thể đóng hằng tháng không?",
            "slug": "dong-hang-thang",
            "short_answer_vi": "Có.",
            "full_answer_vi": rich_text("<p>Có, tại bưu điện xã.</p>"),
        }
        self.assertCanCreate(self.faq, FAQAnswerPage, nested_form_data(data))
        assert (
            FAQAnswerPage.objects.get().question == "Tôi có thể đóng hằng tháng không?"
        )

    def test_source_language_is_required_to_publish(self):
        response = self.client.post(
            self.create_url(PolicyExplainerPage, self.explainers),
            self.explainer_data(
                summary_vi="", summary_en="In English only.", **{"action-publish": "1"}
            ),
        )
        assert response.status_code == 200
        assert "summary_vi" in response.context["form"].errors
        assert not PolicyExplainerPage.objects.exists()

    def test_duplicate_material_code_is_a_form_error(self):
        PolicyExplainerPageFactory(parent=self.explainers, material_code="EXP-0009")
        response = self.client.post(
            self.create_url(PolicyExplainerPage, self.explainers),
            self.explainer_data(material_code="EXP-0009"),
        )
        assert response.status_code == 200
        # Staff screens are in Vietnamese unless a user picks another language.
        assert response.context["form"].errors["material_code"] == [
            "Mã tài liệu này đã được dùng cho tài liệu khác."
        ]
        assert PolicyExplainerPage.objects.count() == 1

    def test_unknown_block_type_is_a_form_error(self):
        data = self.explainer_data()
        data["body_vi-0-type"] = "script_tag"
        response = self.client.post(
            self.create_url(PolicyExplainerPage, self.explainers), data
        )
        assert response.status_code == 200
        errors = response.context["form"].errors["body_vi"].as_data()[0]
        assert "Loại khối không hợp lệ: script_tag" in str(errors.non_block_errors)
        assert not PolicyExplainerPage.objects.exists()

    def test_material_code_cannot_be_changed_once_assigned(self):
        page = PolicyExplainerPageFactory(parent=self.explainers)
        edit_url = f"/admin/pages/{page.pk}/edit/"
        response = self.client.get(edit_url)
        assert response.context["form"].fields["material_code"].disabled
