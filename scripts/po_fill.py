"""Fill a .po catalogue from a {msgid: msgstr} JSON file (developer helper).

    python scripts/po_fill.py egov/core/locale/vi/LC_MESSAGES/django.po translations.json

Entries whose msgid is in the JSON get that msgstr; a fuzzy guess from makemessages is replaced and
its fuzzy flag dropped. Expects single-line msgids (`make makemessages` runs with --no-wrap).
"""

import json
import re
import sys
from pathlib import Path


def _unescape(text: str) -> str:
    return text.replace('\\"', '"').replace("\\n", "\n").replace("\\\\", "\\")


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")


def fill(po_path: Path, translations: dict[str, str]) -> int:
    entries = po_path.read_text(encoding="utf-8").split("\n\n")
    count = 0
    for index, entry in enumerate(entries):
        match = re.search(r'^msgid "(.+)"$', entry, flags=re.M)
        if not match or "\nmsgid_plural" in entry:
            plural = re.search(r'^msgid "(.+)"\nmsgid_plural', entry, flags=re.M)
            if plural and _unescape(plural.group(1)) in translations:
                value = _escape(translations[_unescape(plural.group(1))])
                entry = re.sub(r'^msgstr\[0\] ".*"$', f'msgstr[0] "{value}"', entry, flags=re.M)
                entries[index] = _unfuzzy(entry)
                count += 1
            continue
        msgid = _unescape(match.group(1))
        context = re.search(r'^msgctxt "(.+)"$', entry, flags=re.M)
        key = f"{_unescape(context.group(1))}\x04{msgid}" if context else msgid
        if key not in translations:
            key = msgid
        if key not in translations:
            continue
        value = _escape(translations[key])
        entry = re.sub(r'^msgstr "(.*)"(\n".*")*$', f'msgstr "{value}"', entry, flags=re.M)
        entries[index] = _unfuzzy(entry)
        count += 1
    po_path.write_text("\n\n".join(entries), encoding="utf-8")
    return count


def _unfuzzy(entry: str) -> str:
    lines = [line for line in entry.split("\n") if not line.startswith("#| ")]
    fixed = []
    for line in lines:
        if line.startswith("#,"):
            flags = [f.strip() for f in line[2:].split(",") if f.strip() and f.strip() != "fuzzy"]
            if not flags:
                continue
            line = "#, " + ", ".join(flags)
        fixed.append(line)
    return "\n".join(fixed)


def load(path: Path) -> dict[str, str]:
    """A flat {msgid: msgstr} object, or groups {"msgctxt: <context>" | "msgctxt: none": {msgid: msgstr}}."""
    data = json.loads(path.read_text(encoding="utf-8"))
    flat: dict[str, str] = {}
    for key, value in data.items():
        if isinstance(value, dict):
            context = key.removeprefix("msgctxt:").strip()
            for msgid, msgstr in value.items():
                flat[msgid if context == "none" else f"{context}\x04{msgid}"] = msgstr
        else:
            flat[key] = value
    return flat


if __name__ == "__main__":
    filled = fill(Path(sys.argv[1]), load(Path(sys.argv[2])))
    print(f"filled {filled} entries")
