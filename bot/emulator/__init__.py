"""In-process Telegram Bot API emulator for tests, benchmarks and a browser sandbox.

    async with BotApiEmulator() as emu:
        app = Application.builder().token(emu.token).base_url(emu.base_url) \
            .base_file_url(emu.base_file_url).build()
        user = emu.user(1001, first_name="علی")
        await user.send_command("/start")
        reply = await user.next_message()
"""

from bot.emulator.driver import EmuUser
from bot.emulator.emulator import BotApiEmulator
from bot.emulator.messages import EmuMessage
from bot.emulator.realism import EmuStats
from bot.emulator.server import ApiCall
from bot.emulator.state import ScopeKey

__all__ = ["ApiCall", "BotApiEmulator", "EmuMessage", "EmuStats", "EmuUser", "ScopeKey"]
