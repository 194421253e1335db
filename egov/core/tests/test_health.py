"""GET /healthz: 200 when the database, the broker and file storage work; 503 naming what failed.

Failures are real: a broker URL nobody answers, a storage directory that cannot be created.
"""

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from celery import current_app
from django.conf import settings
from django.db import connection
from django.test import Client, override_settings

HEALTHZ = "/healthz"
# Port 1 on the loopback: nothing listens there, so the connection is refused at once.
UNREACHABLE_REDIS = "redis://127.0.0.1:1/0"


@pytest.fixture
def broker_dir() -> None:
    """The embedded SQLite broker keeps its file under var/, which ``make run`` creates."""
    url: str = current_app.conf.broker_url
    prefix = "sqla+sqlite:///"
    if url.startswith(prefix):
        Path(url.removeprefix(prefix)).parent.mkdir(parents=True, exist_ok=True)


@pytest.fixture
def broker_url() -> Iterator[Any]:
    """Point the Celery app at another broker for one test.

    The app read its configuration once, so settings overrides do not reach it. /healthz connects
    "for write", and ``broker_write_url`` wins over a CELERY_BROKER_URL environment variable.
    """
    original = {key: current_app.conf.get(key) for key in ("broker_url", "broker_write_url")}

    def point_at(url: str) -> None:
        current_app.conf.update(broker_url=url, broker_write_url=url)

    yield point_at
    current_app.conf.update(original)


@pytest.fixture
def broken_storage(tmp_path: Path) -> Iterator[None]:
    """File storage rooted "inside" a regular file: every save fails with an OS error, even as root."""
    blocker = tmp_path / "not-a-directory"
    blocker.write_text("x")
    storages = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(blocker / "media")},
        },
    }
    with override_settings(STORAGES=storages):
        yield


@pytest.mark.django_db
def test_all_components_ok(client: Client, broker_dir: None) -> None:
    # when
    response = client.get(HEALTHZ)
    # then
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    body = response.json()
    assert body["status"] == "ok"
    components = body["components"]
    assert set(components) == {"database", "broker", "storage"}
    assert {name: c["status"] for name, c in components.items()} == {
        "database": "ok",
        "broker": "ok",
        "storage": "ok",
    }
    assert components["database"]["vendor"] == connection.vendor
    assert components["storage"]["backend"] == "DefaultStorage"
    assert all(isinstance(c["ms"], float) for c in components.values())


@pytest.mark.django_db
def test_health_is_never_cached_and_read_only(client: Client, broker_dir: None) -> None:
    # when
    response = client.get(HEALTHZ)
    # then
    assert "no-cache" in response["Cache-Control"]
    assert client.post(HEALTHZ).status_code == 405


@pytest.mark.django_db
def test_broken_storage_is_a_503_naming_storage(client: Client, broker_dir: None, broken_storage: None) -> None:
    # when
    response = client.get(HEALTHZ)
    # then
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "error"
    assert {name: c["status"] for name, c in body["components"].items()} == {
        "database": "ok",
        "broker": "ok",
        "storage": "error",
    }
    assert body["components"]["storage"]["error"].startswith(("NotADirectoryError", "FileExistsError"))


@pytest.mark.django_db
def test_unreachable_broker_is_a_503_naming_the_broker(client: Client, broker_url: Any) -> None:
    # given
    broker_url(UNREACHABLE_REDIS)
    # when
    response = client.get(HEALTHZ)
    # then
    assert response.status_code == 503
    body = response.json()
    assert {name: c["status"] for name, c in body["components"].items()} == {
        "database": "ok",
        "broker": "error",
        "storage": "ok",
    }
    assert "Connection refused" in body["components"]["broker"]["error"]


@pytest.mark.django_db
def test_sqlite_broker_that_cannot_open_its_file_is_a_503(client: Client, broker_url: Any, tmp_path: Path) -> None:
    # given a SQLite broker file inside a directory that does not exist
    broker_url(f"sqla+sqlite:///{tmp_path / 'missing' / 'broker.sqlite3'}")
    # when
    response = client.get(HEALTHZ)
    # then
    assert response.status_code == 503
    assert response.json()["components"]["broker"]["status"] == "error"
