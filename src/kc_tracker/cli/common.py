"""What several commands share: which plan and ledgers, the dates of a report, options, and how output goes
out (data to stdout, messages to stderr, plain text: Rich is for tables only)."""

import os
import secrets
import stat
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, TypeVar

import click
import typer

from kc_tracker import paths
from kc_tracker.errors import InputError, PlanError, UsageProblem
from kc_tracker.i18n import os_reason, t
from kc_tracker.winfiles import path_too_long, retried

if TYPE_CHECKING:
    from kc_tracker.plan import Plan, PlanFile
    from kc_tracker.report import Status
    from kc_tracker.store import Ledger

# --- output -------------------------------------------------------------------------------------


def out(text: str) -> None:
    sys.stdout.write(text if text.endswith("\n") else text + "\n")


def note(text: str) -> None:
    print(text, file=sys.stderr)


def warn(text: str) -> None:
    print(f"{t('label.warning')}: {text}", file=sys.stderr)


def error(label: str, text: str) -> None:
    print(f"{label}: {text}", file=sys.stderr)


def dump_json(data: Any) -> None:
    import json

    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")


def write_exactly(text: str) -> None:
    """Text to stdout with its line ends as they are (CSV's are "\r\n"). On Windows stdout is in text mode,
    which writes every "\n" as "\r\n": CSV would get "\r\r\n", a blank row in Excel. There its bytes go to
    the buffer underneath."""
    buffer = getattr(sys.stdout, "buffer", None)
    if sys.platform == "win32" and buffer is not None:
        sys.stdout.flush()
        buffer.write(text.encode("utf-8", "backslashreplace"))
    else:
        sys.stdout.write(text)


# --- option types -------------------------------------------------------------------------------


class Integer(click.ParamType[int]):
    """A whole number, refused in the active language (Click's own message is English)."""

    name = "integer"

    def __init__(self, minimum: int | None = None) -> None:
        self.minimum = minimum

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> int:
        if isinstance(value, int):
            return value
        text = str(value).strip()
        digits = text[1:] if text[:1] in "+-" else text
        if not (digits.isascii() and digits.isdigit()) or len(digits) > 12:
            self.fail(t("usage.integer", text=value), param, ctx)
        number = int(text)
        if self.minimum is not None and number < self.minimum:
            self.fail(t("usage.at_least", text=value, minimum=self.minimum), param, ctx)
        return number


class Seconds(click.ParamType[float]):
    name = "seconds"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> float:
        if isinstance(value, float | int):
            return float(value)
        try:
            seconds = float(str(value).replace(",", "."))
        except ValueError:
            self.fail(t("usage.seconds", text=value), param, ctx)
        if not 0 <= seconds <= 86_400:
            self.fail(t("usage.seconds", text=value), param, ctx)
        return seconds


PlanOpt = Annotated[str | None, typer.Option("--plan", metavar="var.plan", help="opt.plan")]
LedgerOpt = Annotated[list[Path] | None, typer.Option("--ledger", metavar="var.file", help="opt.ledger_one")]
LedgersOpt = Annotated[list[Path] | None, typer.Option("--ledger", metavar="var.file", help="opt.ledgers")]
LockTimeoutOpt = Annotated[
    float, typer.Option("--lock-timeout", click_type=Seconds(), metavar="var.seconds", help="opt.lock_timeout")
]
AsOfOpt = Annotated[str | None, typer.Option("--as-of", metavar="var.date", help="opt.as_of")]
FromOpt = Annotated[str | None, typer.Option("--from", metavar="var.date", help="opt.from")]
ToOpt = Annotated[str | None, typer.Option("--to", metavar="var.date", help="opt.to")]
YearOpt = Annotated[int | None, typer.Option("--year", click_type=Integer(), metavar="var.year", help="opt.year")]
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


TextFormatOpt = Annotated[TextFormat, typer.Option("--format", help="opt.text_format")]
ByOpt = Annotated[By | None, typer.Option("--by", help="opt.by")]
OutputOpt = Annotated[str | None, typer.Option("--output", "-o", metavar="var.file", help="opt.output_text")]


