"""The Bot API emulator against the real python-telegram-bot Application and over raw HTTP."""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator
from typing import Any

import aiohttp
import pytest
from telegram import (
    BotCommand,
    BotCommandScopeChat,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    KeyboardButton,
    ReplyKeyboardMarkup,
    Update,
)
from telegram.error import BadRequest, Forbidden
from telegram.ext import (
    Application,
    CallbackQueryHandler,
    CommandHandler,
    ContextTypes,
    MessageHandler,
    filters,
)

from bot.emulator import BotApiEmulator

Ctx = ContextTypes.DEFAULT_TYPE


# -- a tiny bot ------------------------------------------------------------------------------------
async def on_start(update: Update, context: Ctx) -> None:
    assert update.message is not None
    keyboard = ReplyKeyboardMarkup([[KeyboardButton("شماره", request_contact=True)]])
    await update.message.reply_text(f"start:{' '.join(context.args or [])}", reply_markup=keyboard)


async def on_menu(update: Update, context: Ctx) -> None:
    assert update.message is not None
    markup = InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton("گزینه یک", callback_data="opt:1"),
                InlineKeyboardButton("Two", callback_data="opt:2"),
            ]
        ]
    )
    await update.message.reply_text("<b>choose</b> &lt;one&gt;", parse_mode="HTML", reply_markup=markup)


async def on_press(update: Update, context: Ctx) -> None:
    query = update.callback_query
    assert query is not None
    await query.answer(f"ok {query.data}")
    await query.edit_message_text(f"chose {query.data}")


async def on_contact(update: Update, context: Ctx) -> None:
    assert update.message is not None and update.message.contact is not None
    contact = update.message.contact
    own = update.effective_user is not None and contact.user_id == update.effective_user.id
    await update.message.reply_text(f"contact {contact.phone_number} own={own}")


async def on_export(update: Update, context: Ctx) -> None:
    assert update.message is not None
    await update.message.reply_document(document=b"id,name\n1,Ali\n", filename="report.csv")


async def on_text(update: Update, context: Ctx) -> None:
    assert update.message is not None and update.message.text is not None
    await update.message.reply_text(f"echo: {update.message.text}")


@pytest.fixture
async def emu() -> AsyncIterator[BotApiEmulator]:
    async with BotApiEmulator() as emulator:
        yield emulator


@pytest.fixture
async def app(emu: BotApiEmulator) -> AsyncIterator[Application[Any, Any, Any, Any, Any, Any]]:
    application = (
        Application.builder().token(emu.token).base_url(emu.base_url).base_file_url(emu.base_file_url).build()
    )
    application.add_handler(CommandHandler("start", on_start))
    application.add_handler(CommandHandler("menu", on_menu))
    application.add_handler(CommandHandler("export", on_export))
    application.add_handler(CallbackQueryHandler(on_press))
    application.add_handler(MessageHandler(filters.CONTACT, on_contact))
    application.add_handler(MessageHandler(filters.TEXT & ~filters.COMMAND, on_text))
    await application.initialize()
    await application.start()
    assert application.updater is not None
    await application.updater.start_polling(poll_interval=0.0, timeout=1)
    yield application
    await application.updater.stop()
    await application.stop()
    await application.shutdown()


async def call(emu: BotApiEmulator, method: str, **params: Any) -> tuple[int, dict[str, Any]]:
    async with (
        aiohttp.ClientSession() as session,
        session.post(f"{emu.base_url}{emu.token}/{method}", json=params) as resp,
    ):
        return resp.status, await resp.json()


# -- through the real PTB Application ----------------------------------------------------------------
async def test_text_echo_round_trip(emu: BotApiEmulator, app: Any) -> None:
    user = emu.user(1001, first_name="علی")
    await user.send_text("سلام")
    reply = await user.next_message()
    assert reply.text == "echo: سلام"
    assert reply.chat_id == 1001 and reply.kind == "text" and not reply.edited
    assert emu.calls_to("getMe") and emu.calls_to("sendMessage")[-1].chat_id == 1001


