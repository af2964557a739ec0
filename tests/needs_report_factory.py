"""Hand-made technology needs for the needs report's tests (services and e2e): known status histories,
members and providers, and what the report must say worked out from the same data alone."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from models import Need, NeedEvent, NeedMember, NeedProvider, SolutionProvider
from models.enums import NeedStatus as N
from tests.factories import NOW, add_member

SM = async_sessionmaker[AsyncSession]
T0 = NOW - timedelta(days=60)
D = timedelta(days=1)


@dataclass(frozen=True)
class Made:
    title: str
    category: str
    history: tuple[tuple[str, datetime], ...]  # (status, at), the first one the creation
    members: tuple[int, ...] = ()  # user ids
    providers: tuple[str, ...] = ()  # provider names
    published: bool = True

    @property
    def status(self) -> str:
        return self.history[-1][0]


@dataclass(frozen=True)
class Provider:
    name: str
    knowledge_based: bool
    kind: str = "company"


PROVIDERS = (
    Provider("سرمایش گستر", True),
    Provider("پژوهشکدهٔ گل", False, "academic"),
    Provider("مهندس رضایی", False, "expert"),
    Provider("شرکت بی‌کار", True),  # linked to no need: not engaged
)
NEEDS = (
    Made("زنجیرهٔ سرد", "cut",
         ((N.IDENTIFIED, T0), (N.SEARCHING, T0 + 2 * D), (N.PLANNED, T0 + 5 * D),
          (N.SOLVED, T0 + 10 * D + timedelta(hours=12))),
         (1, 2, 3), ("سرمایش گستر", "پژوهشکدهٔ گل")),
    Made("کشت بدون خاک", "cut",
         ((N.IDENTIFIED, T0 + D), (N.PLANNED, T0 + 3 * D), (N.IN_PROGRESS, T0 + 9 * D),
          (N.SOLVED, T0 + 25 * D)),
         (3, 4), ("سرمایش گستر",)),
    Made("بسته‌بندی گلدان", "potted",  # dropped, taken up again: days count from the first event
         ((N.IDENTIFIED, T0 + 2 * D), (N.DROPPED, T0 + 3 * D), (N.IDENTIFIED, T0 + 4 * D),
          (N.PLANNED, T0 + 6 * D), (N.SOLVED, T0 + 9 * D + timedelta(hours=6)))),
    Made("خاک گلدان", "potted", ((N.IDENTIFIED, T0 + 3 * D), (N.SEARCHING, T0 + 8 * D)), (1, 5),
         ("مهندس رضایی",)),
    Made("پیاز لاله", "bulb", ((N.IDENTIFIED, T0 + 4 * D), (N.DROPPED, T0 + 6 * D)), (6,), published=False),
    Made("سم‌پاشی هوشمند", "cut", ((N.IDENTIFIED, T0 + 5 * D),)),
)  # fmt: skip


@dataclass
class Expected:
    by_status: dict[str, int] = field(default_factory=dict)
    by_category: dict[str, int] = field(default_factory=dict)
    members: set[int] = field(default_factory=set)
    members_by_status: dict[str, set[int]] = field(default_factory=dict)
    days: list[float] = field(default_factory=list)
    providers: set[str] = field(default_factory=set)


def expected() -> Expected:
    """What the report must say, worked out from the hand-made needs alone."""
    e = Expected()
    for made in NEEDS:
        e.by_status[made.status] = e.by_status.get(made.status, 0) + 1
        e.by_category[made.category] = e.by_category.get(made.category, 0) + 1
        e.members |= set(made.members)
        if made.members:
            e.members_by_status.setdefault(made.status, set()).update(made.members)
        if made.status == N.SOLVED:
            e.days.append((made.history[-1][1] - made.history[0][1]) / timedelta(days=1))
        e.providers |= set(made.providers)
    return e


async def seed(sm: SM) -> dict[int, int]:
    """The hand-made needs, members (user id → member id) and providers, inserted directly."""
    async with sm.begin() as s:
        member_of = {u: (await add_member(s, u)).id for u in range(1, 8)}  # 7 is attached to nothing
        providers = {}
        for p in PROVIDERS:
            row = SolutionProvider(
                name=p.name, kind=p.kind, field="—", city="محلات", contact="—",
                knowledge_based=p.knowledge_based, contact_public=False, created_at=T0, updated_at=T0,
            )  # fmt: skip
            s.add(row)
            await s.flush()
            providers[p.name] = row.id
        for made in NEEDS:
            need = Need(
                title=made.title, category=made.category, description=None, status=made.status,
                published=made.published, source=None, created_by=9000, created_at=made.history[0][1],
                updated_at=made.history[-1][1],
            )  # fmt: skip
            s.add(need)
            await s.flush()
            for status, at in made.history:
                s.add(NeedEvent(need_id=need.id, status=status, note=None, by_user_id=9000, at=at))
            for u in made.members:
                s.add(NeedMember(need_id=need.id, member_id=member_of[u], source="cda", added_at=T0))
            for name in made.providers:
                s.add(NeedProvider(need_id=need.id, provider_id=providers[name], added_at=T0))
        return member_of
