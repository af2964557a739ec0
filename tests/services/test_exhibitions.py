"""Exhibition and tour services on SQLite and PostgreSQL: responses and refusals, a tour's seats through
the sign-up engine, documents, the CDA's publish/announce/message/export, and reminders made once."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.config import DEFAULT_CONFIG_PATH, Config, load_config
from bot.services.common.errors import InvalidInput, NotAllowed, StaleAction
from bot.services.courses import notices as course_notices
from bot.services.courses import seats as en
from bot.services.exhibitions import admin as xa
from bot.services.exhibitions import catalog as ex
from bot.services.exhibitions import documents as docs
from bot.services.exhibitions import export
from bot.services.exhibitions import reminders as rem
from bot.services.members.accounts import Identity
from models import Broadcast, ExhibitionResponse
from models.enums import ExhibitionChoice, SeatStatus
from tests.factories import NOW, add_member

SM = async_sessionmaker[AsyncSession]
TEHRAN = ZoneInfo("Asia/Tehran")
ADMIN = Identity("telegram", 9000, 9000)
START = datetime(2027, 1, 10, 10, 0, tzinfo=TEHRAN)
DEADLINE = datetime(2027, 1, 3, 18, 0, tzinfo=TEHRAN)
DOCS = [{"key": "d1", "label": "کپی گذرنامه"}, {"key": "d2", "label": "عکس"}]


def who(user_id: int) -> Identity:
    return Identity("telegram", user_id, user_id)


async def setup(sm: SM, config: Config, *, kind: str = "tour", capacity: int | None = None,
                poster: str | None = None, segment: dict[str, list[str]] | None = None) -> int:  # fmt: skip
    """Members 1–3 grow cut flowers, 4 potted plants; a published item made by the CDA's services."""
    async with sm.begin() as s:
        for uid, cat in ((1, "cut"), (2, "cut"), (3, "cut"), (4, "potted")):
            await add_member(s, uid, categories=(cat,))
        values = {
            "trip_kind": kind, "title": "تور هلند", "city": "آمستردام", "country": "هلند",
            "starts_at": START, "registration_deadline": DEADLINE, "capacity": capacity,
            "documents": DOCS if kind == "foreign" else [], "poster_file_id": poster,
            "segment": segment or {},
        }  # fmt: skip
        event = await xa.create_draft(s, ADMIN, config, values, now=NOW)
        await xa.publish(s, ADMIN, config, event.id, announce=False, now=NOW)
        return event.id


async def join(sm: SM, config: Config, uid: int, event_id: int, *, kind: str = "tour") -> en.SignUp:
    async with sm.begin() as s:
        step = await ex.begin_join(s, who(uid), event_id, now=NOW)
        if kind == "tour":
            assert step.step == ex.PEOPLE
            result, _ = await ex.finish_join(s, who(uid), config, event_id, ex.PEOPLE, "2", now=NOW)
            return result
        await ex.toggle_product(s, who(uid), config, event_id, "cut", now=NOW)
        assert (await ex.products_done(s, who(uid), event_id, now=NOW)).step == ex.BOOTH
        result, _ = await ex.finish_join(s, who(uid), config, event_id, ex.BOOTH, "shared", now=NOW)
        return result


async def test_a_tour_fills_up_then_waitlists_and_a_freed_seat_is_offered(
    sessionmaker: SM, config: Config
) -> None:
    event_id = await setup(sessionmaker, config, capacity=1)
    assert (await join(sessionmaker, config, 1, event_id)).status == SeatStatus.REGISTERED
    second = await join(sessionmaker, config, 2, event_id)
    assert (second.status, second.position) == (SeatStatus.WAITLISTED, 1)
    async with sessionmaker.begin() as s:
        with pytest.raises(InvalidInput, match="already_participating"):  # a second «شرکت می‌کنم»
            await ex.begin_join(s, who(2), event_id, now=NOW)
        offers, view = await ex.leave(s, who(1), config, event_id, now=NOW)
        assert [o.member_id for o in offers] == [2] and view.my_status is None
    async with sessionmaker() as s:  # the offer speaks of the tour and carries exh: buttons
        offer = (await s.execute(select(Broadcast).order_by(Broadcast.id.desc()))).scalars().first()
        assert offer is not None and "تور هلند" in (offer.text_html or "")
        assert [b["callback_data"] for b in offer.buttons] == [
            f"exh:accept:{event_id}",
            f"exh:leave:{event_id}",
        ]
    async with sessionmaker.begin() as s:
        already, view = await ex.accept(s, who(2), event_id, now=NOW)
        assert view.my_status == SeatStatus.REGISTERED and not already
        response = (
            await s.execute(select(ExhibitionResponse).order_by(ExhibitionResponse.member_id))
        ).scalars()
        assert [(r.choice, r.answers) for r in response] == [
            ("withdrawn", {"people": "2"}),
            ("participate", {"people": "2"}),
        ]


