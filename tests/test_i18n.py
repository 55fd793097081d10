"""Every message the code asks for exists in both languages, with the same placeholders."""

import re
import string
from pathlib import Path

import kc_tracker
from kc_tracker.i18n import MESSAGES

SOURCE = Path(kc_tracker.__file__).parent


def placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_vi_and_en_say_the_same_things() -> None:
    for key, (vi, en) in MESSAGES.items():
        assert vi and en, key
        assert placeholders(vi) == placeholders(en), key


def test_every_key_used_in_the_code_exists() -> None:
    used: set[str] = set()
    for path in SOURCE.glob("*.py"):
        used |= set(re.findall(r'\bt\(\s*"([a-z_]+\.[a-z_]+)"', path.read_text(encoding="utf-8")))
    assert used, "no message keys found: the pattern is wrong"
    assert sorted(used - set(MESSAGES)) == []


def test_computed_keys_exist() -> None:
    from kc_tracker.export import ENTRY_KEYS, LINE_KEYS

    for key in [*LINE_KEYS, *ENTRY_KEYS, "done_target", "line"]:
        assert f"col.{key}" in MESSAGES, key
    for code in ("malformed", "chain_edited", "chain_broken", "duplicate_id", "duplicate_ref", "unknown_line",
                 "void_unknown", "void_of_void", "void_copy", "void_twice"):  # fmt: skip
        assert f"check.{code}" in MESSAGES, code
