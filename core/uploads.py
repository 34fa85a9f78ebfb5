"""Every uploaded file goes in and comes out through here, so that no upload is
ever active content in a user's session.

In: the type is detected from the bytes (never from the client's name or
Content-Type), only the types a field is for are accepted, images are decoded
and re-encoded with Pillow (only the pixels survive: EXIF, GPS, comments and
anything appended to the image are dropped; a polyglot that does not decode is
refused), and the file is stored under a random name with the extension of
the detected type.

Out: the content type is detected again from the stored bytes against an
allow-list (rows stored before this module existed are served as safely as new
ones), anything else is application/octet-stream; the response carries
`nosniff` and a sandboxing CSP, and only a re-encoded image is shown inline.
"""

import uuid
import warnings
from dataclasses import dataclass
from io import BytesIO

import filetype
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.http import FileResponse, Http404
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageOps

# Sandboxed and nothing may load: even if a browser rendered the bytes as a
# document, it would have no origin, no script and no sub-resources.
SANDBOX_CSP = "sandbox; default-src 'none'"
UNKNOWN_TYPE = "application/octet-stream"
# filetype needs the first 262 bytes; a little more costs nothing.
HEAD_BYTES = 8192


@dataclass(frozen=True)
class FileKind:
    mimetype: str
    extension: str
    pillow_format: str | None = None  # set for images: re-encoded in this format

    @property
    def is_image(self) -> bool:
        return self.pillow_format is not None


# The allow-list for storing and for serving. HTML, JavaScript, SVG and XML are
# absent on purpose and stay absent: they are active content in a browser.
KINDS = {kind.mimetype: kind for kind in [
    FileKind("image/jpeg", "jpg", "JPEG"),
    FileKind("image/png", "png", "PNG"),
    FileKind("image/webp", "webp", "WEBP"),
    FileKind("application/pdf", "pdf"),
]}
EXTENSIONS = frozenset(kind.extension for kind in KINDS.values())
SAVE_OPTIONS = {"JPEG": {"quality": 90}, "WEBP": {"quality": 90}, "PNG": {}}


@dataclass(frozen=True)
class Accept:
    """What one upload field takes, and how it says no (Swedish via gettext)."""

    mimetypes: frozenset[str]
    refusal: str


# HEIC is not accepted: Pillow cannot re-encode it here. Browsers on iPhones
# convert a HEIC photo to JPEG when the file input does not list image/heic.
PHOTO = Accept(frozenset({"image/jpeg", "image/png", "image/webp"}),
               _("%(name)s is not a photo (JPEG, PNG or WebP)."))
PHOTO_OR_PDF = Accept(PHOTO.mimetypes | {"application/pdf"},
                      _("%(name)s is not a photo (JPEG, PNG or WebP) or a PDF."))


def accept_attribute(accept: Accept) -> str:
    """The `accept` attribute of a file input for these types."""
    return ",".join(sorted(accept.mimetypes))


@dataclass(frozen=True)
class CheckedUpload:
    """An upload that passed check_upload: safe to store as it is."""

    content: ContentFile  # named <random>.<extension of the detected type>
    mimetype: str
    original_name: str  # metadata for the UI only; never part of a stored name
    reencoded: bool

    @property
    def size(self) -> int:
        return self.content.size


def detect(head: bytes) -> FileKind | None:
    """The allow-listed kind these first bytes are, or None."""
    guess = filetype.guess(head)
    return KINDS.get(guess.mime) if guess is not None else None


def check_upload(upload, *, accept: Accept) -> CheckedUpload:
    """Validate one uploaded file for a field that takes `accept`.

    Raises ValidationError (Swedish) when the file is too large, is not one of
    the accepted types by content, or is an image that does not decode."""
    name = upload.name or ""
    if upload.size > settings.MAX_UPLOAD_BYTES:
        raise ValidationError(
            _("%(name)s is too large (at most %(mb)s MB)."),
            params={"name": name, "mb": settings.MAX_UPLOAD_BYTES // (1024 * 1024)})
    upload.seek(0)
    data = upload.read(settings.MAX_UPLOAD_BYTES + 1)
    kind = detect(data[:HEAD_BYTES])
    if kind is None or kind.mimetype not in accept.mimetypes:
        raise ValidationError(accept.refusal, params={"name": name})
    if kind.is_image:
        data = _reencode(data, kind, name)
    return CheckedUpload(content=ContentFile(data, name=random_name(kind.extension)),
                         mimetype=kind.mimetype, original_name=name[:200],
                         reencoded=kind.is_image)


def _reencode(data: bytes, kind: FileKind, name: str) -> bytes:
    """Decode the image and write only its pixels, in the detected format.

    Anything Pillow cannot decode as that format (a PNG header followed by
    HTML, `RIFF....WEBPVP8 */;script`) is refused; a decodable image with
    something appended comes out without it."""
    try:
        with warnings.catch_warnings():
            # Pillow only warns between 89 and 179 megapixels; refuse those too.
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(BytesIO(data), formats=[kind.pillow_format]) as image:
                image.load()
                pixels = _pixels_only(image, kind)
        output = BytesIO()
        pixels.save(output, format=kind.pillow_format, **SAVE_OPTIONS[kind.pillow_format])
    except (OSError, SyntaxError, ValueError, EOFError, Image.DecompressionBombError,
            Image.DecompressionBombWarning) as error:
        raise ValidationError(
            _("%(name)s could not be read as an image. Save it again as JPEG or PNG "
              "and try once more."), params={"name": name}) from error
    return output.getvalue()


def _pixels_only(image: Image.Image, kind: FileKind) -> Image.Image:
    """A new image holding nothing but the pixels, turned upright first (the
    EXIF orientation is lost with the EXIF)."""
    upright = ImageOps.exif_transpose(image)
    has_alpha = upright.mode in ("RGBA", "LA", "PA") or "transparency" in upright.info
    mode = "RGBA" if has_alpha and kind.pillow_format != "JPEG" else "RGB"
    converted = upright.convert(mode)
    return Image.frombytes(mode, converted.size, converted.tobytes())


def random_name(extension: str) -> str:
    """A stored file name: random, with our extension (never the client's)."""
    suffix = f".{extension}" if extension in EXTENSIONS else ""
    return f"{uuid.uuid4().hex}{suffix}"


def stored_name(filename: str) -> str:
    """For a FileField's upload_to: whatever name reaches the field, the stored
    name is random; only an allow-listed extension is kept (check_upload
    names its content with the detected one)."""
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else ""
    return random_name(extension)


def upload_response(field_file, *, download_name: str, inline_image: bool) -> FileResponse:
    """Serve a stored upload. The caller has checked that the user may see it.

    The type comes from the stored bytes, never from the name: a file planted
    as `x.png` with HTML inside is application/octet-stream. Only an image that
    check_upload re-encoded (`inline_image`) is shown inline; the rest is a
    download."""
    try:
        handle = field_file.open("rb")
    except (FileNotFoundError, OSError, ValueError) as error:
        raise Http404 from error
    kind = detect(handle.read(HEAD_BYTES))
    handle.seek(0)
    mimetype = kind.mimetype if kind else UNKNOWN_TYPE
    inline = inline_image and kind is not None and kind.is_image
    extension = kind.extension if kind else "bin"
    response = FileResponse(handle, content_type=mimetype, as_attachment=not inline,
                            filename=f"{download_name}.{extension}")
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = SANDBOX_CSP
    response["Cross-Origin-Resource-Policy"] = "same-origin"
    response["Cache-Control"] = "private, no-store"
    return response
