"""The audit log as admins read it: latest entries, one object's history, the .xlsx (recording: common)."""
