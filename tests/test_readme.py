"""README's command reference cannot drift from the CLI: every command and option is documented."""

import re
from pathlib import Path

import pytest

from .conftest import Kc

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
COMMANDS = ["status", "record", "void", "adjust", "measure", "close", "import", "log", "export", "check",
            "report", "plan show", "plan new", "plan use", "plan list", "project add", "project change",
            "project accept", "project settle", "project stop", "project list", "project show"]  # fmt: skip


@pytest.mark.parametrize("command", COMMANDS)
def test_every_option_is_in_the_readme(kc: Kc, command: str) -> None:
    assert f"kc {command}" in README
    options = set(re.findall(r"(--[a-z][a-z-]+)", kc(*command.split(), "--help").stdout)) - {"--help"}
    assert options, command
    missing = sorted(option for option in options if option not in README)
    assert missing == [], f"kc {command}: {missing}"


def test_the_quick_start_is_two_one_line_commands() -> None:
    quick = README.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    blocks = re.findall(r"```sh\n(.*?)```", quick, flags=re.S)
    assert len(blocks) == 2 and all(block.count("\n") == 1 for block in blocks)
    assert "kc status" in blocks[0] and "pytest" in blocks[1]
    ci = (Path(__file__).resolve().parents[1] / ".ci" / "run").read_text(encoding="utf-8")
    assert blocks[1].strip() in ci  # CI runs README's test command as written


def test_kc_help_lists_every_command_as_click_would_once_built(kc: Kc) -> None:
    """`kc --help` lists the commands from their docstrings without building them: the same text."""
    import click
    from typer.main import get_command

    from kc_tracker.cli.core import COMMANDS, KcGroup, app

    group = get_command(app)
    assert isinstance(group, KcGroup)
    ctx = click.Context(group, info_name="kc")
    lazy, built = click.HelpFormatter(), click.HelpFormatter()
    group.format_commands(ctx, lazy)
    super(KcGroup, group).format_commands(ctx, built)  # Click's own: builds every command to ask it
    assert lazy.getvalue() == built.getvalue()
    listed = kc("--help").stdout
    assert all(f"  {name} " in listed for name in COMMANDS)
    assert all(group.get_command(ctx, name) is not None for name in COMMANDS)
