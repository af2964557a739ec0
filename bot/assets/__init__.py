"""Files shipped with the bot: fonts for chart images (Vazirmatn, SIL Open Font License)."""
