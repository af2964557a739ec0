"""Seeders for people: the CDA persona (an admin and a member) and ~50 registered members with accounts."""

from __future__ import annotations

from bot.sandbox.demo_data import CDA_USER_ID, DemoMember, cda_member, demo_members
from bot.sandbox.seed_base import SeedContext
from bot.services.common.admins import add_admin
from bot.services.members.accounts import Identity, touch_account
from bot.services.members.members import create_member


async def seed_cda(ctx: SeedContext) -> str:
    """The CDA persona is an admin (a database row, as `khooshe admin add` makes) and a member."""
    added = await add_admin(ctx.session, platform=ctx.config.platform, user_id=CDA_USER_ID, now=ctx.now)
    joined = await _register(ctx, cda_member(ctx.config))
    done = {True: "added", False: "already there"}
    return f"CDA {CDA_USER_ID}: admin {done[added]}, member {done[joined]}"


async def _register(ctx: SeedContext, demo: DemoMember) -> bool:
    """Create the member as a finished registration would; False when the account already has one."""
    identity = Identity(ctx.config.platform, demo.user_id, demo.user_id)
    account = await touch_account(ctx.session, identity, now=ctx.now)
    if account.member_id is not None:
        return False
    data = {
        "full_name": demo.full_name,
        "phone": demo.phone,
        "role": demo.role,
        "place": demo.place,
        "place_other": demo.place_other,
        "area": demo.area_m2,
        "categories": list(demo.categories),
    }
    await create_member(ctx.session, account, data, now=ctx.now)
    return True


async def seed_members(ctx: SeedContext) -> str:
    """Members across roles, categories and places, created as a finished registration would."""
    added = sum([await _register(ctx, demo) for demo in demo_members(ctx.config)])
    return f"members: {added} added"
