"""The feature registry: the one list of features, and explicit, ordered handler registration built from it.

Adding a feature: its own packages (bot/services/<f>/, handlers/<f>/ with a feature.py exporting
FEATURE, bot/texts/<f>.py) plus one line in FEATURES. The order of FEATURES is the order of the
member main menu, the admin panel's feature buttons and the scheduler's jobs.
"""

from __future__ import annotations

from typing import Any

from telegram import Update
from telegram.ext import (
    Application,
    CallbackQueryHandler,
    CommandHandler,
    MessageHandler,
    TypeHandler,
    filters,
)

from bot.features import Feature, FeatureSet
from handlers import admin, menu, router, system
from handlers import keyboards as kb
from handlers.audit import feature as audit
from handlers.broadcasts import feature as broadcasts
from handlers.consortium import feature as consortium
from handlers.courses import feature as courses
from handlers.dashboard import feature as dashboard
from handlers.exhibitions import feature as exhibitions
from handlers.members import feature as members
from handlers.needs import feature as needs
from handlers.programme import feature as programme
from handlers.readiness import feature as readiness
from handlers.surveys import feature as surveys

FEATURES: tuple[Feature, ...] = (
    broadcasts.FEATURE,
    courses.FEATURE,
    exhibitions.FEATURE,
    surveys.FEATURE,
    readiness.FEATURE,
    consortium.FEATURE,
    needs.FEATURE,
    programme.FEATURE,
    members.FEATURE,
    audit.FEATURE,
    dashboard.FEATURE,
)


def feature_set() -> FeatureSet:
    return FeatureSet(FEATURES)


def register_handlers(app: Application[Any, Any, Any, Any, Any, Any], features: FeatureSet) -> None:
    app.add_handler(TypeHandler(Update, system.log_update), group=-2)
    app.add_handler(TypeHandler(Update, system.gate), group=-1)

    # an edited message is never taken as a new answer (see system.on_edited_message)
    app.add_handler(MessageHandler(filters.UpdateType.EDITED, system.on_edited_message))
    commands = {"help": menu.cmd_help, "admin": admin.cmd_admin}
    for name, handler in {**commands, **features.commands}.items():
        app.add_handler(CommandHandler(name, handler))
    app.add_handler(MessageHandler(filters.COMMAND, system.cmd_unknown))

    app.add_handler(CallbackQueryHandler(admin.on_admin_press, pattern=rf"^{kb.ADMIN}:"))
    for prefix, handler in features.callbacks.items():
        app.add_handler(CallbackQueryHandler(handler, pattern=rf"^{prefix}:"))
    app.add_handler(CallbackQueryHandler(system.on_unknown_press))

    app.add_handler(MessageHandler(filters.ALL & ~filters.COMMAND, router.on_message))

    app.add_error_handler(system.on_error)
