"""The approved plan: lines with budgets and targets (and their yearly allocations), indicators, and the
wording of the report, loaded from TOML.

A line's number is its position in the file (1-based); its id is what scripts use. The plan file is read,
never written. The models are frozen standard dataclasses: Pydantic validates a file against them (strict:
`budget_vnd = 1.5` or `"270"` is an error, not a conversion; unknown fields are refused), and only when the
file's content is new — a validated plan is kept in the cache folder under the hash of its bytes, so a
command on a known plan imports no Pydantic. Deleting the cache loses nothing.
"""

import pickle
import re
import unicodedata
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

from kc_tracker import __version__, paths
from kc_tracker.constraints import Check
from kc_tracker.errors import InputError, PlanError
from kc_tracker.i18n import os_reason, t
from kc_tracker.money import MILLION, VIETNAMESE, format_trieu, parse_amount
from kc_tracker.winfiles import path_too_long

if TYPE_CHECKING:
    import tomllib

ID_PATTERN = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")


def _words(text: str) -> str:
    """Text as compared with a line's name: NFC, any case, runs of spaces as one."""
    return " ".join(unicodedata.normalize("NFC", text).casefold().split())


_LISTED_LINE = re.compile(r"(?P<number>[0-9]{1,4})\.\s+(?P<name>.+)", re.DOTALL)
_LINE_WORDS = re.compile(r"^(nội dung(?: hỗ trợ)?(?: số)?|noi dung(?: ho tro)?(?: so)?|nd)\s*")
MAX_VND = 10**15
MAX_COUNT = 10**9


def is_id(text: str) -> bool:
    return len(text) <= 64 and ID_PATTERN.fullmatch(text) is not None


Text = Annotated[str, Check(min_len=1, max_len=500)]
Id = Annotated[str, Check(max_len=64, pattern=ID_PATTERN.pattern)]
Vnd = Annotated[int, Check(ge=0, le=MAX_VND)]
Count = Annotated[int, Check(ge=0, le=MAX_COUNT)]
STRICT: Any = {"extra": "forbid", "strict": True}  # Pydantic's config, as a plain dict: no import to define it


@dataclass(frozen=True, slots=True)
class PlanInfo:
    __pydantic_config__ = STRICT
    id: Id
    title: Text
    start: date
    end: date
    localities: list[Text] = field(default_factory=list)  # communes and wards: `--by locality` lists each one
    allow_years_over_total: bool = False
    # A đề án accepted in a year is settled (quyết toán) by this day of the next year, else it is overdue.
    settle_by: Annotated[str, Check(pattern=r"(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])")] = "01-22"


@dataclass(frozen=True, slots=True)
class YearAllocation:
    """The part of a line's budget and target given to one year (kế hoạch khuyến công năm 2026)."""

    __pydantic_config__ = STRICT
    budget_vnd: Vnd = 0
    target: Count | None = None


@dataclass(frozen=True, slots=True)
class Line:
    __pydantic_config__ = STRICT
    id: Id
    name: Text
    budget_vnd: Vnd
    short_name: Text | None = None  # for tables at 80 columns: "Máy móc thiết bị"
    unit: Text | None = None
    target: Count | None = None
    ceiling_vnd: Vnd | None = None  # the most one record may disburse, e.g. 35 triệu per trademark
    years: dict[str, YearAllocation] = field(default_factory=dict)
    # Đề án on this line: the advance (tạm ứng) paid before acceptance, at most this share of the support
    # (0: no advance); the support approved, at most this share of the đề án's total (support and the
    # beneficiary's own share) and at most this amount (`max_support`, written like a budget).
    advance_max_pct: Annotated[int, Check(ge=0, le=100)] = 70
    max_support_pct: Annotated[int, Check(ge=1, le=100)] | None = None
    max_support_vnd: Vnd | None = None

    @property
    def counted(self) -> bool:
        return self.target is not None

    @property
    def label(self) -> str:
        return self.short_name or self.name


