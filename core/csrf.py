"""The request's masked CSRF token, the mask drawn in one call.

Django's `get_token` masks the cookie's secret with 32 characters drawn one
by one through `secrets.choice`: 32 calls for randomness on every page with
a form (every page: the header's logout form), a sixth of a small page's
template time. Here the mask is the base-62 digits of one 320-bit draw (62³²
is below 2¹⁹¹, so reducing the draw modulo 62³² is uniform to within 2⁻¹²⁹).
The token is Django's format exactly (mask + secret shifted by the mask),
so Django's CsrfViewMiddleware checks it as its own."""

import os

from django.middleware.csrf import CSRF_ALLOWED_CHARS, CSRF_SECRET_LENGTH, rotate_token

_BASE = len(CSRF_ALLOWED_CHARS)
_SPACE = _BASE**CSRF_SECRET_LENGTH
_DRAW_BYTES = 40
_INDEX = {char: i for i, char in enumerate(CSRF_ALLOWED_CHARS)}


def masked_token(request) -> str:
    """What `django.middleware.csrf.get_token` returns and does: the
    cookie's secret (a new one when the request has none), the cookie
    renewed on the response, the secret masked afresh."""
    if "CSRF_COOKIE" in request.META:
        request.META["CSRF_COOKIE_NEEDS_UPDATE"] = True
    else:
        rotate_token(request)  # Django's step: a new secret, set on the response
    return mask(request.META["CSRF_COOKIE"])


def mask(secret: str) -> str:
    draw = int.from_bytes(os.urandom(_DRAW_BYTES), "big") % _SPACE
    mask_chars, cipher = [], []
    for char in secret:
        draw, digit = divmod(draw, _BASE)
        mask_chars.append(CSRF_ALLOWED_CHARS[digit])
        cipher.append(CSRF_ALLOWED_CHARS[(_INDEX[char] + digit) % _BASE])
    return "".join(mask_chars) + "".join(cipher)
