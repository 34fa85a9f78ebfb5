"""Uploaded files are never active content (issue 18.1): checked by content on
the way in, re-encoded when they are images, served with a safe type and
sandboxing headers on the way out, through both upload URLs."""

from datetime import date
from io import BytesIO

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import ExifTags, Image, PngImagePlugin

from casework.models import Category, Locality, Report, ReportAttachment
from core import uploads
from insights import services as insights_services
from insights.models import WalkPlace
from tests.factories.casework import make_report
from tests.support.images import PNG_HTML_POLYGLOT, WEBP_JS_POLYGLOT, image_bytes

pytestmark = pytest.mark.django_db

ACTIVE_TYPES = ("html", "javascript", "ecmascript", "svg", "xml")


@pytest.fixture(autouse=True)
def _own_media_root(settings, tmp_path):
    # The test settings' MEDIA_ROOT is shared by every test run on the machine.
    settings.MEDIA_ROOT = str(tmp_path)


def upload(name, content):
    return SimpleUploadedFile(name, content, content_type="image/png")


def assert_served_safely(response, *, content_type, inline):
    assert response.status_code == 200
    assert response["Content-Type"] == content_type
    assert not any(kind in response["Content-Type"] for kind in ACTIVE_TYPES)
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"] == "sandbox; default-src 'none'"
    assert response["Content-Disposition"].startswith("inline" if inline else "attachment")


# ---------------------------------------------------------------- in


@pytest.mark.parametrize("polyglot", [PNG_HTML_POLYGLOT, WEBP_JS_POLYGLOT],
                         ids=["png-header-then-html", "riff-webp-javascript"])
def test_the_polyglots_of_the_issue_are_refused_in_swedish(polyglot):
    with pytest.raises(ValidationError) as refused:
        uploads.check_upload(upload("semester.png", polyglot), accept=uploads.PHOTO_OR_PDF)
    # They pass a magic-number check but do not decode as images.
    assert refused.value.messages == [
        "semester.png kunde inte läsas som en bild. Spara den på nytt som JPEG eller PNG "
        "och försök igen."]


@pytest.mark.parametrize("image_format", ["PNG", "JPEG", "WEBP"])
def test_script_appended_to_a_real_image_does_not_survive_re_encoding(image_format):
    payload = image_bytes(image_format) + b"<html><script>alert(document.cookie)</script>"
    checked = uploads.check_upload(upload("bild", payload), accept=uploads.PHOTO)
    stored = checked.content.read()
    # Only the pixels come out, in the detected format.
    assert checked.reencoded and b"script" not in stored
    assert Image.open(BytesIO(stored)).format == image_format


def test_script_in_png_text_chunks_does_not_survive_re_encoding():
    info = PngImagePlugin.PngInfo()
    info.add_text("Comment", "<script>alert(1)</script>")
    output = BytesIO()
    Image.new("RGB", (4, 4)).save(output, format="PNG", pnginfo=info)
    assert b"<script>" in output.getvalue()
    checked = uploads.check_upload(upload("bild.png", output.getvalue()), accept=uploads.PHOTO)
    assert b"<script>" not in checked.content.read()


def test_gps_and_other_exif_are_removed_from_a_jpeg():
    exif = Image.Exif()
    exif[ExifTags.Base.Make] = "Kamera AB"
    exif[ExifTags.IFD.GPSInfo] = {
        ExifTags.GPS.GPSLatitudeRef: "N", ExifTags.GPS.GPSLatitude: (57.0, 29.0, 10.0),
        ExifTags.GPS.GPSLongitudeRef: "E", ExifTags.GPS.GPSLongitude: (13.0, 26.0, 5.0)}
    original = image_bytes("JPEG", exif=exif)
    # The test image really carries a position.
    assert Image.open(BytesIO(original)).getexif().get_ifd(ExifTags.IFD.GPSInfo)

    checked = uploads.check_upload(upload("IMG_0001.jpg", original), accept=uploads.PHOTO)
    cleaned = Image.open(BytesIO(checked.content.read()))
    # No EXIF at all: no position, no camera.
    assert dict(cleaned.getexif()) == {}
    assert cleaned.getexif().get_ifd(ExifTags.IFD.GPSInfo) == {}
    assert "exif" not in cleaned.info


