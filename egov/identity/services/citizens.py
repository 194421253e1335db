"""Self-registration of citizen accounts (tài khoản công dân) on the province's portal."""

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext_lazy as _

from egov.core.errors import ApplicationError
from egov.core.services.audit import audit_record
from egov.identity.models import User, UserKind
from egov.identity.validators import normalize_citizen_id, normalize_phone, validate_citizen_id, validate_phone


def citizen_username(citizen_id: str) -> str:
    """Citizens log in by ID number or phone; the username only has to be unique and stable."""
    return f"citizen-{citizen_id}"


@transaction.atomic
def citizen_register(*, full_name: str, citizen_id: str, phone: str, email: str, password: str) -> User:
    """Create a citizen account. It can never be staff (a database constraint backs this up)."""
    citizen_id = normalize_citizen_id(citizen_id)
    phone = normalize_phone(phone)
    full_name = " ".join(full_name.split())
    errors: dict[str, list[str]] = {}
    for field, validator, value in (("citizen_id", validate_citizen_id, citizen_id), ("phone", validate_phone, phone)):
        try:
            validator(value)
        except ValidationError as exc:
            errors[field] = [str(message) for message in exc.messages]
    if not full_name:
        errors["full_name"] = [str(_("Enter your full name."))]
    if "citizen_id" not in errors and User.objects.filter(citizen_id=citizen_id).exists():
        errors["citizen_id"] = [str(_("An account with this citizen ID number already exists."))]
    if "phone" not in errors and User.objects.filter(kind=UserKind.CITIZEN, phone=phone).exists():
        errors["phone"] = [str(_("An account with this phone number already exists."))]
    user = User(
        username=citizen_username(citizen_id),
        kind=UserKind.CITIZEN,
        full_name=full_name,
        citizen_id=citizen_id,
        phone=phone,
        email=User.objects.normalize_email(email.strip()),
        is_staff=False,
        is_superuser=False,
    )
    try:
        validate_password(password, user=user)
    except ValidationError as exc:
        errors["password"] = [str(message) for message in exc.messages]
    if errors:
        raise ApplicationError(_("Please correct the errors below."), code="invalid_registration", fields=errors)
    user.set_password(password)
    user.full_clean()
    try:
        with transaction.atomic():
            user.save()
    except IntegrityError as exc:  # registered by a parallel request a moment ago
        raise ApplicationError(
            _("An account with this citizen ID number or phone number already exists."),
            code="citizen_exists",
            status=409,
        ) from exc
    audit_record(
        actor=user, action="identity.citizen_register", obj=user, changes={"phone": phone, "email": user.email}
    )
    return user
