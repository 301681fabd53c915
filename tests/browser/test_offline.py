"""Offline guarantee: across every page and interaction of the suite, no request leaves the app's loopback address.

Every page opened by any browser test records its requests (and WebSocket connections) into one session log; this
audit runs last and lists the offenders. Allowed: http(s):// and ws:// on 127.0.0.1 at the server's own port, and
data:/blob: URLs. Anything else (another host, localhost by name, another port, another scheme) is an offender.
"""

from __future__ import annotations

import pytest

from tools.screenshots import PAGES

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("url, allowed", [
    ("http://127.0.0.1:{port}/map", True),
    ("ws://127.0.0.1:{port}/_stcore/stream", True),
    ("data:image/svg+xml,<svg/>", True),
    ("blob:http://127.0.0.1:{port}/0d2c", True),
    ("http://127.0.0.1:{other}/map", False),
    ("http://localhost:{port}/map", False),
    ("wss://127.0.0.1:{port}/_stcore/stream", False),
    ("https://fonts.gstatic.com/s/i/x.svg", False),
    ("http://user@127.0.0.1:{port}/", False),
    ("file:///etc/hosts", False),
])
def test_offline_rule_is_strict(network_log, url, allowed):
    log = type(network_log)()
    base = "http://127.0.0.1:8501"
    log.requests.append(_request(url.format(port=8501, other=8502)))
    assert (not log.offenders(base)) is allowed


def _request(url):
    from types import SimpleNamespace
    return SimpleNamespace(test="t", page="p", url=url, kind="other")


@pytest.mark.browser_audit
def test_no_request_leaves_the_apps_loopback_address(open_tab, app_server, network_log):
    unvisited = [p for p in PAGES if p not in network_log.visited]
    if unvisited:  # run on its own: open every page so the guarantee covers the whole app
        tab = open_tab()
        for path in unvisited:
            tab.open(path)
    assert any(r.kind == "websocket" for r in network_log.requests), "the recorder saw no WebSocket: it is not working"
    offenders = network_log.offenders(app_server.url)
    seen, lines = set(), []
    for r in offenders:
        if r.url not in seen:
            seen.add(r.url)
            lines.append(f"{r.url}\n    ({r.kind}, first from {r.page} in {r.test})")
    if offenders:
        pytest.fail(f"{len(offenders)} request(s) left {app_server.url} ({len(network_log.requests)} recorded), "
                    f"{len(lines)} distinct:\n" + "\n".join(lines), pytrace=False)
