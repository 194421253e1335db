"""Django admin of the certificate store.

Trusted CAs (province administrators, ``signing.manage_trust``): add one from a PEM/DER file,
enable, disable; the shipped government roots are never deleted, only disabled. Signing
certificates (``signing.manage_certificates``, scoped to the agencies where it is held): read-only
facts, and revoke / suspend / reactivate. Every change goes through ``services/admin_actions.py``
(one transaction, one audit entry each); key material is never shown.
"""

from typing import TYPE_CHECKING, Any

from django import forms
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from egov.core.errors import ApplicationError
from egov.organisation.facade import AllAgencies, has_permission, has_province_permission, visible_agency_ids
from egov.signing.choices import AnchorSource
from egov.signing.models import Certificate, TrustAnchor
from egov.signing.services import admin_actions
from egov.signing.services.admin_actions import MANAGE_CERTIFICATES, MANAGE_TRUST

if TYPE_CHECKING:
    _ModelAdmin = admin.ModelAdmin[Any]
else:
    _ModelAdmin = admin.ModelAdmin

MAX_CERTIFICATE_BYTES = 64 * 1024


class TrustAnchorAddForm(forms.ModelForm):  # type: ignore[type-arg]
    certificate_file = forms.FileField(
        label=_("CA certificate file"),
        help_text=_("PEM (.pem, .crt) or DER (.cer, .der). A self-signed certificate becomes a trusted root."),
    )

    class Meta:
        model = TrustAnchor
        fields: list[str] = []

    def clean_certificate_file(self) -> bytes:
        data = bytes(self.cleaned_data["certificate_file"].read(MAX_CERTIFICATE_BYTES + 1))
        if len(data) > MAX_CERTIFICATE_BYTES:
            raise forms.ValidationError(_("The file is too large for a certificate."))
        try:
            admin_actions.parse_ca_certificate(data)
        except ApplicationError as error:
            raise forms.ValidationError(str(error.message), code=error.code) from error
        return data


class _ServiceAdmin(_ModelAdmin):
    """Change pages are read-only (``has_change_permission`` is true only for the list, so actions
    run there); a service's refusal is a message, never a 500."""

    def changeform_view(
        self, request: HttpRequest, object_id: str | None = None, form_url: str = "", extra_context: Any = None
    ) -> HttpResponse:
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except ApplicationError as exc:
            self.message_user(request, str(exc.message), messages.ERROR)
            return HttpResponseRedirect(request.get_full_path())

    def _run(self, request: HttpRequest, queryset: QuerySet[Any], call: Any, done: Any) -> None:
        count = 0
        for obj in queryset:
            try:
                call(obj)
            except ApplicationError as exc:
                self.message_user(request, f"{obj}: {exc.message}", messages.ERROR)
            else:
                count += 1
        if count:
            self.message_user(request, format_lazy(done, count=count), messages.SUCCESS)


@admin.register(TrustAnchor)
class TrustAnchorAdmin(_ServiceAdmin):
    list_display = ("name", "role", "source", "enabled", "not_after", "fingerprint_sha256")
    list_filter = ("role", "source", "enabled")
    search_fields = ("name", "subject", "fingerprint_sha256")
    readonly_fields = (
        "name",
        "role",
        "source",
        "subject",
        "issuer",
        "fingerprint_sha256",
        "not_before",
        "not_after",
        "enabled",
        "created_at",
    )
    actions = ("enable_anchors", "disable_anchors")

    def _can_manage(self, request: HttpRequest) -> bool:
        return has_province_permission(request.user, MANAGE_TRUST)

    def has_module_permission(self, request: HttpRequest) -> bool:
        return self._can_manage(request)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self._can_manage(request)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return self._can_manage(request)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return obj is None and self._can_manage(request)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        if not self._can_manage(request):
            return False
        return obj is None or obj.source == AnchorSource.ADDED

    def get_form(self, request: HttpRequest, obj: Any = None, change: bool = False, **kwargs: Any) -> Any:
        if obj is None:
            kwargs["form"] = TrustAnchorAddForm
        return super().get_form(request, obj, change, **kwargs)

    def get_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        return ("certificate_file",) if obj is None else self.readonly_fields

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        return () if obj is None else self.readonly_fields

    def save_form(self, request: HttpRequest, form: Any, change: bool) -> Any:
        if change:  # pragma: no cover - change pages are read-only
            return form.instance
        anchor = admin_actions.trust_anchor_add(data=form.cleaned_data["certificate_file"], actor=request.user)
        self.message_user(
            request,
            format_lazy(
                _("Added “{name}” as {role}. Subject: {subject}. Issuer: {issuer}. SHA-256: {fingerprint}."),
                name=anchor.name,
                role=anchor.get_role_display(),
                subject=anchor.subject,
                issuer=anchor.issuer,
                fingerprint=anchor.fingerprint_sha256,
            ),
            messages.INFO,
        )
        return anchor

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        """Saved (and audited) by the service in ``save_form``."""

    def save_related(self, request: HttpRequest, form: Any, formsets: Any, change: bool) -> None:
        """A trust anchor has no related rows to save."""

    def delete_model(self, request: HttpRequest, obj: TrustAnchor) -> None:
        admin_actions.trust_anchor_delete(anchor_id=obj.pk, actor=request.user)

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[TrustAnchor]) -> None:
        for anchor in queryset:
            admin_actions.trust_anchor_delete(anchor_id=anchor.pk, actor=request.user)

    @admin.action(description=_("Enable the selected CA certificates"), permissions=["change"])
    def enable_anchors(self, request: HttpRequest, queryset: QuerySet[TrustAnchor]) -> None:
        self._run(
            request,
            queryset,
            lambda a: admin_actions.trust_anchor_set_enabled(anchor_id=a.pk, enabled=True, actor=request.user),
            _("{count} CA certificate(s) enabled."),
        )

    @admin.action(description=_("Disable the selected CA certificates"), permissions=["change"])
    def disable_anchors(self, request: HttpRequest, queryset: QuerySet[TrustAnchor]) -> None:
        self._run(
            request,
            queryset,
            lambda a: admin_actions.trust_anchor_set_enabled(anchor_id=a.pk, enabled=False, actor=request.user),
            _("{count} CA certificate(s) disabled."),
        )