LINE_DEFAULTS = {"advance_max_pct": 70}  # what a plan file need not say


@dataclass(frozen=True, slots=True)
class Indicator:
    __pydantic_config__ = STRICT
    id: Id
    name: Text
    unit: Text
    target: Count


@dataclass(frozen=True, slots=True)
class ReportInfo:
    """Who reports: the wording of the báo cáo's header and signature, as data, not code."""

    __pydantic_config__ = STRICT
    parent: Text  # SỞ CÔNG THƯƠNG TỈNH LÀO CAI
    agency: Text  # TRUNG TÂM KHUYẾN CÔNG VÀ XÚC TIẾN THƯƠNG MẠI
    abbreviation: Annotated[str, Check(min_len=1, max_len=20)]  # TTKC, for "Số: …/BC-TTKC"
    place: Text  # Lào Cai
    signer_title: Text = "GIÁM ĐỐC"
    signer_name: Text | None = None
    recipients: list[Text] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class Plan:
    __pydantic_config__ = STRICT
    plan: PlanInfo
    lines: Annotated[list[Line], Check(min_len=1)]
    indicators: list[Indicator] = field(default_factory=list)
    report: ReportInfo | None = None

    @property
    def id(self) -> str:
        return self.plan.id

    @property
    def total_budget_vnd(self) -> int:
        return sum(line.budget_vnd for line in self.lines)

    def number(self, line_id: str) -> int | None:
        for number, line in enumerate(self.lines, start=1):
            if line.id == line_id:
                return number
        return None

    def settle_day(self, year: int) -> date:
        """The day by which a đề án accepted in `year` is settled (22/01 of the next year, unless the plan says)."""
        month, day = map(int, self.plan.settle_by.split("-"))
        try:
            return date(year + 1, month, day)
        except ValueError:  # 02-29 in a year without it: the last day of February
            return date(year + 1, 3, 1) - timedelta(days=1)

    def line(self, line_id: str) -> Line | None:
        for line in self.lines:
            if line.id == line_id:
                return line
        return None

    def line_label(self, line_id: str) -> str:
        """How a sentence names a line: "nội dung số 4 (Máy móc thiết bị)"; an unplanned id is quoted."""
        line, number = self.line(line_id), self.number(line_id)
        if line is None or number is None:
            return t("line.unplanned", id=line_id)
        return t("line.label", number=number, name=line.label)

    def line_choice(self, line: Line) -> str:
        """A line as a form's drop-down lists it: "4. Máy móc thiết bị" (`find_line` reads it back)."""
        return f"{self.number(line.id)}. {line.label}"

    def find_line(self, key: str) -> Line:
        """A line by id, by number (1–N) or by its name or short name, as the officer types it, or as a form's
        drop-down lists it (`line_choice`)."""
        found = self.line(key)
        if found is not None:
            return found
        named = [line for line in self.lines if _words(key) in (_words(line.label), _words(line.name))]
        if len(named) == 1:  # "Máy móc thiết bị", as a unit's sheet writes it
            return named[0]
        listed = _LISTED_LINE.fullmatch(key.strip())  # "4. Máy móc thiết bị", as a form's drop-down lists it
        if listed is not None and listed["number"].isdigit() and 1 <= int(listed["number"]) <= len(self.lines):
            line = self.lines[int(listed["number"]) - 1]
            if _words(listed["name"]) in (_words(line.label), _words(line.name)):
                return line
        wanted = _LINE_WORDS.sub("", key.strip().casefold())  # "Nội dung số 4", "ND 4" are line 4
        if re.fullmatch(r"[0-9]{1,4}", wanted):
            number = int(wanted)
            if 1 <= number <= len(self.lines):
                return self.lines[number - 1]
            raise InputError(t("line.number", key=key, last=len(self.lines)))
        found = self.line(wanted)
        if found is not None:
            return found
        import difflib

        ids = [line.id for line in self.lines]
        close = difflib.get_close_matches(wanted, ids, n=3, cutoff=0.4)
        options = "; ".join(t("line.option", number=self.number(i), name=self.line_label(i), id=i) for i in close)
        raise InputError(t("line.unknown", key=key) + (t("line.did_you_mean", options=options) if close else ""))


