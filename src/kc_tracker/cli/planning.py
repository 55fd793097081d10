"""`kc plan`: show the plan, write the next one, put a plan in use, list the plans known."""

import re
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer

from kc_tracker import paths
from kc_tracker.cli.common import (
    LedgersOpt,
    PlanOpt,
    compute_status,
    current_plan_id,
    dump_json,
    known_plans,
    opened,
    out,
    plan_file,
    report_days,
    warn,
    warn_if_data_hidden,
    write_beside,
)
from kc_tracker.cli.core import KcCommand, KcGroup
from kc_tracker.errors import InputError
from kc_tracker.i18n import os_reason, t

app = typer.Typer(name="plan", cls=KcGroup, no_args_is_help=True, rich_markup_mode=None, add_completion=False)


class PlanFormat(StrEnum):
    table = "table"
    toml = "toml"


class ListFormat(StrEnum):
    table = "table"
    json = "json"


def _toml_data(plan: Any) -> dict[str, Any]:
    """A plan as TOML data (what `plan show --format toml` writes loads back as the same plan)."""
    from dataclasses import asdict, fields

    from kc_tracker.plan import Line, PlanInfo

    def drop_empty(value: Any) -> Any:
        if isinstance(value, dict):
            return {k: drop_empty(v) for k, v in value.items() if v is not None and v != {} and v != []}
        if isinstance(value, list):
            return [drop_empty(v) for v in value]
        return value

    data: dict[str, Any] = drop_empty(asdict(plan))
    for table, model in [(data["plan"], PlanInfo), *((line, Line) for line in data["lines"])]:
        defaults = {item.name: item.default for item in fields(model)}
        for name, value in list(table.items()):  # a field at its default need not be said
            if defaults[name] == value:
                del table[name]
    return data


@app.command("show", cls=KcCommand)
def show(
    fmt: Annotated[PlanFormat, typer.Option("--format", help="opt.plan_format")] = PlanFormat.table,
    plan: PlanOpt = None,
    ledger: LedgersOpt = None,
) -> None:
    loaded = plan_file(plan)
    if fmt is PlanFormat.toml:
        import tomli_w

        sys.stdout.write(tomli_w.dumps(_toml_data(loaded.plan)))
        return
    from kc_tracker import render

    last, _ = report_days(None)
    with opened(loaded, ledger) as ledgers:
        result = compute_status(loaded, ledgers, max(last, loaded.plan.plan.end), None, None, None)
    render.print_plan(loaded.plan, result.adjustments, {line.id: line.budget_vnd for line in result.lines})


_YEARS = re.compile(r"([0-9]{4})(\s*[–-]\s*)([0-9]{4})")


@app.command("new", cls=KcCommand)
def new(
    output: Annotated[Path, typer.Argument(metavar="var.file", help="arg.plan_output")],
    start: Annotated[str, typer.Option("--start", metavar="var.date", help="opt.plan_start")],
    end: Annotated[str, typer.Option("--end", metavar="var.date", help="opt.plan_end")],
    from_plan: Annotated[
        str | None, typer.Option("--from", "--from-plan", metavar="var.plan", help="opt.plan_from")
    ] = None,
    plan_id: Annotated[str | None, typer.Option("--id", metavar="var.id", help="opt.plan_id")] = None,
    plan: PlanOpt = None,
) -> None:
    import tomli_w

    from kc_tracker.dates import parse_date
    from kc_tracker.plan import parse_plan

    old = plan_file(from_plan or plan).plan
    first, last = parse_date(start, "--start"), parse_date(end, "--end")
    if last < first:
        raise InputError(t("plan.period", start=first, end=last))
    years = f"{first.year}–{last.year}"
    new_id = plan_id or (
        _YEARS.sub(f"{first.year}-{last.year}", old.plan.id)
        if _YEARS.search(old.plan.id)
        else f"{old.plan.id}-{first.year}-{last.year}"
    )
    if new_id in known_plans():  # its ledger would become the new plan's
        raise InputError(t("plan.new_known_id", id=new_id))
    title = _YEARS.sub(years, old.plan.title) if _YEARS.search(old.plan.title) else f"{old.plan.title} {years}"
    data = _toml_data(old)
    data["plan"] |= {"id": new_id, "title": title, "start": first, "end": last}
    data["plan"].pop("allow_years_over_total", None)
    data["lines"] = [
        {key: value for key, value in line.items() if key in ("id", "name", "short_name", "unit", "ceiling_vnd")}
        | {"budget": "0"}
        | ({"target": 0} if "unit" in line else {})
        for line in data["lines"]
    ]
    data["indicators"] = [indicator | {"target": 0} for indicator in data.get("indicators", [])]
    # A plan file's amounts are written the Vietnamese way whatever the language: 4.500 is four thousand five hundred.
    example = f'  [lines.years."{first.year}"]\n  budget = "4.500"\n  target = 20'
    header = t("plan.new_header", source=old.plan.id, example=example)
    text = "".join(f"# {line}\n" for line in header.splitlines()) + "\n" + tomli_w.dumps(data)
    parse_plan(text.encode(), output)  # what we write must load
    if any(paths.same_file(output.resolve().parent, folder) for folder in (paths.plans_dir(), paths.ledgers_dir())):
        raise InputError(t("export.protected", path=output))  # kc keeps those folders: `kc plan use` fills plans/
    try:
        with output.open("x", encoding="utf-8") as handle:
            handle.write(text)
    except FileExistsError:
        raise InputError(t("plan.new_exists", path=output)) from None
    except OSError as e:
        raise InputError(t("export.unwritable", path=output, reason=os_reason(e))) from None
    out(t("plan.new_done", path=output, id=new_id, lines=len(old.lines)))


