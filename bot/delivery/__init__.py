"""The delivery engine: sends broadcasts from the database through the pacer (Telegram-aware side)."""
