"""Verification of signed PDFs (issue 5 §3): is each signature intact, was the document changed after it,
does the certificate chain to a trusted root, and was it valid when the signature was made and now.

pyHanko checks each signature (digest over /ByteRange, the CMS signature, coverage, diff analysis of the
later revisions); pyhanko-certvalidator checks the chain offline against our trust store, with the test
CA's CRL and the CRLs/OCSP responses found in the PDF (DSS, adbe-revocationInfoArchival). The signing time
is a trusted RFC 3161 timestamp when there is one, else the time the signer claims. A signature made while
the certificate was valid stays valid after the certificate expires or is revoked (NĐ 130/2018/NĐ-CP
Điều 9 k1): verdict ``valid_expired``.
"""

import asyncio
import hashlib
from dataclasses import dataclass
from datetime import datetime
from io import BytesIO
from typing import Any

from asn1crypto import crl as asn1_crl
from asn1crypto import ocsp as asn1_ocsp
from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.serialization import Encoding
from django.conf import settings
from django.utils import formats, timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.misc import PdfError
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.ades.report import AdESIndeterminate
from pyhanko.sign.diff_analysis import DiffResult, ModificationLevel
from pyhanko.sign.fields import enumerate_sig_fields
from pyhanko.sign.general import MultivaluedAttributeError, NonexistentAttributeError, find_unique_cms_attribute
from pyhanko.sign.validation import EmbeddedPdfSignature, async_validate_pdf_signature
from pyhanko.sign.validation.dss import DocumentSecurityStore
from pyhanko.sign.validation.errors import NoDSSFoundError
from pyhanko.sign.validation.status import PdfSignatureStatus, SignatureCoverageLevel
from pyhanko_certvalidator import ValidationContext
from pyhanko_certvalidator import errors as cv
from pyhanko_certvalidator.path import ValidationPath
from pyhanko_certvalidator.revinfo.validate_crl import verify_crl
from pyhanko_certvalidator.revinfo.validate_ocsp import verify_ocsp_response
from pyhanko_certvalidator.validate import async_validate_path

from egov.core import clock
from egov.core.errors import ApplicationError
from egov.signing.choices import AnchorSource
from egov.signing.contracts import SignatureReport, VerificationReport
from egov.signing.models import CertificateAuthority, TrustAnchor
from egov.signing.services.verify_messages import MESSAGES, SUMMARIES, VERDICTS
from egov.signing.trust import load_certificate, trust_snapshot

# What pyHanko/asn1crypto raise on malformed input: the signature or file is reported, never a 500.
_UNREADABLE = (ValueError, KeyError, TypeError, IndexError, AttributeError, NotImplementedError, PdfError)
_TIME_FAILURES = {"expired", "not_yet_valid", "revoked"}


def _text(key: str, **values: Any) -> str:
    return str(format_lazy(MESSAGES[key], **values))


def _bad_pdf(message: Any) -> ApplicationError:
    return ApplicationError(message, code="signing.bad_pdf", status=400)


def _open(data: bytes) -> PdfFileReader:
    if b"%PDF-" not in data[:1024]:
        raise _bad_pdf(_("The file is not a PDF."))
    try:
        reader = PdfFileReader(BytesIO(data), strict=False)
        encrypted = reader.encrypt_dict is not None
        reader.root.get("/Pages")
    except (*_UNREADABLE, RecursionError) as exc:
        raise _bad_pdf(_("The PDF is damaged and cannot be read.")) from exc
    if encrypted:
        raise _bad_pdf(_("The PDF is encrypted; remove the password protection before verifying it."))
    return reader