async def test_command_with_payload_and_reply_keyboard(emu: BotApiEmulator, app: Any) -> None:
    user = emu.user(1002)
    await user.send_command("/start course_5")
    reply = await user.next_message()
    assert reply.text == "start:course_5"
    assert reply.reply_keyboard == [["شماره"]]
    assert not reply.removes_keyboard


async def test_inline_press_edits_message_and_records_answer(emu: BotApiEmulator, app: Any) -> None:
    user = emu.user(1003)
    await user.send_command("/menu")
    menu = await user.next_message()
    assert menu.text == "<b>choose</b> &lt;one&gt;"
    assert menu.plain_text == "choose <one>"
    assert menu.button_texts == ["گزینه یک", "Two"]
    await user.press("Tw")  # substring match
    edited = await user.next_message()
    assert edited.edited and edited.message_id == menu.message_id
    assert edited.text == "chose opt:2" and edited.inline_buttons == []
    assert [m.text for m in user.messages] == ["chose opt:2"]
    assert user.callback_answers[0]["text"] == "ok opt:2"
    assert user.callback_answers[0]["show_alert"] is False


async def test_press_unknown_button_lists_available(emu: BotApiEmulator, app: Any) -> None:
    user = emu.user(1004)
    await user.send_command("/menu")
    await user.next_message()
    with pytest.raises(AssertionError, match="Two"):
        await user.press("Three")


async def test_forged_press_reaches_bot(emu: BotApiEmulator, app: Any) -> None:
    user = emu.user(1005)
    await user.send_command("/menu")
    menu = await user.next_message()
    await user.press_raw(menu.message_id, "admin:delete_all")
    edited = await user.next_message()
    assert edited.text == "chose admin:delete_all"


async def test_contact_share_own_and_foreign(emu: BotApiEmulator, app: Any) -> None:
    user = emu.user(1006, first_name="Sara")
    await user.share_contact("+989121234567")
    assert (await user.next_message()).text == "contact +989121234567 own=True"
    await user.share_contact("+989120000000", contact_user_id=42)
    assert (await user.next_message()).text == "contact +989120000000 own=False"


async def test_send_document_bytes_readable(emu: BotApiEmulator, app: Any) -> None:
    user = emu.user(1007)
    await user.send_command("/export")
    doc = await user.next_message()
    assert doc.kind == "document" and doc.file_name == "report.csv"
    assert doc.document_bytes == b"id,name\n1,Ali\n"
    assert doc.file_id is not None
    tg_file = await app.bot.get_file(doc.file_id)
    assert bytes(await tg_file.download_as_bytearray()) == b"id,name\n1,Ali\n"


async def test_set_my_commands_per_scope(emu: BotApiEmulator, app: Any) -> None:
    emu.user(1008)
    await app.bot.set_my_commands([BotCommand("start", "شروع")])
    await app.bot.set_my_commands([BotCommand("admin", "مدیریت")], scope=BotCommandScopeChat(1008))
    assert emu.commands_for(scope_type="default") == [("start", "شروع")]
    assert emu.commands_for(scope_type="chat", chat_id=1008) == [("admin", "مدیریت")]
    fetched = await app.bot.get_my_commands(scope=BotCommandScopeChat(1008))
    assert [c.command for c in fetched] == ["admin"]


async def test_ptb_sees_forbidden_and_bad_request(emu: BotApiEmulator, app: Any) -> None:
    emu.user(1009)
    emu.block_user(1009)
    with pytest.raises(Forbidden, match="blocked"):
        await app.bot.send_message(1009, "hi")
    with pytest.raises(BadRequest, match=r"(?i)chat not found"):
        await app.bot.send_message(555, "hi")
    assert emu.stats.forbidden == 1 and emu.sent_to(1009) == []


