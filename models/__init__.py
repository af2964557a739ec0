"""SQLAlchemy models; importing this package registers every table on Base.metadata."""

from models.admin import Admin
from models.base import Base, UTCDateTime
from models.broadcast import Broadcast, Delivery
from models.conversation import ConversationState
from models.event import Event, Registration
from models.member import Account, Member, MemberCategory
from models.survey import Survey, SurveyAnswer, SurveyResponse

__all__ = [
    "Account",
    "Admin",
    "Base",
    "Broadcast",
    "ConversationState",
    "Delivery",
    "Event",
    "Member",
    "MemberCategory",
    "Registration",
    "Survey",
    "SurveyAnswer",
    "SurveyResponse",
    "UTCDateTime",
]
