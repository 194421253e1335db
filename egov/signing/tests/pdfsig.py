"""Poppler's ``pdfsig`` as an independent second opinion on our signatures.

``pdfsig`` exits 0 even when a digest does not match, so the verdict is read from its output:
"Signature Validation: Signature is Valid." is the only intact answer. Certificates are not checked
here (its NSS store knows none of our roots) and OCSP is never fetched (the machine is offline).
"""

import re
import subprocess
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

PDFSIG = "/usr/bin/pdfsig"
VALID = "Signature is Valid."


@dataclass
class PdfsigSignature:
    number: int
    field_name: str = ""
    signer: str = ""  # "Signer Certificate Common Name" ("(null)" when pdfsig could not read it)
    signing_time: str = ""
    ranges: list[tuple[int, int]] = field(default_factory=list)
    total_document_signed: bool = False
    validation: str = ""  # e.g. "Signature is Valid.", "Digest Mismatch."

    @property
    def valid(self) -> bool:
        return self.validation == VALID


_KEYS = {
    "Signature Field Name": "field_name",
    "Signer Certificate Common Name": "signer",
    "Signing Time": "signing_time",
    "Signature Validation": "validation",
}


def parse(output: str) -> list[PdfsigSignature]:
    signatures: list[PdfsigSignature] = []
    for line in output.splitlines():
        head = re.match(r"^Signature #(\d+):", line)
        if head:
            signatures.append(PdfsigSignature(int(head.group(1))))
            continue
        item = re.match(r"^\s+- (.*?)(?:: (.*))?$", line)
        if not item or not signatures:
            continue
        key, value, current = item.group(1), (item.group(2) or "").strip(), signatures[-1]
        if key in _KEYS:
            setattr(current, _KEYS[key], value)
        elif key == "Signed Ranges":
            current.ranges = [(int(a), int(b)) for a, b in re.findall(r"\[(\d+) - (\d+)\]", value)]
        elif key == "Total document signed":
            current.total_document_signed = True
    return signatures


def pdfsig(pdf: bytes | Path) -> list[PdfsigSignature]:
    """Run pdfsig on a file (or on bytes written to a temporary file) and parse every signature."""
    if isinstance(pdf, Path):
        return _run(pdf)
    with tempfile.NamedTemporaryFile(suffix=".pdf") as tmp:
        tmp.write(pdf)
        tmp.flush()
        return _run(Path(tmp.name))


def _run(path: Path) -> list[PdfsigSignature]:
    done = subprocess.run(  # noqa: S603 - fixed binary, our own test file
        [PDFSIG, "-nocert", "-no-ocsp", str(path)], capture_output=True, text=True, timeout=60, check=False
    )
    return parse(done.stdout)