# --- plan and ledgers ---------------------------------------------------------------------------


def plan_file(option: str | None) -> "PlanFile":
    """--plan (a file, or the id of a plan in use), else KC_PLAN, else the current plan, else the bundled one."""
    from kc_tracker.plan import is_id, open_plan

    value = option or os.environ.get("KC_PLAN")
    if value:
        path = Path(value)
        if not path.exists() and is_id(value):
            known = known_plans()
            if value not in known:
                import difflib

                close = difflib.get_close_matches(value, list(known), n=1)
                hint = t("did_you_mean", name=close[0]) if close else ""
                raise PlanError(t("plan.unknown_id", id=value, known=", ".join(known)) + hint)
            return open_plan(known[value])
        return open_plan(path)
    current = current_plan_id()
    if current is not None:
        kept = paths.plans_dir() / f"{current}.toml"
        if kept.exists():
            return open_plan(kept)
        bundled = open_plan(None)
        if bundled.plan.id != current:  # a restored data folder without its plan: never another plan's figures
            raise PlanError(t("plan.current_missing", id=current, path=kept, marker=paths.current_plan_file()))
        return bundled
    return open_plan(None)


def known_plans() -> dict[str, Path | None]:
    """Every plan known by its id: the bundled one (None), and those put in use, which stand for the bundled
    one when they share its id."""
    from kc_tracker.plan import open_plan

    known: dict[str, Path | None] = {open_plan(None).plan.id: None}
    if paths.plans_dir().is_dir():
        for kept in sorted(paths.plans_dir().glob("*.toml")):
            try:  # a copy under another name (a sync service's conflict copy) is not that plan's
                if open_plan(kept).plan.id == kept.stem:
                    known[kept.stem] = kept
            except PlanError:
                known[kept.stem] = kept  # named by its file, so that the command using it says what is wrong
    return known


def current_plan_id() -> str | None:
    try:
        text = paths.current_plan_file().read_text(encoding="utf-8").strip()
    except OSError:
        return None
    return text or None


def ledger_paths(options: list[Path] | None, plan_id: str) -> list[Path]:
    if options:
        return list(options)
    env = os.environ.get("KC_LEDGER")
    if env:
        return [Path(env)]
    from kc_tracker.ledger import default_path

    warn_if_data_hidden()
    return [default_path(plan_id)]


def warn_if_data_hidden() -> None:
    """Said once by a command that uses the data folder, where Windows keeps that folder elsewhere (the
    Microsoft Store's Python)."""
    real = paths.store_python_data_dir()
    if real is None:
        return
    ctx = click.get_current_context(silent=True)
    if ctx is not None:
        if ctx.meta.get("kc.data_hidden"):
            return
        ctx.meta["kc.data_hidden"] = True
    warn(t("data.store_python", folder=shown(paths.data_dir()), real=real))


def one_ledger(options: list[Path] | None, plan_id: str) -> Path:
    """Writing (and checking) takes exactly one ledger: adding up is for reading."""
    if options and len(options) > 1:
        raise UsageProblem(t("ledger.only_one"))
    return ledger_paths(options, plan_id)[0]


def parse_day(text: str | None, option: str) -> date | None:
    from kc_tracker.dates import parse_date

    return parse_date(text, option) if text else None


def report_days(
    as_of: str | None, start: str | None = None, to: str | None = None, year: int | None = None,
    plan: "Plan | None" = None,
) -> tuple[date, date | None]:  # fmt: skip
    """(the last day counted, the first day of the period or None) from --as-of, --from, --to and --year."""
    from kc_tracker.dates import today

    day, end, first = parse_day(as_of, "--as-of"), parse_day(to, "--to"), parse_day(start, "--from")
    if day and end and day != end:
        raise InputError(t("status.as_of_to", as_of=day, to=end))
    last = end or day
    if year is not None:
        if first is not None:
            raise InputError(t("status.year_and_from"))
        if plan is not None and not plan.plan.start.year <= year <= plan.plan.end.year:
            raise InputError(t("status.year_outside", year=year, first=plan.plan.start.year,
                               last=plan.plan.end.year))  # fmt: skip
        first = date(year, 1, 1)
        last = last or min(max(today(), first), date(year, 12, 31))
        if not first <= last <= date(year, 12, 31):
            raise InputError(t("status.outside_year", day=last, year=year))
    last = last or today()
    if first and first > last:
        raise InputError(t("status.from_after_to", start=first, end=last))
    return last, first


