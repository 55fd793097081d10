"""Constraints on a model's fields, declared once (in `Annotated[…]`) and checked the same way on both sides:
by Pydantic when a file is read (through `__get_pydantic_core_schema__`, Pydantic's documented hook) and by
`check` when kc builds an entry itself. Defining them imports nothing: a command that validates no file
pays for no validator.
"""

import re
from collections.abc import Callable
from dataclasses import fields, is_dataclass
from typing import Annotated, Any, Union, get_args, get_origin


class Check:
    """A limit on a value: bounds for a number, a length and a pattern (or a test) for text."""

    __slots__ = ("ge", "gt", "le", "max_len", "min_len", "pattern", "test")

    def __init__(self, *, ge: int | None = None, gt: int | None = None, le: int | None = None,
                 min_len: int | None = None, max_len: int | None = None, pattern: str | None = None,
                 test: Callable[[Any], bool] | None = None) -> None:  # fmt: skip
        self.ge, self.gt, self.le = ge, gt, le
        self.min_len, self.max_len = min_len, max_len
        self.pattern = re.compile(pattern) if pattern else None
        self.test = test

    def __call__(self, value: Any) -> Any:
        from kc_tracker.i18n import t

        if self.ge is not None and value < self.ge:
            raise ValueError(t("plan.greater_than_equal", limit=self.ge))
        if self.gt is not None and value <= self.gt:
            raise ValueError(t("check.greater_than", limit=self.gt))
        if self.le is not None and value > self.le:
            raise ValueError(t("plan.less_than_equal", limit=self.le))
        if self.min_len is not None and len(value) < self.min_len:
            raise ValueError(t("plan.empty"))
        if self.max_len is not None and len(value) > self.max_len:
            raise ValueError(t("plan.too_long", max=self.max_len))
        if self.pattern is not None and self.pattern.fullmatch(value) is None:
            raise ValueError(t("check.pattern"))
        if self.test is not None and not self.test(value):
            raise ValueError(t("check.pattern"))
        return value

    def __get_pydantic_core_schema__(self, source: Any, handler: Any) -> Any:
        from pydantic_core import core_schema

        return core_schema.no_info_after_validator_function(self, handler(source))


def _checks(annotation: Any) -> list[Check]:
    if get_origin(annotation) is Annotated:
        return [item for item in annotation.__metadata__ if isinstance(item, Check)]
    if get_origin(annotation) is Union or type(annotation).__name__ == "UnionType":
        return [check for arg in get_args(annotation) for check in _checks(arg)]
    return []


_FIELD_CHECKS: dict[type, list[tuple[str, list[Check]]]] = {}


def _field_checks(cls: type) -> list[tuple[str, list[Check]]]:
    found = _FIELD_CHECKS.get(cls)
    if found is None:
        found = _FIELD_CHECKS[cls] = [(item.name, _checks(item.type)) for item in fields(cls)]
    return found


def check(obj: Any) -> None:
    """Check what kc built against its model's constraints (nested models and lists too); ValueError if not."""
    for name, checks in _field_checks(type(obj)):
        value = getattr(obj, name)
        if value is None:
            continue
        for constraint in checks:
            try:
                constraint(value)
            except ValueError as e:
                raise ValueError(f"{name}: {e}") from None
        if is_dataclass(value):
            check(value)
        elif isinstance(value, list):
            for item in value:
                if is_dataclass(item):
                    check(item)
