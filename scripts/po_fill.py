"""Fill empty msgstr entries of a .po file from a {msgid: msgstr} JSON file (developer helper).

Run makemessages with --no-fuzzy-matching first (as `make makemessages` does): fuzzy guesses are
not touched here.

python scripts/po_fill.py egov/core/locale/vi/LC_MESSAGES/django.po translations.json
"""

import json
import re
import sys
from pathlib import Path


def fill(po_path: Path, translations: dict[str, str]) -> int:
    text = po_path.read_text(encoding="utf-8")
    count = 0

    def replace(match: re.Match[str]) -> str:
        nonlocal count
        msgid = match.group(1).encode().decode("unicode_escape").encode("latin-1").decode("utf-8")
        if msgid in translations:
            count += 1
            value = translations[msgid].replace("\\", "\\\\").replace('"', '\\"')
            return f'msgid "{match.group(1)}"\nmsgstr "{value}"\n'
        return match.group(0)

    text = re.sub(r'^msgid "(.+)"\nmsgstr ""\n', replace, text, flags=re.M)
    po_path.write_text(text, encoding="utf-8")
    return count


if __name__ == "__main__":
    filled = fill(Path(sys.argv[1]), json.loads(Path(sys.argv[2]).read_text(encoding="utf-8")))
    print(f"filled {filled} entries")