async def test_expect_collects_and_expect_nothing(emu: BotApiEmulator, app: Any) -> None:
    user = emu.user(1010)
    await user.send_text("a")
    await user.send_text("b")
    got = await user.expect(2)
    assert sorted(m.text or "" for m in got) == ["echo: a", "echo: b"]
    await user.expect_nothing(wait=0.1)
    await user.send_text("c")
    with pytest.raises(AssertionError, match="echo: c"):
        await user.expect_nothing(wait=1.0)


# -- raw HTTP ----------------------------------------------------------------------------------
async def test_unauthorized_and_unknown_method(emu: BotApiEmulator) -> None:
    async with aiohttp.ClientSession() as session:
        async with session.post(f"{emu.base_url}1:WRONG/getMe") as resp:
            assert resp.status == 401
            assert (await resp.json())["description"] == "Unauthorized"
        async with session.get(f"{emu.base_url}{emu.token}/noSuchMethod") as resp:
            assert resp.status == 404
    status, body = await call(emu, "GETME")  # method names are case-insensitive
    assert status == 200 and body["result"]["username"] == "khooshe_test_bot"
    assert [c.status for c in emu.calls] == [401, 404, 200]


async def test_get_updates_offset_semantics(emu: BotApiEmulator) -> None:
    user = emu.user(2001)
    await user.send_text("one")
    await user.send_text("two")
    _, body = await call(emu, "getUpdates")
    first, second = body["result"]
    assert first["message"]["text"] == "one" and second["update_id"] == first["update_id"] + 1
    _, body = await call(emu, "getUpdates", offset=second["update_id"])
    assert [u["update_id"] for u in body["result"]] == [second["update_id"]]
    _, body = await call(emu, "getUpdates", offset=second["update_id"] + 1)
    assert body["result"] == [] and emu.pending_updates == 0


async def test_long_poll_wakes_promptly(emu: BotApiEmulator) -> None:
    user = emu.user(2002)
    poll = asyncio.create_task(call(emu, "getUpdates", timeout=10))
    await asyncio.sleep(0.1)
    assert not poll.done()
    started = time.monotonic()
    await user.send_text("wake")
    _, body = await asyncio.wait_for(poll, 2)
    assert time.monotonic() - started < 0.5
    assert body["result"][0]["message"]["text"] == "wake"


async def test_per_chat_rate_limit(emu: BotApiEmulator) -> None:
    emu.user(2003)
    emu.set_rate_limits(global_per_second=None, per_chat_per_second=1.0, retry_after=3)
    status, _ = await call(emu, "sendMessage", chat_id=2003, text="first")
    assert status == 200
    status, body = await call(emu, "sendMessage", chat_id=2003, text="second")
    assert status == 429
    assert body["parameters"] == {"retry_after": 3}
    assert body["description"] == "Too Many Requests: retry after 3"
    assert [m.text for m in emu.sent_to(2003)] == ["first"] and emu.stats.rate_limited == 1
    emu.set_rate_limits(None, None)
    assert (await call(emu, "sendMessage", chat_id=2003, text="third"))[0] == 200


async def test_blocked_and_deactivated(emu: BotApiEmulator) -> None:
    emu.user(2004)
    emu.user(2005)
    emu.block_user(2004)
    emu.deactivate_user(2005)
    status, body = await call(emu, "sendMessage", chat_id=2004, text="x")
    assert status == 403 and body["description"] == "Forbidden: bot was blocked by the user"
    status, body = await call(emu, "sendMessage", chat_id=2005, text="x")
    assert status == 403 and body["description"] == "Forbidden: user is deactivated"
    emu.unblock_user(2004)
    assert (await call(emu, "sendMessage", chat_id=2004, text="x"))[0] == 200


