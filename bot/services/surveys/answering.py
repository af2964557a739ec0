"""Members answering a survey, one question at a time; the resume point lives in SurveyResponse.

Every press names the survey and the question it was shown for; it is refused (and changes
nothing) unless the survey is open and that question is the member's current one, so presses on
old messages, doubled taps and forged data are harmless. Typed answers (number, text) arrive while
the member's conversation state is flow `survey`, which only routes messages here: the survey
state itself is the response row, so a restart loses nothing.

A completed response can be reopened until the survey closes; it stays `completed` (and counted)
while the member walks through it again, and is completed anew at the end.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import delete, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from bot.callbacks import parse_small
from bot.services.common import segments
from bot.services.common.conversations import clear_state, leave_flows, start_flow, state_in
from bot.services.common.errors import InvalidInput, NotRegistered, StaleAction
from bot.services.members.accounts import Identity, find_account
from bot.services.surveys import logic
from bot.services.surveys.definition import CHOICE_TYPES, Question, questions_of
from models import Member, Survey, SurveyAnswer, SurveyResponse
from models.enums import SurveyResponseStatus, SurveyStatus

FLOW = "survey"
DEEP_LINK = "survey"  # ?start=survey_<id> starts or continues it (handlers/surveys/member.py)


class SurveyClosed(StaleAction):
    code = "survey_closed"


@dataclass
class Step:
    """What the member sees next: a question with its position, or the end (question None)."""

    survey: Survey
    response: SurveyResponse
    question: Question | None
    answer: logic.Answer | None = None  # the current answer to `question`, if any
    progress: logic.Progress = field(default_factory=lambda: logic.Progress(0, 0, exact=True))
    can_back: bool = False
    finished: bool = False  # this update completed the response
    already_done: bool = False  # «شروع» on a completed response: offer to edit
    answered: Question | None = None  # the question this update answered, and its stored answer
    answered_with: logic.Answer | None = None

    @property
    def position(self) -> int:
        return self.progress.position

    @property
    def total(self) -> int:
        """At most this many questions in all (exactly, when `progress.exact`)."""
        return self.progress.total


def is_open(survey: Survey, now: datetime) -> bool:
    return survey.status == SurveyStatus.OPEN and (survey.closes_at is None or survey.closes_at > now)


async def in_segment(session: AsyncSession, member_id: int, segment: dict[str, list[str]]) -> bool:
    """Whether the member belongs to a survey's audience (`{}`: every member)."""
    conditions = [segments.FILTERS[dim](keys) for dim, keys in segments.clean_segment(segment).items()]
    stmt = select(Member.id).where(Member.id == member_id, *conditions)
    return (await session.execute(stmt)).first() is not None


async def member_of(session: AsyncSession, who: Identity) -> Member:
    account = await find_account(session, who)
    if account is None or account.member is None:
        raise NotRegistered()
    return account.member


async def load_answers(session: AsyncSession, response_id: int) -> logic.Answers:
    rows = (
        (await session.execute(select(SurveyAnswer).where(SurveyAnswer.response_id == response_id)))
        .scalars()
        .all()
    )
    answers: logic.Answers = {}
    for row in sorted(rows, key=lambda r: r.id):
        if row.choice is not None:
            chosen = answers.setdefault(row.question, [])
            if isinstance(chosen, list):
                chosen.append(row.choice)
        elif row.number is not None:
            answers[row.question] = row.number
        elif row.text is not None:
            answers[row.question] = row.text
    return answers


async def _open_survey(session: AsyncSession, survey_id: int, now: datetime) -> Survey:
    survey = await session.get(Survey, survey_id, populate_existing=True)
    if survey is None or survey.status in (SurveyStatus.DRAFT, SurveyStatus.SCHEDULED):
        raise StaleAction()
    if not is_open(survey, now):
        raise SurveyClosed()
    return survey


async def _response(session: AsyncSession, survey_id: int, member_id: int) -> SurveyResponse | None:
    stmt = select(SurveyResponse).where(
        SurveyResponse.survey_id == survey_id, SurveyResponse.member_id == member_id
    )
    return (await session.execute(stmt)).scalar_one_or_none()


async def step_of(
    session: AsyncSession,
    survey: Survey,
    response: SurveyResponse,
    *,
    finished: bool = False,
    already_done: bool = False,
) -> Step:
    questions = questions_of(survey.definition)
    question = next((q for q in questions if q.key == response.current), None)
    if question is None:
        return Step(survey, response, None, finished=finished, already_done=already_done)
    answers = await load_answers(session, response.id)
    return Step(
        survey,
        response,
        question,
        answers.get(question.key),
        logic.progress(questions, answers, question.key),
        can_back=bool(response.history),
        finished=finished,
        already_done=already_done,
    )