@dataclass(frozen=True)
class PlanFile:
    """A plan as loaded: the plan, the file it came from, and that file's bytes (for their SHA-256)."""

    plan: Plan
    path: Path
    raw: bytes
    bundled: bool

    @property
    def sha256(self) -> str:
        """What exports and reports carry to pin the plan: computed when asked (no hashing on a status)."""
        import hashlib

        return hashlib.sha256(self.raw).hexdigest()


PLAN_FILE = "plan_2021_2025.toml"


def bundled_plan_path() -> Path:
    """The plan inside the installed package; in an editable install, the checkout's data/ folder."""
    packaged = Path(__file__).parent / "data" / PLAN_FILE
    if packaged.is_file():
        return packaged
    return Path(__file__).resolve().parents[2] / "data" / PLAN_FILE


def load_plan(path: Path | None = None) -> Plan:
    return open_plan(path).plan


def open_plan(path: Path | None = None) -> PlanFile:
    """Read a plan file (the bundled plan when path is None), validated once per content."""
    bundled = path is None
    path = path or bundled_plan_path()
    try:
        raw = path.read_bytes()
    except FileNotFoundError as e:
        if path_too_long(e) is not None:
            raise PlanError(t("plan.unreadable", path=path, reason=os_reason(e))) from None
        raise PlanError(t("plan.missing", path=path)) from None
    except IsADirectoryError:
        raise PlanError(t("plan.is_folder", path=path)) from None
    except OSError as e:
        raise PlanError(t("plan.unreadable", path=path, reason=os_reason(e))) from None
    # The cache is keyed by the bytes' length and CRC-32: cheap to compute at every start, and two versions
    # of one plan file that share both do not happen by accident.
    cached = _cache_file(f"{len(raw)}-{zlib.crc32(raw):08x}")
    try:
        plan = pickle.loads(cached.read_bytes())
        if isinstance(plan, Plan):
            return PlanFile(plan, path, raw, bundled)
    except Exception:  # no cache yet, or one this kc cannot read: validate the file
        pass
    plan = parse_plan(raw, path)
    _keep(cached, plan)
    return PlanFile(plan, path, raw, bundled)


def _cache_file(key: str) -> Path:
    """Keyed by the plan file's bytes and by this module's own (the models' shape): a kc that changed them, of
    any version, never reads a plan another one validated."""
    return paths.cache_dir() / "plans" / f"{key}-{__version__}-{_MODELS}.pickle"


_MODELS = f"{zlib.crc32(Path(__file__).read_bytes()):08x}"


def _keep(target: Path, plan: Plan) -> None:
    """Best effort: without a cache (a read-only home folder) the plan is only validated every time."""
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        temporary = target.with_name(f".{target.name}.tmp")
        temporary.write_bytes(pickle.dumps(plan))
        temporary.replace(target)
    except OSError:
        pass


def parse_plan(raw: bytes, path: Path) -> Plan:
    """Validate a plan file's bytes: one line per problem, naming the file, the line and the field."""
    import json
    import tomllib

    try:
        data = tomllib.loads(raw.decode("utf-8-sig"))  # Notepad and `Set-Content -Encoding UTF8` start with a BOM
    except UnicodeDecodeError:
        raise PlanError(t("plan.encoding", path=path)) from None
    except tomllib.TOMLDecodeError as e:
        raise PlanError(t("plan.syntax", path=path, reason=_toml_reason(e))) from None
    data = _nfc(data)
    problems = _budgets_in_trieu(data)
    from pydantic import TypeAdapter, ValidationError

    try:
        plan = TypeAdapter(Plan).validate_json(json.dumps(data, default=date.isoformat))
    except ValidationError as e:
        problems += [_describe(data, error) for error in e.errors(include_url=False)]
        raise PlanError("\n".join(f"{path}: {problem}" for problem in problems)) from None
    problems += _whole_plan_problems(plan)
    if problems:
        raise PlanError("\n".join(f"{path}: {problem}" for problem in problems))
    return plan


