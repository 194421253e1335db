"""Online payment of fees and charges (egov.payments) through a VNPAY-protocol payment gateway.

Environment variables (all optional outside production):

  EGOV_PAYMENT_GATEWAY_URL       the gateway's payment page the payer is sent to, e.g.
                                 https://pay.vnpay.vn/vpcpay.html (sandbox of VNPAY:
                                 https://sandbox.vnpayment.vn/paymentv2/vpcpay.html).
                                 Default: our own sandbox gateway page, /thanh-toan/thu-nghiem/.
  EGOV_PAYMENT_MERCHANT_CODE     the merchant (website) code the gateway gave the province
                                 (vnp_TmnCode, 8 characters). Default EGOVDEMO.
  EGOV_PAYMENT_HASH_SECRET       the shared secret that signs requests and callbacks (HMAC-SHA512).
                                 When empty, a secret is derived from SECRET_KEY, which only the
                                 sandbox gateway can know: the app refuses to start with an empty
                                 secret or with the sandbox URL when the sandbox is off.
  EGOV_PAYMENT_SANDBOX           mount the sandbox gateway at /thanh-toan/thu-nghiem/, a bank-like
                                 page that speaks the same protocol and takes no real money
                                 (default on; production turns it off, and ``manage.py check
                                 --deploy`` reports it as an error if it is on).
  EGOV_PAYMENT_TIMEOUT_MINUTES   how long the payer has to pay at the gateway (vnp_ExpireDate) and
                                 how long an unpaid attempt is offered again (default 15).
  EGOV_PAYMENT_IPN_ALLOWED_IPS   comma-separated addresses the gateway's server notifications (IPN)
                                 may come from (the gateway publishes them). Empty: any address;
                                 the signature is checked in every case.
  EGOV_PAYMENT_SANDBOX_IPN_TIMEOUT  seconds the sandbox waits for our IPN endpoint (default 10).

Return and IPN addresses to declare to the gateway: ``EGOV_PUBLIC_BASE_URL`` +
``/thanh-toan/ket-qua/vnpay/`` (sent in each request) and ``/thanh-toan/ipn/vnpay/`` (registered
once with the gateway). The sandbox delivers its IPN to ``EGOV_PUBLIC_BASE_URL`` through the outbox.
"""

from config.env import env_bool, env_int, env_list, env_str

EGOV_PAYMENT_SANDBOX_PATH = "/thanh-toan/thu-nghiem/"
EGOV_PAYMENT_GATEWAY = "vnpay"  # the protocol spoken (gateways registered in egov/payments/gateways)
EGOV_PAYMENT_GATEWAY_URL = env_str("EGOV_PAYMENT_GATEWAY_URL", EGOV_PAYMENT_SANDBOX_PATH)
EGOV_PAYMENT_MERCHANT_CODE = env_str("EGOV_PAYMENT_MERCHANT_CODE", "EGOVDEMO")
EGOV_PAYMENT_HASH_SECRET = env_str("EGOV_PAYMENT_HASH_SECRET", "")
EGOV_PAYMENT_SANDBOX = env_bool("EGOV_PAYMENT_SANDBOX", True)
EGOV_PAYMENT_TIMEOUT_MINUTES = env_int("EGOV_PAYMENT_TIMEOUT_MINUTES", 15)
EGOV_PAYMENT_IPN_ALLOWED_IPS = env_list("EGOV_PAYMENT_IPN_ALLOWED_IPS", [])
# The sandbox's server-to-server notification: seconds to wait for our IPN endpoint to answer.
EGOV_PAYMENT_SANDBOX_IPN_TIMEOUT = env_int("EGOV_PAYMENT_SANDBOX_IPN_TIMEOUT", 10)
