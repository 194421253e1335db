"""``manage.py sign_pdf IN OUT --user USERNAME [--seal] [--stamp TEXT] [--agency CODE]``.

For operators: signs a PDF with the keys the system holds, with the same rules as the UI — the user's
own personal certificate, the agency's seal only for who may use it (ND 30/2020 Điều 32), every key
use audited.

- default: the user signs personally (image between position and name);
- ``--seal``: … then the agency's seal goes over the signature (as the one-stop result service does);
  a user without a personal certificate (the clerk) seals a PDF that is already signed;
- ``--stamp "SAO Y"`` / ``--stamp "15/QĐ-UBND"``: the agency signs an e-copy or an attachment with the
  text stamp at the top right of page one (no image).
"""

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from egov.core.errors import ApplicationError
from egov.identity.models import User
from egov.organisation.facade import agency_get_by_code, staff_agency_ids
from egov.signing.services.keys import personal_certificate
from egov.signing.services.signing import seal_as_agency, sign_as_person, stamp_as_agency


class Command(BaseCommand):
    help = "Sign a PDF as a user (personal certificate), and/or seal it or stamp it as the user's agency."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("input", type=Path)
        parser.add_argument("output", type=Path)
        parser.add_argument("--user", required=True, help="username of the signer (or of the clerk who seals)")
        parser.add_argument("--seal", action="store_true", help="apply the agency's seal over the signature")
        parser.add_argument("--stamp", default="", help="sign an e-copy/attachment with this first line")
        parser.add_argument("--agency", default="", help="agency code (when the user works in several)")
        parser.add_argument("--reason", default="", help="reason recorded in the signature")
        parser.add_argument("--position", default="", help="the signer's position as printed above the name")

    def handle(self, *args: Any, **options: Any) -> None:
        user = User.objects.filter(username=options["user"], is_active=True).first()
        if user is None:
            raise CommandError(f"No active user {options['user']!r}.")
        source: Path = options["input"]
        if not source.is_file():
            raise CommandError(f"{source}: no such file.")
        pdf = source.read_bytes()
        try:
            result = self._sign(pdf, user, options)
        except ApplicationError as exc:
            raise CommandError(str(exc.message)) from exc
        options["output"].write_bytes(result)
        self.stdout.write(self.style.SUCCESS(f"Signed: {options['output']} ({len(result):,} bytes)"))

    def _sign(self, pdf: bytes, user: User, options: dict[str, Any]) -> bytes:
        agency_id = self._agency(user, options["agency"])
        if options["stamp"]:
            return stamp_as_agency(pdf, actor=user, agency_id=agency_id, first_line=options["stamp"]).pdf
        signer_box = None
        if personal_certificate(user) is not None:
            signed = sign_as_person(pdf, actor=user, reason=options["reason"], position=options["position"])
            pdf, signer_box = signed.pdf, signed.box
            if not options["seal"]:
                return pdf
            return seal_as_agency(
                pdf,
                actor=user,
                agency_id=agency_id,
                reason=options["reason"],
                signer_box=signer_box,
                sealing_for_signer=user,
            ).pdf
        if not options["seal"]:
            raise CommandError(f"{user.username} has no valid personal certificate (use --seal to seal as a clerk).")
        return seal_as_agency(pdf, actor=user, agency_id=agency_id, reason=options["reason"]).pdf

    def _agency(self, user: User, code: str) -> int:
        if code:
            summary = agency_get_by_code(code)
            if summary is None:
                raise CommandError(f"No agency with code {code!r}.")
            return summary.id
        cert = personal_certificate(user)
        if cert is not None:
            return cert.agency_id
        agencies = staff_agency_ids(user.pk)
        if len(agencies) != 1:
            raise CommandError("The user works in several agencies (or none): give --agency CODE.")
        return agencies[0]
