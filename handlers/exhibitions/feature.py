"""The exhibitions and tours feature as the registry sees it."""

from __future__ import annotations

from bot import texts
from bot.features import AdminButton, DeepLink, Feature, Flow, MenuButton, ScheduledJob
from bot.services.exhibitions import admin_flow, reminders
from bot.services.exhibitions.catalog import parse_deep_link
from bot.texts import exhibition_admin as texh
from handlers.exhibitions import admin, member
from handlers.exhibitions import notices as _notice_wording  # noqa: F401  (registers how its notices read)

FEATURE = Feature(
    name="exhibitions",
    callbacks={"exh": member.on_press, "exha": admin.on_press},
    flows=(
        *(Flow(name, member.on_message) for name in member.FLOWS),
        # answers so far are dropped; a draft stays a draft
        *(Flow(name, admin.on_message, texh.FLOW_CANCELLED) for name in admin_flow.FLOWS),
    ),
    deep_links=(DeepLink(parse_deep_link, member.show_card),),  # ?start=exh_<id>
    menu=(MenuButton(texts.BTN_EXHIBITIONS, member.show_list),),
    admin=(AdminButton("exhibitions", texh.BTN_ADMIN_EXHIBITIONS, admin.on_list_open),),
    jobs=(ScheduledJob("exhibition reminders", reminders.send_exhibition_reminders),),
    digest_sources=(reminders.upcoming_exhibitions,),
)
