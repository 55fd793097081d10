"""The plan file: the bundled seed, and validation that names the file, the line id and the field."""

from pathlib import Path

import pytest

from kc_tracker.plan import load_plan

from .conftest import Kc


def test_bundled_plan_matches_the_article() -> None:
    plan = load_plan()
    assert plan.plan.id == "lao-cai-2021-2025"
    assert plan.total_budget_vnd == 44_500_000_000
    assert len(plan.lines) == 10
    assert plan.find_line("4").id == "may-moc-thiet-bi" == plan.find_line(" MAY-MOC-THIET-BI ").id
    assert plan.lines[9].target is None and plan.lines[9].unit is None
    assert [i.target for i in plan.indicators] == [5500]


def edit(plan_path: Path, old: str, new: str) -> None:
    text = plan_path.read_text(encoding="utf-8")
    assert old in text
    plan_path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ("budget_vnd = 14_750_000_000", "budget_vnd = -1", "lines[4] (may-moc-thiet-bi).budget_vnd: phải từ 0 trở lên"),
        (
            "budget_vnd = 14_750_000_000",
            "budget_vnd = 14.75",
            "lines[4] (may-moc-thiet-bi).budget_vnd: phải là số nguyên",
        ),
        ("budget_vnd = 14_750_000_000\n", "", "lines[4] (may-moc-thiet-bi).budget_vnd: thiếu giá trị"),
        ("budget_vnd = 14_750_000_000", "budjet_vnd = 14_750_000_000", "“budget_vnd”"),
        ('id = "tu-van"', 'id = "nhan-hieu"', "lines[7]: mã “nhan-hieu” bị trùng"),
        ("end = 2025-12-31", "end = 2020-12-31", "31/12/2020"),
        ('unit = "lượt"\n', "", "lines[5] (binh-chon-san-pham): trường `unit` và trường `target`"),
        ('id = "tu-van"', 'id = "Tư vấn"', "lines[7] (Tư vấn).id"),
    ],
)
def test_invalid_plans_are_refused_naming_file_line_and_field(
    kc: Kc, plan_path: Path, old: str, new: str, expected: str
) -> None:
    edit(plan_path, old, new)
    result = kc("status", code=1)
    assert expected in result.stderr, result.stderr
    assert str(plan_path) in result.stderr
    assert "Traceback" not in result.stderr


def test_every_problem_is_listed_once(kc: Kc, plan_path: Path) -> None:
    edit(plan_path, "budget_vnd = 270_000_000", "budget_vnd = -270")
    edit(plan_path, "target = 14", "target = -14")
    lines = kc("status", code=1).stderr.splitlines()
    assert any("lines[1]" in line and "budget_vnd" in line for line in lines)
    assert any("lines[2]" in line and "target" in line for line in lines)


def test_missing_plan_file(kc: Kc, isolated: Path) -> None:
    missing = isolated / "nope.toml"
    assert str(missing) in kc("status", "--plan", str(missing), code=1).stderr


def test_plan_with_zero_budgets_loads(kc: Kc, plan_path: Path) -> None:
    text = plan_path.read_text(encoding="utf-8")
    import re

    plan_path.write_text(re.sub(r"budget_vnd = [0-9_]+", "budget_vnd = 0", text), encoding="utf-8")
    status = kc.json("status", "--format", "json")
    assert status["totals"]["budget_vnd"] == 0 and status["lines"][0]["spent_pct"] is None
    assert "—" in kc("status").stdout
