"""Law as data: the dossier code format follows the rule in force on the day of receipt."""

from datetime import date, timedelta
from typing import Any

import pytest
from django.test import Client

from egov.core.errors import ApplicationError
from egov.core.models import AuditEntry
from egov.dossiers.models import DossierCodeRule
from egov.dossiers.services.rules import code_rule_save
from egov.dossiers.tests.conftest import MONDAY_9AM, ReceiveFn, user


def test_a_new_format_applies_from_its_effective_date(receive_birth: ReceiveFn, travel: Any) -> None:
    admin = user("skhcn_nguyenducthang")
    current = DossierCodeRule.objects.get(valid_to__isnull=True)
    current.valid_to = date(2026, 11, 2)
    code_rule_save(rule=current, actor=admin)
    code_rule_save(
        rule=DossierCodeRule(
            name="Mẫu thử",
            legal_basis="Quyết định thử nghiệm",
            pattern="{agency}-{yymmdd}-{prefix}{seq}",
            agency_code_scheme="current",
            prefix="44",
            min_digits=5,
            valid_from=date(2026, 11, 3),
        ),
        actor=admin,
    )
    travel(MONDAY_9AM)
    assert receive_birth().code == "H44.101.01-261102-0001"
    travel(MONDAY_9AM + timedelta(days=1))
    assert receive_birth().code == "H44.101.01-261103-4400001"
    assert AuditEntry.objects.filter(action__startswith="dossiers.code_rule_").count() == 2


@pytest.mark.parametrize("pattern", ["{agency}-{seq}", "{agency}-{yymmdd}-{counter}", "{agency-{yymmdd}-{seq}"])
def test_a_pattern_without_the_day_and_sequence_is_refused(demo: None, pattern: str) -> None:
    rule = DossierCodeRule(
        name="x", legal_basis="x", pattern=pattern, agency_code_scheme="current", valid_from=date(2027, 1, 1)
    )
    with pytest.raises(ApplicationError) as caught:
        code_rule_save(rule=rule, actor=user("skhcn_nguyenducthang"))
    assert "pattern" in caught.value.fields
    assert not DossierCodeRule.objects.filter(valid_from=date(2027, 1, 1)).exists()


def test_only_province_administrators_manage_code_rules_in_the_admin(demo: None) -> None:
    client = Client()
    client.force_login(user("ttpdonghoi_buivankien"))  # an agency administrator
    assert client.get("/admin/dossiers/dossiercoderule/").status_code in {302, 403}
    client.force_login(user("skhcn_nguyenducthang"))
    page = client.get("/admin/dossiers/dossiercoderule/")
    assert page.status_code == 200
    assert "TT 03/2025/TT-VPCP" in page.content.decode()
