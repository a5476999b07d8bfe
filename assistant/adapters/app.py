"""The composition root: the whole server built from settings, and nothing else builds it.

    uvicorn --factory assistant.adapters.app:create_app      # or gunicorn -k uvicorn.workers.UvicornWorker
    assistant serve                                           # the same app, with the guarded HTTP protocol

Settings come from `ASSISTANT_*` variables (and `.env` beside the checkout); the WeCom channel is on when the
`WECOM_*` variables are; the server's state is in SQLite under data/ or, with ASSISTANT_DATABASE_URL, in
PostgreSQL shared by every replica. Replicas serve one index by sharing its folder (ASSISTANT_INDEX_DIR on a
shared or synced volume): each one swaps to a new build by itself when `CURRENT` changes; the build last
published (`assistant index` or the operators' reindex) is recorded in PostgreSQL and shown by /api/health.
"""

from __future__ import annotations

import logging
import os
from functools import partial
from pathlib import Path

from fastapi import FastAPI

from ..core import Assistant
from ..settings import Settings, load_env_file
from .api import create_app as create_http_app
from .identity import no_user
from .stores import open_stores

log = logging.getLogger(__name__)


def create_app(settings: Settings | None = None, assistant: Assistant | None = None) -> FastAPI:
    """Assistant, stores, channels and adapters, wired once."""
    if settings is None:
        load_env_file(Path(os.environ.get("ASSISTANT_ENV_FILE", ".env")))
        settings = Settings.from_env()
    assistant = assistant or Assistant(settings)
    stores = open_stores(settings)
    from .wecom import WeComConfig, create_wecom_router, read_user_cookie

    config = WeComConfig.from_env()  # None (channel off, logged) when WECOM_* are not set
    routers = [create_wecom_router(assistant, settings, config, conversations=stores.conversations, stores=stores)] \
        if config else []
    user_of = partial(read_user_cookie, config.secret) if config else no_user
    log.info("server state in %s (replica %s)", stores.backend, stores.replica)
    return create_http_app(assistant, settings, extra_routers=routers, user_of=user_of, stores=stores)
