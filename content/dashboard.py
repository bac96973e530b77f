"""A panel of the admin home for communications staff: material to check
because a law it cites changed, or because its own review date came."""

from django.urls import reverse
from django.utils import timezone

from wagtail.admin.ui.components import Component

from content.legal_review import pieces_needing_review
from content.models import PolicyExplainerPage

# Pieces listed on the home page; the report has the rest.
SHOWN = 10


def follows_legal_changes(user) -> bool:
    """Who keeps the legal provisions: communications staff and
    administrators."""
    return user.has_perm("content.change_legalprovision")


class LegalChangesPanel(Component):
    """Published pieces citing a law amended or superseded since they were
    last published, and explainers whose next review date has come."""

    template_name = "content/dashboard/legal_changes.html"
    order = 80

    def get_context_data(self, parent_context=None):
        changed = pieces_needing_review()
        due = list(
            PolicyExplainerPage.objects.live()
            .filter(next_review_date__lte=timezone.localdate())
            .order_by("next_review_date", "title")
        )
        return {
            "changed": changed[:SHOWN],
            "changed_more": len(changed) - SHOWN,
            "due": due[:SHOWN],
            "due_more": len(due) - SHOWN,
            "report_url": reverse("legal_review_report"),
        }


def legal_panels(request) -> list[Component]:
    return [LegalChangesPanel()] if follows_legal_changes(request.user) else []
