"""What a printout's QR code opens: the printed version against the current
one, and what changed between them."""

from dataclasses import dataclass

from django.http import Http404

from content.models.versions import PieceVersion


@dataclass(frozen=True)
class PrintedVersion:
    """A printout's version against the current one: `current` when they are
    the same, else the versions published since, with their change notes."""

    printed: PieceVersion
    latest: PieceVersion
    since: list[PieceVersion]

    @property
    def current(self) -> bool:
        return self.printed.number == self.latest.number

    @property
    def replaced_on(self):
        return self.since[0].day if self.since else None

    @property
    def notes(self) -> list[PieceVersion]:
        return [version for version in self.since if version.change_note]


def printed_version(piece, language: str, number: int) -> PrintedVersion:
    """What the QR code of a printout of version `number` opens; 404 for a
    number this language never had."""
    versions = list(
        PieceVersion.objects.filter(piece_id=piece.pk, language=language).order_by(
            "number"
        )
    )
    printed = next((each for each in versions if each.number == number), None)
    if printed is None:
        raise Http404("No such version")
    return PrintedVersion(
        printed=printed,
        latest=versions[-1],
        since=[each for each in versions if each.number > number],
    )
