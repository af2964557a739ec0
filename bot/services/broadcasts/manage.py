"""Managing active broadcasts: the cards of «📋 پیام‌های زمان‌بندی‌شده» and their buttons.

Rights and the broadcast's state are re-checked by `bc` on every press, so a card that is out of
date (or a forged press) raises StaleAction/NotAllowed and changes nothing.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from bot.config import Config
from bot.services.broadcasts import flow
from bot.services.broadcasts import lifecycle as bc
from bot.services.broadcasts.flow import Result
from bot.services.common import guided_form as gf
from bot.services.common import lifecycle as lc
from bot.services.common.conversations import start_flow
from bot.services.common.errors import StaleAction
from bot.services.members.accounts import Identity, touch_account
from models import Broadcast
from models.enums import BroadcastStatus

ACTIONS = ("cancel", "pause", "resume")


async def active(session: AsyncSession, who: Identity, config: Config, *, now: datetime) -> list[Result]:
    """The cards of «📋 پیام‌های زمان‌بندی‌شده»: every active broadcast with its audience."""
    rows = await bc.list_active(session, who, config)
    return [await _card(session, b, config, now) for b in rows]


async def _card(session: AsyncSession, broadcast: Broadcast, config: Config, now: datetime) -> Result:
    if broadcast.status == BroadcastStatus.SCHEDULED:
        return await flow.result_of(session, broadcast, config, now)
    return Result(broadcast, audience=broadcast.total, starts_at=broadcast.due_at)


async def manage(
    session: AsyncSession, who: Identity, config: Config, action: str, broadcast_id: int, *, now: datetime
) -> Result:
    """«لغو», «توقف», «ادامه» on a card; the broadcast's state is re-checked by `bc`."""
    if action == "cancel":
        await bc.load(session, who, config, broadcast_id, states=bc.ACTIVE)  # a card's: never a draft
        broadcast = await bc.cancel(session, who, config, broadcast_id, now=now)
    elif action == "pause":
        broadcast = await bc.pause(session, who, config, broadcast_id, now=now)
    elif action == "resume":
        broadcast = await bc.resume(session, who, config, broadcast_id, now=now)
    else:
        raise StaleAction()
    return await _card(session, broadcast, config, now)


async def ask_reschedule(
    session: AsyncSession, who: Identity, config: Config, broadcast_id: int, *, now: datetime
) -> Result:
    """«تغییر زمان»: the next typed Jalali time reschedules this (still scheduled) broadcast."""
    broadcast = await bc.load(
        session, who, config, broadcast_id, states=lc.allowing(lc.BROADCAST, lc.RESCHEDULE)
    )
    account = await touch_account(session, who, now=now)
    token = gf.new_token()  # carried by the date picker under the question
    data = {"broadcast_id": broadcast.id, gf.TOKEN_KEY: token}
    await start_flow(session, account.id, flow=flow.FLOW, step=flow.RESCHEDULE_AT, data=data, now=now)
    card = await _card(session, broadcast, config, now)
    card.token = token
    return card
