"""Start-up stays light: charts (matplotlib) and spreadsheets (openpyxl) load only when a file is made."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
HEAVY = ("matplotlib", "openpyxl", "numpy", "PIL", "arabic_reshaper", "bidi")


def test_starting_the_bot_loads_no_chart_or_spreadsheet_library() -> None:
    code = (
        "import sys\n"
        "import bot.cli, bot.app, bot.serve.runner, handlers.registry\n"
        f"print(sorted(m for m in {HEAVY!r} if m in sys.modules))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


def test_a_spreadsheet_still_loads_openpyxl_when_asked() -> None:
    from bot.services.common.spreadsheet import xlsx_table

    data = xlsx_table("sheet", ["نام", "موبایل"], [["علی", "09121234567"]], [20, 14])
    assert data[:2] == b"PK" and "openpyxl" in sys.modules  # an .xlsx is a zip file
