"""Accounts: staff and citizens share the User table but are kept apart by ``kind``."""

from django.contrib.auth.models import AbstractUser
from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

citizen_id_validator = RegexValidator(r"^\d{12}$", _("A citizen ID number has exactly 12 digits."), code="citizen_id")
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
            ),
            # A citizen account never reaches the admin or staff pages, whatever an operator ticks.
            models.CheckConstraint(
                condition=~models.Q(kind="citizen") | models.Q(is_staff=False, is_superuser=False),
                name="citizen_never_staff",
            ),
            # Citizens log in with their phone number, so it identifies one citizen account.
            models.UniqueConstraint(
                fields=["phone"],
                condition=models.Q(kind="citizen") & ~models.Q(phone=""),
                name="citizen_phone_uniq",
            ),
        ]

    def get_full_name(self) -> str:
        return self.full_name or super().get_full_name()

    @property
    def is_citizen(self) -> bool:
        return self.kind == UserKind.CITIZEN


class LoginLockout(models.Model):
    """Failed logins for one login key (``staff:<username>`` or ``citizen:<id>``) and its lock.

    Keyed by what was typed, not by an existing account, so unknown usernames lock exactly like
    real ones and the lock reveals nothing about which accounts exist.
    """

    login_key = models.CharField(_("login key"), max_length=200, unique=True)
    failure_count = models.PositiveIntegerField(_("failed attempts"), default=0)
    window_started_at = models.DateTimeField(_("first failure in window"))
    last_failure_at = models.DateTimeField(_("last failure"))
    locked_until = models.DateTimeField(_("locked until"), null=True, blank=True)

    class Meta:
        verbose_name = _("login lockout")
        verbose_name_plural = _("login lockouts")

    def __str__(self) -> str:
        return self.login_key


class TotpDevice(models.Model):
    """A user's authenticator app (RFC 6238). The seed is Fernet-encrypted (``egov.identity.crypto``)."""

    user = models.OneToOneField(User, on_delete=models.CASCADE, related_name="totp_device", verbose_name=_("user"))
    secret_encrypted = models.TextField(_("encrypted secret"))
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True)
    # The newest 30-second step accepted: a code is never accepted twice (RFC 6238 §5.2).
    last_used_step = models.BigIntegerField(_("last used time step"), default=0)

    class Meta:
        verbose_name = _("authenticator app")
        verbose_name_plural = _("authenticator apps")

    def __str__(self) -> str:
        return f"TOTP {self.user_id}"

    @property
    def is_confirmed(self) -> bool:
        return self.confirmed_at is not None


class RecoveryCode(models.Model):
    """A one-time code that replaces the authenticator app; only its SHA-256 is stored."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="recovery_codes")
    code_hash = models.CharField(_("code hash"), max_length=64)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    used_at = models.DateTimeField(_("used at"), null=True, blank=True)

    class Meta:
        verbose_name = _("recovery code")
        verbose_name_plural = _("recovery codes")
        constraints = [models.UniqueConstraint(fields=["user", "code_hash"], name="recovery_code_uniq")]

    def __str__(self) -> str:
        return f"recovery code {self.pk}"


class ApiToken(models.Model):
    """A bearer token for an integrator. Only the SHA-256 of the token and a short prefix are kept."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens", verbose_name=_("user"))
    name = models.CharField(_("name"), max_length=100)
    prefix = models.CharField(_("prefix"), max_length=16, db_index=True)
    token_hash = models.CharField(_("token hash"), max_length=64, unique=True)
    created_at = models.DateTimeField(_("created at"))
    last_used_at = models.DateTimeField(_("last used at"), null=True, blank=True)
    expires_at = models.DateTimeField(_("expires at"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["user", "-created_at"], name="api_token_user_idx")]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"


class ExternalIdentity(models.Model):
    """The link between an account and its subject (``sub``) at a single sign-on provider."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="external_identities", verbose_name=_("user"))
    provider = models.CharField(_("provider"), max_length=50)
    subject = models.CharField(_("subject"), max_length=255)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    last_login_at = models.DateTimeField(_("last sign-in"), null=True, blank=True)

    class Meta:
        verbose_name = _("external identity")
        verbose_name_plural = _("external identities")
        constraints = [models.UniqueConstraint(fields=["provider", "subject"], name="external_identity_uniq")]

    def __str__(self) -> str:
        return f"{self.provider}:{self.subject}"


class PasswordResetChannel(models.TextChoices):
    EMAIL = "email", _("E-mail")
    SMS = "sms", _("SMS")


class PasswordReset(models.Model):
    """One request to reset a citizen's password with a one-time code (``services/password_reset.py``).

    A request is recorded whether or not the citizen ID number and the address typed match an
    account (``user`` is then empty and no code is ever sent), so the answer, and the work done to
    give it, reveal nothing about which accounts exist. The code is made and sent by the worker
    (the outbox), and only its keyed hash is stored.
    """

    public_id = models.UUIDField(_("public identifier"), unique=True, editable=False)
    user = models.ForeignKey(
        User, on_delete=models.CASCADE, null=True, blank=True, related_name="password_resets", verbose_name=_("user")
    )
    channel = models.CharField(_("channel"), max_length=10, choices=PasswordResetChannel.choices)
    code_hash = models.CharField(_("code hash"), max_length=64, blank=True)
    created_at = models.DateTimeField(_("requested at"), db_index=True)
    sent_at = models.DateTimeField(_("code made at"), null=True, blank=True)
    expires_at = models.DateTimeField(_("expires at"))
    failed_attempts = models.PositiveSmallIntegerField(_("wrong codes"), default=0)
    used_at = models.DateTimeField(_("used at"), null=True, blank=True)
    client_ip = models.GenericIPAddressField(_("client address"), null=True, blank=True)

    class Meta:
        verbose_name = _("password reset")
        verbose_name_plural = _("password resets")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"password reset {self.public_id}"
