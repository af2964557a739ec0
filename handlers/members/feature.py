"""Members (registration, profile, deleting one's data) as the registry sees it.

Its dialogue has no Flow entries: the router falls back to it for every message no other flow takes.
"""

from __future__ import annotations

from bot import texts
from bot.features import Feature, MenuButton
from handlers import keyboards as kb
from handlers.members import dialog, profile
from handlers.members import notices as _notice_wording  # noqa: F401  (registers how its notices read)

FEATURE = Feature(
    name="members",
    callbacks={kb.REG: dialog.on_dialog_press, kb.PROFILE: profile.on_profile_press},
    commands={"start": dialog.cmd_start, "cancel": dialog.cmd_cancel, "delete_me": profile.cmd_delete_me},
    menu=(MenuButton(texts.BTN_PROFILE, profile.show_profile),),
)
