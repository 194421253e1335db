"""Agency-scoped querysets: the one way to list objects that belong to an agency.

Any model with an ``agency`` foreign key (departments, staff posts; dossiers and documents later)
gives itself a queryset subclassing :class:`AgencyScopedQuerySet`, so that every list is filtered
by :func:`egov.organisation.access.visible_agency_ids` and never by hand::

    class DossierQuerySet(AgencyScopedQuerySet["Dossier"]):
        agency_field = "agency"                      # or e.g. "dossier__agency" for a child row
        view_permission = "dossiers.view_dossier"

    class Dossier(models.Model):
        agency = models.ForeignKey("organisation.Agency", on_delete=models.PROTECT, related_name="+")
        objects = DossierQuerySet.as_manager()

    Dossier.objects.visible_to(request.user)                       # a list
    access_agency_object(request.user, Dossier, pk, "dossiers.change_dossier")  # one object, 404/403
"""

from __future__ import annotations

from typing import Any, ClassVar, Self, TypeVar

from django.db import models

_M = TypeVar("_M", bound=models.Model)


class AllAgencies:
    """The scope of someone who oversees every agency (superuser, province admin, auditor).

    ``agency_id in ALL`` is always true, so callers can test membership without a special case.
    """

    _instance: ClassVar[AllAgencies | None] = None

    def __new__(cls) -> AllAgencies:
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance

    def __contains__(self, item: object) -> bool:
        return True

    def __repr__(self) -> str:
        return "ALL"


ALL = AllAgencies()

# What visible_agency_ids() returns: a set of agency ids, or ALL.
AgencyScope = frozenset[int] | AllAgencies


class AgencyScopedQuerySet(models.QuerySet[_M]):
    """Mixin for querysets of objects owned by an agency.

    Subclasses set ``agency_field`` (the lookup from the model to the owning agency's id;
    ``"pk"`` for :class:`Agency` itself) and ``view_permission`` (the permission that lets someone
    read the objects, e.g. ``"organisation.view_staff"``).
    """

    agency_field: ClassVar[str] = "agency"
    view_permission: ClassVar[str] = ""

    def visible_to(self, user: Any, perm: str | None = None) -> Self:
        """Only the rows whose agency the user may exercise ``perm`` on (default: the view permission)."""
        # Imported here: access.py reads the organisation models, which use this module.
        from egov.organisation.access import visible_agency_ids

        scope = visible_agency_ids(user, perm or self.view_permission)
        return self.in_scope(scope)

    def in_scope(self, scope: AgencyScope) -> Self:
        if isinstance(scope, AllAgencies):
            return self
        if not scope:
            return self.none()
        return self.filter(**{f"{self.agency_field}__in": sorted(scope)})

    @classmethod
    def agency_id_of(cls, obj: models.Model) -> int | None:
        """The id of the agency owning ``obj`` (one object already loaded, no query)."""
        if cls.agency_field == "pk":
            return obj.pk  # type: ignore[no-any-return]
        value = obj
        *path, last = cls.agency_field.split("__")
        for part in path:
            value = getattr(value, part)
        return getattr(value, f"{last}_id")  # type: ignore[no-any-return]
