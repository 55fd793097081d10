"""The wheel carries the plan, so `kc status` works right after `pip install .`."""

import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_wheel_contains_the_plan_and_the_entry_point(tmp_path: Path) -> None:
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "--wheel-dir", str(tmp_path), str(ROOT)],
        check=True,
        timeout=300,
    )
    (wheel,) = tmp_path.glob("kc_tracker-*.whl")
    with zipfile.ZipFile(wheel) as archive:
        names = archive.namelist()
        assert "kc_tracker/data/plan_2021_2025.toml" in names
        bundled = archive.read("kc_tracker/data/plan_2021_2025.toml")
        entry_points = next(n for n in names if n.endswith("entry_points.txt"))
        assert "kc = kc_tracker.cli:main" in archive.read(entry_points).decode()
    assert bundled == (ROOT / "data" / "plan_2021_2025.toml").read_bytes()