async def _enter_flow(session: AsyncSession, who: Identity, survey_id: int, now: datetime) -> None:
    account = await find_account(session, who)
    if account is not None:
        await start_flow(
            session, account.id, flow=FLOW, step="answer", data={"survey_id": survey_id}, now=now
        )


async def _leave_flow(session: AsyncSession, who: Identity) -> None:
    await leave_flows(session, who, (FLOW,))


async def start(session: AsyncSession, who: Identity, survey_id: int, *, now: datetime) -> Step:
    """«شروع» (invitation, reminder, list, deep link): begin, or continue exactly where they left off."""
    member = await member_of(session, who)
    survey = await _open_survey(session, survey_id, now)
    response = await _response(session, survey.id, member.id)
    if response is None:
        if not await in_segment(session, member.id, survey.segment or {}):
            raise InvalidInput("survey_not_for_you")
        questions = questions_of(survey.definition)
        first = logic.first(questions, {})
        assert first is not None  # a definition has at least one unconditional question
        response = SurveyResponse(
            survey_id=survey.id,
            member_id=member.id,
            status=SurveyResponseStatus.IN_PROGRESS,
            current=first.key,
            history=[],
            started_at=now,
            updated_at=now,
        )
        try:
            async with session.begin_nested():
                session.add(response)
        except IntegrityError:  # a double tap created it a moment ago
            response = await _response(session, survey.id, member.id)
            assert response is not None
    if response.current is None:
        return await step_of(session, survey, response, already_done=True)
    await _enter_flow(session, who, survey.id, now)
    return await step_of(session, survey, response)


async def reopen(session: AsyncSession, who: Identity, survey_id: int, *, now: datetime) -> Step:
    """«ویرایش پاسخ‌ها» on a completed response: walk through it again from the first question."""
    member = await member_of(session, who)
    survey = await _open_survey(session, survey_id, now)
    response = await _response(session, survey.id, member.id)
    if response is None or response.current is not None:
        raise StaleAction()
    answers = await load_answers(session, response.id)
    first = logic.first(questions_of(survey.definition), answers)
    assert first is not None
    response.current, response.history, response.updated_at = first.key, [], now
    await _enter_flow(session, who, survey.id, now)
    return await step_of(session, survey, response)


async def _at(
    session: AsyncSession, who: Identity, survey_id: int, key: str, now: datetime
) -> tuple[Survey, SurveyResponse, Question]:
    """The survey, response and question for a press; refused unless `key` is the current question."""
    member = await member_of(session, who)
    survey = await _open_survey(session, survey_id, now)
    response = await _response(session, survey.id, member.id)
    if response is None or response.current is None or response.current != key:
        raise StaleAction()
    question = next((q for q in questions_of(survey.definition) if q.key == key), None)
    if question is None:
        raise StaleAction()
    return survey, response, question


async def _replace(
    session: AsyncSession, response: SurveyResponse, question: str, rows: list[SurveyAnswer]
) -> None:
    await session.execute(
        delete(SurveyAnswer).where(SurveyAnswer.response_id == response.id, SurveyAnswer.question == question)
    )
    for row in rows:
        row.response_id, row.survey_id, row.question = response.id, response.survey_id, question
        session.add(row)
    await session.flush()


async def _advance(
    session: AsyncSession, who: Identity, survey: Survey, response: SurveyResponse, now: datetime
) -> Step:
    """Drop answers that no longer apply, then move to the next question that applies (or finish)."""
    questions = questions_of(survey.definition)
    answers = await load_answers(session, response.id)
    gone = logic.dropped(questions, answers)
    if gone:
        await session.execute(
            delete(SurveyAnswer).where(
                SurveyAnswer.response_id == response.id, SurveyAnswer.question.in_(gone)
            )
        )
        for key in gone:
            answers.pop(key, None)
    assert response.current is not None
    answered = next(q for q in questions if q.key == response.current)
    nxt = logic.next_after(questions, answers, response.current)
    response.history = [*response.history, response.current]
    response.updated_at = now
    if nxt is not None:
        response.current = nxt.key
        step = await step_of(session, survey, response)
    else:
        response.current, response.history = None, []
        response.status, response.completed_at = SurveyResponseStatus.COMPLETED, now
        await _leave_flow(session, who)
        step = await step_of(session, survey, response, finished=True)
    step.answered, step.answered_with = answered, answers.get(answered.key)
    return step


