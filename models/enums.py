"""Every status and kind a column stores, as StrEnum: the members equal the stored strings (no migration).

Compare and assign with these members, never with a raw string (tests/test_architecture.py keeps it so).
"""

from __future__ import annotations

from enum import StrEnum


class Platform(StrEnum):
    """accounts.platform, admins.platform: which messenger a user id belongs to."""

    TELEGRAM = "telegram"
    BALE = "bale"


class EventKind(StrEnum):
    """events.kind"""

    COURSE = "course"
    EXHIBITION = "exhibition"
    TOUR = "tour"


class EventStatus(StrEnum):
    """events.status"""

    DRAFT = "draft"
    PUBLISHED = "published"
    CLOSED = "closed"  # sign-up closed by the CDA; may be reopened
    CANCELLED = "cancelled"


class SeatStatus(StrEnum):
    """registrations.status: one member's seat in one event."""

    REGISTERED = "registered"
    WAITLISTED = "waitlisted"
    OFFERED = "offered"
    CANCELLED = "cancelled"
    EXPIRED = "expired"  # an offer not answered in time


class TripKind(StrEnum):
    """exhibition_details.trip_kind"""

    DOMESTIC = "domestic"
    FOREIGN = "foreign"
    TOUR = "tour"


class ExhibitionChoice(StrEnum):
    """exhibition_responses.choice"""

    INTERESTED = "interested"
    PARTICIPATE = "participate"
    WITHDRAWN = "withdrawn"


class DocumentFileKind(StrEnum):
    """exhibition_documents.file_kind"""

    PHOTO = "photo"
    DOCUMENT = "document"


class BroadcastStatus(StrEnum):
    """broadcasts.status"""

    DRAFT = "draft"
    SCHEDULED = "scheduled"
    RUNNING = "running"
    PAUSED = "paused"
    DONE = "done"
    CANCELLED = "cancelled"
    EXPIRED = "expired"


class BroadcastKind(StrEnum):
    """broadcasts.kind: what the message carries."""

    TEXT = "text"
    PHOTO = "photo"
    DOCUMENT = "document"
    VIDEO = "video"


class DeliveryStatus(StrEnum):
    """deliveries.status"""

    PENDING = "pending"
    SENDING = "sending"
    SENT = "sent"
    BLOCKED = "blocked"
    FAILED = "failed"
    CANCELLED = "cancelled"


class DuplicateCause(StrEnum):
    """deliveries.duplicate_cause: why an earlier copy may already be on the member's screen."""

    ANSWER_LOST = "answer_lost"  # Telegram answered 5xx, or the connection broke or timed out mid-send
    STOPPED = "stopped"  # the bot stopped (or died) while the send was in flight


class SurveyStatus(StrEnum):
    """surveys.status"""

    DRAFT = "draft"
    SCHEDULED = "scheduled"
    OPEN = "open"
    CLOSED = "closed"


class SurveyResponseStatus(StrEnum):
    """survey_responses.status"""

    IN_PROGRESS = "in_progress"
    COMPLETED = "completed"


class IntroductionStatus(StrEnum):
    """introductions.status (double opt-in)"""

    PENDING = "pending"
    ACCEPTED = "accepted"
    DECLINED = "declined"


class ConsortiumStage(StrEnum):
    """consortia.stage"""

    FORMING = "forming"
    AGREED = "agreed"
    REGISTERED = "registered"
    EXPORTING = "exporting"


class ConsortiumMemberStatus(StrEnum):
    """consortium_members.status"""

    INVITED = "invited"
    ACCEPTED = "accepted"
    DECLINED = "declined"


class ExportExperience(StrEnum):
    """export_profiles.experience"""

    NONE = "none"
    SOME = "some"
    REGULAR = "regular"


class NeedStatus(StrEnum):
    """needs.status, in the order a need moves (the last two end it)."""

    IDENTIFIED = "identified"
    SEARCHING = "searching"
    PLANNED = "planned"
    IN_PROGRESS = "in_progress"
    SOLVED = "solved"
    DROPPED = "dropped"


class NeedMemberSource(StrEnum):
    """need_members.source: how a member came to share a need."""

    SURVEY = "survey"  # chose the answer the need was made from
    CDA = "cda"  # attached by the CDA
    SELF = "self"  # «من هم این نیاز را دارم»


class ProviderKind(StrEnum):
    """solution_providers.kind"""

    COMPANY = "company"
    ACADEMIC = "academic"  # a university or research centre
    EXPERT = "expert"


class NeedLinkKind(StrEnum):
    """need_links.kind: what the target id points to."""

    COURSE = "course"  # events.id
    TOUR = "tour"  # events.id
    EXHIBITION = "exhibition"  # events.id
    CONSORTIUM = "consortium"  # consortia.id
    BROADCAST = "broadcast"  # broadcasts.id
