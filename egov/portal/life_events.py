"""Life events (sự kiện): the procedures a citizen usually needs together, grouped as people think of them.

Data, not code: each group lists national procedure codes (Cơ sở dữ liệu quốc gia về TTHC) in the order
a family usually goes through them; the home page shows only those present and active in this
province's catalogue, so a group never links to a procedure that cannot be applied for. The grouping
follows the "dịch vụ công liên thông" of ND 63/2024/NĐ-CP (birth: registration, permanent residence,
health insurance for a child under six; death: registration, residence removal, funeral allowance).
"""

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import pgettext_lazy


@dataclass(frozen=True)
class LifeEvent:
    slug: str  # the page anchor, Vietnamese without diacritics
    title: Promise
    description: Promise
    procedure_codes: tuple[str, ...]


LIFE_EVENTS: tuple[LifeEvent, ...] = (
    LifeEvent(
        slug="sinh-con",
        title=pgettext_lazy("life event", "Having a baby"),
        description=pgettext_lazy("life event", "Register the birth, the child's residence and health insurance."),
        procedure_codes=(
            "2.000986",  # liên thông khai sinh, thường trú, thẻ BHYT cho trẻ dưới 6 tuổi
            "1.001193",  # đăng ký khai sinh
            "1.004222",  # đăng ký thường trú
            "1.001022",  # đăng ký nhận cha, mẹ, con
            "2.000635",  # bản sao trích lục hộ tịch, bản sao giấy khai sinh
        ),
    ),
    LifeEvent(
        slug="ket-hon",
        title=pgettext_lazy("life event", "Getting married"),
        description=pgettext_lazy(
            "life event", "Confirm your marital status, register the marriage, move in together."
        ),
        procedure_codes=(
            "1.004873",  # cấp giấy xác nhận tình trạng hôn nhân
            "1.000894",  # đăng ký kết hôn
            "1.004222",  # đăng ký thường trú
            "1.004194",  # đăng ký tạm trú
        ),
    ),
    LifeEvent(
        slug="kinh-doanh",
        title=pgettext_lazy("life event", "Starting a business"),
        description=pgettext_lazy("life event", "Register a household business and keep its registration up to date."),
        procedure_codes=(
            "1.001612",  # đăng ký thành lập hộ kinh doanh
            "2.000720",  # đăng ký thay đổi nội dung đăng ký hộ kinh doanh
            "2.000815",  # chứng thực bản sao từ bản chính
            "1.001266",  # chấm dứt hoạt động hộ kinh doanh
        ),
    ),
    LifeEvent(
        slug="xay-nha",
        title=pgettext_lazy("life event", "Building a house"),
        description=pgettext_lazy("life event", "Land use, the building permit, and the certificate of your land."),
        procedure_codes=(
            "1.013992",  # chuyển mục đích sử dụng đất không phải xin phép
            "1.013225",  # giấy phép xây dựng công trình cấp III, IV và nhà ở riêng lẻ
            "1.013833",  # đăng ký biến động (thay đổi thông tin)
            "1.012796",  # đính chính giấy chứng nhận
        ),
    ),
    LifeEvent(
        slug="khi-co-nguoi-mat",
        title=pgettext_lazy("life event", "When someone dies"),
        description=pgettext_lazy("life event", "Register the death and settle the papers that follow."),
        procedure_codes=(
            "1.000656",  # đăng ký khai tử
            "2.000635",  # bản sao trích lục hộ tịch (trích lục khai tử)
            "2.001035",  # chứng thực giao dịch (thừa kế, tài sản)
            "2.000884",  # chứng thực chữ ký
        ),
    ),
)

# Everyday names for procedures whose official name runs to several lines (the procedure page gives
# the official one); Vietnamese data like the catalogue's names.
SHORT_NAMES: dict[str, str] = {
    "2.000986": "Liên thông đăng ký khai sinh, thường trú, cấp thẻ bảo hiểm y tế cho trẻ dưới 6 tuổi",
    "2.000815": "Chứng thực bản sao từ bản chính",
    "2.000884": "Chứng thực chữ ký",
    "1.013225": "Cấp giấy phép xây dựng nhà ở riêng lẻ, công trình cấp III, cấp IV",
    "1.013236": "Cấp giấy phép xây dựng công trình cấp đặc biệt, cấp I, cấp II",
    "1.013992": "Chuyển mục đích sử dụng đất không phải xin phép",
    "1.013833": "Đăng ký biến động đất đai: thay đổi thông tin người sử dụng đất, thửa đất",
}

# Shown as "popular" while there are no dossiers to count (a new installation): the procedures
# citizens ask for most at commune one-stop desks.
POPULAR_FALLBACK: tuple[str, ...] = ("1.001193", "2.000815", "1.000894", "1.004222", "1.000656", "1.004873")
