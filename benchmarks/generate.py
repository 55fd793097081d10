"""Deterministic workloads: N entries over 2021–2025 on the plan's ten lines, in Vietnamese localities.

    python benchmarks/generate.py N OUT_DIR [--journals]

One entry in ten approves a đề án (DA-00000, DA-00001 …; the first is approved on the plan's first day),
paid by the one to three records that follow it, on its line; the other entries are records. Writes
OUT_DIR/ledger.jsonl (a valid kc ledger: header, hash chain), OUT_DIR/import.csv (the records as
`kc import` rows, without their đề án, for a new ledger) and, with --journals, OUT_DIR/hledger.journal and
OUT_DIR/ledger.journal: the same postings (a payment posts to the line, an approval to its commitments)
with a monthly budget, for `hledger balance --budget` and `ledger budget`.
"""

import argparse
import hashlib
import json
import random
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from kc_tracker.plan import load_plan

LOCALITIES = [
    "Bát Xát", "Bảo Thắng", "Bảo Yên", "Bắc Hà", "Mường Khương", "Sa Pa", "Si Ma Cai", "Văn Bàn", "Lào Cai",
    "Văn Yên", "Trấn Yên", "Lục Yên", "Yên Bình", "Mù Cang Chải", "Nghĩa Lộ",
]  # fmt: skip
START, DAYS = date(2021, 1, 1), (date(2025, 12, 31) - date(2021, 1, 1)).days


def _line(body: dict[str, object], prev: str) -> tuple[bytes, str]:
    raw = json.dumps({"prev": prev} | body, ensure_ascii=False, separators=(",", ":")).encode()
    digest = hashlib.sha256(raw).hexdigest()
    return raw[:-1] + b',"hash":"' + digest.encode() + b'"}\n', digest


def entries(n: int, seed: int = 2021) -> list[dict[str, object]]:
    plan = load_plan()
    rng = random.Random(seed)
    recorded = datetime(2026, 1, 1, tzinfo=UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    out: list[dict[str, object]] = []
    per_line = max(1, n // len(plan.lines))
    paying: list[dict[str, object]] = []  # the records still to pay the last đề án
    project: dict[str, object] = {}
    for i in range(n):
        line = plan.lines[(i // 10 if i % 10 == 0 else i) % len(plan.lines)]  # đề án on every line, too
        if paying:  # a payment of the đề án: on its line
            line = plan.find_line(str(paying[-1]["line"]))
        day = START + timedelta(days=rng.randrange(DAYS + 1))
        average = max(1_000, line.budget_vnd // per_line // 1_000 * 1_000)  # the plan is about spent at the end
        if i % 10 == 0:
            code = f"DA-{i // 10:05d}"
            project = {"kind": "project", "id": f"{i:012x}", "project": code, "line": line.id,
                       "name": f"Đề án {i // 10}", "beneficiary": f"Cơ sở {i}", "support_vnd": 0,
                       "locality": rng.choice(LOCALITIES), "decision": f"QĐ {i // 10}/QĐ-SCT",
                       "date": (START if i == 0 else day).isoformat(), "recorded_at": recorded}  # fmt: skip
            if line.counted:
                project["count"] = 1
            out.append(project)
            paying = [project] * rng.randint(1, 3)
            continue
        record: dict[str, object] = {
            "kind": "record",
            "id": f"{i:012x}",
            "line": line.id,
            "date": day.isoformat(),
            "amount_vnd": rng.randrange(1, 2 * average // 1_000) * 1_000,
            "locality": rng.choice(LOCALITIES),
            "beneficiary": f"Cơ sở {i}",
            "recorded_at": recorded,
        }
        if paying:  # a payment of the đề án: on its line, for its beneficiary, on or after its approval
            paid = paying.pop()
            record |= {"project": paid["project"], "beneficiary": paid["beneficiary"],
                       "locality": paid["locality"], "date": max(day.isoformat(), str(paid["date"]))}  # fmt: skip
            paid["support_vnd"] = int(str(paid["support_vnd"])) + int(str(record["amount_vnd"]))
        elif line.counted:
            record["count"] = 1
        out.append(record)
    for entry in out:  # approved for a tenth more than its payments, so part of it is still committed
        if entry["kind"] == "project":
            entry["support_vnd"] = int(str(entry["support_vnd"])) * 11 // 10_000 * 1_000 + 1_000_000
    return out


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("n", type=int)
    parser.add_argument("out", type=Path)
    parser.add_argument("--journals", action="store_true")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    rows = entries(args.n)
    plan = load_plan()
    with (args.out / "ledger.jsonl").open("wb") as ledger:
        header = {"kind": "header", "format": 1, "plan": plan.plan.id, "created_at": "2026-01-01T00:00:00Z"}
        data, prev = _line(header, "")
        ledger.write(data)
        for row in rows:
            data, prev = _line(row, prev)
            ledger.write(data)
    with (args.out / "import.csv").open("w", encoding="utf-8") as csv_file:
        csv_file.write("date,line,amount_vnd,count,locality,beneficiary\n")
        for row in rows:
            if row["kind"] == "record":
                csv_file.write(f"{row['date']},{row['line']},{row['amount_vnd']},{row.get('count', '')},"
                               f"{row['locality']},{row['beneficiary']}\n")  # fmt: skip
    if args.journals:
        write_journals(args.out, rows)


def write_journals(out: Path, rows: list[dict[str, object]]) -> None:
    """The same postings for hledger and ledger: one budget account per line, a monthly budget."""
    plan = load_plan()
    months = 60
    budget = "".join(f"    expenses:{line.id}  {line.budget_vnd // months} VND\n" for line in plan.lines)
    hledger = [f"~ monthly from 2021-01-01 to 2026-01-01\n{budget}    assets:budget\n"]
    ledger = [f"~ Monthly\n{budget}    assets:budget\n"]
    for row in sorted(rows, key=lambda r: str(r["date"])):
        if row["kind"] == "project":
            posting = (f"{row['date']} {row['project']}\n    committed:{row['line']}  {row['support_vnd']} VND\n"
                       "    assets:commitments\n")  # fmt: skip
        else:
            posting = (f"{row['date']} {row['id']}\n    expenses:{row['line']}  {row['amount_vnd']} VND\n"
                       "    assets:bank\n")  # fmt: skip
        hledger.append(posting)
        ledger.append(posting)
    (out / "hledger.journal").write_text("\n".join(hledger), encoding="utf-8")
    (out / "ledger.journal").write_text("\n".join(ledger), encoding="utf-8")


if __name__ == "__main__":
    main()
