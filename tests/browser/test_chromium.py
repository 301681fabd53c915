"""If Chromium cannot start, the browser suite fails with what to install; it never skips."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser


def test_missing_chromium_fails_with_install_hint(playwright, chromium_launcher, tmp_path):
    with pytest.raises(pytest.fail.Exception, match=r"apt-get install chromium") as failure:
        chromium_launcher(playwright, str(tmp_path / "no-such-chromium"))
    assert "Chromium cannot start" in str(failure.value)


def test_chromium_not_on_path_fails_with_install_hint(playwright, chromium_launcher, tmp_path, monkeypatch):
    monkeypatch.delenv("BROWSER_PATH", raising=False)
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(pytest.fail.Exception, match=r"apt-get install chromium"):
        chromium_launcher(playwright)