def test_the_stored_name_is_random_with_the_detected_extension():
    # A PNG sent as "Anna Svensson.jpg": the name is kept as metadata only.
    checked = uploads.check_upload(upload("Anna Svensson.jpg", image_bytes("PNG")),
                                   accept=uploads.PHOTO)
    assert checked.content.name.endswith(".png") and "Anna" not in checked.content.name
    assert checked.original_name == "Anna Svensson.jpg"
    assert checked.mimetype == "image/png"
    # The upload_to helpers never keep a name, only an allow-listed extension.
    assert uploads.stored_name("Anna Svensson.html").count(".") == 0
    assert uploads.stored_name("x.PNG").endswith(".png")


def test_a_pdf_is_stored_as_it_is_where_pdfs_are_accepted():
    pdf = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
    checked = uploads.check_upload(upload("karta.pdf", pdf), accept=uploads.PHOTO_OR_PDF)
    assert (checked.mimetype, checked.reencoded, checked.content.read()) == (
        "application/pdf", False, pdf)
    with pytest.raises(ValidationError) as refused:
        uploads.check_upload(upload("karta.pdf", pdf), accept=uploads.PHOTO)
    assert refused.value.messages == ["karta.pdf är inte ett foto (JPEG, PNG eller WebP)."]


# ---------------------------------------------------------------- forms


def test_a_polyglot_report_attachment_is_a_swedish_400_with_the_input_kept(client,
                                                                          est_people):
    client.force_login(est_people.reporter)
    response = client.post(reverse("casework:report-create"), {
        "category": Category.objects.get(slug="klotter").pk,
        "locality": Locality.objects.get(name="Tranemo").pk,
        "place": "Skolgården", "occurred_on": date.today().isoformat(),
        "part_of_day": "unknown", "description": "Klotter på väggen.", "urgency": "normal",
        "submission_key": "polyglot", "attachments": [upload("foto.png", PNG_HTML_POLYGLOT)]})
    body = response.content.decode()
    assert response.status_code == 400
    assert "foto.png kunde inte läsas som en bild" in body
    # The rest of the form is kept; nothing is saved.
    assert "Skolgården" in body and "Klotter på väggen." in body
    assert not Report.objects.exists()


@pytest.fixture
def walk(db):
    locality = Locality.objects.get(name="Tranemo")
    return insights_services.walk_create(locality=locality, date=date(2026, 11, 10),
                                         meeting_point="Torget")


@pytest.mark.parametrize("name, content, message", [
    ("karta.pdf", b"%PDF-1.4\n%%EOF\n", "karta.pdf är inte ett foto (JPEG, PNG eller WebP)."),
    ("park.webp", WEBP_JS_POLYGLOT, "park.webp kunde inte läsas som en bild."),
])
def test_a_wrong_walk_photo_is_a_swedish_400_with_the_input_kept(client, est_people, walk,
                                                                 name, content, message):
    client.force_login(est_people.coordinator)
    response = client.post(reverse("insights:walk-place-add", args=[walk.pk]), {
        "locality": walk.locality_id, "location": "Parkstigen", "category": "vegetation",
        "description": "Täta buskar vid lekplatsen", "photo": upload(name, content)})
    body = response.content.decode()
    assert response.status_code == 400 and message in body
    # Everything else the user typed is still there; nothing saved.
    assert "Parkstigen" in body and "Täta buskar vid lekplatsen" in body
    assert not WalkPlace.objects.exists()


# ---------------------------------------------------------------- out


def planted_attachment(report, name, content, *, mimetype, reencoded=False):
    """A row and file as an older version (or someone with disk access) left
    them: the stored name and the mimetype column are not to be trusted."""
    attachment = ReportAttachment(report=report, filename=name, mimetype=mimetype,
                                  size=len(content), reencoded=reencoded)
    # Written to storage directly: upload_to would give it a random name.
    attachment.file.name = attachment.file.storage.save(f"reports/{report.pk}/{name}",
                                                        ContentFile(content))
    attachment.save()
    return attachment


