"""The local sandbox: the real bot on the Bot API emulator, a seeded demo and a browser chat.

`khooshe sandbox` (or `make run` without BOT_TOKEN) starts it; see runner.py, seed.py, web.py and
static/ (plain HTML/CSS/JS and the Vazirmatn font, OFL; nothing is fetched from the internet).
"""
