"""Typed builders of accounts for the identity tests."""

import itertools
from typing import Any

from egov.identity.models import User, UserKind

PASSWORD = "Correct-Horse-42"
_sequence = itertools.count(1)


def make_staff(*, username: str | None = None, password: str = PASSWORD, **fields: Any) -> User:
    n = next(_sequence)
    fields.setdefault("kind", UserKind.STAFF)
    fields.setdefault("full_name", f"Nguyễn Văn {n}")
    user = User(username=username or f"officer{n}", **fields)
    user.set_password(password)
    user.save()
    return user


def make_citizen(*, citizen_id: str | None = None, password: str = PASSWORD, **fields: Any) -> User:
    n = next(_sequence)
    citizen_id = citizen_id or f"0450990{n:05d}"
    fields.setdefault("phone", f"0912{n:06d}")
    fields.setdefault("full_name", f"Trần Thị {n}")
    fields.setdefault("username", f"citizen-{citizen_id}")
    return make_staff(password=password, kind=UserKind.CITIZEN, citizen_id=citizen_id, **fields)
