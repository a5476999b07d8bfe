"""Who a request is for: the one place that knows the signed WeCom user cookie.

The WeCom OAuth callback sets it (HMAC with the app's Secret); the API, the web UI and the rate limits only
ever ask a `UserOf` resolver, which the composition root builds from the WeCom configuration (or `no_user`
when the channel is off: then no cookie is trusted).
"""

from __future__ import annotations

from collections.abc import Callable

USER_COOKIE = "wecom_userid"
UserOf = Callable[[str | None], str | None]  # cookie value → verified WeCom userid, or None


def no_user(_cookie: str | None) -> None:
    """Without the WeCom channel nothing can verify a user cookie, so none is trusted."""
    return None
