"""Issue 18.1 in a real browser: a coordinator's session opens the upload URLs
of the polyglots (clicked, loaded as a script, framed) and no script runs."""

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from playwright.sync_api import Error as PlaywrightError

from casework.models import ReportAttachment
from core import uploads
from tests.factories.casework import est_people, make_report  # noqa: F401
from tests.support.browser import browser_login
from tests.support.images import PNG_HTML_POLYGLOT, WEBP_JS_POLYGLOT, image_bytes

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PLANTED = {
    "png-html.png": PNG_HTML_POLYGLOT,
    "webp-js.webp": WEBP_JS_POLYGLOT,
    "html-as.png": b"<html><script>document.title='pwned-html';alert(3)</script></html>",
}


def plant(report, name, content):
    """A row from before re-encoding existed, its file written straight to storage."""
    attachment = ReportAttachment(report=report, filename=name, mimetype="text/html",
                                  size=len(content))
    attachment.file.name = attachment.file.storage.save(f"reports/{report.pk}/{name}",
                                                        ContentFile(content))
    attachment.save()
    return attachment


@pytest.fixture
def report_with_polyglots(settings, tmp_path, est_people):  # noqa: F811
    settings.MEDIA_ROOT = str(tmp_path)
    appended = image_bytes("PNG") + b"<script>document.title='pwned-appended';alert(4)</script>"
    report = make_report(est_people.police, attachments=[uploads.check_upload(
        ContentFile(appended, name="bild.png"), accept=uploads.PHOTO_OR_PDF)])
    for name, content in PLANTED.items():
        plant(report, name, content)
    return report


def attachment_urls(report):
    return [reverse("casework:report-attachment", args=[report.reference, pk])
            for pk in report.attachments.values_list("pk", flat=True)]


def test_no_upload_runs_script_in_a_coordinators_session(page, report_with_polyglots):
    report = report_with_polyglots
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    browser_login(page, "t_samordnare", "correct horse battery")
    page.wait_for_url(f"{page.live_server_url}/")
    detail = f"{page.live_server_url}{reverse('casework:report-detail', args=[report.reference])}"
    page.goto(detail)
    title = page.title()
    urls = attachment_urls(report)
    assert len(urls) == 4

    # 1. Clicking each attachment link: downloads or an image, nothing runs.
    for link in page.locator("a[href*='/bilagor/']").all():
        response = page.request.get(f"{page.live_server_url}{link.get_attribute('href')}")
        if response.headers["content-disposition"].startswith("attachment"):
            with page.expect_download():
                link.click()
        else:
            link.click()
            page.wait_for_load_state()
            assert dialogs == [] and "pwned" not in page.title()
            # The re-encoded image is an image document: no script element in it.
            assert page.evaluate("document.contentType") == "image/png"
            assert page.evaluate("document.scripts.length") == 0
            page.goto(detail)
    assert page.title() == title

    # 2. Loaded as a script from our own origin (CSP 'self' allows the URL):
    #    nosniff and a non-script type make the browser refuse to run it.
    for url in urls:
        try:
            page.add_script_tag(url=url)
        except PlaywrightError:
            pass  # the browser refused it: what we want, checked below
        assert (page.title(), dialogs) == (title, []), url

    # 3. Framed: a download or a sandboxed image, never a document with script.
    for url in urls:
        page.evaluate("""url => new Promise(done => {
            const frame = document.createElement('iframe');
            frame.onload = done; setTimeout(done, 1500);
            frame.src = url; document.body.appendChild(frame);
        })""", url)
    assert page.title() == title
    assert dialogs == []
    assert "pwned" not in page.evaluate("document.title")
