"""Benchmark of digital signatures: PAdES signing and verification of a 1-page and a 50-page PDF, and
XMLDSig signing and verification of an edXML-sized document. Keys are loaded once (as a long-running
worker holds them); the figures are single-process, on whatever the machine has.

    .venv/bin/python bench/signing.py [--seconds S]

Uses a throw-away SQLite database (BENCH_DATABASE_URL to change), the internal test CA, RSA-2048 keys.
Measures, for each size: the personal signature with its image, the seal over it (the one-stop result's
two revisions), verification of the two-signature file (chain, integrity, modification analysis), and
XML sign/verify. Prints a Markdown table for docs/performance.md.
"""

import argparse
import time
from collections.abc import Callable
from typing import Any

from _django import percentiles, setup


def measure(fn: Callable[[], Any], seconds: float) -> tuple[int, float, float, float]:
    fn()  # warm-up (fonts, imports)
    samples: list[float] = []
    started = time.perf_counter()
    while time.perf_counter() - started < seconds or len(samples) < 5:
        t0 = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - t0)
    p50, p99 = percentiles(samples)
    return len(samples), len(samples) / sum(samples), p50, p99


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=float, default=8.0, help="time per measurement")
    args = parser.parse_args()
    engine = setup("signing")

    from io import BytesIO

    from cryptography.hazmat.primitives import serialization
    from pypdf import PdfReader

    from egov.identity.roles import Role
    from egov.organisation.tests.factories import make_agency, make_staff
    from egov.signing.choices import CertificateKind
    from egov.signing.crypto import decrypt_private_key
    from egov.signing.facade import verify_pdf
    from egov.signing.services.documents import SampleDocument, sample_official_document_pdf
    from egov.signing.services.images import seal_png, signature_png
    from egov.signing.services.keys import open_signer
    from egov.signing.services.pdf_sign import Appearance, sign_pdf_bytes
    from egov.signing.services.placement import seal_box, signer_box
    from egov.signing.services.testca import issue_test_certificate
    from egov.signing.services.xml import sign_xml_with_key, verify_xml

    agency = make_agency(name="UBND phường Đồng Hới")
    leader = make_staff(agency, Role.LEADER, full_name="Nguyễn Văn An")
    personal = issue_test_certificate(
        kind=CertificateKind.PERSONAL,
        agency=agency,
        subject_name="Nguyễn Văn An",
        user=leader,
        image_png=signature_png("Nguyễn Văn An"),
        image_size_mm=(40, 20),
    )
    seal = issue_test_certificate(
        kind=CertificateKind.SEAL, agency=agency, subject_name=agency.name, image_png=seal_png(agency.name, "Quảng Trị")
    )
    rows: list[tuple[str, int, float, float, float]] = []
    with open_signer(personal) as person_signer, open_signer(seal) as seal_signer:
        for pages in (1, 50):
            pdf = sample_official_document_pdf(
                SampleDocument(agency_name=agency.name, signer_name="Nguyễn Văn An", pages=pages)
            )
            box = signer_box(PdfReader(BytesIO(pdf)), "Nguyễn Văn An", 2.0)
            assert box is not None, "signature block not found"
            sbox = seal_box(box, 36, 36)

            def sign_once(pdf: bytes = pdf, box: Any = box) -> bytes:
                return sign_pdf_bytes(
                    pdf,
                    person_signer,
                    field_name="Signature1",
                    box=box,
                    appearance=Appearance(png=bytes(personal.image_png or b"")),
                )

            signed = sign_once()

            def seal_once(signed: bytes = signed, sbox: Any = sbox) -> bytes:
                return sign_pdf_bytes(
                    signed,
                    seal_signer,
                    field_name="Seal2",
                    box=sbox,
                    appearance=Appearance(png=bytes(seal.image_png or b"")),
                )

            both = seal_once()
            report = verify_pdf(both, file_name="bench.pdf")
            assert report.verdict == "valid", report.summary
            size = f"{pages} page{'s' if pages > 1 else ''}, {len(pdf) // 1024} KB"
            rows.append((f"PAdES sign, signer + image ({size})", *measure(sign_once, args.seconds)))
            rows.append((f"PAdES seal over a signed file ({size})", *measure(seal_once, args.seconds)))
            rows.append((f"verify 2 signatures + chain ({size})", *measure(lambda b=both: verify_pdf(b), args.seconds)))
    key = serialization.load_der_private_key(
        decrypt_private_key(bytes(seal.encrypted_key or b""), bound_to=seal.fingerprint_sha256), password=None
    )
    body = "".join(f"<Item n='{i}'>Nội dung văn bản số {i}</Item>" for i in range(200))
    xml = f"<edXML xmlns='http://www.mic.gov.vn/TBT/QCVN_102_2016'><Body>{body}</Body></edXML>".encode()
    signed_xml = sign_xml_with_key(xml, key, [bytes(seal.der)])
    assert verify_xml(signed_xml).intact
    rows.append(
        (
            f"XMLDSig sign ({len(xml) // 1024} KB edXML)",
            *measure(lambda: sign_xml_with_key(xml, key, [bytes(seal.der)]), args.seconds),
        )
    )
    rows.append(
        (f"XMLDSig verify + chain ({len(xml) // 1024} KB)", *measure(lambda: verify_xml(signed_xml), args.seconds))
    )

    print(f"\nDatabase: {engine}; RSA-2048 keys from the internal test CA; one process.\n")
    print("| operation | runs | per second | p50 ms | p99 ms |")
    print("|---|---:|---:|---:|---:|")
    for name, runs, rate, p50, p99 in rows:
        print(f"| {name} | {runs} | {rate:.1f} | {p50:.1f} | {p99:.1f} |")


if __name__ == "__main__":
    main()
