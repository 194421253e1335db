"""Accounts: staff and citizens share the User table but are kept apart by ``kind``."""

from django.contrib.auth.models import AbstractUser
from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

citizen_id_validator = RegexValidator(
    r"^\d{12}$", _("A citizen ID number has exactly 12 digits."), code="citizen_id"
)
phone_validator = RegexValidator(
    r"^(\+84|0)\d{9,10}$", _("Enter a Vietnamese phone number, e.g. 0912345678."), code="phone"
)


class UserKind(models.TextChoices):
    STAFF = "staff", _("Staff member")
    CITIZEN = "citizen", _("Citizen")
    SERVICE = "service", _("Integration account")


class User(AbstractUser):
    kind = models.CharField(_("account kind"), max_length=10, choices=UserKind.choices, default=UserKind.STAFF)
    full_name = models.CharField(_("full name"), max_length=200, blank=True)
    phone = models.CharField(_("phone"), max_length=15, blank=True, validators=[phone_validator])
    # Số định danh cá nhân (12 digits, Luật Căn cước 2023); only for citizen accounts.
    citizen_id = models.CharField(
        _("citizen ID number"),
        max_length=12,
        null=True,
        blank=True,
        unique=True,
        validators=[citizen_id_validator],
    )

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kind="citizen") | models.Q(citizen_id__isnull=True),
                name="citizen_id_only_for_citizens",
            )
        ]

    def get_full_name(self) -> str:
        return self.full_name or super().get_full_name()

    @property
    def is_citizen(self) -> bool:
        return self.kind == UserKind.CITIZEN
