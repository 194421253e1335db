"""Administrative units, agencies, departments, positions and staff members."""

from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from egov.core.models import TimestampedModel
from egov.core.text import fold
from egov.identity.roles import Role
from egov.organisation.querysets import AgencyScopedQuerySet


class UnitLevel(models.TextChoices):
    PROVINCE = "province", _("Province level")
    DISTRICT = "district", _("District level (before 1 July 2025)")
    COMMUNE = "commune", _("Commune level")


class AdministrativeUnit(models.Model):
    """A province or commune (and, historically, a district), with its period of validity.

    ``code`` is the NSO statistical code (2 digits for a province, 3 for a district, 5 for a
    commune). A unit that survived the 2025 reform keeps its code but is a new row from
    2025-07-01 (its territory changed); ``UnitSuccession`` links old rows to new ones.
    """

    code = models.CharField(_("code"), max_length=10)
    name = models.CharField(_("name"), max_length=200)
    short_name = models.CharField(_("short name"), max_length=200, blank=True)
    unit_type = models.CharField(_("type"), max_length=50, blank=True)  # Tỉnh, Thành phố, Xã, Phường, Đặc khu…
    level = models.CharField(_("level"), max_length=10, choices=UnitLevel.choices)
    parent = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="children", verbose_name=_("parent")
    )
    valid_from = models.DateField(_("valid from"), null=True, blank=True)  # unknown for old units
    valid_to = models.DateField(_("valid to"), null=True, blank=True)
    name_folded = models.CharField(max_length=200, db_index=True, editable=False)

    class Meta:
        verbose_name = _("administrative unit")
        verbose_name_plural = _("administrative units")
        ordering = ["code"]
        constraints = [
            models.UniqueConstraint(fields=["code", "level", "valid_from"], name="unit_code_period_uniq"),
            # NULL valid_from (start unknown) escapes the constraint above: key old units by their end.
            models.UniqueConstraint(
                fields=["code", "level", "valid_to"],
                condition=models.Q(valid_from__isnull=True),
                name="unit_code_legacy_uniq",
            ),
        ]
        indexes = [models.Index(fields=["level", "valid_to"], name="unit_level_current_idx")]

    def __str__(self) -> str:
        return self.name


class UnitSuccession(models.Model):
    """Old unit → new unit on a reorganisation date (e.g. NQ 202/2025/QH15 and the commune mergers)."""

    predecessor = models.ForeignKey(AdministrativeUnit, on_delete=models.CASCADE, related_name="successions")
    successor = models.ForeignKey(AdministrativeUnit, on_delete=models.CASCADE, related_name="predecessions")
    effective_date = models.DateField(_("effective date"))
    is_partial = models.BooleanField(_("only part of the territory"), default=False)
    # For a split unit: the successor to use when only the old address is known.
    is_default = models.BooleanField(_("default successor"), default=True)

    class Meta:
        verbose_name = _("unit succession")
        verbose_name_plural = _("unit successions")
        constraints = [
            models.UniqueConstraint(fields=["predecessor", "successor", "effective_date"], name="unit_succession_uniq")
        ]

    def __str__(self) -> str:
        return f"{self.predecessor_id} → {self.successor_id} ({self.effective_date})"


class AgencyKind(models.TextChoices):
    PROVINCIAL_PEOPLES_COMMITTEE = "provincial_pc", _("Provincial People's Committee")
    PROVINCIAL_DEPARTMENT = "provincial_dept", _("Provincial department")
    PUBLIC_SERVICE_CENTRE = "service_centre", _("Public administrative service centre")
    COMMUNE_PEOPLES_COMMITTEE = "commune_pc", _("Commune People's Committee")
    SPECIALISED_OFFICE = "specialised_office", _("Specialised office")
    CENTRAL_AGENCY = "central", _("Central agency")
    OTHER = "other", _("Other")


class AgencyQuerySet(AgencyScopedQuerySet["Agency"]):
    agency_field = "pk"
    view_permission = "organisation.view_agency"


class DepartmentQuerySet(AgencyScopedQuerySet["Department"]):
    agency_field = "agency"
    view_permission = "organisation.view_agency"


class StaffMemberQuerySet(AgencyScopedQuerySet["StaffMember"]):
    agency_field = "agency"
    view_permission = "organisation.view_staff"


