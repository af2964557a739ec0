"""One codec for callback data and deep-link payloads: both are typed by strangers.

Callback data is `prefix:action[:id][:arg…]`, short ASCII, at most 64 bytes (Telegram's limit).
Ids are accepted only as 1–10 ASCII digits no larger than a PostgreSQL `integer` holds; anything
else — `²`, Arabic-Indic digits, 25 digits, 2147483648, signs, spaces — is a stale press (`None`),
never an exception. Deep links are `<kind>_<id>` (`course_12`) and go through the same id parser.
Telegram-free: services, handlers and tests all use it.
"""

from __future__ import annotations

from dataclasses import dataclass

MAX_ID = 2_147_483_647  # the largest value of a PostgreSQL `integer` column (and SQLite's is larger)
MAX_CALLBACK_BYTES = 64
MAX_DEEP_LINK_CHARS = 64  # Telegram's limit on a /start payload
_ID_DIGITS = frozenset("0123456789")


def parse_id(raw: str | None, *, allow_zero: bool = False) -> int | None:
    """A database id from untrusted text: ASCII digits only, bounded; else None."""
    if not raw or len(raw) > 10 or not set(raw) <= _ID_DIGITS:
        return None
    value = int(raw)
    if value > MAX_ID or (value == 0 and not allow_zero):
        return None
    return value


def parse_small(raw: str | None, *, limit: int) -> int | None:
    """A small non-negative number (a page, an index, a score) from untrusted text; else None."""
    if not raw or len(raw) > 6 or not set(raw) <= _ID_DIGITS:
        return None
    value = int(raw)
    return value if value <= limit else None


def encode(prefix: str, action: str, *parts: object) -> str:
    """`prefix:action[:part…]`; raises ValueError past Telegram's 64 bytes or with a stray colon."""
    pieces = [prefix, action, *(str(p) for p in parts)]
    if any(":" in piece for piece in pieces[:2]):
        raise ValueError(f"callback prefix/action must not contain ':': {pieces[:2]}")
    data = ":".join(pieces)
    if len(data.encode()) > MAX_CALLBACK_BYTES:
        raise ValueError(f"callback data over {MAX_CALLBACK_BYTES} bytes: {data!r}")
    return data


@dataclass(frozen=True)
class Press:
    """A decoded button press: `action`, the object id (0 when the button carries none) and extra args."""

    action: str
    object_id: int = 0
    args: tuple[str, ...] = ()

    def arg(self, index: int = 0) -> str:
        return self.args[index] if index < len(self.args) else ""


def decode(data: str | None, prefix: str, *, with_id: bool = True, allow_zero: bool = True) -> Press | None:
    """Parse `prefix:action:id[:arg…]` (or `prefix:action[:arg…]` with with_id=False); None if stale."""
    if not data or len(data.encode()) > MAX_CALLBACK_BYTES or not data.isascii():
        return None
    parts = data.split(":")
    if len(parts) < 2 or parts[0] != prefix or not parts[1]:
        return None
    if not with_id:
        return Press(parts[1], 0, tuple(parts[2:]))
    if len(parts) < 3:
        return None
    object_id = parse_id(parts[2], allow_zero=allow_zero)
    if object_id is None:
        return None
    return Press(parts[1], object_id, tuple(parts[3:]))


@dataclass(frozen=True)
class DeepLink:
    kind: str
    object_id: int


def deep_link(kind: str, object_id: int) -> str:
    """The /start payload for an object: `course_12`."""
    return f"{kind}_{object_id}"


def parse_deep_link(payload: str | None, kinds: frozenset[str] | set[str] | None = None) -> DeepLink | None:
    """`course_12` -> DeepLink("course", 12); any other payload (a source tag, a forged id) -> None."""
    if not payload or len(payload) > MAX_DEEP_LINK_CHARS or "_" not in payload:
        return None
    kind, _, raw_id = payload.rpartition("_")
    if not kind or (kinds is not None and kind not in kinds):
        return None
    object_id = parse_id(raw_id)
    return DeepLink(kind, object_id) if object_id is not None else None
