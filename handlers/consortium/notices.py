"""How the consortium feature's notices read: consortium invitations and introduction requests/answers."""

from __future__ import annotations

from bot.config import Config
from bot.persian import escape_fa
from bot.services.common.audience_message import compose
from bot.services.common.notify import Message, renders
from bot.services.consortium import cards
from bot.services.consortium.consortia import ConsortiumInvitation, ConsortiumMessage
from bot.services.consortium.introductions import IntroductionAnswered, IntroductionRequested
from bot.texts import consortia as t
from handlers.consortium.keyboards import CNS, MCH, cb


@renders(ConsortiumInvitation)
def invitation(notice: ConsortiumInvitation, config: Config) -> Message:
    text = t.CNS_INVITATION.format(
        name=escape_fa(notice.name),
        market=escape_fa(config.label_of("markets", notice.market)),
        focus=escape_fa(config.label_of("categories", notice.focus)),
    )
    return Message(
        text,
        [
            {"text": t.BTN_CNS_JOIN, "callback_data": cb(CNS, "yes", notice.consortium_id)},
            {"text": t.BTN_CNS_REFUSE, "callback_data": cb(CNS, "no", notice.consortium_id)},
        ],
    )


@renders(IntroductionRequested)
def introduction_requested(notice: IntroductionRequested, config: Config) -> Message:
    card = cards.business_card(notice.requester, notice.profile, config)
    return Message(
        t.MCH_REQUEST_RECEIVED.format(card=card),
        [
            {"text": t.BTN_MCH_ACCEPT, "callback_data": cb(MCH, "acc", notice.intro_id)},
            {"text": t.BTN_MCH_DECLINE, "callback_data": cb(MCH, "dec", notice.intro_id)},
        ],
    )


@renders(IntroductionAnswered)
def introduction_answered(notice: IntroductionAnswered, config: Config) -> Message:
    if notice.accepted:
        return Message(t.MCH_ACCEPTED_REQUESTER.format(contact=cards.contact_card(notice.target, config)))
    return Message(t.MCH_DECLINED_REQUESTER)


@renders(ConsortiumMessage)
def consortium_message(notice: ConsortiumMessage, config: Config) -> Message:
    return Message(compose(t.CNS_MESSAGE_HEAD.format(name=escape_fa(notice.name)), notice.text_html))
