"""The consortium (export groups, matchmaking) feature as the registry sees it."""

from __future__ import annotations

from bot import texts
from bot.features import AdminButton, Feature, Flow, MenuButton
from bot.texts import consortia as tcn
from handlers.consortium import admin, matchmaking, member
from handlers.consortium import notices as _notice_wording  # noqa: F401  (registers how its notices read)

FEATURE = Feature(
    name="consortium",
    callbacks={"exp": member.on_press, "mch": matchmaking.on_press, "cns": admin.on_press},
    flows=(  # nothing half-made is kept
        Flow(member.FLOW, member.on_message, tcn.EXP_FLOW_CANCELLED),
        *(Flow(name, admin.on_message, tcn.CNS_FLOW_CANCELLED) for name in admin.FLOWS),
    ),
    menu=(MenuButton(texts.BTN_CONSORTIUM, member.show_home),),
    admin=(AdminButton("consortia", tcn.BTN_ADMIN_CONSORTIA, admin.on_home),),
)
