"""From one plan to the next: a ledger per plan found by itself, the plan in use, yearly allocations,
budgets as people write them, localities that changed."""

import re
import tempfile
import tomllib
from pathlib import Path

import pytest
import tomli_w
from hypothesis import given, settings
from hypothesis import strategies as st

from .conftest import Kc, line_of

NEW_ID = "lao-cai-2026-2030"
BUDGETS = {  # triệu đồng, as a new plan is filled in
    "thanh-lap-doanh-nghiep": ("500", 30), "mo-hinh-trinh-dien": ("6.000", 20), "san-xuat-sach-hon": ("2.500", 10),
    "may-moc-thiet-bi": ("25.000", 120), "binh-chon-san-pham": ("1.500", 20), "nhan-hieu": ("2.000", 50),
    "tu-van": ("2.000", 50), "thong-tin-tuyen-truyen": ("1.000", 10), "cum-cong-nghiep": ("15.000", 20),
    "noi-dung-khac": ("4.500", None),
}  # fmt: skip


@pytest.fixture
def home(isolated: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A machine where nobody set KC_PLAN or KC_LEDGER: kc finds the plan and its ledger by itself."""
    monkeypatch.delenv("KC_PLAN")
    monkeypatch.delenv("KC_LEDGER")
    monkeypatch.setenv("KC_TODAY", "2026-03-10")
    return isolated / "home" / "data"


def new_plan(kc: Kc, isolated: Path, **changes: object) -> Path:
    """`kc plan new` for 2026–2030, filled in the way an officer fills it in (`budget = "…"` in triệu)."""
    path = isolated / "p2630.toml"
    kc("plan", "new", str(path), "--start", "01/01/2026", "--end", "31/12/2030")
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    for line in data["lines"]:
        budget, target = BUDGETS[line["id"]]
        line["budget"] = budget
        if target is not None:
            line["target"] = target
    for key, value in changes.items():
        data[key] = value(data) if callable(value) else value
    path.write_text(tomli_w.dumps(data), encoding="utf-8")
    return path


def status(kc: Kc, *args: str) -> dict:
    return kc.json("status", "--format", "json", *args)


# --- a ledger per plan, the plan in use ----------------------------------------------------------


def test_a_second_plan_records_into_its_own_ledger_without_options(kc: Kc, isolated: Path, home: Path) -> None:
    kc("record", "4", "--amount", "1.250", "--count", "2", "--date", "05/06/2024")  # the bundled plan
    old = home / "ledgers" / "lao-cai-2021-2025.jsonl"
    assert old.exists()
    said = kc("plan", "use", str(new_plan(kc, isolated))).stdout
    assert str(home / "plans" / f"{NEW_ID}.toml") in said and str(home / "ledgers" / f"{NEW_ID}.jsonl") in said
    kc("record", "4", "--amount", "1.200", "--count", "3", "--date", "01/02/2026")
    assert (home / "ledgers" / f"{NEW_ID}.jsonl").exists()
    new = status(kc)
    assert new["plan"]["id"] == NEW_ID and new["totals"]["budget_vnd"] == 60_000_000_000
    assert line_of(new, "may-moc-thiet-bi")["spent_vnd"] == 1_200_000_000
    before = status(kc, "--plan", "lao-cai-2021-2025", "--as-of", "31/12/2025")
    assert line_of(before, "may-moc-thiet-bi")["spent_vnd"] == 1_250_000_000  # the old plan's figures, exact
    assert before["totals"]["budget_vnd"] == 44_500_000_000


def test_plan_list_figures_are_each_plans_status(
    kc: Kc, isolated: Path, home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    kc("record", "4", "--amount", "1.250", "--count", "2", "--date", "05/06/2024")
    kc("record", "6", "--amount", "35", "--date", "05/06/2025")
    kc("plan", "use", str(new_plan(kc, isolated)))
    kc("record", "9", "--amount", "2.000,5", "--count", "1", "--date", "01/03/2026")
    listed = {item["id"]: item for item in kc.json("plan", "list", "--format", "json")}
    assert set(listed) == {"lao-cai-2021-2025", NEW_ID} and listed[NEW_ID]["current"]
    for plan_id, entries in (("lao-cai-2021-2025", 2), (NEW_ID, 1)):
        figures = status(kc, "--plan", plan_id, "--as-of", "31/12/2030")
        item = listed[plan_id]
        assert item["spent_vnd"] == figures["totals"]["cumulative_spent_vnd"]
        assert item["budget_vnd"] == figures["totals"]["budget_vnd"] and item["entries"] == entries
        assert item["ledger"] == str(home / "ledgers" / f"{plan_id}.jsonl")
    monkeypatch.setenv("COLUMNS", "80")
    table = kc("plan", "list").stdout
    assert "2.000,5/60.000" in table and "1.285/44.500" in table
    paths = {item["ledger"] for item in listed.values()}
    assert all(len(row) <= 80 for row in table.splitlines() if row.strip() not in paths)  # a path is never cut


def test_an_old_style_ledger_keeps_working_byte_for_byte_untouched(
    kc: Kc, isolated: Path, home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    legacy = home / "ledger.jsonl"
    monkeypatch.setenv("KC_LEDGER", str(legacy))  # how every ledger was made before there was one per plan
    kc("record", "4", "--amount", "1.250", "--count", "2", "--date", "05/06/2024")
    monkeypatch.delenv("KC_LEDGER")
    kept = legacy.read_bytes()
    assert line_of(status(kc), "may-moc-thiet-bi")["spent_vnd"] == 1_250_000_000  # found by its header
    assert str(legacy) in kc("check").stdout  # check says which ledger it read
    kc("plan", "use", str(new_plan(kc, isolated)))
    kc("record", "4", "--amount", "300", "--date", "01/02/2026")
    status(kc, "--plan", "lao-cai-2021-2025")
    assert legacy.read_bytes() == kept
    assert not (home / "ledgers" / "lao-cai-2021-2025.jsonl").exists()  # nothing moved or copied
    listed = {item["id"]: item for item in kc.json("plan", "list", "--format", "json")}
    assert listed["lao-cai-2021-2025"]["ledger"] == str(legacy)


def test_the_approved_copy_is_what_counts_and_an_orphaning_update_is_refused(
    kc: Kc, isolated: Path, home: Path
) -> None:
    source = new_plan(kc, isolated)
    kc("plan", "use", str(source))
    kc("record", "tu-van", "--amount", "10", "--count", "1", "--date", "01/02/2026")
    approved = (home / "plans" / f"{NEW_ID}.toml").read_bytes()
    data = tomllib.loads(source.read_text(encoding="utf-8"))
    data["lines"] = [line for line in data["lines"] if line["id"] != "tu-van"]  # the line is dropped
    source.write_text(tomli_w.dumps(data), encoding="utf-8")
    assert line_of(status(kc), "tu-van")["spent_vnd"] == 10_000_000  # an edited source changes nothing yet
    message = kc("plan", "use", str(source), code=1).stderr
    assert "tu-van" in message and "--force" in message
    assert (home / "plans" / f"{NEW_ID}.toml").read_bytes() == approved
    kc("plan", "use", str(source), "--force")
    assert status(kc)["unplanned_lines"][0]["id"] == "tu-van"  # kept in sight, never lost


def test_a_plan_is_named_by_its_id_and_an_unknown_id_is_refused_with_the_known_ones(
    kc: Kc, isolated: Path, home: Path
) -> None:
    kc("plan", "use", str(new_plan(kc, isolated)))
    assert status(kc, "--plan", "lao-cai-2021-2025")["plan"]["id"] == "lao-cai-2021-2025"
    message = kc("status", "--plan", "lao-cai-2026-2031", code=1).stderr
    assert "lao-cai-2021-2025, lao-cai-2026-2030" in message and "“lao-cai-2026-2030”?" in message


def test_plan_new_carries_the_report_table_and_localities_and_lines_can_change(
    kc: Kc, isolated: Path, home: Path
) -> None:
    path = new_plan(kc, isolated, plan=lambda d: d["plan"] | {"localities": COMMUNES})
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    assert data["report"]["agency"] == "TRUNG TÂM KHUYẾN CÔNG VÀ XÚC TIẾN THƯƠNG MẠI"  # from the bundled plan
    kc("plan", "new", str(isolated / "x.toml"), "--start", "2031-01-01", "--end", "2035-12-31",
       "--from", str(path))  # fmt: skip
    after = tomllib.loads((isolated / "x.toml").read_text(encoding="utf-8"))
    assert after["plan"]["localities"] == COMMUNES and after["report"] == data["report"]
    assert after["plan"]["id"] == "lao-cai-2031-2035" and after["lines"][3]["budget"] == "0"
    assert '#   [lines.years."2031"]' in (isolated / "x.toml").read_text(encoding="utf-8")  # the example, commented
    kc("record", "4", "--amount", "1", "--date", "05/06/2024")
    data["lines"] = [line for line in data["lines"] if line["id"] != "tu-van"]
    data["lines"].append({"id": "chuyen-doi-so", "name": "Hỗ trợ chuyển đổi số", "unit": "cơ sở",
                          "budget": "3.000", "target": 15})  # fmt: skip
    path.write_text(tomli_w.dumps(data), encoding="utf-8")
    kc("plan", "use", str(path))
    kc("record", "chuyen-doi-so", "--amount", "100", "--count", "1", "--date", "01/02/2026")
    assert line_of(status(kc), "chuyen-doi-so")["spent_vnd"] == 100_000_000
    old = status(kc, "--plan", "lao-cai-2021-2025")
    assert line_of(old, "tu-van")["number"] == 7 and line_of(old, "may-moc-thiet-bi")["spent_vnd"] == 1_000_000


# --- budgets as people write them ------------------------------------------------------------------


def test_budget_in_trieu_and_an_implausible_budget_vnd(kc: Kc, isolated: Path, home: Path) -> None:
    path = new_plan(kc, isolated)
    kc("plan", "use", str(path))
    assert line_of(status(kc), "may-moc-thiet-bi")["budget_vnd"] == 25_000_000_000
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    del data["lines"][3]["budget"]
    data["lines"][3]["budget_vnd"] = 5000  # meant as triệu
    path.write_text(tomli_w.dumps(data), encoding="utf-8")
    message = kc("plan", "use", str(path), code=1).stderr
    assert "may-moc-thiet-bi" in message and "budget_vnd" in message and "đồng" in message


def test_a_record_against_an_unfilled_plan_says_to_fill_it_first(kc: Kc, isolated: Path, home: Path) -> None:
    path = isolated / "trong.toml"
    kc("plan", "new", str(path), "--start", "2026-01-01", "--end", "2030-12-31")
    message = kc("record", "4", "--amount", "100", "--plan", str(path), code=1).stderr
    assert "kc plan use" in message and "budget" in message and "0 triệu" not in message


# --- yearly allocations ----------------------------------------------------------------------------


def with_years(years: dict[str, dict[str, object]], line_id: str = "may-moc-thiet-bi", **plan: object) -> object:
    def change(data: dict) -> list:
        for line in data["lines"]:
            if line["id"] == line_id:
                line["years"] = years
        data["plan"] |= plan
        return data["lines"]

    return change


def test_status_of_a_year_beside_its_allocation(kc: Kc, isolated: Path, home: Path) -> None:
    years = {"2026": {"budget": "4.500", "target": 20}, "2027": {"budget": "5.000", "target": 25}}
    kc("plan", "use", str(new_plan(kc, isolated, lines=with_years(years))))
    kc("record", "4", "--amount", "1.200", "--count", "3", "--date", "01/02/2026")
    kc("record", "4", "--amount", "700", "--count", "1", "--date", "01/03/2026")
    kc("record", "6", "--amount", "35", "--count", "1", "--date", "01/03/2026")
    whole = status(kc)
    year = status(kc, "--year", "2026")
    machinery = line_of(year, "may-moc-thiet-bi")
    assert (machinery["year_budget_vnd"], machinery["year_target_count"]) == (4_500_000_000, 20)
    assert (machinery["spent_vnd"], machinery["done_count"]) == (1_900_000_000, 4)
    assert (machinery["year_remaining_vnd"], machinery["year_remaining_count"]) == (2_600_000_000, 16)
    assert (machinery["year_spent_pct"], machinery["year_done_pct"]) == (42.2, 20.0)
    assert line_of(year, "nhan-hieu")["year_budget_vnd"] is None  # the plan allocates it nothing for 2026
    assert year["totals"]["year_budget_vnd"] == 4_500_000_000
    assert [x["budget_vnd"] for x in whole["lines"]] == [x["budget_vnd"] for x in year["lines"]]
    assert line_of(whole, "may-moc-thiet-bi")["remaining_vnd"] == 23_100_000_000  # the whole plan: unchanged
    table = kc("status", "--year", "2026").stdout
    assert "4.500" in table and "1.900" in table and "2.600" in table and "42,2%" in table


def test_a_years_status_is_the_same_in_markdown_and_xlsx_as_on_screen(kc: Kc, isolated: Path, home: Path) -> None:
    from openpyxl import load_workbook

    kc("plan", "use", str(new_plan(kc, isolated, lines=with_years({"2026": {"budget": "4.500", "target": 20}}))))
    kc("record", "4", "--amount", "1.200", "--count", "3", "--date", "01/02/2026")
    md = kc("status", "--year", "2026", "--format", "md").stdout
    machinery = next(row for row in md.splitlines() if row.startswith("| 4 |"))
    assert "| KH năm |" in md and "| Kinh phí năm |" in md and "| Còn lại năm |" in md
    assert "| 20 | 3 | 15,0% | 4.500 | 1.200 | 26,7% | 3.300 |" in machinery
    target = isolated / "nam-2026.xlsx"
    kc("export", "--year", "2026", "--output", str(target))
    sheet = load_workbook(target)["Tổng hợp"]
    headers = [cell.value for cell in sheet[4]]
    assert headers[3] == "Số lượng kế hoạch năm" and headers[6] == "Kinh phí kế hoạch năm"
    row = next(r for r in sheet.iter_rows(min_row=5, values_only=True) if r[0] == 4)
    assert row[3:10] == (20, 3, 0.15, 4_500_000_000, 1_200_000_000, 0.267, 3_300_000_000)


@pytest.mark.parametrize("columns", ["80", "160"])
def test_the_legend_explains_the_columns_shown_and_no_other(
    kc: Kc, isolated: Path, home: Path, monkeypatch: pytest.MonkeyPatch, columns: str
) -> None:
    kc("plan", "use", str(new_plan(kc, isolated, lines=with_years({"2026": {"budget": "4.500", "target": 20}}))))
    kc("record", "4", "--amount", "1.200", "--count", "3", "--date", "01/02/2026")
    monkeypatch.setenv("COLUMNS", columns)
    for args in (["--year", "2026"], []):
        out = kc("status", *args).stdout.splitlines()
        rule = next(i for i, row in enumerate(out) if row.startswith("───"))
        header = " ".join(" ".join(out[rule - 2 : rule]).split())
        legend_start = next(i for i, row in enumerate(out) if row.startswith(("KH", "Kinh phí", "Giải ngân")))
        legend = " ".join(out[legend_start:]).split(".")[0]
        explained = [piece.split(":")[0].strip() for piece in legend.split(";")]
        assert explained and all(name in header for name in explained if name != "—"), (header, explained)


def test_a_record_past_the_years_allocation_warns_and_the_plan_total_still_refuses(
    kc: Kc, isolated: Path, home: Path
) -> None:
    years = {"2026": {"budget": "1.000", "target": 5}}
    kc("plan", "use", str(new_plan(kc, isolated, lines=with_years(years))))
    result = kc("record", "4", "--amount", "1.500", "--date", "01/02/2026")
    assert "năm 2026" in result.stderr and "1.000" in result.stderr and "1.500" in result.stderr
    assert line_of(status(kc), "may-moc-thiet-bi")["spent_vnd"] == 1_500_000_000  # recorded
    assert "--allow-over-budget" in kc("record", "4", "--amount", "24.000", "--date", "01/03/2026", code=1).stderr


@pytest.mark.parametrize(
    ("years", "plan", "needles"),
    [
        ({"2031": {"budget": "100"}}, {}, ["2031", "may-moc-thiet-bi"]),
        ({"2026": {"budget": "20.000"}, "2027": {"budget": "6.000"}}, {}, ["26.000", "25.000", "may-moc-thiet-bi"]),
    ],
)
def test_yearly_allocations_are_validated(
    kc: Kc, isolated: Path, home: Path, years: dict, plan: dict, needles: list[str]
) -> None:
    path = new_plan(kc, isolated, lines=with_years(years, **plan))
    message = kc("plan", "use", str(path), code=1).stderr
    assert all(needle in message for needle in needles), message
    assert not (home / "plans").exists()


def test_years_above_the_total_pass_when_the_plan_says_so(kc: Kc, isolated: Path, home: Path) -> None:
    years = {"2026": {"budget": "20.000"}, "2027": {"budget": "6.000"}}
    kc("plan", "use", str(new_plan(kc, isolated, lines=with_years(years, allow_years_over_total=True))))
    assert line_of(status(kc, "--year", "2027"), "may-moc-thiet-bi")["year_budget_vnd"] == 6_000_000_000


@settings(max_examples=12)
@given(
    allocations=st.dictionaries(st.sampled_from(["2026", "2027", "2028", "2029", "2030"]),
                                st.integers(min_value=0, max_value=4_000), max_size=5),
    entries=st.lists(st.tuples(st.integers(2026, 2030), st.integers(1, 12), st.integers(0, 900), st.integers(0, 3)),
                     max_size=12),
)  # fmt: skip
def test_the_years_add_up_to_the_whole_plan(
    allocations: dict[str, int], entries: list[tuple[int, int, int, int]]
) -> None:
    kc = Kc()
    with tempfile.TemporaryDirectory() as folder, pytest.MonkeyPatch.context() as patch:
        root = Path(folder)
        patch.setenv("KC_DATA_DIR", str(root / "data"))
        patch.setenv("KC_CACHE_DIR", str(root / "cache"))
        patch.setenv("KC_TODAY", "2030-12-31")
        patch.delenv("KC_PLAN", raising=False)
        patch.delenv("KC_LEDGER", raising=False)
        years = {year: {"budget": str(budget)} for year, budget in allocations.items()}
        kc("plan", "use", str(new_plan(kc, root, lines=with_years(years, allow_years_over_total=True))))
        for year, month, amount, count in entries:
            if amount or count:
                kc("record", "4", "--amount", str(amount), "--count", str(count), "--date", f"{year}-{month:02d}-15",
                   "--allow-over-budget")  # fmt: skip
        whole = line_of(status(kc), "may-moc-thiet-bi")
        per_year = [line_of(status(kc, "--year", str(year)), "may-moc-thiet-bi") for year in range(2026, 2031)]
        assert sum(x["spent_vnd"] for x in per_year) == whole["spent_vnd"] == whole["cumulative_spent_vnd"]
        assert sum(x["done_count"] for x in per_year) == whole["done_count"]
        for year, figures in zip(range(2026, 2031), per_year, strict=True):
            allocated = allocations.get(str(year))
            expected = None if allocated is None else allocated * 1_000_000
            assert figures["year_budget_vnd"] == expected
            if expected is not None:
                assert figures["year_remaining_vnd"] == expected - figures["spent_vnd"]


# --- localities -------------------------------------------------------------------------------------

COMMUNES = ["Sa Pa", "Bát Xát", "Văn Bàn", "Nghĩa Lộ", "Yên Bái"]


def test_a_misspelt_locality_is_refused_with_the_nearest_names(kc: Kc, isolated: Path, home: Path) -> None:
    kc("plan", "use", str(new_plan(kc, isolated, plan=lambda d: d["plan"] | {"localities": COMMUNES})))
    ledger = home / "ledgers" / f"{NEW_ID}.jsonl"
    kc("record", "4", "--amount", "1", "--locality", "Sa Pa", "--date", "01/02/2026")
    before = ledger.read_bytes()
    message = kc("record", "4", "--amount", "1", "--locality", "Sapa", code=1).stderr
    assert "Sa Pa" in message and ledger.read_bytes() == before
    decomposed = "Ba\u0301t Xa\u0301t"  # the same name, typed with combining accents
    kc("record", "4", "--amount", "2", "--locality", decomposed, "--date", "01/02/2026")
    by = status(kc, "--by", "locality")
    groups = {group["key"]: group["spent_vnd"] for group in by["groups"]}
    assert set(COMMUNES) <= set(groups) and groups["Bát Xát"] == 2_000_000 and groups["Văn Bàn"] == 0
    table = kc("status", "--by", "locality").stdout
    assert all(re.search(rf"^{name}\s", table, re.M) for name in COMMUNES)
