"""Messages to named members (offers, reminders, changes to an event) go through the delivery engine.

A notification is an ordinary broadcast whose audience is a list of members, due now, so it is
paced, retried, crash-safe and held during quiet hours like any other. An `origin` key makes it
idempotent: asking twice for the same notification (two ticks, a restart) creates it once.

Services speak in data: they pass a `notice` (a small frozen dataclass of plain values, e.g.
`SurveyReminder(survey_id, title, closes_at)`), never Persian copy or callback data. How each kind of
notice reads (text and buttons) is declared once with `@renders(Kind)` in the feature's
handlers/<feature>/notices.py, which the composition root imports; the text is rendered when the
notification is queued, so the broadcast row stays the truth the delivery engine sends.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any, TypeVar

from sqlalchemy import exists, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from bot.config import Config
from models import Broadcast
from models.enums import BroadcastKind, BroadcastStatus

N = TypeVar("N")


@dataclass(frozen=True)
class Message:
    """A notice as it is sent: Telegram HTML and inline buttons as Bot API dicts."""

    text_html: str
    buttons: list[dict[str, Any]] = field(default_factory=list)


Renderer = Callable[[Any, Config], Message]
_RENDERERS: dict[type, Renderer] = {}


def renders(kind: type[N]) -> Callable[[Callable[[N, Config], Message]], Callable[[N, Config], Message]]:
    """Declare how one kind of notice reads (used by the rendering side, handlers/<feature>/notices.py)."""

    def register(render: Callable[[N, Config], Message]) -> Callable[[N, Config], Message]:
        _RENDERERS[kind] = render
        return render

    return register


def render(notice: object, config: Config) -> Message:
    found = _RENDERERS.get(type(notice))
    if found is None:
        raise LookupError(
            f"no renderer for {type(notice).__name__}: import its handlers/<feature>/notices.py"
        )
    return found(notice, config)


async def notify(
    session: AsyncSession,
    *,
    config: Config,
    member_ids: Iterable[int],
    now: datetime,
    notice: object | None = None,
    text_html: str = "",
    origin: str | None = None,
    buttons: list[dict[str, Any]] | None = None,
    urgent: bool = False,
    about_member_id: int | None = None,
) -> int | None:
    """Queue one message (a `notice`, or HTML the caller already has, e.g. the CDA's own words) to these
    members; None when there is nobody or `origin` was already used."""
    members = sorted({str(m) for m in member_ids})
    if not members:
        return None
    if notice is not None:
        message = render(notice, config)
        text_html, buttons = message.text_html, message.buttons
    if (
        origin is not None
        and (await session.execute(select(exists().where(Broadcast.origin == origin)))).scalar()
    ):
        return None
    broadcast = Broadcast(
        status=BroadcastStatus.SCHEDULED,
        created_by=0,
        admin_chat_id=0,
        kind=BroadcastKind.TEXT,
        text_html=text_html,
        buttons=list(buttons or []),
        segment={"members": members},
        urgent=urgent,
        due_at=now,
        expires_at=now + timedelta(days=2),
        origin=origin,
        about_member_id=about_member_id,
        created_at=now,
        updated_at=now,
    )
    try:
        async with session.begin_nested():
            session.add(broadcast)
    except IntegrityError:  # the same origin, created by another process a moment ago
        return None
    return broadcast.id
