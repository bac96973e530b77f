"""Reading recordings: what an uploaded file really is and how long it plays."""

import mutagen

NOT_AUDIO = "This file is not an audio recording (MP3, Ogg, M4A, WAV or FLAC)."


class AudioFileError(ValueError):
    """The file is not a recording Loa can play; the message says why."""


def read_duration(file) -> float:
    """The playing time of a stored audio file in seconds, read from the file
    itself."""
    try:
        file.open("rb")
        return duration_of(file)
    except OSError as error:
        raise AudioFileError(f"{NOT_AUDIO} ({error})") from None
    finally:
        file.close()


def duration_of(stream) -> float:
    """The playing time of an open file, left open and rewound: an upload is
    checked before it is saved."""
    try:
        stream.seek(0)
        audio = mutagen.File(stream)
    except (mutagen.MutagenError, OSError) as error:
        raise AudioFileError(f"{NOT_AUDIO} ({error})") from None
    finally:
        stream.seek(0)
    if audio is None or audio.info is None or not getattr(audio.info, "length", 0):
        raise AudioFileError(NOT_AUDIO)
    return round(float(audio.info.length), 2)