def _signatures(reader: PdfFileReader) -> list[tuple[str, EmbeddedPdfSignature | None]]:
    """Filled signature fields in signing order, plus signature widgets left outside the form (a page cut
    out of a signed document keeps the widget but not the form); ``None`` where the CMS is unreadable."""
    found: list[tuple[int, str, EmbeddedPdfSignature | None]] = []
    known: set[Any] = set()
    candidates = [(name, field) for name, _sig, field in enumerate_sig_fields(reader, filled_status=True)]
    candidates += [(str(w.get("/T", "")), w) for w in _page_widgets(reader)]
    for name, field in candidates:
        ref = getattr(field.get_object().raw_get("/V"), "reference", None)
        if ref is not None and ref in known:
            continue
        known.add(ref)
        revision = reader.xrefs.get_last_change(ref) if ref is not None else 1 << 30
        try:
            emb = EmbeddedPdfSignature(reader, field, name)
            if emb.sig_object_type == "/Sig":  # document timestamps are not signers
                found.append((revision, name, emb))
        except _UNREADABLE:
            found.append((revision, name, None))
    return [(name, emb) for _rev, name, emb in sorted(found, key=lambda item: item[0])]


def _page_widgets(reader: PdfFileReader) -> list[generic.DictionaryObject]:
    out, stack, visited = [], [reader.root["/Pages"]], 0
    while stack and visited < 10_000:
        node, visited = stack.pop().get_object(), visited + 1
        stack.extend(node.get("/Kids", []))
        for annot in node.get("/Annots", []) if "/Kids" not in node else []:
            widget = annot.get_object()
            if widget.get("/FT") == "/Sig" and "/V" in widget:
                out.append(widget)
    return out


@dataclass(frozen=True)
class _Store:
    """Trust roots, other certificates and revocation data, gathered once per file."""

    roots: list[asn1_x509.Certificate]
    others: list[asn1_x509.Certificate]
    crls: list[asn1_crl.CertificateList]
    ocsps: list[asn1_ocsp.OCSPResponse]
    test_roots: list[x509.Certificate]

    def context(self, moment: datetime | None = None) -> ValidationContext:
        # At a past moment, revocation data issued later still says whether the certificate had been
        # revoked by then (retroactive_revinfo); this machine never fetches (allow_fetching=False).
        return ValidationContext(
            trust_roots=self.roots,
            other_certs=self.others,
            moment=moment,
            allow_fetching=False,
            crls=self.crls,
            ocsps=self.ocsps,
            revocation_mode="soft-fail",
            retroactive_revinfo=moment is not None,
        )


def _asn1(cert: x509.Certificate) -> asn1_x509.Certificate:
    return asn1_x509.Certificate.load(cert.public_bytes(Encoding.DER))


def _store(reader: PdfFileReader, sigs: list[EmbeddedPdfSignature]) -> _Store:
    snap = trust_snapshot()
    others = [_asn1(c) for c in snap.intermediates]
    crls, ocsps = [], []
    if getattr(settings, "EGOV_SIGNING_TEST_CA", False) and CertificateAuthority.objects.exists():
        from egov.signing.services.testca import test_ca_crl

        crls.append(asn1_crl.CertificateList.load(test_ca_crl()))
    try:  # long-term validation data added after signing (PAdES B-LT)
        dss = DocumentSecurityStore.read_dss(reader)
        others += list(dss.load_certs())
        crls += [asn1_crl.CertificateList.load(ref.get_object().data) for ref in dss.crls]
        ocsps += [asn1_ocsp.OCSPResponse.load(ref.get_object().data) for ref in dss.ocsps]
    except (NoDSSFoundError, *_UNREADABLE):
        pass
    for emb in sigs:  # certificates and Adobe-style revocation data carried in each CMS
        try:
            others += emb.other_embedded_certs
            archival = find_unique_cms_attribute(emb.signer_info["signed_attrs"], "adobe_revocation_info_archival")
            crls += list(archival["crl"] or [])
            ocsps += list(archival["ocsp"] or [])
        except (NonexistentAttributeError, MultivaluedAttributeError, *_UNREADABLE):
            pass
    tests = [load_certificate(a.der) for a in TrustAnchor.objects.filter(source=AnchorSource.TEST)]
    return _Store([_asn1(c) for c in snap.roots], others, crls, ocsps, tests)


