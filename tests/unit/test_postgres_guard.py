"""`make test-postgres` drops the public schema, so only of a database named for tests."""

from __future__ import annotations

import pytest

from tests import conftest


class Connected(Exception):
    """Raised instead of connecting: the guard let the URL through."""


def refuse_to_connect(url: str) -> None:
    raise Connected(url)


def use(monkeypatch: pytest.MonkeyPatch, database: str) -> None:
    monkeypatch.setenv("PORTAL_TEST_DATABASE", "postgres")
    monkeypatch.setenv("TEST_DATABASE_URL", f"postgresql+psycopg://postgres@127.0.0.1/{database}")
    monkeypatch.setattr(conftest, "create_engine", refuse_to_connect)


@pytest.mark.parametrize("database", ["portal", "postgres", "contest", "testing", "latest"])
def test_a_database_not_named_for_tests_is_never_dropped(monkeypatch, tmp_path, database):
    use(monkeypatch, database)
    with pytest.raises(pytest.exit.Exception) as refused:
        conftest._database_url(tmp_path)
    assert f"names the database {database!r}" in str(refused.value)
    assert refused.value.returncode == 2


@pytest.mark.parametrize("database", ["test", "test_c", "test-2", "portal_test"])
def test_a_database_named_for_tests_is_used(monkeypatch, tmp_path, database):
    use(monkeypatch, database)
    with pytest.raises(Connected):
        conftest._database_url(tmp_path)
