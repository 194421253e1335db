"""The verifier's words: verdicts from best to worst, the one-line summaries and the per-signature
messages (English msgids, Vietnamese in the catalogue)."""

from django.utils.translation import gettext_lazy as _

# Verdicts from best to worst; a document's verdict is its worst signature's.
VERDICTS = ("valid", "valid_expired", "untrusted", "revoked", "modified", "broken")
SUMMARIES = {
    "unsigned": _("The document has no digital signature."),
    "valid": _("All signatures are valid."),
    "valid_expired": _(
        "All signatures are valid; a signing certificate has expired or been revoked since it was used."
    ),
    "untrusted": _("The signatures are intact, but a signing certificate is not trusted or was not valid when used."),
    "revoked": _("A signature was made with a certificate that had already been revoked."),
    "modified": _("The document was changed after it was signed."),
    "broken": _("A signature is broken: the signed content was altered or cannot be checked."),
}
# Per-signature explanations, in the order they are given.
MESSAGES = {
    "unreadable": _("The signature could not be read."),
    "out_of_range": _(
        "The signature refers to bytes beyond the end of this file: the file was re-saved or cut out of a "
        "larger document after it was signed."
    ),
    "altered": _("The signed content has been altered: the signature no longer matches the document."),
    "bad_value": _("The signature value is invalid: it was not made with the certificate's key."),
    "unclear": _(
        "The signature does not cover the document in the standard way, so what was signed cannot be established."
    ),
    "none": _("The document has not been changed since it was signed."),
    "signatures": _("Only further signatures were added after this signature; the signed content is unchanged."),
    "form_filling": _("Form fields were filled in after this signature was made; the signed content is unchanged."),
    "annotations": _("Comments were added after this signature was made; the signed content is unchanged."),
    "other": _("The document was changed after this signature was made: what you see is not what was signed."),
    "ts_trusted": _("The signing time is confirmed by a timestamp from {tsa}."),
    "ts_untrusted": _(
        "The signature carries a timestamp from {tsa}, which is not a trusted timestamp authority here; the "
        "signing time is the one the signer claims."
    ),
    "no_time": _("The signature does not say when it was made; the certificate was checked at the current time."),
    "chained": _("The certificate chains to {root}."),
    "no_path": _("The certificate's issuer ({issuer}) is not a trusted certification authority on this system."),
    "weak": _("The signature uses an algorithm that is no longer considered secure (such as SHA-1)."),
    "usage": _("The certificate is not intended for signing documents."),
    "invalid": _("The certificate chain to {root} could not be validated."),
    "test": _("The certificate was issued by the internal test CA; it has no legal value."),
    "revoked_before": _("The certificate had been revoked on {date}, before the signature was made."),
    "outside": _("The certificate was not within its validity period when the signature was made."),
    "revoked_since": _(
        "The certificate was revoked on {date}, after the signature was made; the signature stays valid."
    ),
    "expired_since": _("The certificate has expired since the signature was made; the signature stays valid."),
    "expired_untrusted": _("The certificate has expired since the signature was made."),
    "still_valid": _("The certificate was valid when the signature was made and is still valid."),
    "rev_good": _("Revocation data (CRL or OCSP) shows that the certificate is not revoked."),
    "rev_unknown": _("No revocation data (CRL or OCSP) was available to check whether the certificate was revoked."),
}
