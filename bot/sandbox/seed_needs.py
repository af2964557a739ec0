"""Seeder for technology needs and solution providers: three providers (one knowledge-based company with
a public contact, a research centre, an expert), three needs with demo members attached — two published,
one already «اقدام برنامه‌ریزی‌شده» with a dated note and a provider linked, one left unpublished — made
through the CDA's services, so «💡 نیازهای فناورانهٔ خوشه» and the CDA's cards have something to show."""

from __future__ import annotations

from sqlalchemy import exists, select

from bot.sandbox.demo_data import demo_members
from bot.sandbox.seed_base import SeedContext
from bot.services.courses.catalog import member_of
from bot.services.members.accounts import Identity
from bot.services.needs import needs as nd
from bot.services.needs import providers as pv
from models import Need
from models.enums import NeedMemberSource, NeedStatus

PROVIDERS = (
    {"name": "شرکت دانش‌بنیان سرمایش گستر اراک", "kind": "company", "field": "سردخانه و زنجیرهٔ سرد",
     "city": "اراک", "contact": "۰۸۶-۳۴۰۰۰۰۰۰", "knowledge_based": True, "contact_public": True},
    {"name": "پژوهشکدهٔ گل و گیاهان زینتی محلات", "kind": "academic", "field": "کشت بدون خاک و کشت بافت",
     "city": "محلات", "contact": "۰۸۶-۴۳۲۰۰۰۰۰", "knowledge_based": False, "contact_public": True},
    {"name": "مهندس رضایی", "kind": "expert", "field": "کنترل هوشمند اقلیم گلخانه",
     "city": "دلیجان", "contact": "۰۹۱۲۰۰۰۰۰۰۰", "knowledge_based": False, "contact_public": False},
)  # fmt: skip
NEEDS = (  # title, category, description, how many demo members share it, published
    ("زنجیرهٔ سرد گل شاخه‌بریده", "cut", "سردخانه و حمل یخچال‌دار تا بازار تهران و صادرات.", 9, True),
    ("کشت بدون خاک رز", "cut", "آموزش و تجهیزات هیدروپونیک برای گلخانه‌های رز.", 6, True),
    ("بسته‌بندی صادراتی گیاهان گلدانی", "potted", None, 4, False),
)


async def seed_needs(ctx: SeedContext) -> str:
    session, config, now, cda = ctx.session, ctx.config, ctx.now, ctx.cda
    if (await session.execute(select(exists().where(Need.id > 0)))).scalar():
        return "needs: already there"
    providers = [await pv.create(session, cda, config, dict(values), now=now) for values in PROVIDERS]
    cast = demo_members(config)
    made = []
    for title, category, description, sharing, published in NEEDS:
        need = await nd.create(
            session, cda, config, title=title, category=category, description=description, now=now
        )
        growers = [m for m in cast if category in m.categories][:sharing]
        ids = [
            (await member_of(session, Identity(config.platform, m.user_id, m.user_id))).id for m in growers
        ]
        await nd.attach(session, need.id, ids, NeedMemberSource.CDA, now)
        if published:
            await nd.set_published(session, cda, config, need.id, False, now=now)
        made.append(need)
    cold = made[0]
    await pv.toggle_link(session, cda, config, cold.id, providers[0].id, False, now=now)
    await nd.move(
        session, cda, config, cold.id, from_status=NeedStatus.IDENTIFIED, to_status=NeedStatus.SEARCHING,
        note="با دو شرکت سردخانه‌ساز گفت‌وگو شد.", now=now,
    )  # fmt: skip
    await nd.move(
        session, cda, config, cold.id, from_status=NeedStatus.SEARCHING, to_status=NeedStatus.PLANNED,
        note="بازدید از سردخانهٔ نمونه در اراک برنامه‌ریزی شد.", now=now,
    )  # fmt: skip
    await pv.toggle_link(session, cda, config, made[1].id, providers[1].id, False, now=now)
    return f"needs: {len(made)} needs, {len(providers)} solution providers"
