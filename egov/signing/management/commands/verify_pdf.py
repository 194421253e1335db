import json
import logging
import sys
from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import translation
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from egov.core.errors import ApplicationError
from egov.signing.contracts import SignatureReport, VerificationReport
from egov.signing.services.verify import verify_pdf_bytes

OK_VERDICTS = {"valid", "valid_expired"}


class Command(BaseCommand):
    help = (
        "Verify the digital signatures of a PDF (integrity, changes after signing, trust, validity) offline. "
        "Exit codes: 0 = every signature is valid (valid or valid_expired); "
        "1 = unsigned, or a signature is broken, modified, revoked or untrusted; "
        "2 = the file cannot be read (missing, not a PDF, encrypted or damaged)."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("file", help="the PDF file to verify")
        parser.add_argument("--json", action="store_true", help="print the report as JSON")
        parser.add_argument(
            "--language", choices=[code for code, _name in settings.LANGUAGES], help="language of the messages"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        # pyHanko logs every unknown issuer with a traceback; the report already says it plainly.
        noisy = logging.getLogger("pyhanko")
        level = noisy.level
        if options["verbosity"] < 2:
            noisy.setLevel(logging.CRITICAL)
        try:
            with translation.override(options["language"] or translation.get_language() or settings.LANGUAGE_CODE):
                report = self._verify(Path(options["file"]))
                if options["json"]:
                    self.stdout.write(json.dumps(report.as_dict(), ensure_ascii=False, indent=2))
                else:
                    self._print(report)
        finally:
            noisy.setLevel(level)
        if report.verdict not in OK_VERDICTS:
            sys.exit(1)

    def _verify(self, path: Path) -> VerificationReport:
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise CommandError(f"{path}: {exc.strerror or exc}", returncode=2) from exc
        try:
            return verify_pdf_bytes(data, file_name=path.name)
        except ApplicationError as exc:
            raise CommandError(f"{path}: {exc.message}", returncode=2) from exc

    def _print(self, report: VerificationReport) -> None:
        write = self.stdout.write
        write(f"{report.file_name} ({report.size} B, SHA-256 {report.sha256})")
        style = self.style.SUCCESS if report.verdict in OK_VERDICTS else self.style.ERROR
        write(style(f"{_('Verdict')}: {report.verdict} - {report.summary}"))
        for number, sig in enumerate(report.signatures, start=1):
            write("")
            write(
                str(
                    format_lazy(
                        _("Signature {number} ({field}): {verdict}"),
                        number=number,
                        field=sig.field_name,
                        verdict=sig.verdict,
                    )
                )
            )
            for label, value in _lines(sig):
                if value:
                    write(f"  {label}: {value}")
            for message in sig.messages:
                write(f"  - {message}")


def _lines(sig: SignatureReport) -> list[tuple[Any, str]]:
    return [
        (_("Signer"), ", ".join(v for v in (sig.signer, sig.organisation) if v)),
        (_("Issuer"), sig.issuer),
        (_("Signing time"), sig.signing_time or ""),
        (_("Timestamp"), sig.timestamp_time or ""),
        (_("Reason"), sig.reason),
        (_("Chain"), " → ".join(sig.chain)),
        (_("Certificate validity"), f"{sig.not_before} .. {sig.not_after}"),
        (_("Revocation"), f"{sig.revocation} {sig.revoked_at or ''}".strip()),
    ]
