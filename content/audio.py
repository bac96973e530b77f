"""Reading recordings: what an uploaded file really is and how long it plays."""

import mutagen

NOT_AUDIO = "This file is not an audio recording (MP3, Ogg, M4A, WAV or FLAC)."


class AudioFileError(ValueError):
    """The file is not a recording Loa can play; the message says why."""


def read_duration(file) -> float:
    """The playing time of an audio file in seconds, read from the file itself."""
    try:
        file.open("rb")
        file.seek(0)
        audio = mutagen.File(file)
    except (mutagen.MutagenError, OSError) as error:
        raise AudioFileError(f"{NOT_AUDIO} ({error})") from None
    finally:
        file.close()
    if audio is None or audio.info is None or not getattr(audio.info, "length", 0):
        raise AudioFileError(NOT_AUDIO)
    return round(float(audio.info.length), 2)
