"""What the guard records of a socket Chromium's policy refused (no browser needed)."""

from __future__ import annotations

import json

from auditor.walk.guard import Guard


def test_a_worker_report_is_recorded_as_a_refused_websocket() -> None:
    guard = Guard()
    report = {
        "csp-report": {"document-uri": "https://a.test/w.js", "blocked-uri": "wss://a.test/s"}
    }
    guard.record_report(json.dumps(report))
    guard.record_report(json.dumps({"csp-report": {"blocked-uri": "https://a.test/x"}}))
    guard.record_report("not json")
    [blocked] = guard.blocked
    assert (blocked.method, blocked.url, blocked.page) == (
        "WEBSOCKET",
        "wss://a.test/s",
        report["csp-report"]["document-uri"],
    )
    assert (blocked.resource_type, blocked.reason) == ("WebSocket", "websocket")


def test_a_console_refusal_is_recorded_and_other_messages_are_not() -> None:
    guard = Guard()
    text = (
        "Connecting to 'ws://a.test/chat' violates the following Content Security Policy "
        'directive: "connect-src http: https: data: blob:". The action has been blocked.'
    )
    guard._on_log({"entry": {"source": "security", "text": text, "url": "blob:https://a.test/1"}})
    guard._on_log({"entry": {"source": "network", "text": text}})
    guard._on_log({"entry": {"source": "security", "text": text.replace("ws://", "https://")}})
    assert [(b.method, b.url) for b in guard.blocked] == [("WEBSOCKET", "ws://a.test/chat")]
