"""What a feature declares once (callbacks, flows, links, buttons, jobs, digest sources) and its tables.

Each handlers/<feature>/feature.py exports one `Feature`; handlers/registry.py lists them and the
composition root puts the resulting `FeatureSet` on BotData, where the router, /cancel, /start, the
menus and the scheduler look things up. Telegram-free: handlers are typed loosely as
`(update, context) -> awaitable`, so bot/ never imports telegram types or handlers/ from here.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Coroutine, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Protocol, TypeVar

from sqlalchemy.ext.asyncio import AsyncSession

from bot.config import Config
from bot.services.broadcasts.digest import DigestSource

Handler = Callable[[Any, Any], Coroutine[Any, Any, None]]  # (Update, KhoosheContext)
LinkOpener = Callable[[Any, Any, int], Coroutine[Any, Any, None]]  # (Update, KhoosheContext, object id)


class JobRun(Protocol):
    """A scheduled job: the service function the tick calls in its own transaction."""

    def __call__(self, session: AsyncSession, *, config: Config, now: datetime) -> Awaitable[object]: ...


@dataclass(frozen=True)
class Flow:
    """One conversation (a `conversation_states.flow` value) that takes free messages."""

    name: str
    on_message: Handler | None  # None: the members dialogue (router's fallback) answers
    cancel_text: str | None = None  # what /cancel says; None: the general «لغو شد»
    on_start: Handler | None = None  # what /start does inside it; None: keep it and show the menu


@dataclass(frozen=True)
class DeepLink:
    """A `/start <payload>` kind, e.g. `course_12`: parse returns the id or None."""

    parse: Callable[[str | None], int | None]
    open: LinkOpener
    after_registration: LinkOpener | None = None  # defaults to `open`
    in_flow: bool = False  # also opens while the member is in another conversation


@dataclass(frozen=True)
class MenuButton:
    text: str  # a reply-keyboard label of the member main menu
    open: Handler


@dataclass(frozen=True)
class AdminButton:
    action: str  # callback data `adm:<action>:`
    label: str
    open: Handler  # re-checks the caller's rights in its service


@dataclass(frozen=True)
class ScheduledJob:
    name: str
    run: JobRun


@dataclass(frozen=True)
class Feature:
    name: str
    callbacks: Mapping[str, Handler] = field(default_factory=dict)  # callback-data prefix -> handler
    commands: Mapping[str, Handler] = field(default_factory=dict)  # /command -> handler
    flows: Sequence[Flow] = ()
    deep_links: Sequence[DeepLink] = ()
    menu: Sequence[MenuButton] = ()
    admin: Sequence[AdminButton] = ()
    jobs: Sequence[ScheduledJob] = ()
    digest_sources: Sequence[DigestSource] = ()


K = TypeVar("K")
V = TypeVar("V")


def _unique(kind: str, pairs: Iterable[tuple[K, V]]) -> dict[K, V]:
    """A table in declaration order; two features claiming the same key is a wiring error."""
    table: dict[K, V] = {}
    for key, value in pairs:
        if key in table:
            raise ValueError(f"two features declare the {kind} {key!r}")
        table[key] = value
    return table


class FeatureSet:
    """The lookup tables every dispatcher reads, built once from the registry's list."""

    def __init__(self, features: Sequence[Feature]) -> None:
        self.features = tuple(features)
        fs = self.features
        self.callbacks = _unique("callback prefix", ((p, h) for f in fs for p, h in f.callbacks.items()))
        self.commands = _unique("command", ((c, h) for f in fs for c, h in f.commands.items()))
        self.flows = _unique("flow", ((flow.name, flow) for f in fs for flow in f.flows))
        self.menu = _unique("menu button", ((b.text, b.open) for f in fs for b in f.menu))
        self.admin = _unique("admin button", ((b.action, b) for f in fs for b in f.admin))
        self.deep_links = tuple(link for f in fs for link in f.deep_links)
        self.jobs = tuple(job for f in fs for job in f.jobs)
        _unique("job", ((job.name, job) for job in self.jobs))
        self.digest_sources = tuple(source for f in fs for source in f.digest_sources)

    def flow_handler(self, flow: str | None) -> Handler | None:
        entry = self.flows.get(flow or "")
        return entry.on_message if entry else None

    def deep_link(self, payload: str | None, *, in_flow: bool = False) -> tuple[DeepLink, int] | None:
        """The link kind `payload` names and its id; in_flow: only kinds that open inside a conversation."""
        for link in self.deep_links:
            if (in_flow and not link.in_flow) or (object_id := link.parse(payload)) is None:
                continue
            return link, object_id
        return None