def verify_pdf_bytes(data: bytes, *, file_name: str = "") -> VerificationReport:
    """Verify every signature of a PDF. Raises ApplicationError (400, ``signing.bad_pdf``) when the file is
    not a readable, unencrypted PDF."""
    reader = _open(bytes(data))
    try:
        found = _signatures(reader)
    except (*_UNREADABLE, RecursionError) as exc:
        raise _bad_pdf(_("The PDF is damaged and cannot be read.")) from exc
    store = _store(reader, [emb for _n, emb in found if emb is not None])
    reports = asyncio.run(_verify_all(found, store, len(data))) if found else []
    verdict = max((r.verdict for r in reports), key=VERDICTS.index) if reports else "unsigned"
    return VerificationReport(
        file_name=file_name,
        sha256=hashlib.sha256(data).hexdigest(),
        size=len(data),
        signatures=reports,
        verdict=verdict,
        summary=str(SUMMARIES[verdict]),
    )


async def _verify_all(
    found: list[tuple[str, EmbeddedPdfSignature | None]], store: _Store, size: int
) -> list[SignatureReport]:
    ctx_now = store.context()  # one context for the file: it caches the paths it validated
    reports = []
    for index, (name, emb) in enumerate(found):
        later = {n for n, _e in found[index + 1 :]}
        try:
            reports.append(await _verify_one(name, emb, store, ctx_now, later, size))
        except _UNREADABLE:  # a malformed CMS or certificate: no 500, the signature is just broken
            reports.append(_broken({"field_name": name}, "unreadable"))
    return reports


def _iso(value: datetime | None) -> str | None:
    return timezone.localtime(value).isoformat() if value else None


def _when(value: datetime | None) -> str:
    return formats.date_format(timezone.localtime(value), "SHORT_DATETIME_FORMAT") if value else ""


def _name(name: asn1_x509.Name, key: str) -> str:
    value = name.native.get(key, "")
    return str(value[0] if isinstance(value, list) and value else value or "")


def _cn(cert: asn1_x509.Certificate) -> str:
    return _name(cert.subject, "common_name") or cert.subject.human_friendly


def _identity(name: str, emb: EmbeddedPdfSignature, store: _Store) -> dict[str, Any]:
    """What the signature says about itself, before any check."""
    cert = emb.signer_cert
    validity = cert["tbs_certificate"]["validity"]
    leaf = x509.load_der_x509_certificate(cert.dump())
    return {
        "field_name": name,
        "signer": _cn(cert),
        "organisation": _name(cert.subject, "organization_name"),
        "issuer": _name(cert.issuer, "common_name") or cert.issuer.human_friendly,
        "serial_number": format(cert.serial_number, "X"),
        "signing_time": _iso(emb.self_reported_timestamp),
        "timestamp_time": None,
        "reason": str(emb.sig_object.get("/Reason", "")),
        "location": str(emb.sig_object.get("/Location", "")),
        "test_certificate": any(_issued_by(leaf, root) for root in store.test_roots),
        "not_before": _iso(validity["not_before"].native),
        "not_after": _iso(validity["not_after"].native),
    }


def _issued_by(leaf: x509.Certificate, root: x509.Certificate) -> bool:
    try:
        leaf.verify_directly_issued_by(root)
    except (ValueError, TypeError, InvalidSignature):
        return False
    return True


# A broken signature: whatever it claims about its signer is kept, nothing else holds.
_BLANK_IDENTITY: dict[str, Any] = {
    **dict.fromkeys(("signer", "organisation", "issuer", "serial_number", "reason", "location"), ""),
    **dict.fromkeys(("signing_time", "timestamp_time"), None),
    **dict.fromkeys(("not_before", "not_after"), ""),
    "test_certificate": False,
}
_BROKEN: dict[str, Any] = {
    **dict.fromkeys(("intact", "signature_valid", "covers_whole_document", "trusted"), False),
    **dict.fromkeys(("valid_at_signing", "valid_now"), False),
    **{"modification": "other", "chain": [], "trust_anchor": "", "revocation": "unknown", "revoked_at": None},
}


