"""Tests import the bot runner from here; it lives in bot.local_run so benchmarks and the sandbox share it."""

from bot.local_run import BotUnderTest, running_bot

__all__ = ["BotUnderTest", "running_bot"]
