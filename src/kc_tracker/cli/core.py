"""The Typer application and its one error boundary.

Domain code raises KcError; `KcGroup.invoke` turns it into one line on stderr and exit code 1.
Exit 2 stays Click's, for usage errors. Modules that only some commands need (Rich tables,
openpyxl, exports) are imported inside those commands, so `kc --version` and `kc --help` start fast.

Commands are built when they are called: Typer turns every parameter of a command into a Click
object first, which for all of them is a tenth of `kc --help`. So each command module has its
own Typer app, `COMMANDS` says where each command lives, `kc --help` lists them from their
docstrings, and `kc status` builds only the commands of `reading`.
"""

import difflib
import importlib
import inspect
import os
import sys
from typing import Annotated, Any

import typer
from typer import _click
from typer.core import TyperGroup
from typer.models import CommandInfo

from kc_tracker import __version__
from kc_tracker.errors import KcError
from kc_tracker.i18n import LANGS, t

COMMANDS = {
    "status": "reading",
    "log": "reading",
    "export": "reading",
    "check": "reading",
    "record": "writing",
    "void": "writing",
    "adjust": "writing",
    "measure": "writing",
    "close": "writing",
    "import": "writing",
    "plan": "planning",
}


def commands_of(module: str) -> typer.Typer:
    """The Typer app of one module of commands (`kc_tracker.cli.<module>`)."""
    app: typer.Typer = importlib.import_module(f"kc_tracker.cli.{module}").app
    return app


class KcGroup(TyperGroup):
    """The `kc` group: the one error boundary, and commands built on first use."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._built: dict[str, _click.Command] = {}  # by module

    def invoke(self, ctx: _click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except KcError as e:
            from kc_tracker import render

            render.error(t(e.label_key), str(e))
            raise typer.Exit(e.exit_code) from None

    def list_commands(self, ctx: _click.Context) -> list[str]:
        return list(COMMANDS)

    def get_command(self, ctx: _click.Context, cmd_name: str) -> _click.Command | None:
        module = COMMANDS.get(cmd_name)
        if module is None:
            return None
        if module not in self._built:
            self._built[module] = typer.main.get_command(commands_of(module))
        group = self._built[module]
        if group.name == cmd_name:  # `plan` is a group of its own
            return group
        assert isinstance(group, TyperGroup)
        return group.get_command(ctx, cmd_name)

    def resolve_command(
        self, ctx: _click.Context, args: list[str]
    ) -> tuple[str | None, _click.Command | None, list[str]]:
        try:
            return super().resolve_command(ctx, args)
        except _click.exceptions.UsageError as e:  # Typer suggests from built commands only: none here yet
            close = difflib.get_close_matches(args[0], COMMANDS) if args else []
            if close and not e.message.endswith("?"):
                e.message = f"{e.message.rstrip('.')}. Did you mean {', '.join(map(repr, close))}?"
            raise

    def format_commands(self, ctx: _click.Context, formatter: _click.HelpFormatter) -> None:
        """Click's listing of commands, from what Typer knows of them before building them."""
        limit = formatter.width - 6 - max(map(len, COMMANDS))
        rows = []
        for name in COMMANDS:
            app = commands_of(COMMANDS[name])
            if app.info.name == name:
                text = app.info.help
            else:
                info = _info(app, name)
                text = info.help or inspect.getdoc(info.callback)
            rows.append((name, _click.utils.make_default_short_help(str(text or ""), limit)))
        with formatter.section("Commands"):
            formatter.write_dl(rows)


def _info(app: typer.Typer, name: str) -> CommandInfo:
    for info in app.registered_commands:
        if (info.name or typer.main.get_command_name(getattr(info.callback, "__name__", ""))) == name:
            return info
    raise LookupError(name)


app = typer.Typer(
    cls=KcGroup,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    help="Theo dõi kế hoạch khuyến công Lào Cai 2021–2025 / Track the Lào Cai khuyến công plan 2021–2025.",
)


def _version(value: bool) -> None:
    if value:
        print(f"kc {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Print the version and exit.")
    ] = False,
) -> None:
    lang_value = os.environ.get("KC_LANG")
    if lang_value and lang_value.strip().lower() not in LANGS:
        from kc_tracker import render

        render.warn(t("env.lang", value=lang_value))


def _utf8_console() -> None:
    # Windows consoles and redirected output default to a legacy code page: Vietnamese would break.
    for stream in (sys.stdout, sys.stderr):
        if (getattr(stream, "encoding", "") or "").lower().replace("-", "") != "utf8":
            reconfigure = getattr(stream, "reconfigure", None)
            if reconfigure is not None:
                reconfigure(encoding="utf-8")


def main() -> None:
    # kc uses no pydantic plugins; looking for them scans every installed package at each start.
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    _utf8_console()
    try:
        app()
    except Exception as e:  # a bug of ours: one plain line, not a traceback (KC_DEBUG=1 shows it)
        if os.environ.get("KC_DEBUG"):
            raise
        from kc_tracker import render

        render.error(t("label.error"), t("bug", kind=type(e).__name__, text=e))
        sys.exit(1)