def _broken(identity: dict[str, Any], why: str) -> SignatureReport:
    fields = {**_BLANK_IDENTITY, **identity, **_BROKEN, "chain": []}
    return SignatureReport(**fields, verdict="broken", messages=[_text(why)])


def _modification(status: PdfSignatureStatus, later: set[str]) -> str:
    if status.coverage == SignatureCoverageLevel.ENTIRE_FILE:
        return "none"
    diff = status.diff_result
    if status.coverage != SignatureCoverageLevel.ENTIRE_REVISION or not isinstance(diff, DiffResult):
        return "other"
    level = diff.modification_level
    if level == ModificationLevel.FORM_FILLING and not diff.changed_form_fields <= later:
        return "form_filling"
    return {
        ModificationLevel.NONE: "none",
        ModificationLevel.LTA_UPDATES: "signatures",  # DSS / document timestamps: signature material
        ModificationLevel.FORM_FILLING: "signatures",  # only the later signature fields were filled
        ModificationLevel.ANNOTATIONS: "annotations",
    }.get(level, "other")


async def _outcome(ctx: ValidationContext, path: ValidationPath) -> tuple[str, datetime | None]:
    try:
        await async_validate_path(ctx, path)
    except cv.RevokedError as exc:
        return "revoked", exc.revocation_dt
    except cv.ExpiredError:
        return "expired", None
    except cv.NotYetValidError:
        return "not_yet_valid", None
    except cv.DisallowedAlgorithmError:
        return "weak", None
    except cv.InsufficientRevinfoError:
        return "ok", None  # soft-fail: revocation data present but unusable; reported as "unknown"
    except (cv.PathValidationError, *_UNREADABLE):
        return "invalid", None
    return "ok", None


async def _chain(
    store: _Store, ctx_now: ValidationContext, cert: asn1_x509.Certificate, moment: datetime | None
) -> tuple[ValidationPath | None, str, str]:
    """The best path to a trusted root and how it validates now and at the signing moment."""
    try:
        paths = await ctx_now.path_builder.async_build_paths(cert)
    except (cv.PathBuildingError, *_UNREADABLE):
        return None, "no_path", "no_path"
    ctx_then = store.context(moment) if moment else ctx_now
    best: tuple[ValidationPath | None, str, str] = (None, "no_path", "no_path")
    for path in paths:
        now, _r = await _outcome(ctx_now, path)
        then = (await _outcome(ctx_then, path))[0] if moment else now
        if best[0] is None or then == "ok":
            best = (path, now, then)
        if then == "ok":
            break
    return best


async def _revocation(
    ctx: ValidationContext, path: ValidationPath | None, cert: asn1_x509.Certificate
) -> tuple[str, datetime | None]:
    """The signer's certificate against the OCSP responses and CRLs we hold: good, revoked or unknown."""
    if path is None:
        return "unknown", None
    for check in (verify_ocsp_response, verify_crl):
        try:
            await check(cert, path, ctx)
        except cv.RevokedError as exc:
            return "revoked", exc.revocation_dt
        except (cv.OCSPValidationError, cv.CRLValidationError, cv.PathValidationError, LookupError, *_UNREADABLE):
            continue
        return "good", None
    return "unknown", None


