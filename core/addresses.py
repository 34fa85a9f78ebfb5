"""The client's address, the same for the login lockout (django-axes, through
AXES_CLIENT_IP_CALLABLE) and for the access log (audit.services).

Behind TRUSTED_PROXY_COUNT reverse proxies (the TLS terminator, a load
balancer), REMOTE_ADDR is the nearest proxy's address. Each proxy appends the
address it received the connection from to X-Forwarded-For, so with n trusted
proxies the n-th entry from the right is the address the outermost one saw:
the client. Entries further left come from the client itself and can be
forged, so they are never used; with no trusted proxy (the default) the header
is ignored altogether."""

import ipaddress

from django.conf import settings


def client_ip(request) -> str | None:
    if request is None:
        return None
    remote = request.META.get("REMOTE_ADDR") or None
    count = settings.TRUSTED_PROXY_COUNT
    if count <= 0:
        return remote
    forwarded = [part.strip() for part in
                 request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
    if len(forwarded) < count:
        # The request did not come through every trusted proxy (e.g. a health
        # probe on the internal network): the connection's own address.
        return remote
    candidate = forwarded[-count]
    try:
        return str(ipaddress.ip_address(candidate))
    except ValueError:
        return remote
