"""Every text in both languages, with the same placeholders; Vietnamese that follows the glossary.

The glossary is ../shared/GLOSSARY.md: one term per concept, the register of a báo cáo, no jargon, no
English, no ISO date and no bare plan-line id in a sentence.
"""

import re
import string
from pathlib import Path

import pytest

import kc_tracker
from kc_tracker.messages import MESSAGES
from kc_tracker.plan import load_plan

SOURCE = Path(kc_tracker.__file__).parent
VI = {key: vi for key, (vi, _) in MESSAGES.items()}


def placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_vi_and_en_say_the_same_things() -> None:
    for key, (vi, en) in MESSAGES.items():
        assert vi and en, key
        assert placeholders(vi) == placeholders(en), key


def used_keys() -> set[str]:
    """Every literal message key under src/, in every module (sub-packages too)."""
    found: set[str] = set()
    for path in SOURCE.rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        found |= set(re.findall(r'\bt\(\s*"([a-z_]+\.[a-z_.-]+)"', text))
        found |= set(re.findall(r'(?:help|metavar)="([a-z_]+\.[a-z_.]+)"', text))
    return found


def test_every_key_used_anywhere_under_src_exists() -> None:
    used = used_keys()
    assert {"usage.no_command", "var.date", "opt.plan", "report.one_period"} <= used  # cli/ is searched
    assert sorted(used - set(MESSAGES)) == []


def test_computed_keys_exist() -> None:
    from kc_tracker.cli.core import COMMANDS
    from kc_tracker.ledger import SOURCES
    from kc_tracker.report import ENTRY_KEYS

    for command in COMMANDS:
        assert f"help.{command}" in MESSAGES, command
    for command in ("plan_show", "plan_new", "plan_use", "plan_list", "kc"):
        assert f"help.{command}" in MESSAGES
    for pace in ("ahead", "on-track", "behind", "done"):
        assert f"pace.{pace}" in MESSAGES
    for source in SOURCES:
        assert f"source.{source}" in MESSAGES
    for key in ENTRY_KEYS:
        assert f"col.{key}" in MESSAGES, key
    codes = ("malformed", "chain_edited", "chain_broken", "duplicate_id", "duplicate_ref", "unknown_line",
             "unknown_indicator", "void_unknown", "void_of_void", "void_copy", "void_twice", "unreadable")  # fmt: skip
    for code in codes:
        assert f"check.{code}" in MESSAGES, code


# What the glossary says to avoid, as a pattern, and what to say instead. Checked on the text a person reads:
# what the officer types (`code`, “quoted values”, --options, {placeholders}) is taken out first.
AVOID = {
    r"\bbạn\b": "the impersonal “Có phải là …?”, “Vui lòng …”",
    r"mã băm|chuỗi băm|\btip\b": "mã xác thực (sổ)",
    r"tiến trình": "“đang được một lệnh khác ghi”",
    r"bản ghi|lệnh hủy": "bút toán, bút toán hủy",
    r"sổ cái|tệp sổ\b": "sổ theo dõi",
    r"Không nhận": "Không thực hiện được",
    r"kỳ kế hoạch": "thời gian thực hiện kế hoạch",
    r"(?<![Kk]inh phí hỗ trợ )được duyệt": "kinh phí được giao, kinh phí giao ban đầu (“kinh phí hỗ trợ được duyệt” "
    "is a đề án's)",
    r"% đã chi|đã đạt": "tỷ lệ giải ngân, thực hiện",
    r"\bcác khóa\b|khóa không": "“trường” for a field of the plan file (“khóa” is the lock, and closing a period)",
    r"\b\d{4}-\d{2}-\d{2}\b": "dates as 25/06/2024",
    r"\b\d{4}-Q\d": "periods as quý I/2024",
}
# A plan line is a “nội dung hỗ trợ”: “dòng” is a line of the ledger file, never the {line} a sentence names.
PLAN_LINE_AS_ROW = re.compile(r"[Dd]òng \{line\}")
CODE = re.compile(r"`[^`]*`|“[^”]*”|\{[^}]*\}|--[a-z-]+|\b[A-Z][A-Z0-9_]+\b|[a-z][a-z0-9]*(?:[-_.][a-z0-9]+)+")
ENGLISH = set(
    """the and of is not file line ledger entry record error invalid amount date value plan missing unknown found
    such option command usage help show message exit refused warning total budget spent done count source
    import export check status report period year with without from into only must should cannot will please
    try again left target unit name id ref note locality beneficiary voided void reason decision close closed
    indicator measure format number text this that there here row rows column columns sheet header cell
    field fields page path folder disk lock index batch tip hash chain directory permission denied""".split()
)
ALLOWED_ASCII = {"kc", "csv", "json", "md", "xlsx", "docx", "toml", "utf", "excel", "word", "windows", "vi", "en",
                 "tr", "sha", "vnd"}  # fmt: skip


QUOTED = re.compile(r"`[^`]*`|“[^”]*”|\{[^}]*\}")


def glossary_problems(text: str) -> list[str]:
    said = QUOTED.sub(" ", text)
    found = [f"say {instead}" for pattern, instead in AVOID.items() if re.search(pattern, said)]
    plain = CODE.sub(" ", text)
    if PLAN_LINE_AS_ROW.search(text):
        found.append("a plan line is a “nội dung hỗ trợ”, not a “dòng”")
    english = sorted({w.lower() for w in re.findall(r"\w+", plain) if w.isascii()} & ENGLISH - ALLOWED_ASCII)
    if english:
        found.append(f"English words {english}")
    return found


@pytest.mark.parametrize("key", sorted(VI))
def test_vietnamese_follows_the_glossary(key: str) -> None:
    if key in ("date.invalid", "type.date"):  # these say how a date is written: ISO is one of the forms
        return
    assert glossary_problems(VI[key]) == [], f"{key}: {VI[key]!r}"


def test_the_glossary_check_can_fail() -> None:
    """It catches what the old texts said, and the English an OS or a parser would show."""
    for text in ("Có phải ý bạn là: may-moc-thiet-bi?", "sổ tốt — mã băm cuối {tip}", "Dòng {line}: đã chi 5",
                 "ngày 2024-06-20", "kỳ 2024-Q1 đã khóa", "không đọc được: No such file or directory",
                 "khóa không được biết; các khóa hợp lệ: id"):  # fmt: skip
        assert glossary_problems(text), text


def test_no_sentence_shows_a_bare_plan_line_id() -> None:
    ids = [line.id for line in load_plan().lines]
    for key, text in VI.items():
        for line_id in ids:
            for match in re.finditer(re.escape(line_id), text):
                before = text[max(0, match.start() - 12) : match.start()]
                assert "mã" in before or "`" in before, f"{key}: {text!r} names {line_id} bare"
