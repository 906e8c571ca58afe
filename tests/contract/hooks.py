"""Schemathesis hooks for the Pace contract test (loaded through SCHEMATHESIS_HOOKS by run.sh).

The test runs as one identity, the bearer token in PACE_CONTRACT_TOKEN, over one
connection address (127.0.0.1). Two things would otherwise end the test early
without telling us anything about the contract:

* Revoking its own token. Schemathesis learns token ids from GET /tokens and
  GET /events and feeds them to POST /tokens/{id}/revoke. A request that would
  revoke the test's token (PACE_CONTRACT_TOKEN_ID) is sent for PACE_CONTRACT_DECOY_ID
  instead, a token made for that purpose, so the 200 and 409 answers are still tested.

* paced's sign-in throttle: after 10 failed bearer tokens in a minute from one
  address, every request from it is answered 429 until the minute is over.
  Schemathesis' ignored_auth check sends a wrong token to each operation. Requests
  that carry a bearer token other than the test's are spaced so that at most 9 fail
  in any of paced's one-minute windows.
"""

from __future__ import annotations

import os
import threading
import time
from urllib.parse import unquote, urlsplit, urlunsplit

import requests

TOKEN = os.environ.get("PACE_CONTRACT_TOKEN", "")
TOKEN_ID = os.environ.get("PACE_CONTRACT_TOKEN_ID", "").strip().lower()
DECOY_ID = os.environ.get("PACE_CONTRACT_DECOY_ID", "").strip().lower()

# paced's AuthFailures: `limit` failures in a window that starts at the first one and lasts 60 s.
LIMIT = 10
WINDOW = 60.0

_lock = threading.Lock()
_window_start = 0.0
_failures = 0


def _presents_wrong_token(request: requests.PreparedRequest) -> bool:
    header = request.headers.get("Authorization")
    if header is None:
        return False
    parts = header.split(" ", 1)
    if len(parts) != 2 or parts[0].lower() != "bearer":
        return False  # paced answers 401 no_token, which does not count
    return parts[1].strip() != TOKEN


def _pace_failed_sign_in() -> None:
    """Wait, if need be, so that this failed sign-in is not paced's tenth in its window."""
    global _window_start, _failures
    with _lock:
        now = time.monotonic()
        if now - _window_start >= WINDOW:
            _window_start, _failures = now, 0
        if _failures >= LIMIT - 1:
            time.sleep(max(0.0, _window_start + WINDOW + 0.5 - now))
            _window_start, _failures = time.monotonic(), 0
        _failures += 1


def _spare_own_token(request: requests.PreparedRequest) -> None:
    if not TOKEN_ID or not DECOY_ID or request.method != "POST" or not request.url:
        return
    url = urlsplit(request.url)
    segments = url.path.split("/")
    # .../tokens/{id}/revoke; paced trims and lower-cases the id, and so do we.
    if len(segments) >= 3 and segments[-1] == "revoke" and segments[-3] == "tokens":
        if unquote(segments[-2]).strip().lower() == TOKEN_ID:
            segments[-2] = DECOY_ID
            request.url = urlunsplit(url._replace(path="/".join(segments)))


_send = requests.Session.send


def _send_with_care(self: requests.Session, request: requests.PreparedRequest, **kwargs):  # type: ignore[no-untyped-def]
    _spare_own_token(request)
    if _presents_wrong_token(request):
        _pace_failed_sign_in()
    return _send(self, request, **kwargs)


requests.Session.send = _send_with_care  # type: ignore[method-assign]
