"""Options and helpers that several commands share."""

import itertools
import sys
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from kc_tracker import paths
from kc_tracker.errors import InputError
from kc_tracker.i18n import t

if TYPE_CHECKING:
    from kc_tracker.ledger import LedgerFile
    from kc_tracker.plan import Plan
    from kc_tracker.report import Status

PlanOpt = Annotated[
    Path | None, typer.Option("--plan", help="Plan TOML file [env KC_PLAN; default: the bundled 2021–2025 plan].")
]
LedgerOpt = Annotated[
    list[Path] | None,
    typer.Option(
        "--ledger", help="Ledger file, only one [env KC_LEDGER; default: ledger.jsonl in the user data folder]."
    ),
]
LedgersOpt = Annotated[
    list[Path] | None,
    typer.Option(
        "--ledger",
        help="Ledger file; repeat to add several up [env KC_LEDGER; default: ledger.jsonl in the user data folder].",
    ),
]
LockTimeoutOpt = Annotated[
    float, typer.Option("--lock-timeout", min=0, help="Seconds to wait for another writer before giving up.")
]
AsOfOpt = Annotated[str | None, typer.Option("--as-of", help="Count entries dated on or before this day (YYYY-MM-DD).")]
FromOpt = Annotated[str | None, typer.Option("--from", help="Report from this day (YYYY-MM-DD).")]
ToOpt = Annotated[str | None, typer.Option("--to", help="Report up to this day (YYYY-MM-DD); same as --as-of.")]
DEFAULT_LOCK_TIMEOUT = 5.0


class By(StrEnum):
    year = "year"
    quarter = "quarter"
    locality = "locality"
    source = "source"


class TextFormat(StrEnum):
    """Writing commands and `kc check`: a sentence for a person, or JSON for a script."""

    text = "text"
    json = "json"


TextFormatOpt = Annotated[TextFormat, typer.Option("--format", help="text or json.")]
ByOpt = Annotated[By | None, typer.Option("--by", help="Break spending down by year, quarter, locality or source.")]


def load(plan_opt: Path | None) -> "Plan":
    from kc_tracker.plan import load_plan

    return load_plan(paths.plan(plan_opt))


def plan_label(plan_opt: Path | None) -> str:
    from kc_tracker.plan import bundled_plan_path

    path = paths.plan(plan_opt)
    return str(path) if path else f"{t('status.bundled')} ({bundled_plan_path()})"


def ledger_paths(options: list[Path] | None) -> list[Path]:
    return list(options) if options else [paths.ledger(None)]


def one_ledger(options: list[Path] | None) -> Path:
    """Writing (and checking) takes exactly one ledger: adding up is for reading."""
    if options and len(options) > 1:
        raise typer.BadParameter(t("ledger.only_one"), param_hint="--ledger")
    return paths.ledger(options[0] if options else None)


def parse_day(text: str | None, option: str) -> date | None:
    from kc_tracker.dates import parse_date

    return parse_date(text, option) if text else None


def as_of_day(as_of: str | None, to: str | None = None) -> date:
    from kc_tracker.dates import today

    day, end = parse_day(as_of, "--as-of"), parse_day(to, "--to")
    if day and end and day != end:
        raise InputError(t("status.as_of_to", as_of=day, to=end))
    return end or day or today()


def warn_about(file: "LedgerFile") -> None:
    """Reading commands report on a ledger they could read, but say what is wrong with it."""
    from kc_tracker import render
    from kc_tracker.ledger import torn_path

    if file.torn is not None:
        render.warn(t("ledger.torn", path=file.path, size=len(file.torn), torn=torn_path(file.path)))
    if file.breaks:
        render.warn(t("ledger.chain", path=file.path, lines=", ".join(str(b.lineno) for b in file.breaks[:5])))


def open_ledgers(plan: "Plan", options: list[Path] | None) -> list["LedgerFile"]:
    from kc_tracker.ledger import LedgerFile

    return [LedgerFile(path, plan.plan.id) for path in ledger_paths(options)]


def entries_of(files: list["LedgerFile"]) -> Any:
    """One stream over several ledgers: they add up."""
    return itertools.chain.from_iterable(files)


def compute_status(
    plan_opt: Path | None,
    ledger_opts: list[Path] | None,
    as_of: str | None,
    start: str | None = None,
    to: str | None = None,
    by: By | None = None,
) -> tuple["Plan", "Status", list["LedgerFile"]]:
    """(plan, status, the ledger files as read: their tip hashes and warnings)."""
    from kc_tracker import report
    from kc_tracker.index import read_sums

    plan = load(plan_opt)
    end = as_of_day(as_of, to)
    first = parse_day(start, "--from")
    if first and first > end:
        raise InputError(t("status.from_after_to", start=first, end=end))
    group_by = by.value if by else None
    sums, files = report.Sums(), []
    for path in ledger_paths(ledger_opts):
        ledger_sums, file = read_sums(path, plan.plan.id, end, first, group_by)
        sums.add(ledger_sums)
        files.append(file)
        warn_about(file)
    return plan, report.build_status(plan, sums, end, first, group_by), files


def export_meta(plan_opt: Path | None, status: "Status", files: list["LedgerFile"]) -> dict[str, Any]:
    from kc_tracker import export
    from kc_tracker.plan import bundled_plan_path, file_hash

    plan_path = paths.plan(plan_opt)
    return export.meta(
        status=status,
        plan_file=str(plan_path or t("status.bundled")),
        plan_sha256=file_hash(plan_path or bundled_plan_path()),
        ledgers=[(str(file.path), file.tip) for file in files],
    )


def json_text(data: Any) -> str:
    import json  # not at start-up: `kc --help` stays fast

    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def dump_json(data: Any) -> None:
    sys.stdout.write(json_text(data))
