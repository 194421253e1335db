"""Online payments of fees (thanh toán trực tuyến) through a payment gateway.

A ``Payment`` is one attempt to collect an amount for a ``purpose`` (an opaque key owned by the app
that asked: ``application:<uuid>`` for a portal draft, ``dossier:<code>`` for a dossier). Its
``reference`` is what the gateway sees (the merchant's transaction reference); the gateway's
signed callbacks (browser return and server-to-server IPN) are kept as ``PaymentCallback`` rows,
valid or not, so a dispute can be answered from the record.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class PaymentStatus(models.TextChoices):
    PENDING = "pending", _("Awaiting payment")
    PAID = "paid", _("Paid")
    FAILED = "failed", _("Payment failed")
    CANCELLED = "cancelled", _("Cancelled")
    EXPIRED = "expired", _("Expired")


class CallbackKind(models.TextChoices):
    RETURN = "return", _("Browser return")
    IPN = "ipn", _("Server notification (IPN)")


class Payment(models.Model):
    reference = models.CharField(_("payment reference"), max_length=32, unique=True)
    purpose = models.CharField(_("purpose"), max_length=100, db_index=True)
    payer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    description = models.CharField(_("description"), max_length=255)
    items = models.JSONField(_("fee lines"), default=list)  # [{"description", "unit_amount", "quantity", "amount"}]
    amount = models.PositiveBigIntegerField(_("amount"))  # whole đồng
    currency = models.CharField(_("currency"), max_length=3, default="VND")
    gateway = models.CharField(_("gateway"), max_length=30)
    status = models.CharField(_("status"), max_length=10, choices=PaymentStatus.choices, default=PaymentStatus.PENDING)
    return_to = models.CharField(max_length=500, blank=True)  # local path the payer comes back to
    gateway_transaction = models.CharField(_("gateway transaction"), max_length=64, blank=True)
    bank_code = models.CharField(_("bank"), max_length=20, blank=True)
    failure_code = models.CharField(_("gateway response code"), max_length=10, blank=True)
    created_at = models.DateTimeField(_("created at"))
    expires_at = models.DateTimeField(_("expires at"))
    paid_at = models.DateTimeField(_("paid at"), null=True, blank=True)
    receipt_number = models.CharField(_("receipt number"), max_length=30, null=True, blank=True, unique=True)
    # The gateway confirmed money taken for a purpose another payment had already paid (the payer
    # paid an abandoned attempt in a second tab): kept out of "paid", to be refunded by the agency.
    refund_due = models.BooleanField(_("refund due"), default=False)

    class Meta:
        verbose_name = _("payment")
        verbose_name_plural = _("payments")
        ordering = ["-created_at", "-id"]
        constraints = [
            # At most one paid payment per purpose: a second confirmation cannot charge twice.
            models.UniqueConstraint(
                fields=["purpose"], condition=models.Q(status="paid"), name="payment_one_paid_per_purpose"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.reference} ({self.amount} {self.currency}, {self.status})"


class ReceiptCounter(models.Model):
    """The yearly sequence of receipt numbers, advanced inside the confirming transaction: a rolled
    back confirmation gives its number back, so the numbers have no gaps and no duplicates."""

    year = models.PositiveIntegerField(primary_key=True)
    last = models.PositiveIntegerField(default=0)

    def __str__(self) -> str:
        return f"{self.year}: {self.last}"


class PaymentCallback(models.Model):
    """Every callback received, kept whether its signature held or not."""

    payment = models.ForeignKey(Payment, on_delete=models.PROTECT, null=True, blank=True, related_name="callbacks")
    gateway = models.CharField(max_length=30)
    kind = models.CharField(max_length=10, choices=CallbackKind.choices)
    params = models.JSONField(default=dict)
    signature_valid = models.BooleanField(default=False)
    result_code = models.CharField(max_length=10)  # what we answered (the gateway protocol's codes)
    message = models.CharField(max_length=255, blank=True)
    remote_addr = models.GenericIPAddressField(null=True, blank=True)
    received_at = models.DateTimeField()

    class Meta:
        ordering = ["received_at", "id"]
        indexes = [models.Index(fields=["payment", "received_at"], name="payment_callback_idx")]

    def __str__(self) -> str:
        return f"{self.gateway}:{self.kind}:{self.result_code}"