async def test_validation_errors(emu: BotApiEmulator) -> None:
    emu.user(2006)
    emu.add_channel(-100123)
    cases: list[tuple[dict[str, Any], str]] = [
        ({"chat_id": 999, "text": "x"}, "Bad Request: chat not found"),
        ({"chat_id": 2006, "text": ""}, "Bad Request: message text is empty"),
        ({"chat_id": 2006, "text": "x" * 4097}, "Bad Request: message is too long"),
        ({"chat_id": 2006, "text": "<b>x", "parse_mode": "HTML"}, "Bad Request: can't parse entities"),
        ({"chat_id": 2006, "text": "<b>x</i>", "parse_mode": "HTML"}, "Bad Request: can't parse entities"),
        ({"chat_id": 2006, "text": "a<br>b", "parse_mode": "HTML"}, "Bad Request: can't parse entities"),
        (
            {
                "chat_id": 2006,
                "text": "x",
                "reply_markup": {"inline_keyboard": [[{"text": "b", "callback_data": "d" * 65}]]},
            },
            "Bad Request: BUTTON_DATA_INVALID",
        ),
    ]
    for params, description in cases:
        status, body = await call(emu, "sendMessage", **params)
        assert status == 400, params
        assert body["description"].startswith(description), body
    status, _ = await call(emu, "sendMessage", chat_id=-100123, text="<i>ok</i>", parse_mode="HTML")
    assert status == 200 and emu.sent_to(-100123)[0].plain_text == "ok"
    assert emu.sent_to(2006) == []


async def test_length_limits_count_utf16_units_of_the_parsed_text(emu: BotApiEmulator) -> None:
    """Like Telegram: 4096 / 1024 UTF-16 code units after entity parsing (tags free, emoji two units)."""
    emu.user(2010)
    too_long = "Bad Request: message is too long"
    status, body = await call(emu, "sendMessage", chat_id=2010, text="🌷" * 2049)  # 2049 chars, 4098 units
    assert status == 400 and body["description"] == too_long
    assert (await call(emu, "sendMessage", chat_id=2010, text="🌷" * 2048))[0] == 200
    tagged = "<b>" + "گ" * 4096 + "</b>"  # 4103 characters sent, 4096 shown
    assert (await call(emu, "sendMessage", chat_id=2010, text=tagged, parse_mode="HTML"))[0] == 200
    _, body = await call(emu, "sendMessage", chat_id=2010, text="x")
    message_id = body["result"]["message_id"]
    status, body = await call(
        emu, "editMessageText", chat_id=2010, message_id=message_id, text="&amp;" * 4097, parse_mode="HTML"
    )
    assert status == 400 and body["description"] == too_long
    status, body = await call(emu, "sendPhoto", chat_id=2010, photo="AgAD-fake", caption="🌷" * 513)
    assert status == 400 and body["description"] == "Bad Request: message caption is too long"
    assert len(emu.sent_to(2010)) == 3


async def test_edit_not_modified(emu: BotApiEmulator) -> None:
    emu.user(2007)
    _, body = await call(emu, "sendMessage", chat_id=2007, text="same")
    message_id = body["result"]["message_id"]
    status, body = await call(emu, "editMessageText", chat_id=2007, message_id=message_id, text="same")
    assert status == 400 and "message is not modified" in body["description"]
    status, body = await call(emu, "editMessageText", chat_id=2007, message_id=message_id, text="new")
    assert status == 200 and body["result"]["text"] == "new"


async def test_injected_server_error_then_recovery(emu: BotApiEmulator) -> None:
    emu.user(2008)
    emu.inject_failure("sendMessage", kind="server_error", count=1)
    status, body = await call(emu, "sendMessage", chat_id=2008, text="x")
    assert status == 502 and body == {"ok": False, "error_code": 502, "description": "Bad Gateway"}
    assert (await call(emu, "sendMessage", chat_id=2008, text="x"))[0] == 200
    assert emu.stats.failures_injected == 1 and emu.stats.sent == {"sendMessage": 1}


async def test_stop_returns_quickly_during_long_poll() -> None:
    emu = BotApiEmulator()
    await emu.start()
    poll = asyncio.create_task(call(emu, "getUpdates", timeout=30))
    await asyncio.sleep(0.1)
    started = time.monotonic()
    await emu.stop()
    assert time.monotonic() - started < 1.0
    status, body = await asyncio.wait_for(poll, 2)
    assert status == 200 and body["result"] == []


