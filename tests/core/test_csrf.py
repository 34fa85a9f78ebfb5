"""The masked CSRF token drawn in one call (core/csrf.py): Django's format,
Django's check accepts it, Django's cookie handling unchanged."""

from collections import Counter

from django.conf import settings
from django.http import HttpRequest
from django.middleware.csrf import (
    CSRF_ALLOWED_CHARS,
    CSRF_SECRET_LENGTH,
    CsrfViewMiddleware,
    _unmask_cipher_token,
)

from core.csrf import mask, masked_token

SECRET = "aZ09" * 8


def test_the_token_unmasks_to_the_secret_in_djangos_format():
    for _ in range(200):
        token = mask(SECRET)
        assert len(token) == 2 * CSRF_SECRET_LENGTH
        assert set(token) <= set(CSRF_ALLOWED_CHARS)
        assert _unmask_cipher_token(token) == SECRET


def test_every_character_turns_up_in_every_place_of_the_mask():
    tokens = [mask(SECRET) for _ in range(3000)]
    for place in (0, CSRF_SECRET_LENGTH // 2, CSRF_SECRET_LENGTH - 1):
        seen = Counter(token[place] for token in tokens)
        assert set(seen) == set(CSRF_ALLOWED_CHARS)
        # 3000 draws over 62 characters: about 48 each
        assert max(seen.values()) < 100
    assert len(set(tokens)) == len(tokens)


def test_a_request_with_a_cookie_keeps_its_secret_and_renews_the_cookie():
    request = HttpRequest()
    request.META["CSRF_COOKIE"] = SECRET
    token = masked_token(request)
    assert _unmask_cipher_token(token) == SECRET
    assert request.META["CSRF_COOKIE"] == SECRET
    assert request.META["CSRF_COOKIE_NEEDS_UPDATE"] is True


def test_a_request_without_a_cookie_gets_a_new_secret():
    request = HttpRequest()
    token = masked_token(request)
    secret = request.META["CSRF_COOKIE"]
    assert len(secret) == CSRF_SECRET_LENGTH
    assert _unmask_cipher_token(token) == secret
    assert request.META["CSRF_COOKIE_NEEDS_UPDATE"] is True


def test_djangos_middleware_accepts_the_token_on_a_post(rf):
    request = rf.post("/", {"csrfmiddlewaretoken": mask(SECRET)})
    request.COOKIES[settings.CSRF_COOKIE_NAME] = SECRET
    middleware = CsrfViewMiddleware(lambda r: None)
    middleware.process_request(request)
    assert middleware.process_view(request, lambda r: None, (), {}) is None
    request = rf.post("/", {"csrfmiddlewaretoken": mask("b" * CSRF_SECRET_LENGTH)})
    request.COOKIES[settings.CSRF_COOKIE_NAME] = SECRET
    middleware.process_request(request)
    assert middleware.process_view(request, lambda r: None, (), {}).status_code == 403
