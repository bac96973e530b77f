"""The people who use Loa, as Django groups: what each role may do.

`python manage.py setup_roles` (run by `make install`) creates the groups and
brings their permissions to what is listed here; users are then given a role
by joining its group (and translators their languages under *Settings →
Translators*), and people who work for one place their areas under
*Settings → Areas of work*. Administrators are superusers and need no group.

A permission is "app_label.codename"; page permissions apply to the whole
page tree, collection permissions to every image and document.
"""

from dataclasses import dataclass

from django.contrib.auth.models import Group, Permission
from django.db import transaction

from wagtail.models import (
    Collection,
    GroupCollectionPermission,
    GroupPagePermission,
    Page,
)

ADMIN_ACCESS = "wagtailadmin.access_admin"


@dataclass(frozen=True)
class Role:
    group: str
    permissions: tuple[str, ...]
    page_permissions: tuple[str, ...] = ()
    collection_permissions: tuple[str, ...] = ()


# The campaign records communications staff keep and managers read.
CAMPAIGN_RECORDS = (
    "campaign",
    "target",
    "measurement",
    "indicator",
    "partner",
    "outreachsession",
    "materialuse",
    "fieldkit",
)

# Logs sessions, corrects or withdraws those they logged or held, and
# downloads field kits, from the officer's screens only.
OFFICER = Role(
    "Outreach officers",
    (
        "campaigns.add_outreachsession",
        "campaigns.view_outreachsession",
        "campaigns.correct_own_outreachsession",
        "campaigns.add_fieldkit",
        "campaigns.view_fieldkit",
    ),
)
# Translates into the languages granted, in the translator view.
TRANSLATOR = Role(
    "Translators",
    (ADMIN_ACCESS,),
)
# Translates into the languages granted and approves translations.
REVIEWER = Role(
    "Translation reviewers",
    (ADMIN_ACCESS, "locales.review_translation"),
)
# Writes and publishes material, plans campaigns and keeps their records.
EDITOR = Role(
    "Communications staff",
    (
        ADMIN_ACCESS,
        *(
            f"content.{action}_{model}"
            for model in ("topic", "audience", "legalprovision", "printrun")
            for action in ("add", "change", "delete", "view")
        ),
        *(
            f"campaigns.{action}_{model}"
            for model in CAMPAIGN_RECORDS
            for action in ("add", "change", "delete", "view")
            # A session logged by mistake is withdrawn, and stays on record.
            if (model, action) != ("outreachsession", "delete")
        ),
        "campaigns.change_area",
        "campaigns.view_area",
        *(
            f"locales.{action}_glossaryterm"
            for action in ("add", "change", "delete", "view")
        ),
    ),
    page_permissions=(
        "wagtailcore.add_page",
        "wagtailcore.change_page",
        "wagtailcore.publish_page",
        "wagtailcore.lock_page",
    ),
    collection_permissions=(
        "wagtailimages.add_image",
        "wagtailimages.change_image",
        "wagtailimages.choose_image",
        "wagtaildocs.add_document",
        "wagtaildocs.change_document",
        "wagtaildocs.choose_document",
    ),
)
# Follows campaigns: reads dashboards, reports, sessions and progress, and
# changes nothing.
MANAGER = Role(
    "Managers",
    (
        ADMIN_ACCESS,
        *(f"campaigns.view_{model}" for model in (*CAMPAIGN_RECORDS, "area")),
        "content.view_printrun",
    ),
)
ROLES = (OFFICER, TRANSLATOR, REVIEWER, EDITOR, MANAGER)


def permission(name: str) -> Permission:
    app_label, codename = name.split(".")
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


@transaction.atomic
def setup_roles() -> list[Group]:
    """Create each role's group, or bring its permissions to the list above."""
    root_page = Page.get_first_root_node()
    root_collection = Collection.get_first_root_node()
    groups = []
    for role in ROLES:
        group, _created = Group.objects.get_or_create(name=role.group)
        group.permissions.set([permission(name) for name in role.permissions])
        group.page_permissions.all().delete()
        for name in role.page_permissions:
            GroupPagePermission.objects.create(
                group=group, page=root_page, permission=permission(name)
            )
        group.collection_permissions.all().delete()
        for name in role.collection_permissions:
            GroupCollectionPermission.objects.create(
                group=group, collection=root_collection, permission=permission(name)
            )
        groups.append(group)
    return groups