async def test_responses_are_refused_after_the_deadline_and_forged_answers_are_stale(
    sessionmaker: SM, config: Config
) -> None:
    event_id = await setup(sessionmaker, config, kind="domestic")
    async with sessionmaker.begin() as s:
        already, view = await ex.express_interest(s, who(1), event_id, now=NOW)
        assert not already and view.response == ExhibitionChoice.INTERESTED
        assert (await ex.express_interest(s, who(1), event_id, now=NOW))[0]  # a double tap
        await ex.begin_join(s, who(2), event_id, now=NOW)
        with pytest.raises(StaleAction):  # a booth press before the products, or a forged size
            await ex.finish_join(s, who(2), config, event_id, ex.BOOTH, "9", now=NOW)
        with pytest.raises(InvalidInput, match="unknown_choice"):
            await ex.toggle_product(s, who(2), config, event_id, "plutonium", now=NOW)
        with pytest.raises(InvalidInput, match="no_product"):
            await ex.products_done(s, who(2), event_id, now=NOW)
    late = DEADLINE + timedelta(minutes=1)
    async with sessionmaker.begin() as s:
        with pytest.raises(en.SignUpRefused, match="deadline_passed"):
            await ex.express_interest(s, who(3), event_id, now=late)
        with pytest.raises(en.SignUpRefused, match="deadline_passed"):
            await ex.begin_join(s, who(3), event_id, now=late)
        assert not (await ex.item(s, who(3), event_id, now=late)).accepting
    async with sessionmaker.begin() as s:
        await xa.cancel(s, ADMIN, config, event_id, now=NOW)
    async with sessionmaker.begin() as s:
        with pytest.raises(en.SignUpRefused, match="event_cancelled"):
            await ex.express_interest(s, who(3), event_id, now=NOW)
        with pytest.raises(StaleAction):
            await ex.item(s, who(3), 999_999, now=NOW)


async def test_documents_are_kept_as_file_ids_and_only_admins_get_them(
    sessionmaker: SM, config: Config
) -> None:
    event_id = await setup(sessionmaker, config, kind="foreign")
    await join(sessionmaker, config, 1, event_id, kind="foreign")
    async with sessionmaker.begin() as s:
        with pytest.raises(InvalidInput, match="not_participant"):
            await docs.checklist(s, who(2), event_id)
        with pytest.raises(StaleAction):
            await docs.begin_document(s, who(1), event_id, "d9", now=NOW)
        assert await docs.begin_document(s, who(1), event_id, "d1", now=NOW) == "کپی گذرنامه"
        with pytest.raises(InvalidInput, match="document_expected"):
            await docs.receive_document(s, who(1), file_kind="", file_id="", file_name=None, now=NOW)
    for file_id in ("photo-1", "photo-2"):  # sending again replaces the first file
        async with sessionmaker.begin() as s:
            await docs.begin_document(s, who(1), event_id, "d1", now=NOW)
            label, found = await docs.receive_document(
                s, who(1), file_kind="photo", file_id=file_id, file_name=None, now=NOW
            )
    assert label == "کپی گذرنامه" and [i.received for i in found.items] == [True, False]
    async with sessionmaker.begin() as s:
        stored = await docs.for_admin(s, ADMIN, config, event_id)
        assert [(d.label, d.file_id) for d in stored] == [("کپی گذرنامه", "photo-2")]
        with pytest.raises(NotAllowed):
            await docs.for_admin(s, who(2), config, event_id)
        event, details = await xa.load(s, ADMIN, config, event_id, states=xa.LIVE)
        assert await docs.missing_by_member(s, event_id, details) == {1: ["عکس"]}
        assert await xa.recipients(s, event, details, "nodocs") == [1]
        await docs.begin_document(s, who(1), event_id, "d2", now=NOW)  # a file (PDF) instead of a photo
        await docs.receive_document(
            s, who(1), file_kind="document", file_id="pdf-1", file_name="عکس.pdf", now=NOW
        )
        assert await docs.missing_by_member(s, event_id, details) == {}
        assert (await xa.summary(s, ADMIN, config, event_id)).documents_complete == 1
        kinds = [(d.file_kind, d.file_id) for d in await docs.for_admin(s, ADMIN, config, event_id)]
        assert sorted(kinds) == [("document", "pdf-1"), ("photo", "photo-2")]


