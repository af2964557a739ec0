"""How the monthly programme report reads when it reaches the admins."""

from __future__ import annotations

from bot.config import Config
from bot.reports import programme as rp
from bot.services.common.notify import Message, renders
from bot.services.programme.monthly import MonthlyProgrammeReport


@renders(MonthlyProgrammeReport)
def monthly(notice: MonthlyProgrammeReport, config: Config) -> Message:
    return Message(rp.monthly_text(notice.report, config))
