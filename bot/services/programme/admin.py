"""The CDA's side of «📈 گزارش برنامه»: rights re-checked on every call, the plan upload and the typed
period as a small conversation (`programme` flow: step "plan" or "range")."""

from __future__ import annotations

from datetime import datetime, time

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.config import Config
from bot.jalali import jalali_day, parse_jalali_datetime
from bot.services.common.admins import check_admin
from bot.services.common.conversations import clear_state, leave_flows, start_flow, state_in
from bot.services.common.errors import InvalidInput, StaleAction
from bot.services.members.accounts import Identity, find_account
from bot.services.programme import period as pd
from bot.services.programme import plan as pl
from bot.services.programme.indicators import ProgrammeReport, programme_report
from models import PlanLine

FLOW = "programme"
STEPS = ("plan", "range")
PERIODS = {
    "month": pd.month_of,
    "last": lambda now: pd.month_of(now, back=1),
    "season": pd.season_of,
    "year": pd.year_of,
}


class RangeNeedsTwoDates(InvalidInput):
    """Typed period without exactly two lines (code "range_lines")."""

    def __init__(self) -> None:
        super().__init__("range_lines")


async def home(session: AsyncSession, who: Identity, config: Config, *, now: datetime) -> tuple[int, int]:
    """This Jalali year and how many plan lines it has."""
    await check_admin(session, who, config)
    year = jalali_day(now).year
    lines = (await session.execute(select(func.count(PlanLine.id)).where(PlanLine.year == year))).scalar()
    return year, int(lines or 0)


async def report(
    session: AsyncSession, who: Identity, config: Config, kind: str, *, now: datetime
) -> ProgrammeReport:
    """The report for a named period ("month", "last", "season", "year"); any other kind is stale."""
    await check_admin(session, who, config)
    make = PERIODS.get(kind)
    if make is None:
        raise StaleAction()
    return await programme_report(session, make(now), now=now)


async def begin(session: AsyncSession, who: Identity, config: Config, step: str, *, now: datetime) -> None:
    """Wait for the plan file or the two typed dates."""
    await check_admin(session, who, config)
    account = await find_account(session, who)
    if account is None or step not in STEPS:
        raise StaleAction()
    await start_flow(session, account.id, flow=FLOW, step=step, data={}, now=now)


async def receive_plan(
    session: AsyncSession, who: Identity, config: Config, data: bytes, *, now: datetime
) -> tuple[int, int]:
    """A plan file: saved (year, lines) and the flow left; PlanFileError keeps the step, saves nothing."""
    await check_admin(session, who, config)
    state = await state_in(session, who, (FLOW,), ("plan",))
    plan = pl.parse_plan(data)
    saved = await pl.save_plan(session, who, config, plan, now=now)
    await clear_state(session, state.account_id)
    return plan.year, saved


def parse_range(text: str) -> pd.Period:
    """Two Jalali dates, one a line, both days included."""
    lines = [line for line in (text or "").splitlines() if line.strip()]
    if len(lines) != 2:
        raise RangeNeedsTwoDates()
    first, last = (jalali_day(parse_jalali_datetime(line, default_time=time(12))) for line in lines)
    return pd.between(first, last)


async def receive_range(
    session: AsyncSession, who: Identity, config: Config, text: str | None, *, now: datetime
) -> ProgrammeReport:
    """The typed period's report; the flow is left. Bad dates raise PersianInputError and keep the step."""
    await check_admin(session, who, config)
    state = await state_in(session, who, (FLOW,), ("range",))
    chosen = parse_range(text or "")
    await clear_state(session, state.account_id)
    return await programme_report(session, chosen, now=now)


async def step_of(session: AsyncSession, who: Identity) -> str | None:
    state = await state_in(session, who, (FLOW,))
    return state.step


async def leave(session: AsyncSession, who: Identity) -> None:
    await leave_flows(session, who, (FLOW,))
