"""scripts/test_system_packages.py: what make test needs from the machine
beyond Python, and what it says when that is missing."""

import importlib.util
from pathlib import Path

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "test_system_packages.py"
spec = importlib.util.spec_from_file_location("test_system_packages", SCRIPT)
system_packages = importlib.util.module_from_spec(spec)
spec.loader.exec_module(system_packages)


def names(pytest_args):
    return [r.name for r in system_packages.requirements(pytest_args)]


def test_this_machine_has_everything_the_suite_needs():
    # CI installs what is missing before the suite; nothing may be left out.
    assert [r.name for r in system_packages.requirements([]) if not r.present()] == []


def test_chromium_is_needed_unless_the_browser_tests_are_deselected():
    assert any(n.startswith("Chromium") for n in names(["tests/core", "-q"]))
    assert not any(n.startswith("Chromium") for n in names(["-m", "not browser"]))
    assert "Pango" in names(["-m", "not browser"])


def test_the_message_names_the_packages_and_the_tests_that_need_them():
    missing = system_packages.requirements([])
    message = system_packages.explain(missing)
    assert "sudo apt-get install chromium libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core" in (
        message)
    assert "marked `browser`" in message and "tests/insights/test_dashboard.py" in message
    assert "PYTEST_ARGS='-m \"not browser\"'" in message
