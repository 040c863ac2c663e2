"""What the benchmark scripts share: a fresh database to run against, and a free port."""

from __future__ import annotations

import os
import socket


class NotABenchDatabase(SystemExit):
    pass


def fresh_database(folder: str) -> str:
    """SQLite in `folder`, or PostgreSQL at BENCH_DATABASE_URL with its schema emptied.

    Refuses any PostgreSQL database whose name does not end in "bench" or start with
    "bench_" (bench_production): a benchmark
    never drops a schema someone works in.
    """
    from sqlalchemy import create_engine, text

    url = os.environ.get("BENCH_DATABASE_URL") or f"sqlite:///{folder}/bench.db"
    if url.startswith("postgresql"):
        name = url.rsplit("/", 1)[-1]
        if not (name.endswith("bench") or name.startswith("bench_")):
            raise NotABenchDatabase(
                f"refusing to reset {name!r}: name a database *bench or bench_*"
            )
        engine = create_engine(url)
        with engine.begin() as connection:
            connection.execute(text("DROP SCHEMA public CASCADE"))
            connection.execute(text("CREATE SCHEMA public"))
        engine.dispose()
    return url


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])
