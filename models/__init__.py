"""SQLAlchemy models; importing this package registers every table on Base.metadata."""

from models.admin import Admin
from models.audit import AuditEntry
from models.base import Base, UTCDateTime
from models.broadcast import BotProcess, Broadcast, Delivery
from models.consortium import Consortium, ConsortiumMember, ExportProfile, Introduction, ProfileProduct
from models.conversation import ConversationState
from models.dashboard import DashboardLink, DashboardSession
from models.event import Event, Seat
from models.exhibition import ExhibitionDetails, ExhibitionResponse, ParticipantDocument
from models.member import Account, Member, MemberCategory
from models.need import Need, NeedEvent, NeedLink, NeedMember, NeedProvider, SolutionProvider
from models.programme import PlanLine
from models.survey import Survey, SurveyAnswer, SurveyResponse

__all__ = [
    "Account",
    "Admin",
    "AuditEntry",
    "Base",
    "BotProcess",
    "Broadcast",
    "Consortium",
    "ConsortiumMember",
    "ConversationState",
    "DashboardLink",
    "DashboardSession",
    "Delivery",
    "Event",
    "ExhibitionDetails",
    "ExhibitionResponse",
    "ExportProfile",
    "Introduction",
    "Member",
    "MemberCategory",
    "Need",
    "NeedEvent",
    "NeedLink",
    "NeedMember",
    "NeedProvider",
    "ParticipantDocument",
    "PlanLine",
    "ProfileProduct",
    "Seat",
    "SolutionProvider",
    "Survey",
    "SurveyAnswer",
    "SurveyResponse",
    "UTCDateTime",
]
