"""The pure scoring and grouping functions on small hand-made cases (no database)."""

from __future__ import annotations

import random

from bot.services.consortium import matchmaking as mm


def grower(
    member_id: int,
    *products: tuple[str, int, str],
    markets: tuple[str, ...] = ("iraq",),
    offers: tuple[str, ...] = (),
    needs: tuple[str, ...] = (),
    certs: tuple[str, ...] = (),
    experience: str = "none",
    opted_out: bool = False,
) -> mm.Profile:
    return mm.Profile(
        member_id=member_id,
        products=tuple(mm.Product(c, n, u) for c, n, u in products),
        markets=frozenset(markets),
        certifications=frozenset(certs),
        offers=frozenset(offers),
        needs=frozenset(needs),
        experience=experience,
        opted_out=opted_out,
    )


ME = grower(1, ("cut", 10_000, "stem"), needs=("cold_storage",))


def test_a_perfect_complement_scores_higher_than_an_overlap() -> None:
    complement = grower(2, ("potted", 3_000, "pot"), offers=("cold_storage",))
    overlap = grower(3, ("cut", 8_000, "stem"))
    best = mm.score_pair(ME, complement)
    same = mm.score_pair(ME, overlap)
    assert best is not None and same is not None
    assert best.score > same.score
    assert [r.code for r in best.reasons] == ["market", "gives", "complement"]
    assert [m.member_id for m in mm.suggest_partners(ME, [overlap, complement])] == [2, 3]


def test_scores_follow_the_documented_weights() -> None:
    other = grower(2, ("potted", 1, "pot"), ("bulb", 1, "kg"), offers=("cold_storage",), needs=("transport",))
    me = grower(1, ("cut", 1, "stem"), needs=("cold_storage",), offers=("transport",))
    match = mm.score_pair(me, other)
    assert match is not None
    # one shared market (3) + gives (4) + takes (3) + two complementary categories (2 × 2)
    assert match.score == 3 + 4 + 3 + 4


def test_a_member_who_opted_out_never_appears() -> None:
    gone = grower(2, ("potted", 3_000, "pot"), offers=("cold_storage",), opted_out=True)
    assert mm.score_pair(ME, gone) is None
    assert mm.suggest_partners(ME, [gone]) == []
    assert mm.score_pair(grower(1, ("cut", 1, "stem"), opted_out=True), grower(2, ("cut", 1, "stem"))) is None
    demand = mm.Demand("iraq", frozenset({"potted"}), 1_000, "pot")
    assert mm.groups_for_demand([gone], demand, max_size=7) == []
    assert mm.groups_for_market([gone, ME, grower(4, ("bulb", 1, "kg"))], "iraq", min_size=2, max_size=7)[
        0
    ].member_ids == [1, 4]


def test_nobody_is_matched_with_themselves_and_unrelated_members_score_nothing() -> None:
    assert mm.score_pair(ME, ME) is None
    stranger = grower(5, ("cut", 10, "stem"), markets=("russia",))
    only_pool = mm.score_pair(ME, stranger)
    assert only_pool is not None and [r.code for r in only_pool.reasons] == ["pool"]
    assert (
        mm.score_pair(ME, grower(6, ("potted", 1, "pot"), markets=("russia",))) is not None
    )  # complement only
    assert mm.score_pair(grower(7, markets=("russia",)), grower(8, markets=("qatar",))) is None


def test_combined_capacity_is_summed_within_one_unit() -> None:
    a = grower(1, ("cut", 10_000, "stem"), ("cut", 500, "kg"))
    b = grower(2, ("cut", 7_500, "stem"), ("cut", 2_000, "stem"))
    match = mm.score_pair(a, b)
    assert match is not None
    pool = [r for r in match.reasons if r.code == "pool"]
    assert pool == [mm.Reason("pool", ("cut",), total=19_500, unit="stem")]


def test_group_capacity_sums_per_unit() -> None:
    group = mm.Group(
        members=[
            mm.contribution(grower(1, ("cut", 1_000, "stem"), ("potted", 40, "pot")), mm.Demand("iraq")),
            mm.contribution(grower(2, ("cut", 2_500, "stem")), mm.Demand("iraq")),
        ]
    )
    assert group.capacity == {"stem": 3_500, "pot": 40}
    assert group.categories == ["cut", "potted"]


def test_market_groups_are_disjoint_varied_and_within_size_limits() -> None:
    profiles = [
        grower(i, (("cut", "potted", "bulb", "seedling")[i % 4], 100 * i, "stem")) for i in range(1, 21)
    ]
    profiles.append(grower(99, ("cut", 1, "stem"), markets=("russia",)))  # another market: never grouped
    groups = mm.groups_for_market(profiles, "iraq", min_size=3, max_size=7)
    assert groups
    seen: set[int] = set()
    for g in groups:
        assert 3 <= len(g.members) <= 7
        assert not seen & set(g.member_ids)
        seen |= set(g.member_ids)
        assert 99 not in g.member_ids
    assert groups[0].categories == ["bulb", "cut", "potted", "seedling"] and groups[0].available == 4
    assert mm.groups_for_market(profiles[:2], "iraq", min_size=3, max_size=7) == []


def test_a_buyer_inquiry_is_met_by_the_smallest_group_and_certificates_are_required() -> None:
    profiles = [
        grower(1, ("cut", 20_000, "stem"), certs=("phyto",)),
        grower(2, ("cut", 15_000, "stem"), certs=("phyto",)),
        grower(3, ("cut", 50_000, "stem")),  # big but without the certificate
        grower(4, ("potted", 9_000, "pot"), certs=("phyto",)),
        grower(5, ("cut", 5_000, "stem"), certs=("phyto",)),
    ]
    demand = mm.Demand("iraq", frozenset({"cut"}), 30_000, "stem", frozenset({"phyto"}))
    groups = mm.groups_for_demand(profiles, demand, max_size=7)
    best = groups[0]
    assert sorted(best.member_ids) == [1, 2]
    assert best.shortfall == 0 and best.toward == 35_000 and best.certifications == ["phyto"]
    assert all(3 not in g.member_ids and 4 not in g.member_ids for g in groups)