@admin.register(Certificate)
class CertificateAdmin(_ServiceAdmin):
    list_display = ("subject_name", "kind", "agency", "status", "not_after", "is_test", "key_storage")
    list_filter = ("status", "kind", "is_test", "key_storage")
    search_fields = ("subject_name", "organisation", "serial_number", "fingerprint_sha256")
    list_select_related = ("agency",)
    # No der, no encrypted_key, no image here: facts only.
    fields = readonly_fields = (
        "kind",
        "user",
        "agency",
        "subject_name",
        "organisation",
        "issuer_name",
        "serial_number",
        "fingerprint_sha256",
        "not_before",
        "not_after",
        "status",
        "revoked_at",
        "is_test",
        "key_storage",
        "pkcs11_token_label",
        "pkcs11_key_label",
        "created_at",
    )
    actions = ("revoke_certificates", "suspend_certificates", "reactivate_certificates")

    def get_queryset(self, request: HttpRequest) -> QuerySet[Certificate]:
        qs = super().get_queryset(request).defer("der", "encrypted_key", "image_png")
        scope = visible_agency_ids(request.user, MANAGE_CERTIFICATES)
        return qs if isinstance(scope, AllAgencies) else qs.filter(agency_id__in=sorted(scope))

    def has_module_permission(self, request: HttpRequest) -> bool:
        return has_permission(request.user, MANAGE_CERTIFICATES)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return has_permission(request.user, MANAGE_CERTIFICATES, obj.agency_id if obj is not None else None)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return obj is None and has_permission(request.user, MANAGE_CERTIFICATES)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # certificates are issued or imported by the signing services, not typed in

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False  # revoke instead: signed documents keep pointing at the certificate

    @admin.action(description=_("Revoke the selected certificates (final)"), permissions=["change"])
    def revoke_certificates(self, request: HttpRequest, queryset: QuerySet[Certificate]) -> HttpResponse | None:
        if request.POST.get("confirm") != "yes":
            context = {
                **self.admin_site.each_context(request),
                "title": _("Revoke certificates"),
                "opts": self.model._meta,
                "certificates": list(queryset),
                "action": "revoke_certificates",
                "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
            }
            return TemplateResponse(request, "signing/admin_revoke_confirm.html", context)
        reason = request.POST.get("reason", "")[:500]
        self._run(
            request,
            queryset,
            lambda c: admin_actions.certificate_revoke(certificate_id=c.pk, actor=request.user, reason=reason),
            _("{count} certificate(s) revoked."),
        )
        return None

    @admin.action(description=_("Suspend the selected certificates"), permissions=["change"])
    def suspend_certificates(self, request: HttpRequest, queryset: QuerySet[Certificate]) -> None:
        self._run(
            request,
            queryset,
            lambda c: admin_actions.certificate_suspend(certificate_id=c.pk, actor=request.user),
            _("{count} certificate(s) suspended."),
        )

    @admin.action(description=_("Reactivate the selected suspended certificates"), permissions=["change"])
    def reactivate_certificates(self, request: HttpRequest, queryset: QuerySet[Certificate]) -> None:
        self._run(
            request,
            queryset,
            lambda c: admin_actions.certificate_reactivate(certificate_id=c.pk, actor=request.user),
            _("{count} certificate(s) reactivated."),
        )
