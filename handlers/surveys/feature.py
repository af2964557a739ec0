"""The surveys feature as the registry sees it."""

from __future__ import annotations

from bot import texts
from bot.features import AdminButton, DeepLink, Feature, Flow, MenuButton, ScheduledJob
from bot.services.surveys import schedule
from bot.texts import surveys as tsv
from handlers.surveys import admin, member, results
from handlers.surveys import notices as _notice_wording  # noqa: F401  (registers how its notices read)

FEATURE = Feature(
    name="surveys",
    callbacks={"svr": results.on_press, "sv": member.on_press, "sva": admin.on_press},
    flows=(
        # /start or /cancel while answering pauses: the answers and the place stay
        Flow(member.FLOW, member.on_message, tsv.PAUSED, on_start=member.pause),
        Flow(admin.FLOW, admin.on_message, tsv.SVA_FLOW_CANCELLED),  # a draft stays a draft
    ),
    # ?start=survey_<id> starts or continues it, even in the middle of another conversation
    deep_links=(DeepLink(member.parse_deep_link, member.open_from_link, in_flow=True),),
    menu=(MenuButton(texts.BTN_SURVEYS, member.show_list),),
    admin=(AdminButton("surveys", tsv.BTN_ADMIN_SURVEYS, admin.on_list_open),),
    jobs=(ScheduledJob("survey schedules", schedule.run_due),),
)
