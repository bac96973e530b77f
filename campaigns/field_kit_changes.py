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
    list of kits: planned once per campaign and languages, and told apart
    without naming each change."""
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
        if plans[key] is None or _differs(kit, plans[key]):
            found.add(kit.pk)
    return found


def _key(item) -> tuple[str, str, str]:
    if isinstance(item, dict):
        return item["kind"], item["code"], item["language"]
    return item.kind, item.code, item.language


def _differs(kit: FieldKit, items: list[KitItem]) -> bool:
    built = {_key(entry): entry for entry in kit.manifest}
    if built.keys() != {_key(item) for item in items}:
        return True
    for item in items:
        entry = built[_key(item)]
        if entry["state"] != item.state:
            return True
        if entry["version"] != item.version and (
            item.kind == "audio"
            or _numbers(item, entry["version"]) != _numbers(item, item.version)
        ):
            return True
    return False


def _changes(kit: FieldKit, items: list[KitItem]) -> list[str]:
    current = {_key(item): item for item in items}
    built = {_key(entry): entry for entry in kit.manifest}
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
    """A line for each piece whose version changed, e.g. "EXP-0001 (rad):
    v5 → v7 – new rates"; an FAQ card sheet names each answer."""
    label = item_label(item)
    if item.kind == "audio":
        return [_("%(item)s: a new recording") % {"item": label}]
    before, now = _numbers(item, built), _numbers(item, item.version)
    changed = [pk for pk, number in now.items() if before.get(pk) != number]
    gone = before.keys() - now.keys()
    notes = {}
    for version in PieceVersion.objects.filter(
        piece_id__in=changed, language=item.language
    ).order_by("number"):
        if version.change_note and version.number > before.get(version.piece_id, 0):
            notes.setdefault(version.piece_id, []).append(version.change_note)
    codes = _codes([*changed, *gone]) if item.kind != "pdf" else {}
    lines = []
    for pk in changed:
        old, number = before.get(pk), now[pk]
        change = f"v{old} → v{number}" if old else f"v{number}"
        if item.kind != "pdf":
            change = f"{codes.get(pk, pk)} {change}"
        line = f"{label}: {change}"
        lines.append(f"{line} – {'; '.join(notes[pk])}" if pk in notes else line)
    for pk in gone:
        lines.append(
            _("%(item)s: %(code)s no longer in it")
            % {"item": label, "code": codes.get(pk, pk)}
        )
    return lines


def _numbers(item: KitItem, version: str) -> dict[int, int]:
    """{piece id: version number} of a kit item's version: "v3" for a
    piece's PDF, "12:v3,15:v1" for an FAQ card sheet. Kits built before
    versions were numbered named each piece's live revision instead: read as
    the version that revision held."""
    if item.kind == "pdf":
        pairs = [(str(item.object_id), version)]
    else:
        pairs = [entry.split(":", 1) for entry in version.split(",") if ":" in entry]
    numbered = {int(pk): int(n[1:]) for pk, n in pairs if n[:1] == "v" and n[1:]}
    revisions = {int(pk): int(n) for pk, n in pairs if n.isdigit()}
    if not revisions:
        return numbered
    return numbered | _numbers_at(revisions, item.language)


def _numbers_at(revisions: dict[int, int], language: str) -> dict[int, int]:
    """The version of each piece its revision held (v1 if the first version
    counted came later: pieces published before versions were counted)."""
    found = dict.fromkeys(revisions, 1)
    for version in PieceVersion.objects.filter(
        piece_id__in=revisions, language=language
    ).order_by("number"):
        if version.revision_id and version.revision_id <= revisions[version.piece_id]:
            found[version.piece_id] = version.number
    return found


def _codes(ids) -> dict[int, str]:
    return {
        page.pk: getattr(page, "material_code", "") or str(page.pk)
        for page in Page.objects.filter(pk__in=ids).specific()
    }
