"""PAdES B-T: with ``EGOV_TSA_URL`` set, every signature carries an RFC 3161 timestamp fetched over HTTP
from the authority (here a real HTTP server on localhost answering with pyHanko's test TSA)."""

import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest
from asn1crypto import tsp

from egov.signing.facade import verify_pdf
from egov.signing.services.signing import sign_result
from egov.signing.tests.conftest import SigningSetup, make_timestamper


@pytest.fixture
def tsa_url(signing_setup: SigningSetup, settings: Any) -> Iterator[str]:
    stamper, _anchor = make_timestamper()
    requests: list[bytes] = []

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers["Content-Length"]))
            requests.append(body)
            response = stamper.request_tsa_response(tsp.TimeStampReq.load(body)).dump()
            self.send_response(200)
            self.send_header("Content-Type", "application/timestamp-reply")
            self.send_header("Content-Length", str(len(response)))
            self.end_headers()
            self.wfile.write(response)

        def log_message(self, *args: Any) -> None:
            return

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    settings.EGOV_TSA_URL = f"http://127.0.0.1:{server.server_address[1]}/tsa"
    yield settings.EGOV_TSA_URL
    server.shutdown()
    assert requests, "the timestamp authority was never asked"


def test_signatures_are_timestamped_by_the_configured_authority(
    tsa_url: str, signing_setup: SigningSetup, sample_pdf: bytes
) -> None:
    signed = sign_result(sample_pdf, leader=signing_setup.leader, agency_id=signing_setup.agency.pk)
    report = verify_pdf(signed, file_name="b-t.pdf")
    assert report.verdict == "valid"
    assert [s.timestamp_time is not None for s in report.signatures] == [True, True]
    assert all(s.trusted and s.intact for s in report.signatures)
