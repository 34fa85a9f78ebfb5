#!/usr/bin/env python
"""`make audit`: pip-audit of the pinned requirements (requirements.lock is
fully pinned, so no resolution is needed: --no-deps --disable-pip).

pip-audit needs a vulnerability service: the PyPI JSON API (default) or OSV.
Behind a mirror or offline, pip-audit would report every package as "not
found" and still print "No known vulnerabilities found"; instead this script
probes both services first and, when neither answers, says plainly that
nothing was audited. It exits 0 then, unless AUDIT_REQUIRED=1 (for a CI job
that must audit), when it exits 2. With a service, pip-audit runs --strict:
a package it cannot look up fails the audit instead of being skipped."""

import json
import os
import subprocess
import sys
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PIP_AUDIT = ROOT / ".venv" / "bin" / "pip-audit"


def pypi_answers() -> bool:
    try:
        with urllib.request.urlopen("https://pypi.org/pypi/django/5.2/json", timeout=10) as r:
            return r.status == 200 and "vulnerabilities" in json.load(r)
    except Exception:  # offline, DNS, mirror without the JSON API…
        return False


def osv_answers() -> bool:
    body = json.dumps({"package": {"name": "django", "ecosystem": "PyPI"},
                       "version": "5.2"}).encode()
    request = urllib.request.Request("https://api.osv.dev/v1/query", data=body,
                                     headers={"Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=10) as r:  # noqa: S310 (fixed https URL)
            return r.status == 200
    except Exception:
        return False


def main() -> int:
    service = "pypi" if pypi_answers() else "osv" if osv_answers() else None
    if service is None:
        print("audit: no vulnerability service reachable (PyPI JSON API, OSV): "
              "NOTHING WAS AUDITED. Run `make audit` where pypi.org or api.osv.dev answer.")
        return 2 if os.environ.get("AUDIT_REQUIRED") == "1" else 0
    print(f"audit: pip-audit against {service}")
    return subprocess.call([str(PIP_AUDIT), "-r", str(ROOT / "requirements.lock"),  # noqa: S603
                            "--no-deps", "--disable-pip", "--strict", "-s", service,
                            "--progress-spinner", "off"])


if __name__ == "__main__":
    sys.exit(main())
