"""What changed since a field kit was built: each newer version, new or
removed item and translation state, named for the people holding the kit."""

from django.utils.translation import gettext as _

from wagtail.models import Page

from campaigns.field_kit import FieldKitError, KitItem, item_label, plan
from campaigns.models import FieldKit
from content.models import PieceVersion


def changes_since(kit: FieldKit) -> list[str]:
    """What is newer now than in the kit, each change named (piece,
    language, v5 → v7 and the editor's note): empty while the kit is
    current. Versions change only when what a language's readers see
    changed, so a kit is never superseded by an edit that left it as it is."""
    try:
        items = plan(kit.campaign, kit.languages)
    except FieldKitError as error:
        return [str(error)]
    return _changes(kit, items)


def superseded(kits) -> set[int]:
    """The ready kits among `kits` that something newer supersedes, for a
    list of kits: planned once per campaign and languages."""
    plans, found = {}, set()
    for kit in kits:
        if kit.status != FieldKit.Status.READY:
            continue
        key = (kit.campaign_id, tuple(kit.languages))
        if key not in plans:
            try:
                plans[key] = plan(kit.campaign, kit.languages)
            except FieldKitError:
                plans[key] = None
        if plans[key] is None or _changes(kit, plans[key]):
            found.add(kit.pk)
    return found


def _changes(kit: FieldKit, items: list[KitItem]) -> list[str]:
    current = {(i.kind, i.code, i.language): i for i in items}
    built = {(i["kind"], i["code"], i["language"]): i for i in kit.manifest}
    changes = []
    for key, item in current.items():
        label = item_label(item)
        if key not in built:
            changes.append(_("%(item)s: new in the kit") % {"item": label})
        elif built[key]["version"] != item.version:
            changes.extend(_version_changes(item, built[key]["version"]))
        elif built[key]["state"] != item.state:
            changes.append(
                _("%(item)s: translation now %(state)s")
                % {"item": label, "state": item.state}
            )
    for key, entry in built.items():
        if key not in current:
            changes.append(
                _("%(item)s: no longer in the toolkit")
                % {"item": item_label(KitItem(**entry))}
            )
    return changes


def _version_changes(item: KitItem, built: str) -> list[str]:
    """ "EXP-0001 (rad): v5 → v7 – new rates from 1 July": one line per piece
    whose version changed; an FAQ card sheet names each answer."""
    label = item_label(item)
    if item.kind == "audio":
        return [_("%(item)s: a new recording") % {"item": label}]
    before = _piece_versions(item, built)
    now = _piece_versions(item, item.version)
    lines = []
    for piece_id, number in now.items():
        if before.get(piece_id) == number:
            continue
        versions = PieceVersion.objects.filter(
            piece_id=piece_id, language=item.language
        ).order_by("number")
        old = before.get(piece_id)
        notes = [
            each.change_note
            for each in versions
            if each.change_note and each.number > (old or 0)
        ]
        code = "" if item.kind == "pdf" else f"{_code_of(piece_id)} "
        change = f"{code}v{old} → v{number}" if old else f"{code}v{number}"
        line = f"{label}: {change}"
        lines.append(f"{line} – {'; '.join(notes)}" if notes else line)
    for piece_id in before.keys() - now.keys():
        lines.append(
            _("%(item)s: %(code)s no longer in it")
            % {"item": label, "code": _code_of(piece_id)}
        )
    return lines


def _piece_versions(item: KitItem, version: str) -> dict[int, int]:
    """{piece id: version number} of a kit item's version ("v3" for a piece's
    PDF, "12:v3,15:v1" for an FAQ card sheet); {} for a kit built before
    versions were numbered."""
    if item.kind == "pdf":
        return {item.object_id: int(version[1:])} if version[:1] == "v" else {}
    pairs = (entry.split(":v") for entry in version.split(",") if ":v" in entry)
    return {int(piece): int(number) for piece, number in pairs}


def _code_of(piece_id: int) -> str:
    piece = Page.objects.filter(pk=piece_id).specific().first()
    return getattr(piece, "material_code", "") if piece else str(piece_id)
