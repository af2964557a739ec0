"""Renderings of reports that both the chat and the web dashboard show (Persian copy allowed here)."""
