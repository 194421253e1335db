"""Notices to users: in-app (the bell in the staff layout) and, when the user has an address, e-mail;
messages to applicants by e-mail and SMS, one ``Delivery`` per address and channel.

``dedupe_key`` makes a notice idempotent: a periodic job that runs twice (or a retried task) does not
tell anyone the same thing twice.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Notification(models.Model):
    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications")
    kind = models.CharField(_("kind"), max_length=50)
    title = models.CharField(_("title"), max_length=300)
    body = models.TextField(_("message"), blank=True)
    # The whole letter of a message to an applicant (the e-mail's text), shown in the citizen's inbox
    # whether or not it could be e-mailed; empty for staff notices, whose ``body`` is all there is.
    letter = models.TextField(_("letter"), blank=True)
    link = models.CharField(_("link"), max_length=500, blank=True)
    dedupe_key = models.CharField(max_length=200)
    created_at = models.DateTimeField(_("sent at"), db_index=True)
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)
    emailed_at = models.DateTimeField(_("e-mailed at"), null=True, blank=True)

    class Meta:
        verbose_name = _("notification")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["recipient", "dedupe_key"], name="notification_dedupe_uniq"),
        ]
        indexes = [
            models.Index(
                fields=["recipient", "created_at"],
                name="notification_unread_idx",
                condition=models.Q(read_at__isnull=True),
            ),
        ]

    def __str__(self) -> str:
        return self.title


class DeliveryChannel(models.TextChoices):
    EMAIL = "email", _("E-mail")
    SMS = "sms", _("SMS")


class DeliveryStatus(models.TextChoices):
    QUEUED = "queued", pgettext_lazy("delivery status", "Queued")
    DEFERRED = "deferred", pgettext_lazy("delivery status", "Deferred (rate limit)")
    SENT = "sent", pgettext_lazy("delivery status", "Sent")
    FAILED = "failed", pgettext_lazy("delivery status", "Failed")


class Delivery(models.Model):
    """One message to one address through one channel (``services/delivery.py`` sends it).

    ``notification`` is empty for an applicant without an account: they are reached at the e-mail
    address and phone number written on the dossier. ``dedupe_key`` (the event's key and the channel)
    makes the same event reach the same channel once. ``scheduled_at`` is when it may go out: the
    creation time, or later when the per-address rate limit deferred it.
    """

    notification = models.ForeignKey(
        Notification, on_delete=models.SET_NULL, null=True, blank=True, related_name="deliveries"
    )
    channel = models.CharField(_("channel"), max_length=10, choices=DeliveryChannel.choices)
    kind = models.CharField(_("kind"), max_length=50)
    address = models.CharField(_("address"), max_length=254)
    subject = models.CharField(_("subject"), max_length=300, blank=True)
    body = models.TextField(_("message"))
    link = models.CharField(_("link"), max_length=500, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=DeliveryStatus.choices, default=DeliveryStatus.QUEUED)
    attempts = models.PositiveIntegerField(_("attempts"), default=0)
    last_error = models.TextField(_("last error"), blank=True)
    provider_message_id = models.CharField(_("provider message id"), max_length=255, blank=True)
    dedupe_key = models.CharField(_("deduplication key"), max_length=255, unique=True)
    created_at = models.DateTimeField(_("created at"), db_index=True)
    scheduled_at = models.DateTimeField(_("not before"))
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)

    class Meta:
        verbose_name = _("delivery")
        verbose_name_plural = _("deliveries")
        ordering = ["-created_at", "-id"]
        indexes = [
            # The per-address rate limit counts recent deliveries to one address.
            models.Index(fields=["channel", "address", "scheduled_at"], name="delivery_rate_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.get_channel_display()} → {self.address} ({self.get_status_display()})"


class SandboxSms(models.Model):
    """What the sandbox SMS gateway would have sent (the demo's "phone"): nothing leaves the server.

    ``request_id`` is the idempotency key the gateway got, unique like a real provider's request id,
    so a retried send is stored once.
    """

    request_id = models.CharField(_("request id"), max_length=100, unique=True)
    to = models.CharField(_("to"), max_length=20)
    text = models.TextField(_("text"))
    created_at = models.DateTimeField(_("received at"))

    class Meta:
        verbose_name = _("sandbox SMS")
        verbose_name_plural = _("sandbox SMS")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.to}: {self.text[:40]}"
