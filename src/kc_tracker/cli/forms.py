"""`kc template`: the forms the units fill in and send back (`template.py` writes them, `kc import` reads them)."""

from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from kc_tracker.cli.common import (
    LedgersOpt,
    PlanOpt,
    ledger_paths,
    note,
    opened,
    parse_day,
    plan_file,
    protected_files,
    write_output,
)
from kc_tracker.cli.core import KcCommand, KcGroup
from kc_tracker.errors import InputError
from kc_tracker.i18n import t

if TYPE_CHECKING:
    from kc_tracker.plan import Plan
    from kc_tracker.tally import ProjectState

app = typer.Typer(name="template", cls=KcGroup, no_args_is_help=True, rich_markup_mode=None, add_completion=False)

OutputOpt = Annotated[str, typer.Option("--output", "-o", metavar="var.file", help="opt.template_output")]
FormDateOpt = Annotated[str | None, typer.Option("--as-of", metavar="var.date", help="opt.template_as_of")]


def _target(output: str) -> Path:
    target = Path(output)
    if target.suffix.lower() != ".xlsx":
        raise InputError(t("template.not_xlsx", path=target))
    return target


def deadline(day: date) -> date:
    """The units' monthly report is due by the 25th (TT 36/2013/TT-BCT, art. 23): the coming 25th."""
    if day.day <= 25:
        return day.replace(day=25)
    return (day.replace(day=1) + timedelta(days=32)).replace(day=25)


def _form_day(as_of: str | None, plan: "Plan") -> date:
    """--as-of, else the coming 25th; never before the plan starts (the form would take no date)."""
    from kc_tracker.dates import today

    day = parse_day(as_of, "--as-of") or deadline(today())
    if day < plan.plan.start:
        raise InputError(t("template.as_of_before", date=day, start=plan.plan.start))
    return day


def _of_unit(states: list["ProjectState"], unit: str) -> list["ProjectState"]:
    """A unit's đề án: those it benefits from or carries out, the names compared as beneficiaries are (any case,
    runs of spaces as one); where none is, without diacritics too (`HTX Ta Phin`, typed in a console without a
    Vietnamese keyboard), if that names one unit only."""
    from kc_tracker.importer import fold
    from kc_tracker.tally import beneficiary_key

    def named(key: Callable[[str], str]) -> dict[str, tuple[str, list["ProjectState"]]]:
        """Each unit so named (by its beneficiary_key): a spelling of its name, and its đề án."""
        wanted = key(unit)
        found: dict[str, tuple[str, list[ProjectState]]] = {}
        for state in states:
            for name in (state.beneficiary, state.implementer or ""):
                if key(name) == wanted:
                    _, theirs = found.setdefault(beneficiary_key(name), (name, []))
                    if not theirs or theirs[-1] is not state:
                        theirs.append(state)
        return found

    units = named(beneficiary_key) or named(fold)
    if len(units) > 1:
        names = ", ".join(f"“{name}”" for name, _ in units.values())
        raise InputError(t("template.unit_ambiguous", unit=unit, names=names))
    return next((found for _, found in units.values()), [])


@app.command("progress", cls=KcCommand)
def progress(
    output: OutputOpt,
    unit: Annotated[str | None, typer.Option("--unit", metavar="var.beneficiary", help="opt.template_unit")] = None,
    as_of: FormDateOpt = None,
    plan: PlanOpt = None,
    ledger: LedgersOpt = None,
) -> None:
    from kc_tracker import template
    from kc_tracker.dates import today

    target = _target(output)
    loaded = plan_file(plan)
    day = _form_day(as_of, loaded.plan)
    made = min(day, today())  # the figures known when the form is made
    with opened(loaded, ledger) as ledgers:
        states = [found for item in ledgers for found in item.index.projects(made) if found.open]
    states = sorted(_of_unit(states, unit) if unit else states, key=lambda found: (found.approved, found.code))
    form = template.new_form(loaded.plan, "progress", day)
    protected = protected_files(loaded, ledger_paths(ledger, loaded.plan.id))
    rows: list[int] = []
    write_output(target, lambda tmp: rows.append(template.write_progress(tmp, loaded.plan, form, states, unit, made,
                                                                         day)), protected)  # fmt: skip
    if not states:
        note(t("template.no_projects", unit=t("template.of_unit", unit=unit) if unit else "", date=made))
    note(t("template.written", path=target, projects=len(states), free=rows[0] - len(states), deadline=day))


@app.command("projects", cls=KcCommand)
def projects(output: OutputOpt, as_of: FormDateOpt = None, plan: PlanOpt = None) -> None:
    from kc_tracker import template
    from kc_tracker.dates import today

    target = _target(output)
    loaded = plan_file(plan)
    day = _form_day(as_of, loaded.plan)
    form = template.new_form(loaded.plan, "projects", day)
    rows: list[int] = []
    write_output(target, lambda tmp: rows.append(template.write_projects(tmp, loaded.plan, form, min(day, today()))),
                 protected_files(loaded, ledger_paths(None, loaded.plan.id)))  # fmt: skip
    note(t("template.written_projects", path=target, rows=rows[0]))
