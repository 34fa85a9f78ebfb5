import re

import pytest
from aiosmtpd.controller import Controller
from django.core.mail import get_connection

from notifications.emails import build_message
from notifications.services import email_enqueue
from notifications.sink import FileSinkHandler
from tests.support.smtp import free_port


@pytest.fixture
def sink(settings, tmp_path):
    settings.MAIL_SINK_DIR = str(tmp_path)
    port = free_port()
    controller = Controller(FileSinkHandler(), hostname="127.0.0.1", port=port)
    controller.start()
    yield port
    controller.stop()


@pytest.mark.django_db
def test_demo_mail_reaches_the_local_mailbox_page(client, sink, make_user):
    email = email_enqueue(key="sink:1", to="sara@example.org", template="test_notice",
                          context={"reference": "R-2026-00001", "url": "/"})
    connection = get_connection("django.core.mail.backends.smtp.EmailBackend",
                                host="127.0.0.1", port=sink)
    build_message(email, connection=connection).send()

    client.force_login(make_user("admin", is_staff=True))
    listing = client.get("/epost/").content.decode()
    # the message is listed with its Swedish subject and opens
    assert "Tryggsam: meddelande om R-2026-00001" in listing
    name = re.search(r'href="/epost/(\d+-[0-9a-f]+)/"', listing).group(1)
    detail = client.get(f"/epost/{name}/").content.decode()
    assert "Det finns nyheter om R-2026-00001." in detail


@pytest.mark.django_db
def test_the_mailbox_is_for_staff_only(client, make_user):
    client.force_login(make_user("sara"))
    assert client.get("/epost/").status_code == 302
