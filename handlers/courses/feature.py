"""The courses feature as the registry sees it: member and admin buttons, flows, links, jobs, digest."""

from __future__ import annotations

from telegram import Update

from bot import texts
from bot.context import KhoosheContext
from bot.features import AdminButton, DeepLink, Feature, Flow, MenuButton, ScheduledJob
from bot.services.courses import admin_flow, feedback, notices
from bot.services.courses.catalog import parse_deep_link
from bot.texts import course_admin as tca
from handlers.courses import admin, member
from handlers.courses import notices as _notice_wording  # noqa: F401  (registers how its notices read)


async def _open_quietly(update: Update, context: KhoosheContext, event_id: int) -> None:
    """Right after registration from an old link: say nothing if the course is gone."""
    await member.show_card(update, context, event_id, quiet=True)


FEATURE = Feature(
    name="courses",
    callbacks={"crs": member.on_course_press, "cadm": admin.on_press},
    flows=(
        Flow(feedback.FLOW, member.on_feedback_message),
        # answers so far are dropped; a draft stays a draft
        *(Flow(name, admin.on_message, tca.CADM_FLOW_CANCELLED) for name in admin_flow.FLOWS),
    ),
    deep_links=(DeepLink(parse_deep_link, member.show_card, after_registration=_open_quietly),),
    menu=(MenuButton(texts.BTN_COURSES, member.show_list),),
    admin=(AdminButton("courses", tca.BTN_ADMIN_COURSES, admin.on_list_open),),
    jobs=(
        ScheduledJob("course offers", notices.expire_and_pass_on),
        ScheduledJob("course reminders", notices.send_due_reminders),
        ScheduledJob("course feedback", feedback.send_feedback_requests),
    ),
    digest_sources=(notices.upcoming_courses,),
)
