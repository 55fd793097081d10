"""The Typer application, its one error boundary, and help and usage errors in the active language.

Domain code raises `KcError`; `KcGroup.invoke` turns it into one line on stderr and its exit code. A
mistyped command line is Click's business (exit 2), but the words are ours: `KcGroup.main` words each of
Click's usage errors from the catalogue, and `KcCommand` lays out `--help` with the texts of the catalogue
(help strings in the command modules are message keys, translated when the help is shown).

Commands are loaded as they are called (Click's documented lazy-loading pattern: `list_commands` and
`get_command`): `kc status` imports only the module of reading commands, and `kc --help` none.
"""

import difflib
import importlib
import os
import sys
from collections.abc import Sequence
from typing import Any, ClassVar

import click
import typer
from typer.core import TyperCommand, TyperGroup

from kc_tracker import __version__
from kc_tracker.errors import KcError, UsageProblem
from kc_tracker.i18n import LANGS, t
from kc_tracker.messages import MESSAGES

COMMANDS = {
    "status": "reading",
    "log": "reading",
    "export": "reading",
    "report": "reading",
    "check": "reading",
    "record": "writing",
    "void": "writing",
    "adjust": "writing",
    "measure": "writing",
    "close": "writing",
    "import": "writing",
    "plan": "planning",
    "project": "projects",
    "template": "forms",
}


def help_key(path: list[str]) -> str:
    """A command's help in the catalogue: `help.status`, `help.plan_show`; `help.kc` for kc itself."""
    return "help." + ("_".join(path) or "kc")


def say(key_or_text: str | None) -> str:
    """A help text: a message key, translated; anything else as it is."""
    if not key_or_text:
        return ""
    return t(key_or_text) if key_or_text in MESSAGES else key_or_text


def _metavar(param: click.Parameter) -> str:
    if isinstance(param.type, click.Choice):
        return "[" + "|".join(map(str, param.type.choices)) + "]"
    return say(param.metavar) if param.metavar else param.name.upper() if param.name else ""


def _help_record(param: click.Parameter) -> tuple[str, str] | None:
    if getattr(param, "hidden", False):
        return None
    if isinstance(param, click.Option):
        names = ", ".join(param.opts)
        if param.secondary_opts:
            names += " / " + ", ".join(param.secondary_opts)
        if not param.is_flag:
            names += f" {_metavar(param)}"
        own = f"opt.{param.name}"  # Click's and Typer's own options (--help, completion) are worded here too
        text = say(param.help) if param.help in MESSAGES or own not in MESSAGES else t(own)
    else:
        names = _metavar(param)
        text = say(getattr(param, "help", None) or f"arg.{param.name}")
    if param.required:
        text += f" [{t('help.required')}]"
    return names, text


