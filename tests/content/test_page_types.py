"""Every page type, through Wagtail's own page checks: each routes and renders
in every language, and opens, saves and previews in the editor. Loa routes
pages itself and changes the edit form (a tab per language), so a page type
that breaks either is caught here. A new page type is checked as soon as
`tests/factories.py` can build it."""

from unittest import mock

from django.contrib.auth import get_user_model
from django.utils import translation

from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.coreutils import get_dummy_request
from wagtail.models import Page, get_page_models
from wagtail.test.utils import WagtailPageTestCase

import pytest
import wagtail_factories

from locales.registry import load_languages
from tests import factories
from tests.page_forms import edit_form_as_is

PAGE_MODELS = [
    model
    for model in get_page_models()
    if model._meta.app_label in {"content", "campaigns", "locales"}
]


def factory_for(model):
    for value in vars(factories).values():
        if (
            isinstance(value, type)
            and issubclass(value, wagtail_factories.PageFactory)
            and value._meta.model is model
        ):
            return value
    raise AssertionError(f"tests/factories.py has no factory for {model.__name__}")


def build(model, home_page):
    """A published page of `model`, under a parent it may have, down from
    the site's home page."""
    if isinstance(home_page, model):
        return home_page
    parent_model = next(
        parent for parent in model.allowed_parent_page_models() if parent is not Page
    )
    return factory_for(model)(parent=build(parent_model, home_page))


@pytest.fixture(params=PAGE_MODELS, ids=lambda model: model.__name__)
def page(request, home_page):
    return build(request.param, home_page)


class PageChecks(WagtailPageTestCase):
    """Wagtail's page assertions, for pytest."""

    __test__ = False

    def assertPageIsRoutable(self, page, route_path="/", msg=None):  # noqa: N802
        """Wagtail routes the whole of `page.get_url()`, but Loa's URLs start
        with the language, which Django takes off (`i18n_patterns`) before
        Wagtail routes the rest: route that rest. Wagtail's check passes
        wherever the path leads; this one returns where, to be checked."""
        url = page.get_url(self.dummy_request)
        prefix = f"/{translation.get_language()}/"
        assert url.startswith(prefix), url
        path = url[len(prefix) - 1 :]
        with mock.patch.object(page, "get_url", return_value=path):
            super().assertPageIsRoutable(page, route_path, msg)
        if route_path != "/":
            path = path.rstrip("/") + "/" + route_path.lstrip("/")
        root = page.get_site().root_page.localized.specific
        parts = [part for part in path.split("/") if part]
        return root.route(self.dummy_request, parts)


@pytest.fixture
def checks(client, home_page):
    """Wagtail's page assertions, on this test's client."""
    checks = PageChecks()
    checks.client = client
    checks.dummy_request = get_dummy_request()
    return checks


@pytest.fixture
def editor(db):
    return get_user_model().objects.create_superuser("bien-tap")


def test_every_page_type_is_checked():
    names = {model.__name__ for model in PAGE_MODELS}
    assert {"HomePage", "PolicyExplainerPage", "TopicIndexPage"} <= names


def own_views(page) -> list:
    """A routable page's views that take no argument, but the page's own
    (`pdf/` of every piece)."""
    if not isinstance(page, RoutablePageMixin):
        return []
    return [
        url
        for url in page.get_subpage_urls()
        if str(url.pattern) and not url.pattern.regex.groups
    ]


def test_routes_and_renders_in_every_language(checks, page):
    for language in load_languages():
        with translation.override(language.code):
            found, _args, _kwargs = checks.assertPageIsRoutable(page)
            assert found.pk == page.pk
            checks.assertPageIsRenderable(page)
            for url in own_views(page):
                found, (view, *_view_args), _kwargs = checks.assertPageIsRoutable(
                    page, str(url.pattern)
                )
                assert (found.pk, view.__func__) == (page.pk, url.callback)


def test_is_editable(checks, client, editor, page):
    client.force_login(editor)
    data = edit_form_as_is(client, page)
    data["action-publish"] = ""
    revisions = page.revisions.count()
    checks.assertPageIsEditable(page, post_data=data, user=editor)
    # Wagtail's check only looks for a crash: the form as shown must publish,
    # changing no title in any language.
    assert page.revisions.count() == revisions + 1
    published = page.revisions.order_by("-pk").first().content
    for language in load_languages():
        field = f"title_{language.code}"
        assert published[field] == getattr(page, field)


def test_is_previewable(checks, client, editor, page):
    client.force_login(editor)
    data = edit_form_as_is(client, page)
    url = f"/admin/pages/{page.pk}/edit/preview/"
    assert page.preview_modes
    for mode, _label in page.preview_modes:
        checks.assertPageIsPreviewable(page, mode=mode, post_data=data, user=editor)
        # Wagtail's check lets a preview answer with any status but a crash.
        client.force_login(editor)
        client.post(url, data)
        response = client.get(url, {"mode": mode})
        assert response.status_code == 200
        assert page.title in response.content.decode()
