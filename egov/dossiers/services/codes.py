"""Dossier codes (mã số hồ sơ): the legal format is data (``DossierCodeRule``), the sequence atomic.

TT 01/2018/TT-VPCP Điều 19: ``<agency code>-YYMMDD-XXXX``, XXXX the sequence of the day. TT 03/2025/
TT-VPCP Điều 13 k3 (added by TT 04/2025/TT-VPCP): the agency's electronic identifier (QĐ 20/2020/
QĐ-TTg), and a sequence of at least four digits that grows as needed. The per-agency daily counter
is incremented by one upsert inside the intake transaction: concurrent intakes serialise on the
counter row, and a rolled-back intake gives its number back, so codes are unique and gap-free.
"""

from datetime import date

from django.db import connection
from django.utils.translation import gettext_lazy as _

from egov.core.errors import ApplicationError
from egov.dossiers.models import DossierCodeCounter, DossierCodeRule
from egov.organisation.models import Agency, AgencyLegacyCode


def code_rule_for(day: date) -> DossierCodeRule:
    rule = (
        DossierCodeRule.objects.filter(valid_from__lte=day)
        .exclude(valid_to__lt=day)
        .order_by("-valid_from", "-pk")
        .first()
    )
    if rule is None:
        raise ApplicationError(
            _("No dossier code format is in force on this day; a province administrator must add one."),
            code="dossier.no_code_rule",
            status=409,
        )
    return rule


def _next_sequence(agency_id: int, day: date) -> int:
    table = DossierCodeCounter._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} (agency_id, day, last) VALUES (%s, %s, 1) "  # noqa: S608 - table name is ours
            f"ON CONFLICT (agency_id, day) DO UPDATE SET last = {table}.last + 1 RETURNING last",
            [agency_id, day],
        )
        row = cursor.fetchone()
    return int(row[0])


def _agency_code(agency: Agency, scheme: str, day: date) -> str:
    if scheme == DossierCodeRule.Scheme.QCVN102:
        legacy = (
            AgencyLegacyCode.objects.filter(agency=agency)
            .exclude(valid_to__lt=day)
            .order_by("-valid_from")
            .values_list("code", flat=True)
            .first()
        )
        if legacy:
            return legacy
    return agency.code


def format_code(rule: DossierCodeRule, *, agency_code: str, day: date, sequence: int) -> str:
    return rule.pattern.format(
        agency=agency_code,
        yymmdd=day.strftime("%y%m%d"),
        prefix=rule.prefix,
        seq=str(sequence).zfill(rule.min_digits),
    )


def dossier_code_next(*, agency: Agency, day: date) -> str:
    """The next code of ``agency`` for ``day``. Call inside the transaction that creates the dossier."""
    rule = code_rule_for(day)
    sequence = _next_sequence(agency.pk, day)
    return format_code(rule, agency_code=_agency_code(agency, rule.agency_code_scheme, day), day=day, sequence=sequence)
