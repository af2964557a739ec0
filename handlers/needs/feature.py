"""The technology-needs feature (needs board, solution providers) as the registry sees it."""

from __future__ import annotations

from bot.features import AdminButton, DeepLink, Feature, Flow, MenuButton
from bot.texts import needs as t
from handlers.needs import admin, member
from handlers.needs import notices as _notice_wording  # noqa: F401  (registers how its notices read)

FEATURE = Feature(
    name="needs",
    callbacks={"nd": member.on_press, "nda": admin.on_press},
    flows=tuple(Flow(name, admin.on_message, t.FLOW_CANCELLED) for name in admin.FLOWS),
    deep_links=(DeepLink(member.parse_deep_link, member.show_need),),  # ?start=need_<id>
    menu=(MenuButton(t.BTN_MENU, member.show_board),),
    admin=(AdminButton("needs", t.BTN_ADMIN_NEEDS, admin.on_home),),
)
