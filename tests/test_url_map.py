"""Every page of the URL map, walked as the people who use it.

1. A state-changing address opened with GET (a reload, a bookmark, a link pasted from a browser's
   history) answers with a page or a redirect to the page that holds its form: never a blank 405,
   never a server error.
2. Every HTML page (public, citizen, staff) loads its scripts, styles, images, fonts and frames from
   our own host: a province's network may not reach a CDN, and a government site must not tell a
   third party who reads which page.

The walk covers every pattern under the site's URL resolver except the Django admin and the REST API
(JSON; its docs page is walked). Path parameters come from a small world (a received online dossier,
a citizen's draft, an audit entry); a parameter the world has no value for gets a placeholder of its
converter's type, so a newly added address is walked too (it may then answer 404, which is a page).
"""

from collections.abc import Iterator
from dataclasses import dataclass
from html.parser import HTMLParser
from typing import Any
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from django.urls.converters import IntConverter, SlugConverter, UUIDConverter

from egov.core.models import AuditEntry
from egov.dossiers.contracts import ActionData, ApplicantData, IntakeData, ReceivedPaper, UploadedFile
from egov.dossiers.facade import dossier_act, dossier_submit_online
from egov.dossiers.models import Dossier
from egov.dossiers.tests.conftest import MONDAY_9AM, agency_of, demo, travel, user  # noqa: F401 - fixtures
from egov.identity.models import User
from egov.portal.services.applications import application_start

PDF = b"%PDF-1.4\n% scan\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
OWNER_ID_NUMBER = "044085001234"  # Nguyễn Văn Bình, a citizen of the demo province
DESK = "ttpdonghoi_ngothithanhtam"  # desk officer of the Đồng Hới ward centre
AUDITOR = "ubndt_phamquanghuy"  # reads the audit log
LEADER = "pdonghoi_nguyenvanhai"  # chairman of the Đồng Hới ward: reads the statistics
SKIPPED_PREFIXES = ("admin/", "api/v1/")  # the Django admin; the REST API answers JSON
WALKED_API_PAGES = ("api/v1/docs",)


@dataclass(frozen=True)
class Route:
    template: str  # "staff/dossiers/<code>/actions/<action>/"
    name: str  # "dossiers:act"
    params: tuple[tuple[str, Any], ...]  # (name, converter)


def _routes(patterns: list[Any], prefix: str = "", namespace: str = "") -> Iterator[Route]:
    for entry in patterns:
        if isinstance(entry, URLResolver):
            inner = f"{namespace}:{entry.namespace}" if namespace and entry.namespace else entry.namespace or namespace
            yield from _routes(entry.url_patterns, prefix + str(entry.pattern), inner)
        elif isinstance(entry, URLPattern):
            template = prefix + str(entry.pattern)
            converters = {**getattr(entry.pattern, "converters", {})}
            name = f"{namespace}:{entry.name}" if namespace else str(entry.name)
            params = tuple(converters.items())
            yield Route(template, name, params)


def all_routes() -> list[Route]:
    routes = []
    for route in _routes(get_resolver().url_patterns):
        if route.template.startswith("^") or "(?P" in route.template:
            continue  # regular-expression patterns: only the admin's and the static helpers
        if route.template.startswith(SKIPPED_PREFIXES) and route.template not in WALKED_API_PAGES:
            continue
        routes.append(route)
    return routes


def placeholder(converter: Any) -> str:
    if isinstance(converter, UUIDConverter):
        return "00000000-0000-4000-8000-000000000000"
    if isinstance(converter, IntConverter):
        return "999999"
    if isinstance(converter, SlugConverter):
        return "khong-co"
    return "KHONG-CO"


