"""Gunicorn in production: `gunicorn -c gunicorn.conf.py "portal:create_app()"` (the Procfile's web).

Settings come from the environment, like the portal's own:
  PORT              where to listen (all addresses; put the council's proxy in front)   8000
  WEB_CONCURRENCY   worker processes; about 2 per core, then measure                     2
  WEB_THREADS       threads per worker (1: sync workers, the simplest to reason about)    1
  WEB_TIMEOUT       seconds before a stuck worker is restarted                          30
"""

from __future__ import annotations

import os

bind = f"0.0.0.0:{os.environ.get('PORT', '8000')}"
workers = int(os.environ.get("WEB_CONCURRENCY", "2"))
threads = int(os.environ.get("WEB_THREADS", "1"))
# A page is a few milliseconds of work; a request still running after 30 s is stuck,
# and its worker is replaced. Slow clients are the proxy's to buffer, not ours.
timeout = int(os.environ.get("WEB_TIMEOUT", "30"))
graceful_timeout = 30
# Behind a proxy that keeps connections open: a little longer than nothing, much shorter
# than the proxy's own, so the proxy never sends to a connection we just closed.
keepalive = 5
# Recycle workers now and then, a little apart, so no slow leak ever grows.
max_requests = 5000
max_requests_jitter = 500
# The heartbeat file on memory, not disk (a slow disk must not look like a stuck worker);
# gunicorn makes it with mkstemp, so a shared folder is safe.
SHARED_MEMORY = "/dev/shm"  # noqa: S108
worker_tmp_dir = SHARED_MEMORY if os.path.isdir(SHARED_MEMORY) else None

# Forwarded headers are trusted in one place only: the portal's ProxyFix, which trusts
# exactly TRUSTED_PROXIES hops (portal/config.py). Gunicorn itself trusts none, so a
# client can never set the scheme with X-Forwarded-Proto, whatever sits in front.
forwarded_allow_ips = ""
secure_scheme_headers: dict[str, str] = {}

# The portal writes one JSON line per request itself (with the route, not the path:
# paths hold ids), so gunicorn's access log stays off. Its own messages are JSON too.
accesslog = None
errorlog = "-"
loglevel = os.environ.get("LOG_LEVEL", "info").lower()
logconfig_dict = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"json": {"()": "portal.logs.JsonFormatter"}},
    "root": {"level": "INFO", "handlers": ["console"]},
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": "json",
            "stream": "ext://sys.stdout",
        },
        "error_console": {
            "class": "logging.StreamHandler",
            "formatter": "json",
            "stream": "ext://sys.stderr",
        },
    },
    "loggers": {
        "gunicorn.error": {
            "level": loglevel.upper(),
            "handlers": ["error_console"],
            "propagate": False,
        },
        "gunicorn.access": {"level": "WARNING", "handlers": [], "propagate": False},
    },
}
# No control socket: it would be shared by every gunicorn of the same user.
control_socket_disable = True
