"""The read-only web dashboard as the registry sees it: «🖥 داشبورد» in /admin."""

from __future__ import annotations

from bot.features import AdminButton, Feature
from bot.texts import dashboard as t
from handlers.dashboard import views

FEATURE = Feature(
    name="dashboard",
    admin=(AdminButton("dashboard", t.BTN_ADMIN_DASHBOARD, views.on_open),),
)