@dataclass
class World:
    owner: User
    desk: User
    auditor: User
    leader: User
    values: dict[tuple[str, str], str]  # (route name or "*", parameter) -> value

    def path(self, route: Route) -> str:
        path = route.template
        for name, converter in route.params:
            value = self.values.get((route.name, name)) or self.values.get(("*", name)) or placeholder(converter)
            path = path.replace(f"<{type_prefix(route.template, name)}{name}>", value)
        return "/" + path

    def client_for(self, route: Route) -> Client:
        client = Client()
        if route.name.startswith("console:"):
            client.force_login(self.auditor)
        elif route.name.startswith("dossiers:statistics"):
            client.force_login(self.leader)
        elif route.template.startswith("staff/") or route.name.startswith(("dossiers:", "notifications:")):
            client.force_login(self.desk)
        else:
            client.force_login(self.owner)
        return client


def type_prefix(template: str, name: str) -> str:
    start = template.find(f"{name}>")
    opening = template.rfind("<", 0, start)
    return template[opening + 1 : start]


@pytest.fixture
def world(demo: None, travel: Any, settings: Any, tmp_path: Any) -> World:  # noqa: F811
    travel(MONDAY_9AM)
    settings.MEDIA_ROOT = str(tmp_path)
    owner = User.objects.get(citizen_id=OWNER_ID_NUMBER)
    data = IntakeData(
        procedure_code="1.001193",
        channel="online_full",
        applicant=ApplicantData(full_name=owner.full_name, id_number=owner.citizen_id or "", user_id=owner.pk),
        papers=(ReceivedPaper(name="Tờ khai đăng ký khai sinh", originals=0, copies=1),),
    )
    scan = UploadedFile("To-khai.pdf", PDF, "application/pdf", 0)
    dossier = dossier_submit_online(
        applicant_user=owner, agency_id=agency_of("ttpdonghoi").pk, data=data, files=(scan,)
    )
    dossier_act(actor=user(DESK), code=dossier.code, action="accept", data=ActionData())
    dossier = Dossier.objects.get(pk=dossier.pk)
    draft = application_start(citizen=owner, code="1.001193")
    file_id = str(dossier.files.order_by("pk").values_list("pk", flat=True).first())
    values = {
        ("*", "code"): dossier.code,
        ("*", "public_id"): str(draft.public_id),
        ("*", "file_id"): file_id,
        ("*", "seq"): str(AuditEntry.objects.order_by("seq").values_list("seq", flat=True).first()),
        ("*", "step"): "1",
        ("*", "action"): "accept",
        ("*", "kind"): "receipt",
        ("portal:procedure_detail", "code"): "1.001193",
        ("portal:apply_start", "code"): "1.001193",
        ("procedures:eform_preview", "code"): "1.001193",
    }
    return World(owner=owner, desk=user(DESK), auditor=user(AUDITOR), leader=user(LEADER), values=values)


def _follow(client: Client, path: str) -> tuple[int, str, str]:
    """GET ``path`` and follow redirects within our site; the final status, path and body."""
    response = client.get(path)
    hops = 0
    while response.status_code in (301, 302, 303, 307, 308) and hops < 5:
        target = urlsplit(response["Location"])
        assert not target.netloc or target.netloc == "testserver", f"{path} redirects off-site: {target}"
        path = target.path + (f"?{target.query}" if target.query else "")
        response = client.get(path)
        hops += 1
    body = response.content.decode(errors="replace") if "text/html" in response.get("Content-Type", "") else ""
    return response.status_code, path, body


def test_every_address_answers_a_get_with_a_page_never_a_blank_405(world: World) -> None:
    refused = []
    for route in all_routes():
        path = world.path(route)
        status, final, _body = _follow(world.client_for(route), path)
        if status in (405, 500):
            refused.append(f"{route.name} GET {path} -> {status} ({final})")
    assert refused == []


def test_a_post_only_address_opened_with_get_leads_to_the_page_holding_its_form(world: World) -> None:
    client = Client()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    client.force_login(world.auditor)
    response = client.get("/staff/audit/verify/")
    assert response.status_code == 302
    assert response["Location"] == "/staff/audit/"
    page = client.get(response["Location"])
    assert "/staff/audit/verify/" in page.content.decode()  # the form whose button verifies the chain
    assert any("button" in str(message) for message in page.context["messages"])

    desk = Client()
    desk.force_login(world.desk)
    code = world.values[("*", "code")]
    response = desk.get(f"/staff/dossiers/{code}/actions/accept/")
    assert (response.status_code, response["Location"]) == (302, f"/staff/dossiers/{code}/")


