"""README's console examples, run for real by cog (https://cog.readthedocs.io).

    cog -r -I docs README.md          regenerate them after a change to what kc prints
    cog --check -I docs README.md     what .ci/run does: fails when README differs from what kc prints

Every example runs the installed `kc` (beside the Python that runs cog) in a bash shell, in one session
shared by all of README's blocks, as user `canbo` would: the data folder is the default one under a home
folder of its own, the terminal 80 columns wide, the language Vietnamese. What would vary from run to
run is written the same way every time: "today" is pinned per block (KC_TODAY); the home folder is shown
as /home/canbo (the real one is a path of the same length, so lines wrap where they would); entry ids and
ledger fingerprints, which are random, are replaced by stable stand-ins of the same shape; and the day an
entry was written (the clock's, which KC_TODAY does not change: `kc import` names it) as the pinned day.
"""

import hashlib
import os
import re
import shutil
import subprocess
import sys
from datetime import date, datetime
from pathlib import Path

import cog

from kc_tracker.i18n import VIETNAM

SHOWN_HOME = "/home/canbo"
HOME = Path("/tmp/kc-doc")  # as long as SHOWN_HOME
ROOT = HOME.parent / "kc-doc-work"
WORK = ROOT / "khuyen-cong"  # where the officer types
EXAMPLES = Path(__file__).resolve().parent / "example"
_HEX = re.compile(r"\b[0-9a-f]{64}\b|\b[0-9a-f]{12}\b")
_stand_ins: dict[str, str] = {}


def start() -> None:
    """A machine where kc has never run; the example files in the officer's folder."""
    assert len(str(HOME)) == len(SHOWN_HOME)
    for folder in (HOME, ROOT):
        shutil.rmtree(folder, ignore_errors=True)
    HOME.mkdir()
    shutil.copytree(EXAMPLES, WORK)
    _stand_ins.clear()


def _stand_in(match: re.Match[str]) -> str:
    found = match.group(0)
    if found not in _stand_ins:
        digest = hashlib.sha256(f"kc-readme {len(_stand_ins)}".encode()).hexdigest()
        _stand_ins[found] = digest[: len(found)]
    return _stand_ins[found]


def shell(commands: str, today: str) -> None:
    """Run each line as the officer would type it; write a console block of the lines and what they print."""
    env = {
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}/usr/bin:/bin",
        "HOME": str(HOME),
        "LANG": "C.UTF-8",
        "COLUMNS": "80",
        "KC_TODAY": today,
    }
    shown = []
    for command in commands.strip().splitlines():
        done = subprocess.run(
            ["bash", "-c", command], cwd=WORK, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
        )
        output = _HEX.sub(_stand_in, done.stdout.replace(str(HOME), SHOWN_HOME)).rstrip()
        written = datetime.now(VIETNAM).strftime("%d/%m/%Y")
        output = output.replace(written, date.fromisoformat(today).strftime("%d/%m/%Y"))
        shown.append(f"$ {command}" + (f"\n{output}" if output else ""))
    cog.outl("```console\n" + "\n".join(shown) + "\n```")


def file(name: str, lines: slice = slice(None)) -> None:
    """A file of the officer's folder, as README shows it (a slice of its lines)."""
    text = (WORK / name).read_text(encoding="utf-8").splitlines()[lines]
    cog.outl("\n".join(text))


def fill_form(form: str, filled: str, entries: dict[str, object]) -> None:
    """A unit's answer: the form of the officer's folder filled as Excel stores what a person types (dates as
    dates, amounts as numbers, choices as their text), saved under the name the unit sends it back as. Keys
    are cells ("I6"), or a đề án's code and a column ("DA-001:I")."""
    from openpyxl import load_workbook

    book = load_workbook(WORK / form)
    sheet = book.worksheets[1]
    for key, value in entries.items():
        if ":" in key:
            code, column = key.split(":")
            row = next(r for r in range(1, sheet.max_row + 1) if sheet[f"B{r}"].value == code)
            key = f"{column}{row}"
        sheet[key] = datetime.strptime(value, "%d/%m/%Y") if isinstance(value, str) and value[2:3] == "/" else value
    book.save(WORK / filled)