class KcCommand(TyperCommand):
    """A command whose help speaks the active language, and which says what is wrong in it too."""

    def collect_usage_pieces(self, ctx: click.Context) -> list[str]:
        return [
            f"[{t('help.options_metavar')}]",
            *(_metavar(p) for p in self.get_params(ctx) if isinstance(p, click.Argument)),
        ]

    def format_usage(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        formatter.write_usage(ctx.command_path, " ".join(self.collect_usage_pieces(ctx)), f"{t('help.usage')}: ")

    def format_help_text(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        text = t(help_key(ctx.command_path.split()[1:]))
        if text:
            formatter.write_paragraph()
            with formatter.indentation():
                formatter.write_text(text)

    def format_options(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        params = self.get_params(ctx)
        arguments = [r for p in params if isinstance(p, click.Argument) and (r := _help_record(p))]
        options = [r for p in params if isinstance(p, click.Option) and (r := _help_record(p))]
        if arguments:
            with formatter.section(t("help.arguments")):
                formatter.write_dl(arguments)
        if options:
            with formatter.section(t("help.options")):
                formatter.write_dl(options)

    def get_help_option_names(self, ctx: click.Context) -> list[str]:
        """As configured, in order (Click's own goes through a set: `-h, --help` one run, `--help, -h` the next)."""
        free = set(click.Command.get_help_option_names(self, ctx))
        return [name for name in ctx.help_option_names if name in free]

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        ctx.allow_extra_args = True  # said below, in our words
        rest = super().parse_args(ctx, args)
        if rest:
            raise click.UsageError(t("usage.extra", args=" ".join(rest)), ctx)
        return rest


class KcGroup(TyperGroup):
    """The `kc` group (and `kc plan`): lazy commands, help in the active language, the one error boundary."""

    collect_usage_pieces = KcCommand.collect_usage_pieces
    format_usage = KcCommand.format_usage
    format_help_text = KcCommand.format_help_text
    get_help_option_names = KcCommand.get_help_option_names

    lazy: ClassVar[dict[str, str]] = {}  # command → the module of commands that defines it, loaded on first use

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._built: dict[str, click.Command] = {}

    def list_commands(self, ctx: click.Context) -> list[str]:
        return [*self.lazy, *super().list_commands(ctx)]

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        module = self.lazy.get(cmd_name)
        if module is None:
            return super().get_command(ctx, cmd_name)
        if module not in self._built:
            self._built[module] = typer.main.get_command(commands_of(module))
        built = self._built[module]
        if built.name == cmd_name:  # `plan` is a group of its own
            return built
        assert isinstance(built, click.Group)
        return built.get_command(ctx, cmd_name)

    def resolve_command(
        self, ctx: click.Context, args: list[str]
    ) -> tuple[str | None, click.Command | None, list[str]]:
        name = args[0] if args else ""
        if name and not name.startswith("-") and self.get_command(ctx, name) is None:
            close = difflib.get_close_matches(name, self.list_commands(ctx), n=2)
            hint = t("usage.did_you_mean", names=", ".join(close)) if close else ""
            raise click.UsageError(t("usage.no_command", name=name) + hint, ctx)
        return super().resolve_command(ctx, args)

    def format_options(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        KcCommand.format_options(self, ctx, formatter)  # type: ignore[arg-type]
        path = ctx.command_path.split()[1:]
        rows = [(name, t(help_key([*path, name]))) for name in self.list_commands(ctx)]
        with formatter.section(t("help.commands")):
            formatter.write_dl(rows)

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except KcError as e:
            from kc_tracker.cli.common import error

            error(t(e.label_key), str(e))
            raise typer.Exit(e.exit_code) from None

    def main(
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        windows_expand_args: bool = True,
        **extra: Any,
    ) -> Any:
        if not standalone_mode:
            return super().main(args, prog_name, complete_var, False, windows_expand_args, **extra)
        try:
            code = super().main(args, prog_name, complete_var, False, windows_expand_args, **extra)
        except click.UsageError as e:
            _show_usage_error(e)
            sys.exit(UsageProblem.exit_code)
        except click.Abort:
            sys.exit(1)
        sys.exit(code if isinstance(code, int) else 0)


def commands_of(module: str) -> typer.Typer:
    """The Typer app of one module of commands (`kc_tracker.cli.<module>`)."""
    app: typer.Typer = importlib.import_module(f"kc_tracker.cli.{module}").app
    return app


def _show_usage_error(e: click.UsageError) -> None:
    from kc_tracker.cli.common import error

    if isinstance(e, click.exceptions.NoArgsIsHelpError):
        assert e.ctx is not None
        print(e.ctx.get_help())
        return
    ctx = e.ctx
    if ctx is not None:
        print(ctx.get_usage(), file=sys.stderr)
        print(t("usage.see_help", command=ctx.command_path), file=sys.stderr)
    error(t("label.usage"), _usage_message(e))


def _usage_message(e: click.UsageError) -> str:
    """Click's usage errors, in our words."""
    if isinstance(e, click.MissingParameter):
        param = e.param
        name = param.opts[0] if isinstance(param, click.Option) and param else _metavar(param) if param else "?"
        return t("usage.missing", name=name)
    if isinstance(e, click.BadParameter):
        param = e.param
        name = (param.opts[0] if isinstance(param, click.Option) else _metavar(param)) if param else str(e.param_hint)
        if param is not None and isinstance(param.type, click.Choice):
            return t("usage.choice", name=name, choices=", ".join(map(str, param.type.choices)))
        return t("usage.bad_value", name=name, message=e.message)
    if isinstance(e, click.NoSuchOption):
        close = difflib.get_close_matches(e.option_name, e.possibilities or [], n=2) if e.possibilities else []
        return t("usage.no_option", name=e.option_name) + (
            t("usage.did_you_mean", names=", ".join(close)) if close else ""
        )
    if isinstance(e, click.BadOptionUsage):
        key = "usage.no_value" if "does not take" in e.message else "usage.needs_value"
        return t(key, name=e.option_name)
    return e.message  # already ours: raised with a message from the catalogue


class RootGroup(KcGroup):
    lazy = COMMANDS

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        # A process's arguments cannot hold a NUL; a program calling `app` in-process can pass one, and no
        # file name or text may hold it.
        if any("\x00" in arg for arg in args):
            raise click.UsageError(t("usage.nul"), ctx)
        return super().parse_args(ctx, args)


app = typer.Typer(
    name="kc",
    cls=RootGroup,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        print(f"kc {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    version: bool = typer.Option(False, "--version", callback=_version, is_eager=True, help="opt.version"),
) -> None:
    lang_value = os.environ.get("KC_LANG")
    if lang_value and lang_value.strip().lower() not in LANGS:
        from kc_tracker.cli.common import warn

        warn(t("env.lang", value=lang_value))


def _utf8_console() -> None:
    # Windows consoles and redirected output default to a legacy code page: Vietnamese would break. A name
    # that is not UTF-8 (a file's, from the command line) is written escaped rather than stop the command.
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(encoding="utf-8", errors="backslashreplace")


def _windows_console() -> None:
    """Windows 10's console (cmd and PowerShell outside Windows Terminal) shows ANSI styling as `←[1m`
    unless a program asks it to read it: where that cannot be done, kc drops its styling, as NO_COLOR asks."""
    if sys.platform == "win32" and not _virtual_terminal():
        os.environ["NO_COLOR"] = "1"


def _virtual_terminal() -> bool:
    """Turn on the console's virtual-terminal processing for stdout; True once it is on."""
    if sys.platform != "win32":
        return False
    try:
        import ctypes

        kernel32 = ctypes.windll.kernel32
        handle = kernel32.GetStdHandle(-11)  # STD_OUTPUT_HANDLE
        mode = ctypes.c_uint32()
        if not kernel32.GetConsoleMode(handle, ctypes.byref(mode)):
            return False  # not a console (redirected): nothing is styled there anyway
        return bool(kernel32.SetConsoleMode(handle, mode.value | 0x0004))  # ENABLE_VIRTUAL_TERMINAL_PROCESSING
    except (AttributeError, OSError):
        return False


def main() -> None:
    _utf8_console()
    _windows_console()
    try:
        # On Windows Click would pass every argument through expanduser, expandvars and glob, free text too:
        # `--note "~50 triệu"` would be recorded as C:\Users\50 triệu, and %OS% as Windows_NT, for good.
        typer.main.get_command(app).main(prog_name="kc", windows_expand_args=False)
    except Exception as e:  # a bug of ours: one plain line, not a traceback (KC_DEBUG=1 shows it)
        if os.environ.get("KC_DEBUG"):
            raise
        from kc_tracker.cli.common import error

        error(t("label.error"), t("bug", kind=type(e).__name__))
        sys.exit(1)
