#!/usr/bin/env python
"""`make test`'s system packages: Chromium for the browser tests, and Pango
with a font for the PDFs WeasyPrint makes. pip cannot bring these.

    test_system_packages.py [PYTEST_ARGS...]

Everything present: nothing happens. Something missing, run as root on a
machine with apt-get: installed from Debian's packages. Otherwise a message
says what to install and which tests need it, and the exit status is 1 (the
suite would fail on it minutes later). The arguments are this run's pytest
arguments: with `-m "not browser"` Chromium is not needed.
"""

import ctypes.util
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

# Where tests/support/browser.py looks for Chromium.
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
FONT_DIRS = [Path("/usr/share/fonts"), Path("/usr/local/share/fonts"),
             Path.home() / ".local/share/fonts"]
BROWSER_TESTS = "the browser tests (marked `browser`: tests/browser/, tests/*/test_browser.py)"
PDF_TESTS = ("the PDF tests (lägesbild publishing and export, yearly report: "
             "tests/casework/test_picture.py, tests/casework/test_cycle.py, "
             "tests/insights/test_dashboard.py, tests/insights/test_yearly_and_promise.py)")


@dataclass(frozen=True)
class Requirement:
    name: str
    debian_packages: list[str]
    present: Callable[[], bool]
    needed_by: str


def chromium_present() -> bool:
    return os.access(CHROMIUM, os.X_OK)


def pango_present() -> bool:
    return all(ctypes.util.find_library(lib) for lib in ("pango-1.0", "pangoft2-1.0"))


def font_present() -> bool:
    """Any TrueType/OpenType font: without one, PDFs come out without text."""
    return any(next(d.rglob(f"*.{ext}"), None) for d in FONT_DIRS if d.is_dir()
               for ext in ("ttf", "otf"))


def requirements(pytest_args: list[str]) -> list[Requirement]:
    needed = [
        Requirement("Pango", ["libpango-1.0-0", "libpangoft2-1.0-0"], pango_present, PDF_TESTS),
        Requirement("a font", ["fonts-dejavu-core"], font_present, PDF_TESTS),
    ]
    if "not browser" not in " ".join(pytest_args):
        needed.insert(0, Requirement(f"Chromium ({CHROMIUM})", ["chromium"], chromium_present,
                                     BROWSER_TESTS))
    return needed


def apt_install(packages: list[str]) -> None:
    print(f"test-system-packages: installing {' '.join(packages)}", file=sys.stderr, flush=True)
    install = ["apt-get", "install", "-y", "-qq", *packages]
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    # The package lists may be missing or stale on a new machine: update once, retry.
    if subprocess.run(install, env=env, stdout=subprocess.DEVNULL).returncode != 0:  # noqa: S603
        subprocess.run(["apt-get", "update", "-qq"], env=env, check=True)  # noqa: S603,S607
        subprocess.run(install, env=env, stdout=subprocess.DEVNULL, check=True)  # noqa: S603


def explain(missing: list[Requirement]) -> str:
    lines = ["make test: missing on this machine:"]
    lines += [f"  - {r.name}, for {r.needed_by}" for r in missing]
    packages = " ".join(p for r in missing for p in r.debian_packages)
    lines += [
        "Install them (Debian/Ubuntu) with:",
        f"  sudo apt-get install {packages}",
        "or run `sudo make test` once, which installs them.",
    ]
    if any(r.needed_by == BROWSER_TESTS for r in missing):
        lines += ["A Chromium installed elsewhere: CHROMIUM_PATH=/path/to/chromium make test",
                  "Every other test, without Chromium: make test PYTEST_ARGS='-m \"not browser\"'"]
    return "\n".join(lines)


def main(pytest_args: list[str]) -> int:
    missing = [r for r in requirements(pytest_args) if not r.present()]
    if missing and os.geteuid() == 0 and shutil.which("apt-get"):
        apt_install([p for r in missing for p in r.debian_packages])
        missing = [r for r in missing if not r.present()]
    if missing:
        print(explain(missing), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