def attachment_url(attachment):
    return reverse("casework:report-attachment",
                   args=[attachment.report.reference, attachment.pk])


def test_html_planted_under_a_png_name_is_served_as_an_opaque_download(client, est_people):
    report = make_report(est_people.police)
    # Even a row claiming to be a re-encoded PNG does not make HTML inline.
    attachment = planted_attachment(report, "foto.png", b"<html><script>alert(1)</script>",
                                    mimetype="text/html", reencoded=True)
    assert attachment.file.name.endswith("foto.png")
    client.force_login(est_people.coordinator)
    response = client.get(attachment_url(attachment))
    assert_served_safely(response, content_type="application/octet-stream", inline=False)
    assert response["Content-Disposition"] == f'attachment; filename="bilaga-{attachment.pk}.bin"'


@pytest.mark.parametrize("polyglot, content_type", [
    (PNG_HTML_POLYGLOT, "image/png"), (WEBP_JS_POLYGLOT, "image/webp")])
def test_old_polyglot_rows_are_served_as_downloads_of_their_detected_type(client, est_people,
                                                                          polyglot,
                                                                          content_type):
    report = make_report(est_people.police)
    attachment = planted_attachment(report, "gammal.js", polyglot, mimetype="text/javascript")
    client.force_login(est_people.coordinator)
    response = client.get(attachment_url(attachment))
    # Not re-encoded, so never inline, and never the type in the row or the name.
    assert_served_safely(response, content_type=content_type, inline=False)


def test_an_uploaded_photo_is_re_encoded_and_shown_inline(client, est_people):
    client.force_login(est_people.police)
    report = make_report(est_people.police, attachments=[uploads.check_upload(
        upload("Kalle.jpg", image_bytes("JPEG")), accept=uploads.PHOTO_OR_PDF)])
    attachment = report.attachments.get()
    assert attachment.filename == "Kalle.jpg" and attachment.reencoded
    assert attachment.file.name.startswith(f"reports/{report.pk}/")
    assert attachment.file.name.endswith(".jpg") and "Kalle" not in attachment.file.name
    response = client.get(attachment_url(attachment))
    assert_served_safely(response, content_type="image/jpeg", inline=True)
    # The access check still holds: a colleague of the reporter gets 404.
    client.force_login(est_people.police_colleague)
    assert client.get(attachment_url(attachment)).status_code == 404
    # And the stored file has no public URL past that check.
    assert client.get(f"/media/{attachment.file.name}").status_code == 404


def test_a_walk_photo_planted_as_html_is_served_as_an_opaque_download(client, est_people,
                                                                      walk):
    place = insights_services.walk_place_add(walk=walk, locality=walk.locality,
                                             location="Parken", category="vegetation",
                                             description="Buskar")
    place.photo.name = place.photo.storage.save("walks/2025/park.png",
                                                ContentFile(b"<svg onload=alert(1)>"))
    place.save()
    client.force_login(est_people.coordinator)
    response = client.get(reverse("insights:walk-place-photo", args=[place.pk]))
    assert_served_safely(response, content_type="application/octet-stream", inline=False)


def test_an_uploaded_walk_photo_is_shown_inline(client, est_people, walk):
    client.force_login(est_people.coordinator)
    response = client.post(reverse("insights:walk-place-add", args=[walk.pk]), {
        "locality": walk.locality_id, "location": "Parken", "category": "vegetation",
        "description": "Buskar", "photo": upload("IMG_1.webp", image_bytes("WEBP"))})
    assert response.status_code == 302
    place = WalkPlace.objects.get()
    assert place.photo_reencoded and place.photo.name.endswith(".webp")
    response = client.get(reverse("insights:walk-place-photo", args=[place.pk]))
    assert_served_safely(response, content_type="image/webp", inline=True)


def test_a_stored_file_that_is_gone_is_a_404(client, est_people):
    report = make_report(est_people.police, attachments=[uploads.check_upload(
        upload("a.png", image_bytes("PNG")), accept=uploads.PHOTO)])
    attachment = report.attachments.get()
    attachment.file.storage.delete(attachment.file.name)
    client.force_login(est_people.coordinator)
    assert client.get(attachment_url(attachment)).status_code == 404
