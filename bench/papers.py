"""Paper classification (issue 13): how well the importer tells papers from notes, and how many
papers per procedure the 2,642 national records give before and after.

    .venv/bin/python bench/papers.py [path/to/national_catalogue_sample.jsonl]

Hand labels: ``egov/procedures/tests/data/paper_labels.jsonl`` — 130 rows drawn at random (seed
20260113) from the 14,458 rows of "Thành phần hồ sơ" the importer reads in the 2,642 records (set
"random"), and every row of 1.001193 and 2.000635 (set "issue", the two procedures of the issue).
Each label says whether the row is a paper and, for a paper, mandatory / conditional / optional.
The rows are taken from the importer itself (``parse_papers``), so what is measured is what an
import stores. "Before" is every row counted as a paper, the importer's behaviour before issue 13;
its "mandatory" count is the old rule (not "(nếu có)" nor "(trường hợp …)").
"""

import json
import os
import re
import statistics
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SOURCE = ROOT.parent / "shared" / "data" / "procedures" / "national_catalogue_sample.jsonl"
LABELS = ROOT / "egov" / "procedures" / "tests" / "data" / "paper_labels.jsonl"

# The importer's rule before issue 13 (egov/procedures/importers/common.py, paper_condition).
_OLD_CONDITIONAL = re.compile(r"\((?:nếu có[^)]*|trường hợp[^)]*|đối với trường hợp[^)]*)\)", re.IGNORECASE)


def _old_mandatory(name: str) -> bool:
    if _OLD_CONDITIONAL.search(name):
        return False
    return not name[:25].lower().lstrip("-+* ").startswith(("trường hợp", "đối với trường hợp"))


def _setup() -> None:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.django.test")
    os.environ.setdefault("EGOV_SKIP_DOTENV", "1")
    import django

    django.setup()


def _scores(pairs: list[tuple[bool, bool]]) -> tuple[float, float, int, int, int]:
    """Precision and recall of "True" for (labelled, predicted) pairs, with tp, fp, fn."""
    tp = sum(1 for gold, guess in pairs if gold and guess)
    fp = sum(1 for gold, guess in pairs if not gold and guess)
    fn = sum(1 for gold, guess in pairs if gold and not guess)
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    return precision, recall, tp, fp, fn


def _summary(counts: list[int]) -> str:
    ordered = sorted(counts)
    p90 = ordered[int(len(ordered) * 0.9)]
    return (
        f"total {sum(counts):>6}  mean {statistics.mean(counts):5.2f}  median {statistics.median(counts):4.1f}  "
        f"p90 {p90:3}  max {max(counts):3}  procedures with >15: {sum(1 for c in counts if c > 15):4}"
    )


def main() -> None:
    _setup()
    from egov.procedures.importers.flat_papers import parse_papers

    source = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_SOURCE
    parsed: dict[str, list] = {}
    for line in source.open(encoding="utf-8"):
        record = json.loads(line)
        parsed[record["ma_thu_tuc"]] = parse_papers(str(record.get("thanh_phan_ho_so") or ""))[0]

    labels = [json.loads(line) for line in LABELS.open(encoding="utf-8")]
    by_set: dict[str, list[tuple[dict, object]]] = {}
    for label in labels:
        row = parsed[label["code"]][label["order"]]
        if row.name != label["text"]:
            raise SystemExit(f"label {label['code']}[{label['order']}] no longer matches the importer's row")
        by_set.setdefault(label["set"], []).append((label, row))

    print(f"Hand-labelled rows: {len(labels)} ({', '.join(f'{k}: {len(v)}' for k, v in by_set.items())})")
    print()
    print(f"{'set':<8} {'what':<10} {'precision':>9} {'recall':>7}   tp  fp  fn   (before: every row a paper)")
    everything = [item for items in by_set.values() for item in items]
    for name, rows in [*by_set.items(), ("all", everything)]:
        paper = _scores([(label["is_paper"], row.kind == "paper") for label, row in rows])
        before = _scores([(label["is_paper"], True) for label, _row in rows])
        note = _scores([(not label["is_paper"], row.kind == "note") for label, row in rows])
        print(
            f"{name:<8} {'is a paper':<10} {paper[0]:9.3f} {paper[1]:7.3f} {paper[2]:4} {paper[3]:3} {paper[4]:3}"
            f"   precision {before[0]:.3f}, recall {before[1]:.3f}"
        )
        print(f"{'':<8} {'is a note':<10} {note[0]:9.3f} {note[1]:7.3f} {note[2]:4} {note[3]:3} {note[4]:3}")
        papers = [(label, row) for label, row in rows if label["is_paper"] and row.kind == "paper"]
        if papers:
            agree = sum(1 for label, row in papers if label["requirement"] == row.requirement)
            now = sum(1 for label, row in papers if (label["requirement"] == "mandatory") == row.is_mandatory)
            old = sum(1 for label, row in papers if (label["requirement"] == "mandatory") == _old_mandatory(row.name))
            print(
                f"{'':<8} requirement: all three agree on {agree}/{len(papers)} papers; "
                f"mandatory or not: {now}/{len(papers)} (before: {old}/{len(papers)})"
            )
    mistakes = [
        (label, row) for rows in by_set.values() for label, row in rows if label["is_paper"] != (row.kind == "paper")
    ]
    if mistakes:
        print("\nRows the classifier gets wrong:")
        for label, row in mistakes:
            print(
                f"  {label['code']}[{label['order']}] labelled {'paper' if label['is_paper'] else 'note'}: {row.name[:110]}"
            )

    print("\nRows of 'Thành phần hồ sơ' per procedure over the", len(parsed), "records:")
    before = [len(rows) for rows in parsed.values()]
    after = [sum(1 for row in rows if row.kind == "paper") for rows in parsed.values()]
    mandatory_before = [sum(1 for row in rows if _old_mandatory(row.name)) for rows in parsed.values()]
    mandatory_after = [sum(1 for row in rows if row.is_mandatory) for rows in parsed.values()]
    print(f"  before, every row a paper   {_summary(before)}")
    print(f"  after, papers only          {_summary(after)}")
    print(f"  mandatory before            {_summary(mandatory_before)}")
    print(f"  mandatory after             {_summary(mandatory_after)}")
    kinds = Counter(row.kind for rows in parsed.values() for row in rows)
    requirements = Counter(row.requirement for rows in parsed.values() for row in rows if row.kind == "paper")
    print(f"  rows: {dict(kinds)}; papers: {dict(requirements)}")
    for code in ("1.001193", "2.000635"):
        rows = parsed[code]
        papers = [row for row in rows if row.kind == "paper"]
        print(
            f"  {code}: {len(rows)} rows ({sum(1 for r in rows if _old_mandatory(r.name))} 'mandatory') before; "
            f"after {len(papers)} papers ({sum(1 for r in papers if r.is_mandatory)} mandatory, "
            f"{sum(1 for r in papers if r.requirement == 'conditional')} conditional, "
            f"{sum(1 for r in papers if r.requirement == 'optional')} optional) and {len(rows) - len(papers)} notes"
        )


if __name__ == "__main__":
    main()
