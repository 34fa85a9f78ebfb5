"""Every interface string has a Swedish translation: the msgids used in our
templates and Python code are all present in the compiled `sv` catalogue."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import translation
from django.utils.translation import trans_real

ROOT = Path(settings.BASE_DIR)
SKIP_DIRS = {".venv", "tests", "var", "bench", "node_modules", "migrations", "staticfiles"}

TEMPLATE_TAG = re.compile(
    r"""{%\s*(?:translate|trans)\s+(["'])(.+?)\1(?:\s+context\s+(["'])(.+?)\3)?"""
)
BLOCK_TAG = re.compile(
    r"{%\s*blocktranslate(?P<args>[^%]*)%}(?P<body>.*?){%\s*endblocktranslate\s*%}", re.S,
)
PY_CALL = re.compile(
    r"""\b(?:_|gettext|gettext_lazy)\(\s*(?P<q>"|')(?P<msg>(?:\\.|(?!(?P=q)).)+)(?P=q)\s*[,)]"""
)
# pgettext("context", "message"): the catalogue key is "context\x04message".
PY_CONTEXT_CALL = re.compile(
    r"""\bpgettext(?:_lazy)?\(\s*"(?P<ctx>[^"]+)"\s*,\s*"(?P<msg>[^"]+)"\s*[,)]"""
)


def _source_files(suffixes):
    for path in ROOT.rglob("*"):
        if path.suffix in suffixes and not SKIP_DIRS.intersection(path.relative_to(ROOT).parts):
            yield path


def _template_msgids(text: str):
    for match in TEMPLATE_TAG.finditer(text):
        context = match.group(4)
        yield f"{context}\x04{match.group(2)}" if context else match.group(2)
    for match in BLOCK_TAG.finditer(text):
        if "count" in match.group("args") or "{% plural" in match.group("body"):
            continue
        body = match.group("body")
        if "trimmed" in match.group("args"):
            body = " ".join(line.strip() for line in body.strip().splitlines())
        yield re.sub(r"{{\s*(\w+)\s*}}", r"%(\1)s", body)


def collect_msgids() -> dict[str, str]:
    found = {}
    for path in _source_files({".html", ".txt"}):
        for msgid in _template_msgids(path.read_text(encoding="utf-8")):
            found.setdefault(msgid, str(path.relative_to(ROOT)))
    for path in _source_files({".py"}):
        for match in PY_CALL.finditer(path.read_text(encoding="utf-8")):
            msgid = match.group("msg").replace("\\'", "'").replace('\\"', '"')
            found.setdefault(msgid, str(path.relative_to(ROOT)))
        for match in PY_CONTEXT_CALL.finditer(path.read_text(encoding="utf-8")):
            found.setdefault(f"{match['ctx']}\x04{match['msg']}", str(path.relative_to(ROOT)))
    return found


@pytest.mark.django_db
def test_every_interface_string_is_translated_to_swedish():
    with translation.override("sv"):
        catalog = trans_real.translation("sv")._catalog
        keys = {key if isinstance(key, str) else key[0] for key in catalog.keys()}
    missing = sorted(f"{where}: {msgid!r}" for msgid, where in collect_msgids().items()
                     if msgid not in keys)
    assert missing == [], "untranslated strings:\n" + "\n".join(missing)
