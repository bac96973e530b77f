"""Material to review because a law it cites was amended or superseded."""

from django.db.models import F, Prefetch

from content.models import MATERIAL_MODELS, LegalProvision


def changed_provisions():
    return LegalProvision.objects.exclude(status=LegalProvision.Status.IN_FORCE)


def pieces_needing_review() -> list:
    """Published pieces citing a provision whose status changed after the
    piece was last published, each with `changed_provisions` listed."""
    pieces = []
    for model in MATERIAL_MODELS:
        flagged = (
            model.objects.filter(
                legal_basis__in=changed_provisions(),
                legal_basis__status_changed_at__gt=F("last_published_at"),
            )
            .distinct()
            .prefetch_related(
                Prefetch(
                    "legal_basis",
                    queryset=changed_provisions(),
                    to_attr="changed_provision_list",
                )
            )
        )
        for page in flagged:
            page.changed_provisions = "; ".join(
                f"{provision} ({provision.get_status_display()})"
                for provision in page.changed_provision_list
                if provision.status_changed_at > page.last_published_at
            )
            pieces.append(page)
    return sorted(pieces, key=lambda page: page.material_code)
