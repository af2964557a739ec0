"""How the members feature's notices read: the one-time code that links an account on another messenger."""

from __future__ import annotations

from bot import texts
from bot.config import Config
from bot.persian import to_persian_digits
from bot.services.common.notify import Message, renders
from bot.services.members.linking import LinkCode
from handlers.members.render import messenger_name


@renders(LinkCode)
def link_code(notice: LinkCode, config: Config) -> Message:
    new = messenger_name(notice.new_platform)
    return Message(texts.LINK_CODE_NOTICE.format(code=to_persian_digits(notice.code), new=new))
