"""Exit 0 when PostgreSQL answers at TEST_DATABASE_URL (used by `make test-postgres`)."""

from __future__ import annotations

import os
import sys

from sqlalchemy import create_engine, text
from sqlalchemy.exc import SQLAlchemyError

DEFAULT = "postgresql+psycopg://postgres@127.0.0.1:5432/test"


def url() -> str:
    return os.environ.get("TEST_DATABASE_URL") or DEFAULT


def main() -> int:
    engine = create_engine(url(), connect_args={"connect_timeout": 3})
    try:
        with engine.connect() as connection:
            connection.execute(text("SELECT 1"))
    except SQLAlchemyError as error:
        print(f"PostgreSQL not available: {type(error).__name__}", file=sys.stderr)
        return 1
    finally:
        engine.dispose()
    return 0


if __name__ == "__main__":
    sys.exit(main())