def test_a_buyer_inquiry_nobody_can_meet_reports_the_shortfall() -> None:
    profiles = [grower(1, ("cut", 4_000, "stem")), grower(2, ("cut", 3_000, "stem"))]
    demand = mm.Demand("iraq", frozenset({"cut", "potted"}), 10_000, "stem")
    best = mm.groups_for_demand(profiles, demand, max_size=7)[0]
    assert sorted(best.member_ids) == [1, 2]
    assert best.shortfall == 3_000
    assert best.missing_categories == ("potted",)
    assert mm.groups_for_demand(profiles, mm.Demand("qatar", frozenset({"cut"}), 1, "stem"), max_size=7) == []


def test_a_market_group_with_free_places_takes_the_largest_producer() -> None:
    """Issue 15: the largest grower (50,000 stems, the same category as others) was left out of the only
    group while three places were free, because adding them brought no new category."""
    profiles = [
        grower(1, ("cut", 2_000, "stem"), ("potted", 300, "pot")),
        grower(2, ("bulb", 100, "kg")),
        grower(3, ("seedling", 900, "pot")),
        grower(4, ("cut", 50_000, "stem")),
    ]
    groups = mm.groups_for_market(profiles, "iraq", min_size=3, max_size=7)
    assert len(groups) == 1
    assert sorted(groups[0].member_ids) == [1, 2, 3, 4]
    assert groups[0].capacity["stem"] == 52_000


def test_market_groups_hold_every_candidate_the_sizes_allow() -> None:
    # 8 candidates, 3..7 a group: two groups of four (not one of seven and one left over)
    eight = [grower(i, (("cut", "potted")[i % 2], 1_000 * i, "stem")) for i in range(1, 9)]
    groups = mm.groups_for_market(eight, "iraq", min_size=3, max_size=7)
    assert sorted(len(g.members) for g in groups) == [4, 4]
    assert sorted(m for g in groups for m in g.member_ids) == list(range(1, 9))
    # 5 candidates, 3..4 a group: one group of four; the one left out is the smallest producer
    five = [grower(i, ("cut", 1_000 * i, "stem")) for i in range(1, 6)]
    [group] = mm.groups_for_market(five, "iraq", min_size=3, max_size=4)
    assert sorted(group.member_ids) == [2, 3, 4, 5]
    # more candidates than `limit` groups hold: full groups, the smallest producers left out
    many = [grower(i, ("cut", 100 * i, "stem")) for i in range(1, 12)]
    [full] = mm.groups_for_market(many, "iraq", min_size=3, max_size=7, limit=1)
    assert sorted(full.member_ids) == list(range(5, 12))


def _groups_by_comparing_everyone(profiles: list[mm.Profile], *, limit: int) -> list[list[int]]:
    """The rule of `groups_for_market` written plainly: each pick compares every free candidate."""
    demand = mm.Demand("iraq")
    pool = [mm.contribution(p, demand) for p in profiles if mm.eligible(p, demand)]
    pool.sort(
        key=lambda c: (-len(c.categories), -mm.EXPERIENCE_RANK[c.experience], -mm._biggest(c), c.member_id)
    )
    used: set[int] = set()
    groups = []
    for size in mm.group_sizes(len(pool), min_size=3, max_size=7, limit=limit):
        free = [c for c in pool if c.member_id not in used]
        group = mm.Group(members=[free[0]])
        covered, offered = set(free[0].categories), set(free[0].offers)
        used.add(free[0].member_id)
        while len(group.members) < size:
            gains = {
                c.member_id: mm._market_gain(
                    frozenset(c.categories), c.offers, mm.EXPERIENCE_RANK[c.experience], covered, offered
                )
                for c in free
            }
            best = max(
                (c for c in free if c.member_id not in used),
                key=lambda c: (gains[c.member_id], mm._biggest(c), -c.member_id),
            )
            group.members.append(best)
            used.add(best.member_id)
            covered |= set(best.categories)
            offered |= best.offers
        group.score = mm._market_score(group)
        groups.append(group)
    groups.sort(key=lambda g: (-g.score, g.member_ids))
    return [g.member_ids for g in groups]


def test_market_groups_pick_exactly_what_comparing_every_candidate_picks() -> None:
    """The queues of alike candidates are a shortcut, not a different rule (random pools)."""
    rng = random.Random(15)
    kinds, units, offers = (
        ("cut", "potted", "bulb", "seedling"),
        ("stem", "pot"),
        ("cold_storage", "transport"),
    )
    for _ in range(25):
        profiles = [
            grower(
                i,
                *(
                    (c, rng.randint(1, 6) * 500, rng.choice(units))
                    for c in rng.sample(kinds, rng.randint(1, 3))
                ),
                markets=tuple(rng.sample(("iraq", "qatar"), rng.randint(1, 2))),
                offers=tuple(rng.sample(offers, rng.randint(0, 2))),
                experience=rng.choice(("none", "some", "regular")),
            )
            for i in range(rng.randint(0, 60))
        ]
        for limit in (1, 2, 50):
            fast = mm.groups_for_market(profiles, "iraq", min_size=3, max_size=7, limit=limit)
            assert [g.member_ids for g in fast] == _groups_by_comparing_everyone(profiles, limit=limit)
