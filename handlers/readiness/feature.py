"""The knowledge-based readiness self-check as the registry sees it: its `rdy:*` presses. The self-check
itself is a survey (created under «📝 نظرسنجی‌ها», answered like any survey); the surveys screens call
handlers/readiness/views.py for the member's summary and the CDA's distribution."""

from __future__ import annotations

from bot.features import Feature
from handlers.readiness import views

FEATURE = Feature(name="readiness", callbacks={"rdy": views.on_press})
