"""Typed shapes of the organisation API (OpenAPI is generated from them)."""

from datetime import date

from ninja import Field, Schema

from egov.identity.roles import Role
from egov.organisation.models import Agency, AgencyKind, Department, LegacyCodeScheme, StaffMember
from egov.organisation.selectors import staff_roles

STAFF_ROLES = [role for role in Role if role != Role.CITIZEN]


class Ref(Schema):
    id: int
    code: str
    name: str


class LegacyCodeOut(Schema):
    id: int
    code: str
    scheme: LegacyCodeScheme
    valid_from: date | None
    valid_to: date | None


class LegacyCodeIn(Schema):
    code: str = Field(..., min_length=1, max_length=35, examples=["000.00.00.H44"])
    scheme: LegacyCodeScheme = LegacyCodeScheme.QCVN102
    valid_from: date | None = None
    valid_to: date | None = None


class AgencyOut(Schema):
    id: int
    code: str
    name: str
    short_name: str
    kind: AgencyKind
    parent: Ref | None
    administrative_unit: Ref
    email: str
    phone: str
    address: str
    is_active: bool
    valid_from: date | None
    valid_to: date | None
    legacy_codes: list[LegacyCodeOut]

    @staticmethod
    def resolve_legacy_codes(obj: Agency) -> list[LegacyCodeOut]:
        return [LegacyCodeOut.model_validate(code, from_attributes=True) for code in obj.legacy_codes.all()]


class AgencyFilter(Schema):
    q: str | None = Field(None, max_length=200, description="Name (accents optional) or code")
    kind: AgencyKind | None = None
    parent_id: int | None = None
    administrative_unit_id: int | None = None
    is_active: bool | None = None


class AgencyCreateIn(Schema):
    code: str = Field(..., min_length=1, max_length=35, examples=["H44.02"])
    name: str = Field(..., min_length=1, max_length=255)
    short_name: str = Field("", max_length=100)
    kind: AgencyKind
    administrative_unit_id: int
    parent_id: int | None = None
    email: str = Field("", max_length=254)
    phone: str = Field("", max_length=20)
    address: str = Field("", max_length=300)
    valid_from: date | None = None
    valid_to: date | None = None
    legacy_codes: list[LegacyCodeIn] = Field(default_factory=list, max_length=20)


class AgencyUpdateIn(Schema):
    """Send only the fields to change."""

    code: str | None = Field(None, min_length=1, max_length=35)
    name: str | None = Field(None, min_length=1, max_length=255)
    short_name: str | None = Field(None, max_length=100)
    kind: AgencyKind | None = None
    administrative_unit_id: int | None = None
    parent_id: int | None = None
    email: str | None = Field(None, max_length=254)
    phone: str | None = Field(None, max_length=20)
    address: str | None = Field(None, max_length=300)
    valid_from: date | None = None
    valid_to: date | None = None


class ReasonIn(Schema):
    reason: str = Field("", max_length=500)


class DepartmentOut(Schema):
    id: int
    agency: Ref
    code: str
    name: str
    is_active: bool

    @staticmethod
    def resolve_agency(obj: Department) -> Ref:
        return Ref(id=obj.agency.pk, code=obj.agency.code, name=obj.agency.name)


class DepartmentCreateIn(Schema):
    code: str = Field(..., min_length=1, max_length=35, examples=["VP"])
    name: str = Field(..., min_length=1, max_length=255, examples=["Văn phòng Sở"])


class DepartmentUpdateIn(Schema):
    code: str | None = Field(None, min_length=1, max_length=35)
    name: str | None = Field(None, min_length=1, max_length=255)


class PositionOut(Schema):
    id: int
    code: str
    name: str
    rank: int


class PositionCreateIn(Schema):
    code: str = Field(..., min_length=1, max_length=35, examples=["GIAM_DOC_SO"])
    name: str = Field(..., min_length=1, max_length=150, examples=["Giám đốc Sở"])
    rank: int = Field(100, ge=0, le=1000)


class PositionUpdateIn(Schema):
    code: str | None = Field(None, min_length=1, max_length=35)
    name: str | None = Field(None, min_length=1, max_length=150)
    rank: int | None = Field(None, ge=0, le=1000)


class AccountOut(Schema):
    id: int
    username: str
    full_name: str
    email: str
    phone: str
    is_active: bool


class StaffOut(Schema):
    id: int
    user: AccountOut
    agency: Ref
    department: Ref | None
    position: Ref | None
    roles: list[Role]
    is_active: bool

    @staticmethod
    def resolve_roles(obj: StaffMember) -> list[str]:
        return staff_roles(obj)

    @staticmethod
    def resolve_agency(obj: StaffMember) -> Ref:
        return Ref(id=obj.agency.pk, code=obj.agency.code, name=obj.agency.name)


class StaffFilter(Schema):
    agency_id: int | None = None
    department_id: int | None = None
    role: Role | None = None
    q: str | None = Field(None, max_length=200, description="Name, username or e-mail")
    is_active: bool | None = None


class StaffCreateIn(Schema):
    agency_id: int
    username: str = Field(..., min_length=3, max_length=150, examples=["stp_nguyenvanan"])
    full_name: str = Field(..., min_length=1, max_length=200, examples=["Nguyễn Văn An"])
    email: str = Field("", max_length=254)
    phone: str = Field("", max_length=15)
    password: str | None = Field(None, min_length=1, max_length=128, description="Omit to set it later")
    department_id: int | None = None
    position_id: int | None = None
    roles: list[Role] = Field(default_factory=list, max_length=len(STAFF_ROLES))


class StaffAdditionalPostIn(Schema):
    agency_id: int
    department_id: int | None = None
    position_id: int | None = None
    roles: list[Role] = Field(default_factory=list, max_length=len(STAFF_ROLES))


class StaffUpdateIn(Schema):
    full_name: str | None = Field(None, min_length=1, max_length=200)
    email: str | None = Field(None, max_length=254)
    phone: str | None = Field(None, max_length=15)
    position_id: int | None = None


class StaffMoveIn(Schema):
    department_id: int | None


class StaffRolesIn(Schema):
    add: list[Role] = Field(default_factory=list, max_length=len(STAFF_ROLES))
    remove: list[Role] = Field(default_factory=list, max_length=len(STAFF_ROLES))


class StaffRolesOut(Schema):
    staff_id: int
    roles: list[Role]
