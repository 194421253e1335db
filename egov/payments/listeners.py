"""Who is told when a payment is confirmed: apps above payments register a listener for the prefix
of the purposes they own (``dossier:`` for the one-stop engine), from their ``AppConfig.ready()``.

Listeners run inside the transaction that marks the payment paid, exactly once per payment: if one
raises, the confirmation is rolled back and the gateway is answered with an error, so it tries
again. They must therefore be quick and write only to the database (side effects through the
outbox).
"""

from collections.abc import Callable

from egov.payments.contracts import PaymentPaid

PaymentListener = Callable[[PaymentPaid], None]
_listeners: dict[str, list[PaymentListener]] = {}


def register_payment_listener(prefix: str, fn: PaymentListener) -> None:
    if not prefix:
        raise ValueError("A payment listener needs a purpose prefix.")
    if not callable(fn):
        raise TypeError("A payment listener must be callable.")
    registered = _listeners.setdefault(prefix, [])
    if fn not in registered:
        registered.append(fn)


def unregister_payment_listener(prefix: str, fn: PaymentListener) -> None:
    registered = _listeners.get(prefix, [])
    if fn in registered:
        registered.remove(fn)


def listeners_for(purpose: str) -> list[PaymentListener]:
    return [fn for prefix, fns in sorted(_listeners.items()) if purpose.startswith(prefix) for fn in fns]


def notify_listeners(paid: PaymentPaid) -> None:
    for fn in listeners_for(paid.purpose):
        fn(paid)
