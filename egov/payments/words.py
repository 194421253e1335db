"""Amounts in Vietnamese words, as receipts write them ("Số tiền bằng chữ: Tám nghìn đồng") and
formatted figures ("8.000"): a full stop groups thousands in Vietnamese."""

DIGITS = ("không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín")
BILLION = 10**9


def _hundreds(number: int, *, full: bool) -> list[str]:
    """0 < number < 1000; ``full`` reads the leading zeros of a group that follows another
    ("một triệu không trăm linh năm nghìn")."""
    hundreds, tens, units = number // 100, number // 10 % 10, number % 10
    words: list[str] = []
    if full or hundreds:
        words += [DIGITS[hundreds], "trăm"]
    if tens == 0:
        if units and words:
            words.append("linh")
    elif tens == 1:
        words.append("mười")
    else:
        words += [DIGITS[tens], "mươi"]
    if units:
        if units == 1 and tens >= 2:
            words.append("mốt")
        elif units == 5 and tens >= 1:
            words.append("lăm")
        else:
            words.append(DIGITS[units])
    return words


def _below_billion(number: int, *, full: bool) -> list[str]:
    words: list[str] = []
    started = full
    for group, scale in ((number // 10**6, "triệu"), (number // 1000 % 1000, "nghìn"), (number % 1000, "")):
        if group == 0:
            continue
        words += _hundreds(group, full=started)
        if scale:
            words.append(scale)
        started = True
    return words


def number_in_words(number: int) -> str:
    if number < 0:
        raise ValueError("negative amount")
    if number == 0:
        return DIGITS[0]
    if number >= BILLION:
        high, low = divmod(number, BILLION)
        words = [number_in_words(high), "tỷ"]
        if low:
            words += _below_billion(low, full=True)
        return " ".join(words)
    return " ".join(_below_billion(number, full=False))


def amount_in_words(amount: int) -> str:
    """``8000`` → ``Tám nghìn đồng``."""
    words = number_in_words(amount)
    return f"{words[:1].upper()}{words[1:]} đồng"


def vnd(amount: int) -> str:
    """``8000`` → ``8.000``."""
    return f"{amount:,}".replace(",", ".")