async def _verify_one(
    name: str, emb: EmbeddedPdfSignature | None, store: _Store, ctx_now: ValidationContext, later: set[str], size: int
) -> SignatureReport:
    if emb is None:
        return _broken({"field_name": name}, "unreadable")
    identity = _identity(name, emb, store)
    _start, length1, start2, length2 = (int(v) for v in emb.byte_range)
    if max(length1, start2 + length2) > size:
        return _broken(identity, "out_of_range")
    try:
        status = await async_validate_pdf_signature(emb, ctx_now)
    except _UNREADABLE:
        return _broken(identity, "unreadable")
    if not status.intact or not status.valid or status.coverage == SignatureCoverageLevel.UNCLEAR:
        return _broken(identity, "altered" if not status.intact else "bad_value" if not status.valid else "unclear")
    modification = _modification(status, later)
    messages = [_text(modification)]
    cert, now = emb.signer_cert, clock.now()
    moment = _signing_moment(status, identity, messages)
    moment = min(moment, now) if moment else None
    path, now_outcome, then_outcome = await _chain(store, ctx_now, cert, moment)
    revocation, revoked_at = await _revocation(ctx_now, path, cert)
    chain = [_cn(c) for c in reversed(list(path.iter_certs(include_root=True)))] if path else []
    chain = chain or [identity["signer"], identity["issuer"]]
    weak = status.trust_problem_indic == AdESIndeterminate.CRYPTO_CONSTRAINTS_FAILURE
    problem = "no_path" if path is None else "weak" if weak or "weak" in (now_outcome, then_outcome) else ""
    if not problem and {now_outcome, then_outcome} <= {"invalid", "weak"}:
        problem = "invalid"
    try:
        PdfSignatureStatus.default_usage_constraints().validate(cert)
    except cv.InvalidCertificateError:
        problem = problem or "usage"
    trusted = not problem
    messages.append(_text(problem or "chained", root=chain[-1], issuer=identity["issuer"]))
    if identity["test_certificate"]:
        messages.append(_text("test"))
    revoked_before = revocation == "revoked" and revoked_at is not None and (moment is None or revoked_at <= moment)
    valid_at_signing = _in_window(cert, moment or now) and not revoked_before and then_outcome not in _TIME_FAILURES
    valid_now = _in_window(cert, now) and revocation != "revoked" and now_outcome not in _TIME_FAILURES
    if revoked_before or not valid_at_signing:
        messages.append(_text("revoked_before" if revoked_before else "outside", date=_when(revoked_at)))
    elif revocation == "revoked" or not valid_now:
        expired = "expired_since" if trusted else "expired_untrusted"
        messages.append(_text("revoked_since" if revocation == "revoked" else expired, date=_when(revoked_at)))
    else:
        messages.append(_text("still_valid"))
    if revocation != "revoked":
        messages.append(_text("rev_good" if revocation == "good" else "rev_unknown"))
    if modification == "other" or status.docmdp_ok is False:
        verdict = "modified"
    elif revoked_before:
        verdict = "revoked"
    elif not trusted or not valid_at_signing:
        verdict = "untrusted"
    else:
        verdict = "valid" if valid_now else "valid_expired"
    return SignatureReport(
        **identity,
        intact=True,
        signature_valid=True,
        covers_whole_document=status.coverage == SignatureCoverageLevel.ENTIRE_FILE,
        modification=modification,
        trusted=trusted,
        chain=chain,
        trust_anchor=chain[-1] if trusted else "",
        valid_at_signing=valid_at_signing,
        valid_now=valid_now,
        revocation=revocation,
        revoked_at=_iso(revoked_at),
        verdict=verdict,
        messages=messages,
    )


def _signing_moment(status: PdfSignatureStatus, identity: dict[str, Any], messages: list[str]) -> datetime | None:
    """The trusted timestamp's time, else the time the signer claims (None when neither is there)."""
    tst = status.timestamp_validity
    if tst is not None and tst.intact and tst.valid:
        identity["timestamp_time"] = _iso(tst.timestamp)
        messages.append(_text("ts_trusted" if tst.trusted else "ts_untrusted", tsa=_cn(tst.signing_cert)))
        if tst.trusted:
            return tst.timestamp
    if status.signer_reported_dt is None:
        messages.append(_text("no_time"))
    return status.signer_reported_dt


def _in_window(cert: asn1_x509.Certificate, moment: datetime) -> bool:
    validity = cert["tbs_certificate"]["validity"]
    return bool(validity["not_before"].native <= moment <= validity["not_after"].native)
