"""The tile source: off by default, an https template only, and then its host
(and only then) is allowed to serve images under the Content-Security-Policy."""

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.urls import reverse

from config.settings.parts.maps import tile_origin, with_tile_source

POLICY = {"DIRECTIVES": {"img-src": ["'self'", "data:"]}}


def test_no_tile_url_leaves_the_policy_as_it_is():
    assert with_tile_source(POLICY, "") == POLICY


def test_a_tile_url_adds_its_host_to_img_src_only():
    policy = with_tile_source(POLICY, "https://kartor.example.se/wmts/{z}/{x}/{y}.png")
    assert policy["DIRECTIVES"]["img-src"] == ["'self'", "data:", "https://kartor.example.se"]
    # the shared policy is not changed in place
    assert POLICY["DIRECTIVES"]["img-src"] == ["'self'", "data:"]
    assert tile_origin("https://{s}.tile.example.se/{z}/{x}/{y}.png") == (
        "https://*.tile.example.se")


@pytest.mark.parametrize("url", ["http://kartor.example.se/{z}/{x}/{y}.png",
                                 "kartor.example.se/{z}/{x}/{y}.png",
                                 "https://{z}.example.se/{x}/{y}.png"])
def test_a_tile_url_that_is_not_an_https_template_fails_loudly(url):
    with pytest.raises(ImproperlyConfigured):
        tile_origin(url)


@pytest.mark.django_db
def test_the_page_hands_the_tile_source_to_the_script(client, settings, est_people):
    client.force_login(est_people.coordinator)
    settings.MAP_TILE_URL = ""
    assert 'data-tile-url=""' in client.get(reverse("maps:map")).content.decode()
    settings.MAP_TILE_URL = "https://kartor.example.se/{z}/{x}/{y}.png"
    settings.MAP_TILE_ATTRIBUTION = "© Kommunen"
    page = client.get(reverse("maps:map")).content.decode()
    assert 'data-tile-url="https://kartor.example.se/{z}/{x}/{y}.png"' in page
    assert 'data-tile-attribution="© Kommunen"' in page