def _toml_reason(error: "tomllib.TOMLDecodeError") -> str:
    """`Expected '=' after a key (at line 12, column 5)` → the line and column, in the active language."""
    found = re.search(r"line (\d+), column (\d+)", str(error))
    return t("plan.syntax_at", lineno=found[1], column=found[2]) if found else t("plan.syntax_somewhere")


def _nfc(value: Any) -> Any:
    import unicodedata

    if isinstance(value, str):
        return unicodedata.normalize("NFC", value)
    if isinstance(value, dict):
        return {_nfc(key): _nfc(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_nfc(item) for item in value]
    return value


def _budgets_in_trieu(data: dict[str, Any]) -> list[str]:
    """`budget = "14.750"` (triệu đồng unless a unit follows, as `--amount`) becomes `budget_vnd`; so does a
    line's `max_support`."""
    problems: list[str] = []
    lines = data.get("lines")
    if not isinstance(lines, list):
        return problems
    for index, line in enumerate(lines):
        if not isinstance(line, dict):
            continue
        tables = [(f"{_where('lines', index, line)}", line)]
        years = line.get("years")
        if isinstance(years, dict):
            tables += [
                (f"{_where('lines', index, line)}.years.{year}", item)
                for year, item in years.items()
                if isinstance(item, dict)
            ]
        for where, table in tables:
            for name in ("budget", "max_support"):
                if name in table:
                    problems += _in_trieu(table, name, where)
    return problems


def _in_trieu(table: dict[str, Any], name: str, where: str) -> list[str]:
    """One amount written in triệu (`budget = "14.750"`) as its field in đồng (`budget_vnd`)."""
    text = table.pop(name)
    if f"{name}_vnd" in table:
        return [f"{where}: {t('plan.both_budgets', name=name)}"]
    if not isinstance(text, str):
        return [f"{where}.{name}: {t('plan.budget_text', name=name)}"]
    try:
        table[f"{name}_vnd"] = parse_amount(text, VIETNAMESE, MILLION)
    except InputError as e:
        return [f"{where}.{name}: {e}"]
    return []


def _where(section: str, index: int, item: Any) -> str:
    where = f"{section}[{index + 1}]"
    if isinstance(item, dict) and isinstance(item.get("id"), str):
        where += f" ({item['id']})"
    return where


def _whole_plan_problems(plan: Plan) -> list[str]:
    problems = []
    info = plan.plan
    if info.end < info.start:
        problems.append(t("plan.period", start=info.start, end=info.end))
    for kind, ids in (("lines", [x.id for x in plan.lines]), ("indicators", [x.id for x in plan.indicators])):
        seen: set[str] = set()
        for index, item_id in enumerate(ids):
            if item_id in seen:
                problems.append(t("plan.duplicate", where=f"{kind}[{index + 1}]", id=item_id))
            seen.add(item_id)
    for number, line in enumerate(plan.lines, start=1):
        where = f"lines[{number}] ({line.id})"
        if (line.unit is None) != (line.target is None):
            problems.append(t("plan.unit_target", where=where))
        if 0 < line.budget_vnd < MILLION:
            problems.append(t("plan.budget_small", where=where, vnd=line.budget_vnd))
        problems += _year_problems(plan, line, where)
    return problems


def _year_problems(plan: Plan, line: Line, where: str) -> list[str]:
    problems = []
    first, last = plan.plan.start.year, plan.plan.end.year
    for year, allocation in line.years.items():
        if not (year.isdigit() and first <= int(year) <= last):
            problems.append(t("plan.year_outside", where=f"{where}.years.{year}", first=first, last=last))
        if allocation.target is not None and not line.counted:
            problems.append(t("plan.year_target", where=f"{where}.years.{year}"))
        if 0 < allocation.budget_vnd < MILLION:
            problems.append(t("plan.budget_small", where=f"{where}.years.{year}", vnd=allocation.budget_vnd))
    total = sum(allocation.budget_vnd for allocation in line.years.values())
    if total > line.budget_vnd and not plan.plan.allow_years_over_total:
        problems.append(
            t("plan.years_over", where=where, total=format_trieu(total), budget=format_trieu(line.budget_vnd))
        )
    return problems


_SECTIONS: dict[str, Callable[..., Any]] = {
    "plan": PlanInfo,
    "lines": Line,
    "indicators": Indicator,
    "report": ReportInfo,
}


def _describe(data: dict[str, Any], err: Any) -> str:
    """One line per field: `lines[4] (may-moc-thiet-bi).budget_vnd: phải ≥ 0`."""
    loc = [str(part) if not isinstance(part, int) else part for part in err["loc"]]
    where, model = "", _SECTIONS.get(str(loc[0])) if loc else None
    if len(loc) >= 2 and isinstance(loc[1], int):
        section = data.get(str(loc[0]))
        item = section[loc[1]] if isinstance(section, list) and loc[1] < len(section) else None
        where = _where(str(loc[0]), loc[1], item)
        loc = loc[2:]
    elif loc:
        where = str(loc[0])
        loc = loc[1:]
    if len(loc) >= 2 and loc[0] == "years":
        where += f".years.{loc[1]}"
        loc, model = loc[2:], YearAllocation
    name = ".".join(str(part) for part in loc)
    label = ".".join(part for part in (where, name) if part)
    return f"{label}: {_reason(err, name, model)}"


def _reason(err: Any, field_name: str, model: Callable[..., Any] | None) -> str:
    kind = err["type"]
    if kind in ("unexpected_keyword_argument", "extra_forbidden"):
        import difflib

        known = list(getattr(model, "__dataclass_fields__", {}))
        close = difflib.get_close_matches(field_name.rsplit(".", 1)[-1], known, n=1, cutoff=0.5)
        return t("plan.extra", known=", ".join(known)) + (t("did_you_mean", name=close[0]) if close else "")
    if kind == "missing" or kind == "missing_argument":
        return t("plan.field_missing")
    if kind == "value_error":  # a Check of the model: its message is already ours
        return str(err["ctx"]["error"])
    if kind in ("greater_than_equal", "less_than_equal"):
        return t(f"plan.{kind}", limit=err["ctx"]["ge" if kind == "greater_than_equal" else "le"])
    if kind == "greater_than":
        return t("check.greater_than", limit=err["ctx"]["gt"])
    if kind == "string_pattern_mismatch":
        return t("plan.id_pattern" if ID_PATTERN.pattern in err["ctx"]["pattern"] else "check.pattern")
    if kind in ("string_too_short", "too_short"):
        return t("plan.empty")
    if kind == "string_too_long":
        return t("plan.too_long", max=err["ctx"]["max_length"])
    expected = {
        "int_type": "type.int",
        "int_from_float": "type.int",
        "string_type": "type.string",
        "date_type": "type.date",
        "date_parsing": "type.date",
        "date_from_datetime_parsing": "type.date",
        "date_from_datetime_inexact": "type.date",
        "list_type": "type.list",
        "dataclass_type": "type.table",
        "dict_type": "type.table",
        "bool_type": "type.bool",
        "dataclass_exact_type": "type.table",
    }.get(kind)
    return t("plan.type", expected=t(expected)) if expected else t("plan.invalid_value")
