"""The audit log as the registry sees it: «🧾 گزارش کارها» in /admin and its `aud:*` presses."""

from __future__ import annotations

from bot.features import AdminButton, Feature
from bot.texts import audit as t
from handlers.audit import views

FEATURE = Feature(
    name="audit",
    callbacks={"aud": views.on_press},
    admin=(AdminButton("audit", t.BTN_ADMIN_AUDIT, views.on_home),),
)
