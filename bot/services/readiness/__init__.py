"""The knowledge-based (دانش‌بنیان) readiness self-check: a shipped survey with scored answers."""