async def choose(
    session: AsyncSession, who: Identity, survey_id: int, key: str, choice: str, *, now: datetime
) -> Step:
    """One tap on a single-choice or yes/no question."""
    survey, response, question = await _at(session, who, survey_id, key, now)
    if question.type not in ("single", "yesno") or choice not in {c.key for c in question.choices}:
        raise StaleAction()
    await _replace(session, response, key, [SurveyAnswer(choice=choice, answered_at=now)])
    return await _advance(session, who, survey, response, now)


async def toggle(
    session: AsyncSession, who: Identity, survey_id: int, key: str, choice: str, *, now: datetime
) -> Step:
    """✅ on/off on a multiple-choice question (saved at once; «ثبت» moves on)."""
    survey, response, question = await _at(session, who, survey_id, key, now)
    if question.type != "multi" or choice not in {c.key for c in question.choices}:
        raise StaleAction()
    current = (await load_answers(session, response.id)).get(key)
    chosen = set(current) if isinstance(current, list) else set()
    chosen ^= {choice}
    order = [c.key for c in question.choices if c.key in chosen]
    await _replace(session, response, key, [SurveyAnswer(choice=c, answered_at=now) for c in order])
    response.updated_at = now
    return await step_of(session, survey, response)


async def submit(session: AsyncSession, who: Identity, survey_id: int, key: str, *, now: datetime) -> Step:
    """«ثبت» under a multiple-choice question; a required one needs at least one ✅."""
    survey, response, question = await _at(session, who, survey_id, key, now)
    if question.type != "multi":
        raise StaleAction()
    if question.required and not (await load_answers(session, response.id)).get(key):
        raise InvalidInput("choose_at_least_one")
    return await _advance(session, who, survey, response, now)


async def rate(
    session: AsyncSession, who: Identity, survey_id: int, key: str, value: str, *, now: datetime
) -> Step:
    survey, response, question = await _at(session, who, survey_id, key, now)
    score = parse_small(value, limit=max(logic.SCALE))  # from button data: `²` or 25 digits are forged
    if question.type != "scale" or score not in logic.SCALE:
        raise StaleAction()
    await _replace(session, response, key, [SurveyAnswer(number=float(score), answered_at=now)])
    return await _advance(session, who, survey, response, now)


async def typed(session: AsyncSession, who: Identity, text: str | None, *, now: datetime) -> Step:
    """A typed message while answering: the answer to a number or text question."""
    state = await state_in(session, who, (FLOW,))
    member = await member_of(session, who)
    response = await _response(session, int(state.data["survey_id"]), member.id)
    if response is None or response.current is None:
        await clear_state(session, state.account_id)
        raise StaleAction()
    survey, response, question = await _at(session, who, response.survey_id, response.current, now)
    if question.type in (*CHOICE_TYPES, "scale"):
        raise InvalidInput("use_buttons")
    if text is None:
        raise InvalidInput("text_only")
    if question.type == "number":
        row = SurveyAnswer(number=logic.read_number(question, text), answered_at=now)
    else:
        row = SurveyAnswer(text=logic.read_text(text), answered_at=now)
    await _replace(session, response, question.key, [row])
    return await _advance(session, who, survey, response, now)


async def skip(session: AsyncSession, who: Identity, survey_id: int, key: str, *, now: datetime) -> Step:
    """«رد شدن» under an optional question: its answer (if any) is removed."""
    survey, response, question = await _at(session, who, survey_id, key, now)
    if question.required:
        raise StaleAction()
    await _replace(session, response, key, [])
    return await _advance(session, who, survey, response, now)


async def keep(session: AsyncSession, who: Identity, survey_id: int, key: str, *, now: datetime) -> Step:
    """«بدون تغییر ←»: the question already has an answer (resuming or editing); move on."""
    survey, response, _ = await _at(session, who, survey_id, key, now)
    if key not in await load_answers(session, response.id):
        raise StaleAction()
    return await _advance(session, who, survey, response, now)


async def back(session: AsyncSession, who: Identity, survey_id: int, key: str, *, now: datetime) -> Step:
    """«بازگشت»: the previous question shown; its answer is kept until changed."""
    survey, response, _ = await _at(session, who, survey_id, key, now)
    if not response.history:
        raise StaleAction()
    *rest, previous = response.history
    response.current, response.history, response.updated_at = previous, rest, now
    await _enter_flow(session, who, survey.id, now)
    return await step_of(session, survey, response)


async def resume_point(session: AsyncSession, who: Identity, *, now: datetime) -> Step:
    """The member's current question (to show it again after a message it could not take)."""
    state = await state_in(session, who, (FLOW,))
    return await start(session, who, int(state.data["survey_id"]), now=now)


async def leave(session: AsyncSession, who: Identity) -> None:
    """The member went to the main menu: stop routing typed messages here (the answers stay)."""
    await _leave_flow(session, who)
