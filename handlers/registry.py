"""Explicit, ordered handler registration (one place to read what the bot answers)."""

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

from handlers import admin, menu, router, system
from handlers.broadcasts import compose as broadcast_compose
from handlers.broadcasts import notices as broadcast_notices
from handlers.consortium import admin as consortium_admin
from handlers.consortium import matchmaking
from handlers.consortium import member as consortium_member
from handlers.consortium import notices as consortium_notices
from handlers.courses import admin as course_admin
from handlers.courses import member as courses
from handlers.courses import notices as course_notices
from handlers.exhibitions import admin as exhibition_admin
from handlers.exhibitions import member as exhibitions
from handlers.exhibitions import notices as exhibition_notices
from handlers.members import dialog, profile
from handlers.surveys import admin as survey_admin
from handlers.surveys import member as surveys
from handlers.surveys import notices as survey_notices
from handlers.surveys import results as survey_results

# How each feature's notices read (services queue data; these modules register the wording on import).
NOTICE_RENDERERS = (broadcast_notices, consortium_notices, course_notices, exhibition_notices, survey_notices)


def register_handlers(app: Application[Any, Any, Any, Any, Any, Any]) -> None:
    app.add_handler(TypeHandler(Update, system.log_update), group=-2)
    app.add_handler(TypeHandler(Update, system.gate), group=-1)

    app.add_handler(CommandHandler("start", dialog.cmd_start))
    app.add_handler(CommandHandler("cancel", dialog.cmd_cancel))
    app.add_handler(CommandHandler("help", menu.cmd_help))
    app.add_handler(CommandHandler("delete_me", profile.cmd_delete_me))
    app.add_handler(CommandHandler("admin", admin.cmd_admin))
    app.add_handler(MessageHandler(filters.COMMAND, system.cmd_unknown))

    app.add_handler(CallbackQueryHandler(dialog.on_dialog_press, pattern=r"^reg:"))
    app.add_handler(CallbackQueryHandler(profile.on_profile_press, pattern=r"^prf:"))
    app.add_handler(CallbackQueryHandler(admin.on_admin_press, pattern=r"^adm:"))
    app.add_handler(CallbackQueryHandler(broadcast_compose.on_broadcast_press, pattern=r"^bc:"))
    app.add_handler(CallbackQueryHandler(courses.on_course_press, pattern=r"^crs:"))
    app.add_handler(CallbackQueryHandler(course_admin.on_press, pattern=r"^cadm:"))
    app.add_handler(CallbackQueryHandler(exhibitions.on_press, pattern=r"^exh:"))
    app.add_handler(CallbackQueryHandler(exhibition_admin.on_press, pattern=r"^exha:"))
    app.add_handler(CallbackQueryHandler(survey_results.on_press, pattern=r"^svr:"))
    app.add_handler(CallbackQueryHandler(surveys.on_press, pattern=r"^sv:"))
    app.add_handler(CallbackQueryHandler(survey_admin.on_press, pattern=r"^sva:"))
    app.add_handler(CallbackQueryHandler(consortium_member.on_press, pattern=r"^exp:"))
    app.add_handler(CallbackQueryHandler(matchmaking.on_press, pattern=r"^mch:"))
    app.add_handler(CallbackQueryHandler(consortium_admin.on_press, pattern=r"^cns:"))
    app.add_handler(CallbackQueryHandler(system.on_unknown_press))

    app.add_handler(MessageHandler(filters.ALL & ~filters.COMMAND, router.on_message))

    app.add_error_handler(system.on_error)
