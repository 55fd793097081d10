"""Constraints on a model's fields, declared once (in `Annotated[…]`) and checked the same way on both sides:
by Pydantic when a file is read (through `__get_pydantic_core_schema__`, Pydantic's documented hook: bounds,
lengths and patterns become the core schema's own, checked in Rust; a test function runs after it) and by
`check` when kc builds an entry itself. Defining them imports nothing: a command that validates no file
pays for no validator.
"""

import re
from collections.abc import Callable
from dataclasses import fields, is_dataclass
from typing import Annotated, Any, Union, get_args, get_origin


class Check:
    """A limit on a value: bounds for a number, a length and a pattern (or a test) for text."""

    __slots__ = ("limits", "test", "tests")

    def __init__(self, *, ge: int | None = None, gt: int | None = None, le: int | None = None,
                 min_len: int | None = None, max_len: int | None = None, pattern: str | None = None,
                 test: Callable[[Any], bool] | None = None) -> None:  # fmt: skip
        limits = {"ge": ge, "gt": gt, "le": le, "min_length": min_len, "max_length": max_len, "pattern": pattern}
        self.limits = {key: value for key, value in limits.items() if value is not None}
        self.test = test
        # Only the limits given, each as (holds, message key, its values): checked many times a second.
        tests: list[tuple[Callable[[Any], bool], str, dict[str, Any]]] = []
        if ge is not None:
            tests.append((lambda value: value >= ge, "plan.greater_than_equal", {"limit": ge}))
        if gt is not None:
            tests.append((lambda value: value > gt, "check.greater_than", {"limit": gt}))
        if le is not None:
            tests.append((lambda value: value <= le, "plan.less_than_equal", {"limit": le}))
        if min_len is not None:
            tests.append((lambda value: len(value) >= min_len, "plan.empty", {}))
        if max_len is not None:
            tests.append((lambda value: len(value) <= max_len, "plan.too_long", {"max": max_len}))
        if pattern is not None:
            compiled = re.compile(pattern)
            tests.append((lambda value: compiled.fullmatch(value) is not None, "check.pattern", {}))
        if test is not None:
            tests.append((test, "check.pattern", {}))
        self.tests = tests

    def __call__(self, value: Any) -> Any:
        for holds, key, params in self.tests:
            if not holds(value):
                raise _broken(key, **params)
        return value

    def __get_pydantic_core_schema__(self, source: Any, handler: Any) -> Any:
        from pydantic_core import core_schema

        schema = dict(handler(source))
        native = {"str": {"min_length", "max_length", "pattern"}, "int": {"ge", "gt", "le"},
                  "list": {"min_length", "max_length"}}.get(schema.get("type", ""), set())  # fmt: skip
        if not set(self.limits) <= native:
            return core_schema.no_info_after_validator_function(self, schema)
        schema |= self.limits
        if "pattern" in self.limits:  # Pydantic searches; Python's check matches the whole text
            schema["pattern"] = f"^(?:{self.limits['pattern']})$"
        if self.test is None:
            return schema
        return core_schema.no_info_after_validator_function(self._tested, schema)

    def _tested(self, value: Any) -> Any:
        if self.test is not None and not self.test(value):
            raise _broken("check.pattern")
        return value


def _broken(key: str, **params: Any) -> ValueError:
    from kc_tracker.i18n import t

    return ValueError(t(key, **params))


def _checks(annotation: Any) -> list[Check]:
    if get_origin(annotation) is Annotated:
        return [item for item in annotation.__metadata__ if isinstance(item, Check)]
    if get_origin(annotation) is Union or type(annotation).__name__ == "UnionType":
        return [check for arg in get_args(annotation) for check in _checks(arg)]
    return []


_FIELD_CHECKS: dict[type, tuple[list[tuple[str, list[Check]]], list[str]]] = {}


def _field_checks(cls: type) -> tuple[list[tuple[str, list[Check]]], list[str]]:
    """(the fields with constraints and theirs, the fields that may hold models): worked out once a class."""
    found = _FIELD_CHECKS.get(cls)
    if found is None:
        hints = {item.name: item.type for item in fields(cls)}
        constrained = [(name, checks) for name, hint in hints.items() if (checks := _checks(hint))]
        nested = [name for name, hint in hints.items() if _may_nest(hint)]
        found = _FIELD_CHECKS[cls] = (constrained, nested)
    return found


def _may_nest(hint: Any) -> bool:
    """Can a field of this type hold a model (or a list of them)? Plain values (text, numbers, dates) cannot."""
    plain = {str, int, float, bool, type(None)}
    if hint in plain or getattr(hint, "__name__", "") in ("date", "datetime", "Decimal"):
        return False
    if get_origin(hint) is Annotated:
        return _may_nest(get_args(hint)[0])
    if get_origin(hint) is Union or type(hint).__name__ == "UnionType":
        return any(_may_nest(arg) for arg in get_args(hint))
    return True


def check(obj: Any) -> None:
    """Check what kc built against its model's constraints (nested models and lists too); ValueError if not."""
    constrained, nested = _field_checks(type(obj))
    for name, checks in constrained:
        value = getattr(obj, name)
        if value is None:
            continue
        for constraint in checks:
            try:
                constraint(value)
            except ValueError as e:
                raise ValueError(f"{name}: {e}") from None
    for name in nested:
        value = getattr(obj, name)
        if is_dataclass(value):
            check(value)
        elif isinstance(value, list):
            for item in value:
                if is_dataclass(item):
                    check(item)
