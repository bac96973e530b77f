"""Reading recordings: what an uploaded file really is and how long it plays."""

import mutagen


class AudioFileError(ValueError):
    """The file is not a recording Loa can play; the message says why."""


def read_duration(file) -> float:
    """The playing time of an audio file in seconds, read from the file itself."""
    try:
        file.open("rb")
        file.seek(0)
        audio = mutagen.File(file)
    except (mutagen.MutagenError, OSError) as error:
        raise AudioFileError(f"This file could not be read as audio: {error}") from None
    finally:
        file.close()
    if audio is None or audio.info is None or not getattr(audio.info, "length", 0):
        raise AudioFileError(
            "This file is not an audio recording (MP3, Ogg, M4A, WAV or FLAC)."
        )
    return round(float(audio.info.length), 2)