async def test_publish_announces_the_poster_with_response_buttons_to_the_segment(
    sessionmaker: SM, config: Config
) -> None:
    async with sessionmaker.begin() as s:
        for uid, cat in ((1, "cut"), (2, "potted")):
            await add_member(s, uid, categories=(cat,))
        values = {"trip_kind": "domestic", "title": "جشنوارهٔ گل محلات", "city": "محلات", "country": "ایران",
                  "starts_at": START, "registration_deadline": DEADLINE, "poster_file_id": "poster-file",
                  "segment": {"categories": ["cut"]}}  # fmt: skip
        event = await xa.create_draft(s, ADMIN, config, values, now=NOW)
        with pytest.raises(NotAllowed):
            await xa.publish(s, who(1), config, event.id, announce=True, now=NOW)
        change = await xa.publish(s, ADMIN, config, event.id, announce=True, now=NOW)
        assert change.told == 1 and change.broadcast_id is not None
        with pytest.raises(StaleAction):  # a double press announces once
            await xa.publish(s, ADMIN, config, event.id, announce=True, now=NOW)
        broadcast = await s.get(Broadcast, change.broadcast_id)
        assert broadcast is not None and (broadcast.kind, broadcast.file_id) == ("photo", "poster-file")
        assert broadcast.segment == {"categories": ["cut"]} and len(broadcast.text_html or "") < 1000
        assert [b["callback_data"] for b in broadcast.buttons] == [
            f"exh:int:{event.id}", f"exh:part:{event.id}", f"exh:open:{event.id}"
        ]  # fmt: skip


async def test_reminders_are_made_once_for_those_who_have_not_responded(
    sessionmaker: SM, config: Config
) -> None:
    event_id = await setup(sessionmaker, config, kind="foreign", segment={"categories": ["cut"]})
    await join(sessionmaker, config, 1, event_id, kind="foreign")
    async with sessionmaker.begin() as s:
        await ex.express_interest(s, who(2), event_id, now=NOW)
    due = DEADLINE - timedelta(hours=config.exhibitions.nonresponder_hours) + timedelta(minutes=1)
    async with sessionmaker.begin() as s:
        assert await rem.send_exhibition_reminders(s, config=config, now=due - timedelta(minutes=2)) == 0
        event, _ = await xa.load(s, ADMIN, config, event_id, states=xa.LIVE)
        assert await rem.non_responders(s, event, config) == [3]  # 4 is outside the segment
        assert await rem.send_exhibition_reminders(s, config=config, now=due) == 1
    async with sessionmaker.begin() as s:  # another tick, or another process: nothing new
        assert await rem.send_exhibition_reminders(s, config=config, now=due + timedelta(hours=1)) == 0
    before_start = START - timedelta(hours=config.exhibitions.participant_hours) + timedelta(minutes=1)
    async with sessionmaker.begin() as s:  # the participant: a start reminder and a documents reminder
        assert await rem.send_exhibition_reminders(s, config=config, now=before_start) == 2
        assert await rem.send_exhibition_reminders(s, config=config, now=before_start) == 0
        assert await course_notices.send_due_reminders(s, config=config, now=START - timedelta(hours=2)) == 0
        origins = sorted(o or "" for o in (await s.execute(select(Broadcast.origin))).scalars())
    assert [o.split(":")[2] for o in origins] == ["docs", "nonresp", "start"]


async def test_the_export_lists_participants_first_with_their_answers(
    sessionmaker: SM, config: Config
) -> None:
    event_id = await setup(sessionmaker, config, capacity=1)
    async with sessionmaker.begin() as s:
        await ex.express_interest(s, who(3), event_id, now=NOW)
    await join(sessionmaker, config, 1, event_id)
    await join(sessionmaker, config, 2, event_id)
    async with sessionmaker.begin() as s:
        found = await export.responses(s, ADMIN, config, event_id)
        with pytest.raises(NotAllowed):
            await export.responses(s, who(1), config, event_id)
        summary = await xa.summary(s, ADMIN, config, event_id)
    assert [(r[0], r[4], r[5]) for r in found.rows] == [
        ("عضو 1", "شرکت‌کننده", None), ("عضو 2", "فهرست انتظار", 1), ("عضو 3", "علاقه‌مند", None)
    ]  # fmt: skip
    assert found.rows[0][6] == "۲ نفر" and found.rows[0][1] == "09120000001"
    assert (summary.counts["registered"], summary.counts["waitlisted"], summary.counts["interested"]) == (
        1,
        1,
        1,
    )
    assert export.to_csv(found).startswith("\ufeff".encode()) and export.to_xlsx(found)[:2] == b"PK"
    async with sessionmaker() as s:
        digest = await rem.upcoming_exhibitions(s, START - timedelta(days=1), START + timedelta(days=1))
    assert [(d.title, d.kind) for d in digest] == [("تور هلند", "tour")]


async def _members_of(s: AsyncSession, origin_prefix: str) -> list[str]:
    rows = (await s.execute(select(Broadcast).where(Broadcast.origin.like(f"{origin_prefix}%")))).scalars()
    return [m for b in rows for m in b.segment["members"]]