async def test_http_driver(emu: BotApiEmulator) -> None:
    async with aiohttp.ClientSession() as session:
        async with session.post(f"{emu.url}/_driver/users/3001/text", json={"text": "/start x"}) as resp:
            assert resp.status == 200
            sent = (await resp.json())["result"]
        assert sent["entities"][0]["type"] == "bot_command"
        await call(emu, "sendMessage", chat_id=3001, text="hello")
        async with session.get(f"{emu.url}/_driver/users/3001/messages", params={"after": "1"}) as resp:
            events = (await resp.json())["result"]["events"]
        assert [(e["from_bot"], e["message"]["text"]) for e in events] == [(True, "hello")]
        async with session.post(f"{emu.url}/_driver/realism", json={"blocked_user_ids": [3001]}) as resp:
            assert (await resp.json())["result"]["blocked_user_ids"] == [3001]
    assert (await call(emu, "sendMessage", chat_id=3001, text="x"))[0] == 403


async def test_ptb_photo_copy_forward_and_get_chat(emu: BotApiEmulator, app: Any) -> None:
    user = emu.user(1011, first_name="Reza", username="reza")
    emu.add_channel(-100777, title="Archive")
    chat = await app.bot.get_chat(1011)
    assert chat.first_name == "Reza" and chat.username == "reza"
    sent = await app.bot.send_photo(1011, photo=b"\x89PNG fake", caption="<b>pic</b>", parse_mode="HTML")
    assert sent.caption == "pic" and sent.caption_entities[0].type == "bold" and len(sent.photo) == 2
    copy_id = await app.bot.copy_message(-100777, from_chat_id=1011, message_id=sent.message_id)
    copied = emu.sent_to(-100777)[-1]
    assert copied.message_id == copy_id.message_id and copied.kind == "photo"
    assert copied.document_bytes == b"\x89PNG fake"
    user_msg = await user.send_text("forward me")
    forwarded = await app.bot.forward_message(-100777, from_chat_id=1011, message_id=user_msg["message_id"])
    assert forwarded.forward_origin is not None and forwarded.text == "forward me"
    assert emu.sent_to(-100777)[-1].forwarded_from_chat_id == 1011


async def test_injected_timeout_holds_then_fails(emu: BotApiEmulator) -> None:
    emu.user(2009)
    emu.timeout_hold = 0.2
    emu.inject_failure(kind="timeout", chat_id=2009)
    started = time.monotonic()
    status, _ = await call(emu, "sendMessage", chat_id=2009, text="x")
    assert status == 502 and time.monotonic() - started >= 0.2
    emu.inject_failure("editMessageText", kind="bad_entities")
    _, body = await call(emu, "sendMessage", chat_id=2009, text="y")
    status, body = await call(
        emu, "editMessageText", chat_id=2009, message_id=body["result"]["message_id"], text="z"
    )
    assert status == 400 and body["description"].startswith("Bad Request: can't parse entities")
    assert emu.stats.failures_injected == 2


async def test_delete_and_edit_markup(emu: BotApiEmulator) -> None:
    user = emu.user(2010)
    markup = {"inline_keyboard": [[{"text": "A", "callback_data": "a"}]]}
    _, body = await call(emu, "sendMessage", chat_id=2010, text="keep", reply_markup=markup)
    keep_id = body["result"]["message_id"]
    assert body["result"]["reply_markup"] == markup
    _, body = await call(emu, "sendMessage", chat_id=2010, text="gone")
    assert (await call(emu, "deleteMessage", chat_id=2010, message_id=body["result"]["message_id"]))[0] == 200
    status, _ = await call(emu, "editMessageReplyMarkup", chat_id=2010, message_id=keep_id)
    assert status == 200
    assert [(m.text, m.button_texts, m.edited) for m in user.messages] == [("keep", [], True)]
    events = await user.expect(3, settle=0)
    assert [e.text for e in events] == ["keep", "gone", "keep"]
