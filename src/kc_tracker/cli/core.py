"""The Typer application and its one error boundary.

Domain code raises KcError; `KcGroup.invoke` turns it into one line on stderr and exit code 1.
Exit 2 stays Click's, for usage errors. Modules that only some commands need (Rich tables,
openpyxl, exports) are imported inside those commands, so `kc --version` and `kc --help` start fast.
"""

import os
import sys
from typing import Annotated, Any

import typer
from typer import _click
from typer.core import TyperGroup

from kc_tracker import __version__
from kc_tracker.errors import KcError
from kc_tracker.i18n import LANGS, t


class KcGroup(TyperGroup):
    def invoke(self, ctx: _click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except KcError as e:
            from kc_tracker import render

            render.error(t(e.label_key), str(e))
            raise typer.Exit(e.exit_code) from None


app = typer.Typer(
    cls=KcGroup,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    help="Theo dõi kế hoạch khuyến công Lào Cai 2021–2025 / Track the Lào Cai khuyến công plan 2021–2025.",
)
plan_app = typer.Typer(cls=KcGroup, no_args_is_help=True, rich_markup_mode=None, help="Kế hoạch / the plan.")
app.add_typer(plan_app, name="plan")


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
    from kc_tracker.cli import planning, reading, writing  # noqa: F401  (they register their commands)

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