async def test_an_item_announced_late_is_not_reminded_within_the_gap(
    sessionmaker: SM, config: Config
) -> None:
    """Announced 30 h before its deadline: no «⏳ یادآوری» right behind the announcement, one 24 h later."""
    announced = DEADLINE - timedelta(hours=30)
    async with sessionmaker.begin() as s:
        for uid in (1, 2):
            await add_member(s, uid, categories=("cut",))
        values = {"trip_kind": "tour", "title": "تور کیش", "city": "کیش", "country": "ایران",
                  "starts_at": START, "registration_deadline": DEADLINE, "segment": {}}  # fmt: skip
        event = await xa.create_draft(s, ADMIN, config, values, now=announced)
        change = await xa.publish(s, ADMIN, config, event.id, announce=True, now=announced)
        assert change.told == 2
    for later in (timedelta(seconds=1), timedelta(hours=23, minutes=59)):
        async with sessionmaker.begin() as s:
            assert await rem.send_exhibition_reminders(s, config=config, now=announced + later) == 0
    async with sessionmaker.begin() as s:
        assert await rem.send_exhibition_reminders(s, config=config, now=announced + timedelta(hours=24)) == 1
        assert sorted(await _members_of(s, f"exh:{event.id}:nonresp")) == ["1", "2"]


async def test_a_reminder_due_at_night_goes_in_the_morning_to_whoever_has_not_answered_then(
    sessionmaker: SM, config: Config
) -> None:
    """Due at 23:00 (quiet hours): made at 07:00 — with the member who joined at 01:00, without the one who
    answered at 06:00."""
    event_id = await setup(sessionmaker, config, segment={"categories": ["cut"]})
    deadline = datetime(2027, 1, 5, 23, 0, tzinfo=TEHRAN)
    async with sessionmaker.begin() as s:
        event, _ = await xa.load(s, ADMIN, config, event_id, states=xa.LIVE)
        event.registration_deadline = deadline
    night = deadline - timedelta(hours=config.exhibitions.nonresponder_hours)  # 23:00, two nights before
    async with sessionmaker.begin() as s:
        assert await rem.send_exhibition_reminders(s, config=config, now=night + timedelta(minutes=30)) == 0
        await add_member(s, 5, categories=("cut",))  # registers at 01:00
    async with sessionmaker.begin() as s:
        await ex.express_interest(s, who(3), event_id, now=night + timedelta(hours=7))  # answers at 06:00
    morning = night + timedelta(hours=8, minutes=1)  # 07:01
    async with sessionmaker.begin() as s:
        assert await rem.send_exhibition_reminders(s, config=config, now=morning) == 1
        assert sorted(await _members_of(s, f"exh:{event_id}:nonresp")) == ["1", "2", "5"]


def test_reminder_offsets_come_from_config(tmp_path: Path) -> None:
    text = DEFAULT_CONFIG_PATH.read_text(encoding="utf-8")
    (tmp_path / "k.toml").write_text(
        text.replace("nonresponder_hours = 48", "nonresponder_hours = 36").replace(
            "reminder_gap_hours = 24", "reminder_gap_hours = 6"
        ),
        encoding="utf-8",
    )
    config = load_config(tmp_path / "k.toml", env={})
    assert (config.exhibitions.nonresponder_hours, config.exhibitions.reminder_gap_hours) == (36, 6)


async def test_my_items_list_what_the_member_withdrew_from_or_the_cda_cancelled(
    sessionmaker: SM, config: Config
) -> None:
    """«ثبت‌نام‌های من» after withdrawing says what the member had, not «never answered»."""
    tour = await setup(sessionmaker, config, capacity=5)
    await join(sessionmaker, config, 1, tour)
    async with sessionmaker.begin() as s:
        event = await xa.create_draft(
            s, ADMIN, config, {"trip_kind": "domestic", "title": "نمایشگاه تهران", "city": "تهران",
                               "starts_at": START + timedelta(days=3), "segment": {}}, now=NOW,
        )  # fmt: skip
        await xa.publish(s, ADMIN, config, event.id, announce=False, now=NOW)
        other = event.id
    async with sessionmaker.begin() as s:
        await ex.express_interest(s, who(1), other, now=NOW)
    async with sessionmaker() as s:
        mine = await ex.mine(s, who(1), now=NOW)
    assert [(v.event.id, v.ended) for v in mine] == [(tour, None), (other, None)]
    async with sessionmaker.begin() as s:
        await ex.leave(s, who(1), config, tour, now=NOW)
        await xa.cancel(s, ADMIN, config, other, now=NOW)
    async with sessionmaker() as s:
        mine = await ex.mine(s, who(1), now=NOW)
        assert await ex.mine(s, who(2), now=NOW) == []
    assert [(v.event.id, v.ended) for v in mine] == [(tour, "withdrawn"), (other, "event_cancelled")]
