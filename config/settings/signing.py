"""Digital signatures (egov.signing).

Environment:
  SIGNING_KEY_ENCRYPTION_KEY   AES-256 key(s) that encrypt private keys kept in the database: 32 bytes,
                               urlsafe base64, comma-separated; the first encrypts, all decrypt
                               (rotation). Outside production an empty value derives one from
                               SECRET_KEY; production refuses to start without it.
  EGOV_PKCS11_MODULE           PKCS#11 library of the HSM / token (e.g. /usr/lib/softhsm/libsofthsm2.so).
  EGOV_PKCS11_PIN              user PIN of the token(s) holding agency keys.
  EGOV_TSA_URL                 RFC 3161 timestamp authority: when set, signatures are PAdES B-T.
  EGOV_SIGNING_TEST_CA         trust the internal test CA and allow test certificates (never in production).
"""

from config.env import env_bool, env_int, env_str

SIGNING_KEY_ENCRYPTION_KEY = env_str("SIGNING_KEY_ENCRYPTION_KEY", "")
EGOV_PKCS11_MODULE = env_str("EGOV_PKCS11_MODULE", "")
EGOV_PKCS11_PIN = env_str("EGOV_PKCS11_PIN", "")
EGOV_TSA_URL = env_str("EGOV_TSA_URL", "")
EGOV_SIGNING_TEST_CA = env_bool("EGOV_SIGNING_TEST_CA", True)
# Public verification of an uploaded PDF: size limit and requests per client per minute.
EGOV_SIGNING_VERIFY_MAX_BYTES = env_int("EGOV_SIGNING_VERIFY_MAX_BYTES", 30 * 1024 * 1024)
SIGNATURE_VERIFY_RATE_LIMIT = env_int("SIGNATURE_VERIFY_RATE_LIMIT", 20)