class Agency(TimestampedModel):
    """An organisation with an official code (mã định danh, QĐ 20/2020/QĐ-TTg Điều 4: ≤35 characters)."""

    code = models.CharField(_("agency code"), max_length=35, unique=True)
    name = models.CharField(_("name"), max_length=255)
    short_name = models.CharField(_("short name"), max_length=100, blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=AgencyKind.choices)
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("parent agency"),
    )
    administrative_unit = models.ForeignKey(
        AdministrativeUnit, on_delete=models.PROTECT, related_name="agencies", verbose_name=_("administrative unit")
    )
    email = models.EmailField(_("email"), blank=True)
    phone = models.CharField(_("phone"), max_length=20, blank=True)
    address = models.CharField(_("address"), max_length=300, blank=True)
    is_active = models.BooleanField(_("active"), default=True)
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_to = models.DateField(_("valid to"), null=True, blank=True)
    # Accent- and case-folded name and short name, for "so tu phap" → "Sở Tư pháp".
    name_folded = models.CharField(max_length=400, db_index=True, editable=False, default="")

    objects = AgencyQuerySet.as_manager()

    class Meta:
        verbose_name = _("agency")
        verbose_name_plural = _("agencies")
        ordering = ["code"]

    def __str__(self) -> str:
        return self.name

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.name_folded = fold(f"{self.name} {self.short_name}")
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and ({"name", "short_name"} & set(update_fields)):
            kwargs["update_fields"] = {*update_fields, "name_folded"}
        super().save(*args, **kwargs)


class LegacyCodeScheme(models.TextChoices):
    QCVN102 = "qcvn102", _("QCVN 102:2016 (13 characters)")
    QD20 = "qd20", _("Earlier QĐ 20/2020 code")


class AgencyLegacyCode(models.Model):
    """An earlier code of the agency, e.g. the 13-character QCVN 102:2016 form ``000.00.00.H41``,
    kept so that edXML packages and old dossier codes still resolve."""

    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="legacy_codes")
    code = models.CharField(_("legacy code"), max_length=35, unique=True)
    scheme = models.CharField(
        _("scheme"), max_length=20, choices=LegacyCodeScheme.choices, default=LegacyCodeScheme.QCVN102
    )
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_to = models.DateField(_("valid to"), null=True, blank=True)

    class Meta:
        verbose_name = _("legacy agency code")
        verbose_name_plural = _("legacy agency codes")

    def __str__(self) -> str:
        return self.code


class Department(TimestampedModel):
    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="departments", verbose_name=_("agency"))
    code = models.CharField(_("code"), max_length=35)
    name = models.CharField(_("name"), max_length=255)
    is_active = models.BooleanField(_("active"), default=True)

    objects = DepartmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("department")
        verbose_name_plural = _("departments")
        ordering = ["agency", "name"]
        constraints = [models.UniqueConstraint(fields=["agency", "code"], name="department_code_uniq")]

    def __str__(self) -> str:
        return self.name


class Position(models.Model):
    """A post title (Giám đốc, Phó Chủ tịch UBND, Chuyên viên…); ``rank`` orders leaders first."""

    code = models.CharField(_("code"), max_length=50, unique=True)
    name = models.CharField(_("name"), max_length=150)
    rank = models.PositiveSmallIntegerField(_("rank"), default=100)

    class Meta:
        verbose_name = _("position")
        verbose_name_plural = _("positions")
        ordering = ["rank", "name"]

    def __str__(self) -> str:
        return self.name


class StaffMember(TimestampedModel):
    """A user's post in one agency. A user may hold posts in several agencies (kiêm nhiệm)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="staff_posts", verbose_name=_("user")
    )
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="staff", verbose_name=_("agency"))
    department = models.ForeignKey(
        Department, on_delete=models.PROTECT, null=True, blank=True, related_name="staff", verbose_name=_("department")
    )
    position = models.ForeignKey(
        Position, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("position")
    )
    is_active = models.BooleanField(_("active"), default=True)

    objects = StaffMemberQuerySet.as_manager()

    class Meta:
        verbose_name = _("staff member")
        verbose_name_plural = _("staff members")
        constraints = [models.UniqueConstraint(fields=["user", "agency"], name="staff_user_agency_uniq")]

    def __str__(self) -> str:
        return f"{self.user} @ {self.agency}"


class StaffRoleAssignment(models.Model):
    staff_member = models.ForeignKey(StaffMember, on_delete=models.CASCADE, related_name="role_assignments")
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)

    class Meta:
        verbose_name = _("role assignment")
        verbose_name_plural = _("role assignments")
        constraints = [models.UniqueConstraint(fields=["staff_member", "role"], name="staff_role_uniq")]

    def __str__(self) -> str:
        return f"{self.staff_member}: {self.role}"
