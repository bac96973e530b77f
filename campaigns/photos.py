"""Session photos as they are kept: turned upright, then re-encoded with
nothing the phone wrote into the file (GPS position, time, camera and owner
in EXIF, XMP, ICC profile, comments), under a random name. The name the phone
gave the file is never kept. Thumbnails for lists and the admin are made the
first time they are asked for, and kept beside the photos."""

import io
import uuid
from pathlib import PurePosixPath

from django.core.files.base import ContentFile

from PIL import Image, ImageCms, ImageOps

THUMBNAIL_EDGE = 480
JPEG_QUALITY = 85
PHOTOS = "photos"
THUMBNAILS = "thumbnails"


def photo_path(instance, filename: str) -> str:
    """A random name in the photos folder, keeping only the extension of
    the re-encoded file (`stripped` names it photo.jpg or photo.png)."""
    return f"{PHOTOS}/{uuid.uuid4().hex}{PurePosixPath(filename).suffix.lower()}"


def stripped(source) -> ContentFile:
    """The photo in `source` (an upload or any file), upright, re-encoded as
    JPEG (or PNG if it was one) with no metadata."""
    source.seek(0)
    with Image.open(source) as original:
        kind = "PNG" if original.format == "PNG" else "JPEG"
        picture = in_srgb(ImageOps.exif_transpose(original))
    transparency = picture.info.get("transparency") if kind == "PNG" else None
    # Pillow writes some of what it read (a comment, an ICC profile) back
    # unless it is dropped here.
    picture.info = {} if transparency is None else {"transparency": transparency}
    if kind == "JPEG":
        picture = flattened(picture)
    extension = "png" if kind == "PNG" else "jpg"
    return ContentFile(encoded(picture, kind), name=f"photo.{extension}")


def in_srgb(picture: Image.Image) -> Image.Image:
    """Colours converted from the photo's own profile (a phone's Display P3)
    to sRGB, which a file without a profile is read as."""
    profile = picture.info.get("icc_profile")
    if not profile or picture.mode not in ("RGB", "RGBA"):
        return picture
    try:
        return ImageCms.profileToProfile(
            picture,
            ImageCms.ImageCmsProfile(io.BytesIO(profile)),
            ImageCms.createProfile("sRGB"),
            outputMode=picture.mode,
        )
    except (ImageCms.PyCMSError, OSError, ValueError):
        return picture


def flattened(picture: Image.Image) -> Image.Image:
    """RGB or greyscale, as JPEG holds: transparency laid on white."""
    if picture.mode in ("RGB", "L"):
        return picture
    if "A" in picture.mode or "transparency" in picture.info:
        rgba = picture.convert("RGBA")
        white = Image.new("RGB", rgba.size, "white")
        white.paste(rgba, mask=rgba.getchannel("A"))
        return white
    return picture.convert("RGB")


def encoded(picture: Image.Image, kind: str) -> bytes:
    out = io.BytesIO()
    if kind == "JPEG":
        picture.save(out, "JPEG", quality=JPEG_QUALITY, optimize=True)
    else:
        picture.save(out, "PNG", optimize=True)
    return out.getvalue()


def thumbnail_name(name: str) -> str:
    return f"{THUMBNAILS}/{PurePosixPath(name).name}"


def thumbnail_of(photo) -> str:
    """The stored name of the photo's thumbnail (at most THUMBNAIL_EDGE
    pixels a side), made now if it was not yet; a small photo is its own."""
    if max(photo.width, photo.height) <= THUMBNAIL_EDGE:
        return photo.file.name
    storage = photo.file.storage
    name = thumbnail_name(photo.file.name)
    if storage.exists(name):
        return name
    with photo.file.open("rb") as file, Image.open(file) as picture:
        kind = picture.format
        picture.thumbnail((THUMBNAIL_EDGE, THUMBNAIL_EDGE))
        data = encoded(picture, kind)
    saved = storage.save(name, ContentFile(data))
    if saved != name:
        # Another request made it meanwhile.
        storage.delete(saved)
    return name


def delete_photo_files(storage, name: str) -> None:
    """Remove a photo and its thumbnail from the storage."""
    for stored in (name, thumbnail_name(name)):
        if stored and storage.exists(stored):
            storage.delete(stored)
