"""Real images built with Pillow for upload tests, and the polyglots of issue 18."""

from io import BytesIO

from PIL import Image

# A PNG signature followed by HTML: was served inline as text/html and ran script.
PNG_HTML_POLYGLOT = (b"\x89PNG\r\n\x1a\n<html><body><script>document.title='pwned-png';"
                     b"alert(1)</script></body></html>")
# Passes a WebP magic-number check, and is valid JavaScript when served as such:
# the RIFF size bytes `=/*` open an assignment and a comment that `*/` closes.
WEBP_JS_POLYGLOT = b"RIFF=/*\x00WEBPVP8 */1;document.title='pwned-webp';alert(1);//"


def image_bytes(image_format: str = "PNG", *, size=(8, 6), exif=None) -> bytes:
    image = Image.new("RGB", size, (200, 40, 40))
    output = BytesIO()
    options = {"exif": exif} if exif is not None else {}
    image.save(output, format=image_format, **options)
    return output.getvalue()
