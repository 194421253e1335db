"""A throwaway SoftHSM token for the PKCS#11 tests: one per test process, in a temporary directory.

SoftHSM reads ``SOFTHSM2_CONF`` when the library is initialised, and python-pkcs11 keeps one loaded
library per path for the whole process; so the environment is set first and the (possibly already
loaded) library is re-initialised, after which every test of the process sees the same token.
The key pairs are generated ON the token, sensitive and not extractable: only public keys come out.
"""

import atexit
import os
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pkcs11
from cryptography.hazmat.primitives.asymmetric import rsa
from pkcs11 import Attribute, KeyType, ObjectClass

MODULE = "/usr/lib/softhsm/libsofthsm2.so"
TOKEN_LABEL = "egov-test"
USER_PIN = "2468-egov"
SO_PIN = "1357-egov-so"
SEAL_KEY_LABEL = "seal-key"
PERSONAL_KEY_LABEL = "personal-key"


@dataclass
class SoftHsm:
    module: str
    token_label: str
    pin: str
    directory: Path
    public_keys: dict[str, rsa.RSAPublicKey] = field(default_factory=dict)

    @contextmanager
    def session(self) -> Iterator[Any]:
        """A logged-in session; close it before signing code opens its own (one login per token)."""
        token = pkcs11.lib(self.module).get_token(token_label=self.token_label)
        with token.open(user_pin=self.pin) as session:
            yield session

    def private_key(self, session: Any, label: str) -> Any:
        return session.get_key(object_class=ObjectClass.PRIVATE_KEY, label=label)


_instance: SoftHsm | None = None


def softhsm() -> SoftHsm:
    """The process's test token with an RSA-2048 seal key and personal key (created on first call)."""
    global _instance
    if _instance is None:
        _instance = _create()
    return _instance


def _create() -> SoftHsm:
    directory = Path(tempfile.mkdtemp(prefix="egov-softhsm-"))
    atexit.register(shutil.rmtree, directory, ignore_errors=True)
    (directory / "tokens").mkdir()
    conf = directory / "softhsm2.conf"
    conf.write_text(f"directories.tokendir = {directory / 'tokens'}\nobjectstore.backend = file\nlog.level = ERROR\n")
    os.environ["SOFTHSM2_CONF"] = str(conf)
    tool = shutil.which("softhsm2-util") or "/usr/bin/softhsm2-util"
    subprocess.run(  # noqa: S603 - fixed tool and arguments
        [tool, "--init-token", "--free", "--label", TOKEN_LABEL, "--so-pin", SO_PIN, "--pin", USER_PIN],
        check=True,
        capture_output=True,
        env=os.environ.copy(),
    )
    lib = pkcs11.lib(MODULE)
    lib.reinitialize()  # an earlier load in this process read another (or no) configuration
    hsm = SoftHsm(module=MODULE, token_label=TOKEN_LABEL, pin=USER_PIN, directory=directory)
    token = lib.get_token(token_label=TOKEN_LABEL)
    with token.open(rw=True, user_pin=USER_PIN) as session:
        for label in (SEAL_KEY_LABEL, PERSONAL_KEY_LABEL):
            public, _private = session.generate_keypair(
                KeyType.RSA,
                2048,
                label=label,
                store=True,
                public_template={Attribute.VERIFY: True},
                private_template={
                    Attribute.SIGN: True,
                    Attribute.PRIVATE: True,
                    Attribute.SENSITIVE: True,
                    Attribute.EXTRACTABLE: False,
                },
            )
            numbers = rsa.RSAPublicNumbers(
                e=int.from_bytes(public[Attribute.PUBLIC_EXPONENT], "big"),
                n=int.from_bytes(public[Attribute.MODULUS], "big"),
            )
            hsm.public_keys[label] = numbers.public_key()
    return hsm
