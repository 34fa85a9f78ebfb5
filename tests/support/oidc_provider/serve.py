"""Start the test provider: migrate its SQLite store, create the people of
the people file and the Tryggsam client, then serve on 127.0.0.1."""

import os
import sys
from socketserver import ThreadingMixIn
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server


class ThreadingServer(ThreadingMixIn, WSGIServer):
    daemon_threads = True


class QuietHandler(WSGIRequestHandler):
    def log_message(self, format, *args):  # noqa: A002 (wsgiref's signature)
        sys.stderr.write("provider: " + (format % args) + "\n")


def prepare() -> None:
    from django.contrib.auth.models import User
    from django.core.management import call_command
    from oauth2_provider.models import Application

    from tests.support.oidc_provider.validator import people

    call_command("migrate", verbosity=0)
    for username, person in people().items():
        user = User.objects.create(username=username, email=person.get("email", ""))
        user.set_password(person["password"])
        user.save()
    Application.objects.create(
        name="Tryggsam", client_id=os.environ["OIDC_TEST_CLIENT_ID"],
        client_secret=os.environ["OIDC_TEST_CLIENT_SECRET"],
        client_type=Application.CLIENT_CONFIDENTIAL,
        authorization_grant_type=Application.GRANT_AUTHORIZATION_CODE,
        redirect_uris=os.environ["OIDC_TEST_REDIRECT_URI"],
        post_logout_redirect_uris=os.environ["OIDC_TEST_POST_LOGOUT_URI"],
        algorithm=Application.RS256_ALGORITHM,
        skip_authorization=True,
    )


def main() -> None:
    os.environ["DJANGO_SETTINGS_MODULE"] = "tests.support.oidc_provider.settings"
    import django

    django.setup()
    prepare()
    from django.core.wsgi import get_wsgi_application

    port = int(os.environ["OIDC_TEST_PORT"])
    server = make_server("127.0.0.1", port, get_wsgi_application(),
                         server_class=ThreadingServer, handler_class=QuietHandler)
    sys.stderr.write(f"provider: listening on {port}\n")
    server.serve_forever()


if __name__ == "__main__":
    main()