@contextmanager
def opened(plan: "PlanFile", options: list[Path] | None) -> Iterator[list["Ledger"]]:
    """The ledgers of a reading command, opened; what is wrong with each is said on stderr."""
    from kc_tracker import store

    with store.reading(ledger_paths(options, plan.plan.id), plan.plan.id) as ledgers:
        for item in ledgers:
            for warning in item.warnings:
                warn(warning)
        yield ledgers


def compute_status(
    plan: "PlanFile", ledgers: list["Ledger"], as_of: date, start: date | None, by: str | None, year: int | None
) -> "Status":
    from kc_tracker import report, store

    return report.status(plan.plan, store.sums(ledgers, as_of, start, by), as_of, start, by, year)


def shown(path: Path) -> str:
    """A path as text that can be written anywhere: bytes of a name that are not UTF-8 become “�”."""
    return os.fsencode(path).decode("utf-8", "replace")


def ledgers_label(ledgers: list["Ledger"]) -> str:
    """Which ledgers the figures come from, as every output names them (several joined by `; `)."""
    return "; ".join(shown(item.path) for item in ledgers)


def plan_label(plan: "PlanFile") -> str:
    return f"{t('status.bundled')} ({plan.path.name})" if plan.bundled else shown(plan.path)


def export_meta(plan: "PlanFile", status: "Status", ledgers: list["Ledger"]) -> dict[str, Any]:
    from datetime import UTC, datetime

    from kc_tracker import __version__
    from kc_tracker.i18n import lang

    return {
        "kc_version": __version__,
        "generated_at": datetime.now(UTC).replace(microsecond=0).isoformat(),
        "lang": lang(),
        "as_of": status.as_of.isoformat(),
        "from": status.start.isoformat() if status.start else None,
        "plan_id": status.plan.id,
        "plan_file": plan_label(plan),
        "plan_sha256": plan.sha256,
        "ledger_file": ledgers_label(ledgers),
        "ledger_tip": "; ".join(item.tip for item in ledgers),
    }


# --- files written ------------------------------------------------------------------------------


def protected_files(plan: "PlanFile", ledgers: list[Path], reads: tuple[Path, ...] = ()) -> list[Path]:
    """What no command may write its output onto: every file kc keeps (the ledgers it reads and those of the data
    folder, with what lives beside them, the plans kept, `current-plan`), the plan, and the files it `reads`.
    The data folder's `ledgers/` and `plans/` are refused as a whole (see `write_output`)."""
    found = [plan.path, paths.current_plan_file(), *reads]
    for ledger in [*ledgers, paths.legacy_ledger()]:
        found += [ledger, paths.index_path(ledger), paths.lock_path(ledger), paths.torn_path(ledger)]
    return found


Format = TypeVar("Format", bound=StrEnum)
# Files a program opens by their kind: a command that cannot write one refuses the name rather than write its
# default format (a table, as text) under it.
_FILE_KINDS = {".csv", ".json", ".md", ".xlsx", ".xls", ".xlsm", ".ods", ".docx", ".doc", ".odt", ".pdf", ".html"}


def output_format(
    target: Path | None, chosen: Format | None, by_suffix: dict[str, Format], default: Format | None
) -> Format:
    """--format, else the file's suffix, else `default`. A --format its file's known suffix contradicts
    (`--format md --output bao-cao.docx`) is refused: the file would open as something it is not."""
    known = by_suffix.get(target.suffix.lower()) if target is not None else None
    if target is not None and known is None and default is not None and target.suffix.lower() in _FILE_KINDS:
        kinds = ", ".join(sorted(by_suffix)) or "—"
        raise InputError(t("export.kind_unwritten", path=target, kinds=kinds))
    if chosen is not None and known is not None and known is not chosen:
        assert target is not None
        raise InputError(t("export.format_mismatch", path=target, format=chosen.value))
    result = chosen or known or default
    if result is None:
        raise InputError(t("export.which_format", path=target))
    return result


