"""The broadcasts feature as the registry sees it (the weekly digest is its scheduled job)."""

from __future__ import annotations

from bot import texts
from bot.features import AdminButton, Feature, Flow, ScheduledJob
from bot.services.broadcasts import digest
from bot.texts import broadcast as tb
from handlers.broadcasts import compose, manage
from handlers.broadcasts import notices as _notice_wording  # noqa: F401  (registers how its notices read)

FEATURE = Feature(
    name="broadcasts",
    callbacks={"bc": compose.on_broadcast_press},
    # the draft stays a draft: no button can send it any more
    flows=(Flow(compose.FLOW, compose.on_message, tb.BCAST_FLOW_CANCELLED),),
    admin=(
        AdminButton("bcast", texts.BTN_ADMIN_BROADCAST, compose.ask_content),
        AdminButton("bclist", tb.BTN_ADMIN_BCAST_LIST, manage.on_list_open),
    ),
    jobs=(ScheduledJob("weekly digest", digest.create_due_digest),),
)
