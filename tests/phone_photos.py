"""Photos as a phone takes them: a JPEG with the camera's EXIF (make, time,
GPS position), an orientation tag, an ICC profile, XMP and a comment, under
the phone's file name."""

import io

from django.core.files.uploadedfile import SimpleUploadedFile

from PIL import ExifTags, Image, ImageCms

PHONE_NAME = "IMG_20251028_083012_BuonAko.jpg"
COMMENT = b"H'Linh Nie, Buon Ako"
XMP = (
    b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF '
    b'xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
    b"<rdf:Description>Buon Ako cultural house</rdf:Description>"
    b"</rdf:RDF></x:xmpmeta>"
)
# Buôn Ako, Đắk Lắk: 12°40'30" N, 108°03'15" E.
LATITUDE = (12.0, 40.0, 30.0)
LONGITUDE = (108.0, 3.0, 15.0)


def phone_jpeg(width=1200, height=800) -> bytes:
    """A landscape frame stored as the phone's sensor read it, with the EXIF
    orientation 6 (turn 90° clockwise to show): shown upright, it is
    `height` wide and `width` tall. Its left half is red, its right half
    blue: upright, the red half is on top."""
    picture = Image.new("RGB", (width, height), "blue")
    picture.paste("red", (0, 0, width // 2, height))
    exif = Image.Exif()
    exif[ExifTags.Base.Make] = "Samsung"
    exif[ExifTags.Base.Model] = "Galaxy A15"
    exif[ExifTags.Base.Orientation] = 6
    exif[ExifTags.Base.DateTime] = "2025:10:28 08:30:12"
    exif[ExifTags.IFD.GPSInfo] = {
        ExifTags.GPS.GPSLatitudeRef: "N",
        ExifTags.GPS.GPSLatitude: LATITUDE,
        ExifTags.GPS.GPSLongitudeRef: "E",
        ExifTags.GPS.GPSLongitude: LONGITUDE,
    }
    out = io.BytesIO()
    picture.save(
        out,
        "JPEG",
        exif=exif,
        icc_profile=ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes(),
        comment=COMMENT,
        xmp=XMP,
        quality=90,
    )
    return out.getvalue()


def phone_upload(data: bytes | None = None) -> SimpleUploadedFile:
    return SimpleUploadedFile(PHONE_NAME, data or phone_jpeg(), "image/jpeg")


def metadata(data: bytes) -> dict:
    """What a reader finds in an image file beyond its pixels."""
    with Image.open(io.BytesIO(data)) as picture:
        exif = picture.getexif()
        return {
            "exif": dict(exif),
            "gps": dict(exif.get_ifd(ExifTags.IFD.GPSInfo)),
            "info": sorted(
                key
                for key in picture.info
                if key
                not in (
                    "jfif",
                    "jfif_version",
                    "jfif_unit",
                    "jfif_density",
                    "dpi",
                    "progressive",
                    "progression",
                )
            ),
        }