def output_path(output: str | None) -> Path | None:
    """The file of `--output`; None for stdout (no `--output`, or `-`)."""
    if output is None or output == "-":
        return None
    return Path(output)


@contextmanager
def replaced(output: Path, protected: list[Path], force: bool = True) -> Iterator[Path]:
    """A file to write beside `output`, renamed into its place once written (`written_beside`). A symlink is
    followed (the file it points at is replaced, never the link); a target that is not a regular file, or
    that is one of the `protected` files or in a folder of files kc keeps, is refused."""
    target = output
    if output.is_symlink():
        target = output.resolve()
    kept = (paths.plans_dir(), paths.ledgers_dir())
    if any(paths.same_file(target, item) for item in protected) or any(
        paths.same_file(target.parent, folder) for folder in kept
    ):
        raise InputError(t("export.protected", path=output))
    try:
        mode = target.stat().st_mode
    except FileNotFoundError:
        mode = None
    except OSError as e:
        raise InputError(t("export.unwritable", path=output, reason=os_reason(e))) from None
    if mode is not None and not stat.S_ISREG(mode):
        raise InputError(t("export.not_a_file", path=output))
    if mode is not None and not force:
        raise InputError(t("export.exists", path=output))
    with written_beside(target, shown=output) as tmp:
        yield tmp


@contextmanager
def written_beside(target: Path, shown: Path | None = None) -> Iterator[Path]:
    """A file to write next to `target`, renamed into its place once written: no one ever sees half a file,
    and a write cut short (a full disk, a quota) leaves the old file as it was. Windows refuses the rename
    while another program (Excel, antivirus, OneDrive) holds the target: it is tried again for about a
    second, then refused saying so. The temporary file's name is short (`.kc-<pid>-<random>.tmp`), never the
    target's with more around it: any name the system takes for the target works. Windows refusing a path
    past 260 characters is said with the length of the path the user gave."""
    named = shown or target
    tmp = target.with_name(f".kc-{os.getpid()}-{secrets.token_hex(4)}.tmp")

    def reason(error: OSError, replacing: bool = False) -> str:
        length = path_too_long(error, said=named)
        return t("os.path_too_long", length=length) if length is not None else os_reason(error, replacing)

    try:
        try:
            yield tmp
        except OSError as e:
            raise InputError(t("export.unwritable", path=named, reason=reason(e))) from None
        try:
            retried(lambda: os.replace(tmp, target), denied_too=True)
        except OSError as e:
            raise InputError(t("export.unwritable", path=named, reason=reason(e, replacing=True))) from None
    finally:
        with suppress(OSError):  # written and renamed, nothing is left; else what was written goes
            tmp.unlink(missing_ok=True)


def write_beside(target: Path, write: Callable[[Path], object]) -> None:
    with written_beside(target) as tmp:
        write(tmp)


def write_output(output: Path, write: Callable[[Path], object], protected: list[Path], force: bool = True) -> None:
    """`write(file)` writes the output to the file given, which then replaces `output` (see `replaced`)."""
    with replaced(output, protected, force) as tmp:
        write(tmp)


@contextmanager
def stdout_to(output: Path | None, protected: list[Path]) -> Iterator[None]:
    """What the command prints inside goes to `output` instead of stdout (`None`: stdout, as ever), for the
    `--output` of a command that prints: PowerShell 5.1 decodes a program's piped or redirected output with
    the console's code page, which garbles Vietnamese. The file holds the bytes stdout gets on Linux: UTF-8
    whatever the console, line ends as written; it is put in place as `kc export`'s are (`replaced`)."""
    if output is None:
        yield
        return
    with (
        replaced(output, protected) as tmp,
        tmp.open("w", encoding="utf-8", errors="backslashreplace", newline="") as file,
    ):
        printing, sys.stdout = sys.stdout, file
        try:
            yield
        finally:
            sys.stdout = printing
    note(t("export.written", path=output))