# --- No asset from anyone else's host ---------------------------------------------------------------


class AssetParser(HTMLParser):
    """The addresses a browser fetches by itself while rendering: scripts, styles, icons, images,
    media, frames, and url(...) in inline styles."""

    FETCHED = {
        ("script", "src"),
        ("img", "src"),
        ("img", "srcset"),
        ("source", "src"),
        ("source", "srcset"),
        ("iframe", "src"),
        ("frame", "src"),
        ("embed", "src"),
        ("object", "data"),
        ("video", "src"),
        ("video", "poster"),
        ("audio", "src"),
        ("track", "src"),
        ("input", "src"),
    }

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []
        self._in_style = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        for name, value in values.items():
            if (tag, name) in self.FETCHED:
                self.urls += [part.strip().split(" ")[0] for part in value.split(",")] if "srcset" in name else [value]
            if name == "style":
                self.urls += _css_urls(value)
        if tag == "link" and values.get("href"):
            self.urls.append(values["href"])  # stylesheets, icons, preloads, manifests
        self._in_style = tag == "style"

    def handle_endtag(self, tag: str) -> None:
        if tag == "style":
            self._in_style = False

    def handle_data(self, data: str) -> None:
        if self._in_style:
            self.urls += _css_urls(data)


def _css_urls(css: str) -> list[str]:
    import re

    return [match.strip("'\" ") for match in re.findall(r"url\(([^)]*)\)", css)] + re.findall(
        r"@import\s+['\"]([^'\"]+)['\"]", css
    )


def external_assets(html: str) -> list[str]:
    parser = AssetParser()
    parser.feed(html)
    found = []
    for url in parser.urls:
        parts = urlsplit(url)
        if url.startswith("//") or (parts.scheme in ("http", "https") and parts.netloc != "testserver"):
            found.append(url)
    return found


def test_the_parser_finds_every_kind_of_external_asset() -> None:
    html = """<html><head><link rel="stylesheet" href="https://cdn.example.com/a.css">
    <script src="//unpkg.com/x.js"></script><style>@font-face{src:url('https://fonts.example.com/f.woff2')}</style>
    </head><body><img src="/static/ok.png" srcset="/static/a.png 1x, https://img.example.com/b.png 2x">
    <iframe src="https://maps.example.com/embed"></iframe><div style="background:url(http://x.example/y.png)"></div>
    <a href="https://dichvucong.gov.vn/">a link is not fetched</a></body></html>"""
    assert external_assets(html) == [
        "https://cdn.example.com/a.css",
        "//unpkg.com/x.js",
        "https://fonts.example.com/f.woff2",
        "https://img.example.com/b.png",
        "https://maps.example.com/embed",
        "http://x.example/y.png",
    ]


def test_no_page_loads_anything_from_another_host(world: World) -> None:
    anonymous = Client()
    offending: dict[str, list[str]] = {}
    walked = 0
    for route in all_routes():
        path = world.path(route)
        for client in (anonymous, world.client_for(route)):
            status, final, body = _follow(client, path)
            if body:
                walked += 1
                external = external_assets(body)
                if external:
                    offending[f"{route.name} {final} ({status})"] = external
    assert offending == {}
    assert walked > 60  # the walk reached the pages, not only login redirects


def test_the_api_docs_are_served_from_our_static_files(world: World) -> None:
    from django.contrib.staticfiles import finders

    client = Client()
    client.force_login(world.desk)
    response = client.get("/api/v1/docs")
    assert response.status_code == 200
    html = response.content.decode()
    parser = AssetParser()
    parser.feed(html)
    scripts = [url for url in parser.urls if url.endswith(".js")]
    assert scripts, html[:500]
    for url in parser.urls:
        assert url.startswith("/static/"), url
        assert finders.find(url.removeprefix("/static/")), f"{url} is not among our static files"
