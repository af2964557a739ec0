"""The action plan and «📈 گزارش برنامه» as the registry sees it."""

from __future__ import annotations

from bot.features import AdminButton, Feature, Flow, ScheduledJob
from bot.services.programme import monthly
from bot.texts import programme as t
from handlers.programme import admin
from handlers.programme import notices as _notice_wording  # noqa: F401  (registers how its notices read)

FEATURE = Feature(
    name="programme",
    callbacks={admin.PRG: admin.on_press},
    flows=(Flow(admin.FLOW, admin.on_message, t.FLOW_CANCELLED),),
    admin=(AdminButton("programme", t.BTN_ADMIN_PROGRAMME, admin.on_open),),
    jobs=(ScheduledJob("programme monthly report", monthly.send_monthly),),
)
