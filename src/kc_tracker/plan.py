"""The approved plan: lines with budgets and targets, and indicators, loaded from TOML.

A line's number is its position in the file (1-based); its id is what scripts use.
The plan file is read, never written.
"""

import difflib
import hashlib
import re
import tomllib
import unicodedata
from datetime import date
from importlib import resources
from pathlib import Path
from typing import Annotated, Any

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints, ValidationError

from kc_tracker.errors import InputError, PlanError
from kc_tracker.i18n import t


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


Text = Annotated[str, StringConstraints(min_length=1, max_length=500), AfterValidator(nfc)]
Id = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$", max_length=64)]
Vnd = Annotated[int, Field(ge=0, le=10**15)]
Count = Annotated[int, Field(ge=0, le=10**9)]


class Model(BaseModel):
    # strict: a budget written as 1.5 or "270" in TOML is an error, not a silent conversion.
    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)


class PlanInfo(Model):
    id: Id
    title: Text
    start: date
    end: date
    localities: list[Text] = []  # communes/wards (or districts): `--by locality` lists each one


class Line(Model):
    id: Id
    name: Text
    unit: Text | None = None
    target: Count | None = None
    budget_vnd: Vnd
    ceiling_vnd: Vnd | None = None  # the most one record may disburse, e.g. 35 triệu per trademark

    @property
    def counted(self) -> bool:
        return self.target is not None


class Indicator(Model):
    id: Id
    name: Text
    unit: Text
    target: Count


class Plan(Model):
    plan: PlanInfo
    lines: list[Line] = Field(min_length=1)
    indicators: list[Indicator] = []

    @property
    def total_budget_vnd(self) -> int:
        return sum(line.budget_vnd for line in self.lines)

    def number(self, line_id: str) -> int | None:
        for number, line in enumerate(self.lines, start=1):
            if line.id == line_id:
                return number
        return None

    def find_line(self, key: str) -> Line:
        """A line by id or by number (1–N), as the officer types it."""
        for line in self.lines:  # an exact id, as scripts and imports give it
            if line.id == key:
                return line
        wanted = key.strip().casefold()
        if re.fullmatch(r"[0-9]{1,4}", wanted):
            number = int(wanted)
            if 1 <= number <= len(self.lines):
                return self.lines[number - 1]
            raise InputError(t("line.number", key=key, last=len(self.lines)))
        for line in self.lines:
            if line.id == wanted:
                return line
        ids = [line.id for line in self.lines]
        close = difflib.get_close_matches(wanted, ids, n=3, cutoff=0.4)
        raise InputError(t("line.unknown", key=key, ids=", ".join(close or ids)))


PLAN_FILE = "plan_2021_2025.toml"
_MODELS: dict[str, type[Model]] = {"plan": PlanInfo, "lines": Line, "indicators": Indicator}


def bundled_plan_path() -> Path:
    """The plan inside the installed package; in an editable install, the checkout's data/ folder."""
    packaged = Path(str(resources.files("kc_tracker") / "data" / PLAN_FILE))
    if packaged.is_file():
        return packaged
    return Path(__file__).resolve().parents[2] / "data" / PLAN_FILE


def file_hash(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def load_plan(path: Path | None = None) -> Plan:
    """Read and validate a plan file (the bundled plan when path is None)."""
    path = path or bundled_plan_path()
    try:
        text = path.read_bytes().decode("utf-8")
        data = tomllib.loads(text)
    except FileNotFoundError:
        raise PlanError(t("plan.missing", path=path)) from None
    except (IsADirectoryError, PermissionError, OSError) as e:
        raise PlanError(t("plan.unreadable", path=path, reason=e.strerror or e)) from None
    except UnicodeDecodeError:
        raise PlanError(t("plan.encoding", path=path)) from None
    except tomllib.TOMLDecodeError as e:
        raise PlanError(t("plan.syntax", path=path, reason=e)) from None
    try:
        plan = Plan.model_validate(data)
    except ValidationError as e:
        raise PlanError("\n".join(_describe(path, data, err) for err in e.errors())) from None
    problems = _whole_plan_problems(plan)
    if problems:
        raise PlanError("\n".join(f"{path}: {p}" for p in problems))
    return plan


def _whole_plan_problems(plan: Plan) -> list[str]:
    problems = []
    if plan.plan.end < plan.plan.start:
        problems.append(t("plan.period", start=plan.plan.start, end=plan.plan.end))
    for kind, ids in (("lines", [x.id for x in plan.lines]), ("indicators", [x.id for x in plan.indicators])):
        seen: set[str] = set()
        for index, item_id in enumerate(ids):
            if item_id in seen:
                problems.append(t("plan.duplicate", where=f"{kind}[{index + 1}]", id=item_id))
            seen.add(item_id)
    for number, line in enumerate(plan.lines, start=1):
        if (line.unit is None) != (line.target is None):
            problems.append(t("plan.unit_target", where=f"lines[{number}] ({line.id})"))
    return problems


def _describe(path: Path, data: Any, err: Any) -> str:
    """One line per field: `plan.toml: lines[4] (may-moc-thiet-bi).budget_vnd: must be ≥ 0`."""
    loc = list(err["loc"])
    where = ""
    if len(loc) >= 2 and isinstance(loc[1], int):
        section, index = loc[0], loc[1]
        where = f"{section}[{index + 1}]"
        item = data.get(section, [])[index] if isinstance(data.get(section), list) else None
        if isinstance(item, dict) and isinstance(item.get("id"), str):
            where += f" ({item['id']})"
        loc = loc[2:]
        model: type[Model] | None = _MODELS.get(section)
    elif loc:
        model = _MODELS.get(str(loc[0])) if len(loc) > 1 else Plan
        where = str(loc[0]) if len(loc) > 1 else ""
        loc = loc[1:] if len(loc) > 1 else loc
    else:
        model = Plan
    field = ".".join(str(part) for part in loc)
    label = ".".join(part for part in (where, field) if part)
    return f"{path}: {label}: {_reason(err, field, model)}"


def _reason(err: Any, field: str, model: type[Model] | None) -> str:
    kind = err["type"]
    if kind == "extra_forbidden":
        known = list(model.model_fields) if model else []
        close = difflib.get_close_matches(field, known, n=1, cutoff=0.5)
        return t("plan.extra", known=", ".join(known)) + (t("plan.did_you_mean", name=close[0]) if close else "")
    if kind == "missing":
        return t("plan.field_missing")
    if kind in ("greater_than_equal", "less_than_equal"):
        return t(f"plan.{kind}", limit=err["ctx"]["ge" if kind == "greater_than_equal" else "le"])
    if kind in ("int_type", "string_type", "date_type", "list_type", "model_type"):
        return t("plan.type", expected=t(f"type.{kind}"))
    if kind == "string_pattern_mismatch":
        return t("plan.id_pattern")
    return str(err["msg"])
