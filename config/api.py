"""The versioned REST API: one NinjaAPI, each app adds its router here."""

from ninja import NinjaAPI, Swagger

from egov.core.api_errors import install_error_handlers
from egov.identity.api_auth import api_auth

# Every endpoint requires a session (with CSRF) or a bearer token unless it says auth=None.
api = NinjaAPI(
    auth=api_auth,
    title="egov API",
    version="1",
    description="REST API of the provincial e-government platform (egov).",
    urls_namespace="api-v1",
    openapi_url="/openapi.json",
    docs_url="/docs",
    # Swagger UI from our static files ("ninja" in INSTALLED_APPS); no validator badge, which would
    # send the schema's address to validator.swagger.io.
    docs=Swagger(settings={"validatorUrl": None}),
)
install_error_handlers(api)


def _add_routers() -> None:
    from egov.console.api import router as console_router
    from egov.dossiers.api import router as dossiers_router
    from egov.dossiers.api import track_router
    from egov.dossiers.api_statistics import router as dossier_statistics_router
    from egov.identity.api import router as identity_router
    from egov.organisation.api import router as organisation_router
    from egov.organisation.api_units import router as units_router
    from egov.procedures.api import router as procedures_router
    from egov.signing.api import router as signing_router
    from egov.workflow.api import router as workflow_router

    api.add_router("/calendar", workflow_router)
    api.add_router("/organisation", organisation_router)
    api.add_router("/admin-units", units_router)
    api.add_router("/identity", identity_router)
    api.add_router("/procedures", procedures_router)
    api.add_router("/audit", console_router)
    api.add_router("/dossiers", dossiers_router)
    api.add_router("/track", track_router)
    api.add_router("/dossier-statistics", dossier_statistics_router)
    api.add_router("/signatures", signing_router)


_add_routers()
