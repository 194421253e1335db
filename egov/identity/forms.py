"""Forms of the login, registration and two-step verification pages."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from egov.identity.services.password_reset import Contact, parse_contact
from egov.identity.validators import normalize_citizen_id, normalize_phone, validate_citizen_id, validate_phone


class StaffLoginForm(forms.Form):
    username = forms.CharField(
        label=_("Username"),
        max_length=150,
        widget=forms.TextInput(attrs={"autocomplete": "username", "autocapitalize": "none", "autofocus": True}),
    )
    password = forms.CharField(
        label=_("Password"), strip=False, widget=forms.PasswordInput(attrs={"autocomplete": "current-password"})
    )


class CitizenLoginForm(forms.Form):
    identifier = forms.CharField(
        label=_("Citizen ID number or phone number"),
        max_length=20,
        widget=forms.TextInput(attrs={"autocomplete": "username", "inputmode": "numeric", "autofocus": True}),
    )
    password = forms.CharField(
        label=_("Password"), strip=False, widget=forms.PasswordInput(attrs={"autocomplete": "current-password"})
    )


class SecondFactorForm(forms.Form):
    code = forms.CharField(
        label=_("Verification code"),
        max_length=24,
        help_text=_("The 6-digit code from your authenticator app, or one of your recovery codes."),
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "autocapitalize": "none", "spellcheck": "false", "autofocus": True}
        ),
    )


class TotpConfirmForm(forms.Form):
    code = forms.CharField(
        label=_("Code from the app"),
        max_length=10,
        help_text=_("Enter the 6-digit code your authenticator app shows now."),
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "pattern": "[0-9 ]*", "autofocus": True}
        ),
    )


class TotpDisableForm(forms.Form):
    password = forms.CharField(
        label=_("Password"), strip=False, widget=forms.PasswordInput(attrs={"autocomplete": "current-password"})
    )
    code = forms.CharField(
        label=_("Verification code"),
        max_length=24,
        help_text=_("The 6-digit code from your authenticator app, or one of your recovery codes."),
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "autocapitalize": "none", "spellcheck": "false"}
        ),
    )


class CitizenRegistrationForm(forms.Form):
    full_name = forms.CharField(
        label=_("Full name"),
        max_length=200,
        help_text=_("As written on your citizen ID card."),
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    citizen_id = forms.CharField(
        label=_("Citizen ID number"),
        max_length=20,
        help_text=_("The 12-digit personal identification number on your citizen ID card."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "inputmode": "numeric"}),
    )
    phone = forms.CharField(
        label=_("Phone number"),
        max_length=20,
        widget=forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel", "type": "tel"}),
    )
    email = forms.EmailField(
        label=_("Email (optional)"), required=False, widget=forms.EmailInput(attrs={"autocomplete": "email"})
    )
    password1 = forms.CharField(
        label=_("Password"),
        strip=False,
        help_text=_("At least 10 characters; not only digits and not a common password."),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )
    password2 = forms.CharField(
        label=_("Repeat the password"), strip=False, widget=forms.PasswordInput(attrs={"autocomplete": "new-password"})
    )

    def clean_citizen_id(self) -> str:
        value = normalize_citizen_id(self.cleaned_data["citizen_id"])
        validate_citizen_id(value)
        return value

    def clean_phone(self) -> str:
        value = normalize_phone(self.cleaned_data["phone"])
        validate_phone(value)
        return value

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("password1") and cleaned.get("password2") and cleaned["password1"] != cleaned["password2"]:
            self.add_error("password2", _("The two passwords do not match."))
        return cleaned


class PasswordResetRequestForm(forms.Form):
    citizen_id = forms.CharField(
        label=_("Citizen ID number"),
        max_length=20,
        help_text=_("The 12-digit personal identification number on your citizen ID card."),
        widget=forms.TextInput(attrs={"autocomplete": "username", "inputmode": "numeric", "autofocus": True}),
    )
    contact = forms.CharField(
        label=_("E-mail address or phone number of your account"),
        max_length=254,
        help_text=_("We send the code there: by e-mail, or by SMS to a phone number."),
        widget=forms.TextInput(attrs={"autocomplete": "email", "autocapitalize": "none", "spellcheck": "false"}),
    )

    def clean_citizen_id(self) -> str:
        value = normalize_citizen_id(self.cleaned_data["citizen_id"])
        validate_citizen_id(value)
        return value

    def clean_contact(self) -> Contact:
        contact = parse_contact(self.cleaned_data["contact"])
        if contact is None:
            raise forms.ValidationError(
                _("Enter an e-mail address (name@example.com) or a phone number (0912345678)."), code="contact"
            )
        return contact


class PasswordResetCodeForm(forms.Form):
    code = forms.CharField(
        label=_("Code"),
        max_length=12,
        help_text=_("The 6-digit code we sent you."),
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "pattern": "[0-9 ]*", "autofocus": True}
        ),
    )
    password1 = forms.CharField(
        label=_("New password"),
        strip=False,
        help_text=_("At least 10 characters; not only digits and not a common password."),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )
    password2 = forms.CharField(
        label=_("Repeat the new password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("password1") and cleaned.get("password2") and cleaned["password1"] != cleaned["password2"]:
            self.add_error("password2", _("The two passwords do not match."))
        return cleaned
