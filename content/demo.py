"""Demo content: the site's page tree, built from what the seed reports say.

Each function brings the database to the wanted state and changes nothing that
is already right, so `load_demo` can run any number of times.
"""

from django.db import transaction

from wagtail.models import Page, Site

from content.models import HomePage

HOME_PAGE = {
    "slug": "home",
    "title_vi": "Loa – Bảo hiểm xã hội, bảo hiểm y tế cho mọi người",
    "title_en": "Loa – Social and health insurance for everyone",
    "intro_vi": (
        "Thông tin về bảo hiểm xã hội và bảo hiểm y tế, nói rõ ràng, "
        "bằng tiếng nói của mỗi bản làng."
    ),
    "intro_en": (
        "Social insurance and health insurance, explained plainly, "
        "in the language of every village."
    ),
}


@transaction.atomic
def build_page_tree(stdout=None) -> HomePage:
    """The home page as the root of the default site; returns it."""
    root = Page.get_first_root_node()
    _remove_wagtail_welcome_page(root)
    home = HomePage.objects.filter(depth=2, slug=HOME_PAGE["slug"]).first()
    if home is None:
        home = HomePage(**HOME_PAGE)
        root.add_child(instance=home)
        home.save_revision().publish()
        _say(stdout, "Created the home page.")
    elif _update_fields(home, HOME_PAGE):
        home.save_revision().publish()
        _say(stdout, "Updated the home page.")

    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        Site.objects.create(
            hostname="localhost",
            port=80,
            root_page=home,
            is_default_site=True,
            site_name="Loa",
        )
    elif site.root_page_id != home.pk or site.site_name != "Loa":
        site.root_page = home
        site.site_name = "Loa"
        site.save()
    return home


def remove_pages() -> None:
    """Delete every page below the tree's root (for `load_demo --reset`)."""
    root = Page.get_first_root_node()
    for page in root.get_children():
        page.delete()


def _remove_wagtail_welcome_page(root: Page) -> None:
    # Wagtail's first migration creates a plain "Welcome to your new Wagtail
    # site!" page with the slug "home"; it would clash with ours.
    welcome = root.get_children().filter(
        slug=HOME_PAGE["slug"], content_type__model="page"
    )
    for page in welcome:
        page.delete()


def _update_fields(instance, values: dict) -> bool:
    changed = False
    for name, value in values.items():
        if getattr(instance, name) != value:
            setattr(instance, name, value)
            changed = True
    return changed


def _say(stdout, message: str) -> None:
    if stdout is not None:
        stdout.write(message)