@app.command("use", cls=KcCommand)
def use(
    file: Annotated[Path, typer.Argument(metavar="var.file", help="arg.plan_file")],
    force: Annotated[bool, typer.Option("--force", help="opt.plan_force")] = False,
) -> None:
    from kc_tracker import store
    from kc_tracker.ledger import default_path
    from kc_tracker.plan import open_plan

    loaded = open_plan(file)
    plan = loaded.plan
    warn_if_data_hidden()
    kept = paths.plans_dir() / f"{plan.id}.toml"
    ledger = default_path(plan.id)
    plans = known_plans()
    earlier = open_plan(plans[plan.id]).plan if plan.id in plans and not force else None
    if earlier is not None:
        _same_period(earlier, plan)
    if ledger.exists() and not force:  # entries the new version would leave without their line
        with store.reading([ledger], plan.id) as ledgers:
            index = ledgers[0].index
            used = index.named_lines()
            spent = {line.id: index.line_figures(line.id) for line in plan.lines}
        known = {line.id for line in plan.lines} | {indicator.id for indicator in plan.indicators}
        orphans = sorted(used - known)
        if orphans:
            raise InputError(t("plan.use_orphans", id=plan.id, ids=", ".join(orphans), ledger=ledger))
        below = [plan.line_label(line.id) for line in plan.lines  # a budget below what its line disbursed
                 if line.budget_vnd + spent[line.id][2] < spent[line.id][0]]  # fmt: skip
        if below:
            raise InputError(t("plan.use_below_spent", id=plan.id, lines="; ".join(below), ledger=ledger))
    if earlier is not None:
        _lines_in_place(earlier, plan)
    try:
        kept.parent.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise InputError(t("export.unwritable", path=kept.parent, reason=os_reason(e))) from None
    if not kept.exists() or not paths.same_file(kept, file):
        write_beside(kept, lambda tmp: tmp.write_bytes(loaded.raw))  # the bytes checked, never half of them
    marker = paths.current_plan_file()
    write_beside(marker, lambda tmp: tmp.write_text(plan.id + "\n", encoding="utf-8"))
    out(t("plan.use_done", id=plan.id, title=plan.plan.title, path=kept, ledger=ledger))


def _same_period(known: Any, new: Any) -> None:
    """A plan file under a known id is a version of that plan: the same period, or it is another plan."""
    info = known.plan
    if (info.start, info.end) != (new.plan.start, new.plan.end):
        raise InputError(t("plan.use_other_period", id=info.id, title=info.title, start=info.start, end=info.end,
                           new_start=new.plan.start, new_end=new.plan.end))  # fmt: skip


def _lines_in_place(known: Any, new: Any) -> None:
    """A version keeps the lines where they were (numbers are what officers type); new lines go after them."""
    old_ids, new_ids = [line.id for line in known.lines], [line.id for line in new.lines]
    if new_ids[: len(old_ids)] != old_ids:
        raise InputError(t("plan.use_other_lines", id=known.plan.id, title=known.plan.title))


@app.command("list", cls=KcCommand)
def list_(fmt: Annotated[ListFormat, typer.Option("--format", help="opt.list_format")] = ListFormat.table) -> None:
    from kc_tracker import store
    from kc_tracker.i18n import format_date
    from kc_tracker.ledger import default_path
    from kc_tracker.plan import open_plan

    warn_if_data_hidden()
    current = current_plan_id() or open_plan(None).plan.id
    if current not in known_plans():
        warn(t("plan.current_missing", id=current, path=paths.plans_dir() / f"{current}.toml",
               marker=paths.current_plan_file()))  # fmt: skip
    rows = []
    for item in map(open_plan, known_plans().values()):
        plan, ledger = item.plan, default_path(item.plan.id)
        entries = spent = 0
        if ledger.exists():
            with store.reading([ledger], plan.id) as ledgers:
                entries, spent = ledgers[0].index.at.read, ledgers[0].index.spent_total()
        rows.append((item, ledger, entries, spent))
    if fmt is ListFormat.json:
        dump_json(
            [
                {"id": item.plan.id, "title": item.plan.plan.title, "start": item.plan.plan.start.isoformat(),
                 "end": item.plan.plan.end.isoformat(), "file": str(item.path), "ledger": str(ledger),
                 "entries": entries, "spent_vnd": spent, "budget_vnd": item.plan.total_budget_vnd,
                 "current": item.plan.id == current}
                for item, ledger, entries, spent in rows
            ]
        )  # fmt: skip
        return
    from kc_tracker import render

    render.print_plans(
        [
            render.KnownPlan(item.plan.id, item.plan.plan.title,
                             f"{format_date(item.plan.plan.start)} – {format_date(item.plan.plan.end)}", str(ledger),
                             entries, spent, item.plan.total_budget_vnd, item.plan.id == current)
            for item, ledger, entries, spent in rows
        ]
    )  # fmt: skip
