"""`kc plan show` and `kc plan new`: the plan as approved, with its reallocations; the next plan's file."""

import re
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from kc_tracker.cli.common import LedgersOpt, PlanOpt, compute_status, load
from kc_tracker.errors import InputError
from kc_tracker.i18n import t

app = typer.Typer(
    name="plan", no_args_is_help=True, rich_markup_mode=None, add_completion=False, help="Kế hoạch / the plan."
)


class PlanFormat(StrEnum):
    table = "table"
    toml = "toml"


@app.command("show")
def show(
    fmt: Annotated[PlanFormat, typer.Option("--format", help="table or toml.")] = PlanFormat.table,
    plan: PlanOpt = None,
    ledger: LedgersOpt = None,
) -> None:
    """The plan's lines, targets and budgets, and the reallocations in the ledger; `toml` loads back."""
    plan_model = load(plan)
    if fmt is PlanFormat.toml:
        import tomli_w

        sys.stdout.write(tomli_w.dumps(plan_model.model_dump(exclude_none=True)))
        return
    from kc_tracker import render

    _, result, _ = compute_status(plan, ledger, None)
    render.print_plan(plan_model, result.adjustments, {line.id: line.budget_vnd for line in result.lines})


_YEARS = re.compile(r"([0-9]{4})(\s*[–-]\s*)([0-9]{4})")


@app.command("new")
def new(
    output: Annotated[Path, typer.Argument(help="The new plan file to write (never overwritten).")],
    start: Annotated[str, typer.Option("--start", help="First day of the new period, YYYY-MM-DD.")],
    end: Annotated[str, typer.Option("--end", help="Last day of the new period, YYYY-MM-DD.")],
    from_plan: Annotated[
        Path | None,
        typer.Option("--from-plan", help="Plan to start from [default: --plan, KC_PLAN or the bundled plan]."),
    ] = None,
    plan_id: Annotated[
        str | None, typer.Option("--id", help="Id of the new plan [default: the old id, new years].")
    ] = None,
    plan: PlanOpt = None,
) -> None:
    """Write the next period's plan: the same lines, ids, names and units; budgets and targets 0 to fill in."""
    import tomli_w

    from kc_tracker import render
    from kc_tracker.dates import parse_date
    from kc_tracker.plan import Plan

    old = load(from_plan or plan)
    first, last = parse_date(start, "--start"), parse_date(end, "--end")
    if last < first:
        raise InputError(t("plan.period", start=first, end=last))
    years = f"{first.year}–{last.year}"
    new_id = plan_id or (
        _YEARS.sub(f"{first.year}-{last.year}", old.plan.id)
        if _YEARS.search(old.plan.id)
        else f"{old.plan.id}-{first.year}-{last.year}"
    )
    title = _YEARS.sub(years, old.plan.title) if _YEARS.search(old.plan.title) else f"{old.plan.title} {years}"
    data = {
        "plan": old.plan.model_dump(exclude_none=True) | {"id": new_id, "title": title, "start": first, "end": last},
        "lines": [
            {"id": line.id, "name": line.name, "budget_vnd": 0}
            | ({"unit": line.unit, "target": 0} if line.unit is not None else {})
            for line in old.lines
        ],
        "indicators": [i.model_dump() | {"target": 0} for i in old.indicators],
    }
    Plan.model_validate(data)  # what we write must load
    header = t("plan.new_header", source=old.plan.id)
    try:
        with output.open("x", encoding="utf-8") as handle:
            handle.write("".join(f"# {line}\n" for line in header.splitlines()) + "\n" + tomli_w.dumps(data))
    except FileExistsError:
        raise InputError(t("plan.new_exists", path=output)) from None
    except OSError as e:
        raise InputError(t("export.unwritable", path=output, reason=e.strerror or e)) from None
    render.message(t("plan.new_done", path=output, id=new_id, lines=len(old.lines)))
