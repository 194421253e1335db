"""The demo logins, read back from the database (so the table shows what really exists)."""

from dataclasses import dataclass

from egov.identity.models import User
from egov.identity.roles import Role
from egov.organisation.demo.data import CITIZENS, STAFF
from egov.organisation.demo.loader import citizen_username
from egov.organisation.models import StaffMember


@dataclass(frozen=True)
class DemoAccount:
    username: str
    full_name: str
    roles: str
    agency: str
    is_citizen: bool


def demo_accounts() -> list[DemoAccount]:
    """Demo staff (in the order of ``data.STAFF``) then demo citizens; accounts not loaded are skipped."""
    usernames = [spec.username for spec in STAFF]
    posts = (
        StaffMember.objects.filter(user__username__in=usernames, is_active=True, user__is_active=True)
        .select_related("user", "agency")
        .prefetch_related("role_assignments")
    )
    by_username: dict[str, list[StaffMember]] = {}
    for post in posts:
        by_username.setdefault(post.user.username, []).append(post)
    accounts: list[DemoAccount] = []
    for username in usernames:
        for post in by_username.get(username, []):
            labels = sorted(str(Role(a.role).label) for a in post.role_assignments.all())
            accounts.append(
                DemoAccount(
                    username=username,
                    full_name=post.user.get_full_name(),
                    roles=", ".join(labels),
                    agency=post.agency.short_name or post.agency.name,
                    is_citizen=False,
                )
            )
    citizens = {
        user.citizen_id: user
        for user in User.objects.filter(username__in=[citizen_username(spec.citizen_id) for spec in CITIZENS])
    }
    for spec in CITIZENS:
        citizen = citizens.get(spec.citizen_id)
        if citizen is not None:
            accounts.append(
                DemoAccount(
                    username=f"{citizen.citizen_id} / {citizen.phone}",
                    full_name=citizen.get_full_name(),
                    roles=str(Role.CITIZEN.label),
                    agency="",
                    is_citizen=True,
                )
            )
    return accounts
