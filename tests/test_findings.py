"""Findings on articles written for these tests: each rule fires where it should and stays
quiet where a fact-checker would call it a false alarm."""

from __future__ import annotations

from claimgraph import analyze


def _kinds(text: str, published: str | None = "2024-05-14") -> list[tuple[str, str]]:
    a = analyze(text, published=published)
    return [(f.kind, a.article.text[f.start:f.end]) for f in a.findings]


def kinds(text: str, published: str | None = "2024-05-14") -> list[str]:
    """The kinds of finding raised on ``text``, in order."""
    return [k for k, _ in _kinds(text, published)]


def test_vague_authority_is_flagged_but_a_bystander_is_not():
    kinds = _kinds("Flood\n\nExperts say the dam was never inspected. A fisherman said that the water rose fast.")
    assert ("vague_source", "Experts say") in kinds
    assert not any(k == "vague_source" and "fisherman" in t for k, t in kinds)


def test_named_or_local_institution_is_not_vague():
    kinds = _kinds("Court\n\nA three-judge panel of the Fifth Circuit Court said that the ruling stands. "
                   "The port authority says its inspection found no faults.")
    assert not [k for k, _ in kinds if k == "vague_source"]


def test_anonymous_rumour_is_flagged():
    kinds = _kinds("Market\n\nWord is coming that the mill will close before winter.")
    assert [k for k, _ in kinds] == ["anonymous_source"]


def test_outlet_cited_without_link_but_not_with_one():
    bare = _kinds("Budget\n\nAccording to the Valley Herald, the council will cut the school budget by a third.")
    assert ("secondhand_unlinked", "According to the Valley Herald") in bare
    linked = _kinds("Budget\n\nAccording to the Valley Herald (https://valleyherald.example/budget-cuts), "
                    "the council will cut the school budget by a third.")
    assert not [k for k, _ in linked if k == "secondhand_unlinked"]


def test_data_and_polls_are_not_secondhand_news_reports():
    kinds = _kinds("Survey\n\nAccording to a new survey, most residents want a second bridge over the river.")
    assert not [k for k, _ in kinds if k == "secondhand_unlinked"]
    # an outlet's own poll is its data, named and findable, not a news report passed on
    kinds = _kinds("Poll\n\nThe latest Fox News national poll of 1,000 voters showed 52% back the plan.")
    assert not [k for k, _ in kinds if k in ("secondhand_unlinked", "checkworthy_unsourced")], kinds


def test_unsourced_statistic_and_history_but_not_narration_or_dated_background():
    flagged = [t for k, t in _kinds("Town\n\nThe valley's miners fought the invaders in World War 2 alongside the "
                                    "partisans. The town was founded in 1851 by railway workers. Unemployment in "
                                    "the valley stands at 14.5 percent, the highest in the region. The mayor "
                                    "opened the fair on Sunday.") if k == "checkworthy_unsourced"]
    assert any("World War 2" in t for t in flagged) and any("14.5 percent" in t for t in flagged)
    # dated background is encyclopaedic (judged trivial on real articles), narration is not a claim
    assert not any("1851" in t for t in flagged)
    assert not any("opened the fair" in t for t in flagged)


def test_figure_from_a_named_source_in_the_paragraph_is_not_flagged():
    flagged = [t for k, t in _kinds("Jobs\n\nThe labour office said on Monday that hiring slowed. Unemployment "
                                    "stands at 14.5 percent, the highest in the region.")
               if k == "checkworthy_unsourced"]
    assert flagged == []


def test_a_toll_is_unsourced_unless_its_source_comes_before_it_or_elsewhere_with_the_same_figure():
    """A person quoted on something else in the paragraph before does not source a toll; a
    reporting verb in the sentence, or the same figure attributed elsewhere, does."""
    def figures(text: str) -> list[str]:
        a, _ = _findings(text, published="2022-07-15")
        return [a.article.text[f.start:f.end] for f in a.findings if f.kind == "checkworthy_unsourced"]

    toll = "The missile strike on the Arden market killed 23 people and injured 140 on Thursday."
    before = "Strike\n\n“We will rebuild the school,” the mayor, Ana Ruiz, said on Wednesday.\n\n"
    assert any("killed 23" in t for t in figures(before + toll)), figures(before + toll)
    assert figures(before + toll.replace(" on Thursday.", ", the regional governor reported on Thursday.")) == []
    far = "\n\n" + "The market had stood since the war began and traders returned every spring. " * 5
    assert figures(before + toll + far + "The regional governor said 23 people had died in the strike.") == []


def test_experts_named_between_the_noun_and_the_verb_are_not_vague():
    """On real news the extractor gave "experts" alone as the source of "experts Jack Watling and
    Nick Reynolds noted"; the names between the noun and the verb identify them."""
    import dataclasses

    from claimgraph.checks.sourcing import sourcing_findings
    from claimgraph.model import Span

    text = "Shells\n\nThe guns fire all day, experts Ana Ruiz and Tom Hale noted in a paper."
    a = analyze(text)
    start = text.index("experts")
    a.attributions = [dataclasses.replace(x, source=Span.of(text, start, start + 7), source_type="descriptive_person",
                                          source_name=None) for x in a.attributions if x.cue.text == "noted"]
    assert len(a.attributions) == 1
    assert any(e.label == "PERSON" and e.start > start for e in a.entities)
    assert not [f for f in sourcing_findings(a) if f.kind == "vague_source"]
    a.entities = []  # the same attribution with nobody named: vague
    assert [f.kind for f in sourcing_findings(a)] == ["vague_source"]


def test_video_on_a_platform_without_its_poster():
    kinds = _kinds("Storm\n\nA video circulating on TikTok shows the roof of the school collapsing.")
    assert [k for k, _ in kinds if k == "media_origin_unverified"]
    named = _kinds("Storm\n\nA video posted on TikTok by Mara Lind shows the roof of the school collapsing.")
    assert not [k for k, _ in named if k == "media_origin_unverified"]


def _findings(text: str, published: str | None = "2024-05-14"):
    a = analyze(text, published=published)
    return a, [(f.kind, f.severity, a.article.text[f.start:f.end]) for f in a.findings]


def test_missing_subject_is_not_an_anonymous_source_but_withheld_speakers_are():
    _, found = _findings("Court\n\nThe driver was charged with dangerous driving. Asked if she would appeal, "
                         "she smiled. A senior official, speaking on condition of anonymity, said the road "
                         "would close. Two workers were reported killed in the collapse.")
    anon = [t for k, _, t in found if k == "anonymous_source"]
    assert "on condition of anonymity" in anon and "were reported killed" in anon
    assert not any("charged" in t or "Asked" in t for t in anon)


def test_reportedly_with_a_trailing_named_reporter_is_not_anonymous():
    """"…have reportedly been killed, Ukraine's military is reporting": on real news the extractor
    sometimes keeps the hearsay adverb and misses the trailing progressive clause; the check then
    reads the clause from the sentence itself."""
    import dataclasses

    from claimgraph.checks.sourcing import sourcing_findings
    from claimgraph.model import Span

    text = ("Ferry\n\nThree people have reportedly been killed near Arden, Ukraine’s military is reporting. "
            "Two crew have reportedly left the ship.")
    a = analyze(text, published="2024-05-14")
    hearsay = next(x for x in a.attributions if x.source is None)
    first = text.index("reportedly")
    a.attributions = [hearsay, dataclasses.replace(  # what the extractor gave on the real article
        hearsay, id="a9", cue=Span.of(text, first, first + 10), content=Span.of(text, 7, text.index(",")))]
    anon = [f for f in sourcing_findings(a) if f.kind == "anonymous_source"]
    assert [f.start for f in anon] == [hearsay.cue.start], anon
    a = analyze("Ferry\n\nTwo passengers have reportedly been hurt on the Arden ferry, sources are saying.")
    assert any(f.kind == "anonymous_source" for f in sourcing_findings(a))


def test_attribution_inside_a_named_speakers_quote_is_that_speakers_claim():
    _, found = _findings("Dam\n\n“Experts say the dam is safe, and reports suggest the repairs are done,” the "
                         "mayor, Ana Ruiz, said on Monday.")
    assert not [k for k, _, _ in found if k in ("vague_source", "anonymous_source")]


def test_named_office_or_qualified_institution_is_not_vague_but_unnamed_officials_are():
    _, found = _findings("Border\n\nUkraine’s armed forces said the bridge was hit. Russia’s FSB security "
                         "service said it had detained a man. Senior Kremlin officials said the talks would go on.")
    vague = [t for k, _, t in found if k == "vague_source"]
    assert vague == ["Senior Kremlin officials said"]


def test_one_notice_per_outlet_and_wire_credits_are_quiet_notes():
    a, found = _findings("Ports\n\nAccording to the Valley Herald, the port will close. The Valley Herald "
                         "reported that ships were diverted. Reuters reported that the mayor resigned. Reuters "
                         "said the council would meet. A Valley Herald spokesperson said the paper stood by it.")
    second = [f for f in a.findings if f.kind == "secondhand_unlinked"]
    assert len(second) == 1 and len(second[0].also) == 1 and "2 claims" in second[0].message
    wires = [f for f in a.findings if f.kind == "wire_credit"]
    assert len(wires) == 1 and wires[0].severity == "note" and len(wires[0].also) == 1


def test_reports_that_are_not_another_outlets_are_not_secondhand():
    """"his time" is not Time magazine; "the report added" points back at a report named before;
    a police report is a public record, not another outlet's reporting."""
    _, found = _findings("Camp\n\nThe Arden monitoring mission published its findings on Monday. "
                         "The report added that the camp held 40 detainees. "
                         "Ivan’s account of his time in the camp confirms other testimony, which the mission collected. "
                         "According to the initial police report, the gate was open.")
    assert not [t for k, _, t in found if k == "secondhand_unlinked"], found
    _, found = _findings("Camp\n\nThe camp held 40 detainees, according to a report in Time magazine.")
    assert [k for k, _, _ in found].count("secondhand_unlinked") == 1, found


def test_a_pronoun_is_never_the_vague_source_and_a_lede_summary_named_below_is_not_vague():
    _, found = _findings("Flood\n\nThree bridges were closed on Monday, officials said.\n\n"
                         "Diplomats fear more rain. “The river is still rising,” he said, as the water reached "
                         "the second floor.\n\nThe mayor of Arden, Ana Ruiz, said two bridges would reopen. "
                         "The regional roads agency said the third was damaged.")
    assert not [t for k, _, t in found if k == "vague_source" and t.startswith(("officials", "he"))], found
    _, found = _findings("Flood\n\nThree bridges were closed on Monday.\n\nOfficials said the river was still "
                         "rising. The mayor of Arden, Ana Ruiz, said two bridges would reopen.")
    assert [t for k, _, t in found if k == "vague_source"] == ["Officials said"], found


def test_unverified_media_language_flags_and_disclosures():
    _, found = _findings("Strike\n\nImages on social media purported to show the bridge in flames. The Herald "
                         "could not independently verify the footage. Photograph: Ana Ruiz/Reuters")
    kinds = {(k, s, t) for k, s, t in found if k == "unverified_media"}
    assert ("unverified_media", "warning", "purported to show") in kinds
    assert any(s == "info" and "could not independently verify" in t for _, s, t in kinds)


def test_month_count_past_the_article_date_is_flagged_only_when_impossible():
    text = ("Kyiv\n\nThree months into an invasion that was supposed to take days, Russian troops in "
            "Ukraine are stuck. Nearly three months into the war, the convoy moved.")
    _, early = _findings(text, published="2022-04-28")  # nine weeks after 24 February
    dates = [t for k, _, t in early if k == "date_inconsistency"]
    assert dates == ["Three months into an invasion"]  # the hedged count is left alone
    _, later = _findings(text, published="2022-05-30")
    assert not [k for k, _, _ in later if k == "date_inconsistency"]
    # "since Russia invaded six months ago" in an article dated 4 August 2022 (five months and ten days)
    _, ago = _findings("Grain\n\nGrain has been stuck in Ukraine since Russia invaded just over six months ago. "
                       "The mayor retired six months ago.", published="2022-08-04")
    assert [t for k, _, t in ago if k == "date_inconsistency"] == ["six months ago"]
    # an older conflict counted from its own start is not this war's count
    _, syria = _findings("Kyiv\n\nUkraine braces. Syria's war, now in its 11th year, goes on.", published="2022-04-28")
    assert not [k for k, _, _ in syria if k == "date_inconsistency"]


def test_figure_series_is_one_notice_and_small_counts_are_not_figures():
    a, _ = _findings("Budget\n\nFor that year, the flood budget was $640 million. It climbed to $1.6 billion in "
                     "2010. The clerk paid with a $20 bill.")
    figs = [f for f in a.findings if f.kind == "checkworthy_unsourced"]
    assert len(figs) <= 1
    if figs:
        assert "$20" not in a.article.text[figs[0].start:figs[0].end]


def test_known_false_alarms_of_the_third_blind_half_stay_quiet():
    """Each pair: the wording judged wrong on real news (rewritten here), and what still fires."""
    # a short form after the full citation refers back to the report named with its date and headline
    back = ("Fire\n\nThe Arden Times reported on Sunday, under the headline “Harbour fire spreads”, that the depot "
            "was lost.\n\nCiting “two firefighters”, the Times said the alarm rang late.")
    assert "secondhand_unlinked" not in kinds(back)
    assert "secondhand_unlinked" in kinds("Fire\n\nCiting “two firefighters”, the Arden Times said the alarm rang late.")
    # "a 2019 interview with …" dates the report
    assert "secondhand_unlinked" not in kinds("Fire\n\nThe warehouse burned for a day. According to a 2019 interview "
                                              "with the Valley Herald, the owner had no insurance.")
    # a named poll in the sentence sources its figure
    assert "checkworthy_unsourced" not in kinds("Poll\n\nIn the Valley Herald’s March poll of the county, Ruiz "
                                                "garnered 41 percent support, ten points ahead of Hale.")
    # "supposedly heading": the writer's irony, not hearsay; "supposedly" before a clause still is
    assert "anonymous_source" not in kinds("Task force\n\nHe was given the thankless role of supposedly heading "
                                           "the task force.")
    # officials inside someone else's claim are not the article's source
    assert "vague_source" not in kinds("Spies\n\nRepresentatives did not comment on the president’s claim that "
                                       "intelligence officials informed him of the plan.")
    # a scene the article describes: "chat shows where pundits support …"
    assert "vague_source" not in kinds("Vans\n\nThe vans play state TV news and political chat shows where pundits "
                                       "support the annexation of the region.")
    # the poster is named: "posted online by …"
    assert "media_origin_unverified" not in kinds(
        "Photo\n\nThree days after the storm, on 27 February, a video of her was posted online by Find Your Way, a "
        "Telegram channel run by the city, showing the flooded road.")
    # a single official of the lede named a few paragraphs down
    lede = ("Storm hits Arden, says regional official\n\nA regional official has accused the utility of ignoring "
            "warnings before the storm that cut power to 40,000 homes.\n\nThe storm arrived on Monday night.\n\n"
            "Ana Ruiz, the governor of the province, told national television that crews were working.")
    assert "vague_source" not in kinds(lede)
    assert "vague_source" in kinds(lede.replace("Ana Ruiz, the governor of the province,", "The governor"))


def test_a_title_or_an_initial_ends_no_sentence():
    from claimgraph.checks.context import sentence_bounds

    text = "Talks stalled. Mr. Lavrov “will reply when time permits,” Vladimir V. Putin said. Then silence."
    s0, s1 = sentence_bounds(text, text.index("Lavrov"))
    assert text[s0:s1] == "Mr. Lavrov “will reply when time permits,” Vladimir V. Putin said."


def test_unnamed_polls_critics_of_a_named_body_and_advisers_to_a_named_person_are_vague():
    """Misses the judges listed on real news: who ran the poll, who the critics and the adviser are."""
    def vague(text: str) -> list[str]:
        return [t for k, t in _kinds(text) if k == "vague_source"]

    assert vague("Race\n\nAccording to one recent poll, Ruiz is at 4 percent in the county.") == [
        "According to one recent poll"]
    assert vague("Grid\n\nAs the price rose, data showed that gas made up 50% of the town’s electricity.") == [
        "data showed"]
    for named in ("Race\n\nA Gallup poll found 40 percent back the plan.",
                  "Race\n\nThe latest Valley Herald poll showed Ruiz at 40 percent.",
                  "Race\n\nThe poll showed Ruiz at 40 percent."):
        assert vague(named) == [], named
    assert vague("Arrests\n\nBut critics of the Kremlin say the arrests are part of a widening campaign.") == [
        "critics of the Kremlin say"]
    assert vague("Losses\n\nAbout 10,000 soldiers have been killed since February, according to a military "
                 "adviser to the president.") == ["according to a military adviser to the president"]
    assert vague("Losses\n\nAbout 10,000 soldiers have been killed since February, according to a military "
                 "adviser to Ana Ruiz.") == ["according to a military adviser to Ana Ruiz"]
    assert vague("Pacific\n\nOne of the most senior officials in the Pacific said the navy would not rule out "
                 "action.") == ["One of the most senior officials in the Pacific said"]
    message = next(f.message for f in analyze("Race\n\nAccording to one recent poll, Ruiz is at 4 percent.").findings)
    assert "does not name the pollster, publisher or body behind it" in message


def test_agentless_and_nominal_hearsay_is_anonymous():
    def anon(text: str) -> list[str]:
        return [t for k, t in _kinds(text) if k == "anonymous_source"]

    assert anon("Yachts\n\nThe two brothers are believed to own homes in the north of the city.") == [
        "are believed to own"]
    assert anon("Front\n\nThe army is thought to have lost seven tanks near the river.") == ["is thought to have"]
    assert anon("Front\n\nStrikes were also reported in the east of the region overnight.") == ["were also reported"]
    assert anon("Front\n\nSeveral attacks have recently been reported.") == ["have recently been reported"]
    assert anon("Talks\n\nThe minister flew to the capital amid claims that the army had surrounded the town.") == [
        "amid claims that"]
    # an agent or a named speaker in the sentence: not anonymous
    assert anon("Front\n\nStrikes were reported by the Arden Regional Council.") == []
    assert anon("Talks\n\nThe minister flew in amid claims that the army had won, Ana Ruiz said.") == []
    assert anon("Front\n\nThe fire was reported to police at noon.") == []


def test_a_casualty_toll_is_flagged_below_the_score_other_figures_need():
    """The toll scores 0.88 (under the 0.9 other figures need); tolls were the most missed figures."""
    from claimgraph.checks.claims import FIGURE_SCORE, TOLL_SCORE

    a = analyze("Mall\n\nAn attack on a shopping mall in Arden at the end of June killed 18 people and injured 59.",
                published="2022-07-15")
    (claim,) = a.claims
    assert TOLL_SCORE <= claim.checkworthiness < FIGURE_SCORE
    assert [f.kind for f in a.findings] == ["checkworthy_unsourced"]


def test_known_false_alarms_of_the_fourth_blind_half_stay_quiet():
    # "the newspaper" refers back to the outlet just named; "a local newspaper" is unnamed
    back = ("Blocked\n\nArden has blocked the website of the Valley Herald over its war reporting.\n\n"
            "The newspaper said the block followed its reports on the army.")
    assert "secondhand_unlinked" not in kinds(back)
    # an unnamed outlet is flagged once (as a vague source: one notice per place)
    assert kinds("Blocked\n\nA local newspaper said the block followed reports on the army.") == ["vague_source"]
    # a summary at the top whose deaths are credited below by name; a rumour at the top still fires
    top = ("Shelling\n\nArden stepped up its attacks in the east.\n\nA fresh wave of civilian deaths were reported "
           "across the region on Tuesday.\n\nThe regional governor, Ana Ruiz, said four people had been killed.")
    assert "anonymous_source" not in kinds(top)
    rumour = top.replace("A fresh wave of civilian deaths were reported across the region on Tuesday.",
                         "The talks are being rumoured to include a grain deal.")
    assert "anonymous_source" in kinds(rumour)


def test_known_false_alarms_of_the_fifth_blind_half_stay_quiet():
    # a figure inside someone's quotation is theirs, not the author's
    quoted = ("Donors\n\nOn television, a comedian offered his own take. “The city is the fund's biggest donor, so the "
              "mayor is talking about taking away around $553 million.”")
    assert "checkworthy_unsourced" not in kinds(quoted)
    assert "checkworthy_unsourced" in kinds(quoted.replace("“", "").replace("”", ""))
    # a picture caption run into a live blog, with its credit: the origin is given
    caption = ("Island\n\n30 Jun 2022 00.32 Satellite images show smoke rising from the island on Thursday. "
               "Photograph: Planet Labs/Reuters")
    assert "media_origin_unverified" not in kinds(caption)
    # a passive that only times the claim
    assert "anonymous_source" not in kinds("Council\n\nAs the mayor was speaking and the first blasts were reported, "
                                           "the council was holding an emergency session.")
    # a press round-up quotes each paper's headline right before naming it
    roundup = ("The papers\n\nThe print editions were overtaken by events. “Welcome to hell” – the Arden Mirror says. "
               "“Mayor vows to cut taxes” says the Valley Herald.")
    assert "secondhand_unlinked" not in kinds(roundup)
    # the group is the name it describes
    named = ("Bill\n\nThe bill was pushed by the Center for Arden Policy, a social conservative group that opposes "
             "same-sex marriage and says the bill protects religious freedom.")
    assert "vague_source" not in kinds(named)


def test_known_false_alarms_of_the_sixth_blind_half_stay_quiet():
    # a demand, a vote or praise is a public act, not a claim passed on; a statement of fact is
    acts = _kinds("Session\n\nMany legislators called for a special session to rebuke the mayor. By the same tally, "
                 "senators also rejected requests for new subpoenas. Senior officials urge caution on the bridge.")
    assert not [t for k, t in acts if k == "vague_source"], acts
    assert ("vague_source", "Senior officials say") in _kinds(
        "Session\n\nSenior officials say the bridge was never inspected.")
    # an impersonal passive inside what a speaker said is that speaker's, not anonymous
    nested = _kinds("Front\n\nA western official said on Wednesday that the army had stalled. They said it is "
                   "believed that taking the whole province remains the minimum objective.")
    assert "anonymous_source" not in [k for k, _ in nested], nested
    assert "anonymous_source" in [k for k, _ in _kinds(
        "Front\n\nIt is believed that taking the whole province remains the minimum objective.")]
    # lawmakers named and quoted right after the group: the writer names its voice
    lawmakers = ("Vote\n\nDemocratic lawmakers said the bill would raise rents. “It is a giveaway,” "
                 "said Representative Ana Ruiz, a Democrat from the valley.")
    assert "vague_source" not in [k for k, _ in _kinds(lawmakers)]
    replied = ("Vote\n\nDemocratic lawmakers said the bill would raise rents, but Senator Ana Ruiz said "
               "it would not.")
    assert "vague_source" in [k for k, _ in _kinds(replied)]
    # a headline's "Video Shows" is not a finding: the body says whose video it is
    headline = ("Police Said He Fell. Video Shows Otherwise.\n\nA video filmed by a local radio reporter "
                "shows officers pushing a man to the ground.")
    assert "media_origin_unverified" not in [k for k, _ in _kinds(headline)]


def test_one_notice_per_unnamed_source_however_it_is_referred_back_to():
    text = ("Deal\n\nA source familiar with the talks said the deal was signed in March. The source said the "
            "price was never disclosed. The source also insisted that the buyer was a state company.")
    notices = [f for f in analyze(text, published="2024-05-14").findings if f.kind == "anonymous_source"]
    assert len(notices) == 1 and len(notices[0].also) == 2, notices
    assert "3 claims" in notices[0].message
    groups = ("Front\n\nWestern officials said the army had stalled near the river. One official said the "
              "offensive would resume in spring. Chinese officials said the talks had failed.")
    vague = [f for f in analyze(groups, published="2024-05-14").findings if f.kind == "vague_source"]
    assert len(vague) == 2 and sorted(len(f.also) for f in vague) == [0, 1], vague


def test_a_population_or_a_following_is_background_but_a_share_of_the_population_is_not():
    def figures(text: str) -> list[str]:
        return [t for k, t in _kinds(text) if k == "checkworthy_unsourced"]

    assert not figures("City\n\nThe shelling hit Arden, a river port which has a population of 210,000 people, "
                       "on Monday.")
    assert not figures("Channel\n\nThe claim spread on a Telegram channel with a following of 450,000 people.")
    assert figures("Vaccines\n\nOnly 41 percent of the population of Arden has received a first dose, far below "
                   "the national average of 68 percent.")


def test_an_unnamed_newspaper_gets_one_notice_not_two():
    found = _kinds("Mill\n\nA local newspaper said the mill would close in June, putting 300 people out of work.")
    places = [k for k, t in found if "newspaper" in t]
    assert len(places) == 1, found


def test_known_false_alarms_of_the_seventh_blind_half_stay_quiet():
    def may_kinds(text: str) -> list[str]:
        return kinds(text, published="2020-05-07")

    # the author's claim about what a paper left out does not rest on the paper
    assert "secondhand_unlinked" not in may_kinds(
        "Press\n\nThe Valley Herald didn’t note that the professor has a new book out about the mayor.")
    assert "secondhand_unlinked" in may_kinds(
        "Press\n\nThe Valley Herald reported that the professor has a new book out about the mayor.")
    # a plan announced is news of the plan, not a claim resting on an unnamed group
    assert "vague_source" not in may_kinds(
        "Vote\n\nA voting advocacy group plans to text one million voters before the election.")
    # "the video shows" after the article said who posted the video (and that it is unverified)
    posted = ("Shooting\n\nA video of the shooting was posted by several news sites, which said they had not "
              "verified it. The runner passes the truck. Then the video shows the runner grappling with a man.")
    assert "media_origin_unverified" not in may_kinds(posted)
    assert "media_origin_unverified" in may_kinds(
        "Shooting\n\nThe runner passes the truck. Then the video shows the runner grappling with a man.")
    # the modellers are named in the sentence that gives their projection
    modelled = ("Deaths\n\nThis week, the researchers behind a widely cited model from the University of Arden "
                "nearly doubled their projection of deaths in the state to about 134,000 through early August, "
                "largely because restrictions were eased.")
    assert "checkworthy_unsourced" not in may_kinds(modelled)


def test_an_unnamed_official_is_named_only_by_a_named_speaker_in_the_next_sentence():
    text = ("Bridge\n\nAn official in the southern region said the bridge had been blown up by retreating troops. "
            "The bridge, built by the engineer John Harlow in 1931, was the only crossing for miles.")
    assert ("vague_source", "An official in the southern region said") in _kinds(text)
    named = ("Bridge\n\nAn official in the southern region said the bridge had been blown up by retreating troops. "
             "John Harlow, the regional governor, said the crossing would be rebuilt.")
    assert not [k for k, _ in _kinds(named) if k == "vague_source"]


def test_a_short_form_outlet_is_the_same_notice_as_its_full_name():
    text = ("Lab\n\nThe New York Times reported that the lab was told it could not test the samples. The agency "
            "refused to approve the test on the grounds that the lab, according to the Times, was not certified.")
    notices = [f for f in analyze(text, published="2020-03-12").findings if f.kind == "secondhand_unlinked"]
    assert len(notices) == 1 and len(notices[0].also) == 1, notices


def test_known_false_alarms_of_the_eighth_blind_half_stay_quiet():
    from claimgraph.pipeline import analyze_article
    from claimgraph.read.plain import article_from_text

    def may_kinds(text: str) -> list[str]:
        return kinds(text, published="2020-05-07")

    # the writer describing the article's own chart is no figure to source
    chart = ("Cases\n\nEach of these charts spans the same eight weeks and the width of each corresponds to 3.5% of "
             "the county's population, ranked from the highest share of infections to the lowest.")
    assert "checkworthy_unsourced" not in may_kinds(chart)
    assert "checkworthy_unsourced" in may_kinds(
        "Cases\n\nThe width of the outbreak corresponds to 3.5% of the county's population, ranked from the "
        "highest share of infections in the state to the lowest.")
    # "reportedly" continuing the credit the sentence before gives a named outlet
    credited = ("Talks\n\nThe governor told mayors this week that he expects the levy to pass, according to the "
                "Valley Herald.\n\nThe levy would reportedly fund three new clinics and a school.")
    assert "anonymous_source" not in may_kinds(credited)
    assert "anonymous_source" in may_kinds("Talks\n\nThe levy would reportedly fund three new clinics and a school.")
    # an outlet answering for itself is a party to the story, not a report the claim rests on
    party = ("Cover\n\nThe Valley Herald has defended the cover photo, saying that several of the pictures taken "
             "that day looked the same.")
    assert "secondhand_unlinked" not in may_kinds(party)
    # officials whose place opens the sentence, with the mayor speaking next
    located = ("Reopening\n\nIn Port Arden, officials report some positive signs in hospital admissions. "
               "“It's a good day. We want great days, though,” Mayor Joan Avery said.")
    assert "vague_source" not in may_kinds(located)
    assert "vague_source" in may_kinds(
        "Reopening\n\nOfficials report some positive signs in hospital admissions. The port reopened on Monday.")
    # senators summarised, then one of them quoted by name
    hinted = ("Stimulus\n\nNegotiators are still meeting.\n\nSenators had hinted throughout Saturday that they "
              "were making progress on the jobless benefits.\n\n“We're making real progress. Part of this is "
              "hard. We've made our priorities clear,” Senator Ron Dale said.")
    assert "vague_source" not in may_kinds(hinted)
    # watched officials are what the aides describe, not a source
    watched = ("Calls\n\nThe governor kept a close eye on coverage and noted which local officials were praising "
               "or criticizing him, according to two aides who spoke on condition of anonymity.")
    found = _kinds(watched, published="2020-05-07")
    assert not any(k == "vague_source" and "local officials" in t for k, t in found), found
    # a wire story's own agency is not a credit to another outlet
    call = ("Call\n\nThe governor urged the president to act, according to an audio recording of the call "
            "obtained by AP.")
    assert "wire_credit" not in [f.kind for f in analyze_article(
        article_from_text(call, published="2020-05-07", outlet="Associated Press")).findings]
    assert "wire_credit" in [f.kind for f in analyze_article(
        article_from_text(call, published="2020-05-07", outlet="The Valley Herald")).findings]


def test_anonymous_formulas_scholars_and_bare_back_references():
    def may(text: str) -> list[tuple[str, str]]:
        return _kinds(text, published="2020-05-07")

    # the misspelt formula and a possessive inside the relative clause still leave the aides unnamed
    aides = may("Calls\n\nThe governor was angry, according to three aides who spoke on condition on anonymity "
                "because they were not authorized to discuss the governor’s private talks.")
    assert [k for k, _ in aides if k in ("vague_source", "anonymous_source")], aides
    briefed = may("Post\n\nOne option was a seat on the advisory board, people briefed on the matter said.")
    assert "anonymous_source" in [k for k, _ in briefed], briefed
    coordinated = may("Calls\n\nThe president was pleased with the call, according to two White House officials "
                      "and Republicans close to the West Wing.")
    assert "vague_source" in [k for k, _ in coordinated], coordinated
    scholars = may("Citizenship\n\nBut many scholars counter that it would take an amendment to change the rule.")
    assert "vague_source" in [k for k, _ in scholars], scholars
    # "Critics" after "Critics of the plan": one notice
    critics = may("Plan\n\nCritics of the plan say it will raise rents across the city. The council voted anyway. "
                  "Critics say the vote was rushed through in one night.")
    assert [k for k, _ in critics].count("vague_source") == 1, critics
    # an attitude is no fact passed on; an uncounted coordination is a summary, not a source
    attitude = may("Law\n\nThe bill drew criticism from civil liberties activists, who expressed alarm over the "
                   "new powers it gives the police.")
    assert "vague_source" not in [k for k, _ in attitude], attitude
    summary = may("Plant\n\nArden officials and fighters claimed the troops had entered the plant, while the "
                  "ministry denied it.")
    assert "vague_source" not in [k for k, _ in summary], summary
    # a term scholars use is no claim of theirs; a company facing lawmakers is not the lawmakers
    termed = may("Rector\n\nHe had a reputation as what scholars of Arden politics call a “quiet reformer,” someone "
                 "working inside the system.")
    assert "vague_source" not in [k for k, _ in termed], termed
    facing = may("Platforms\n\nSocial media companies, facing pressure from lawmakers and users over their role in "
                 "spreading rumours, say they removed 3,000 accounts last month.")
    assert "vague_source" not in [k for k, _ in facing], facing
    # a court of a named city is identifiable (and since half 10 any court: its ruling is a public record)
    assert "vague_source" not in [k for k, _ in may(
        "Trial\n\nA Moscow court on Tuesday said the students had broken the law on protests.")]
    # "USA Today" is an outlet, not a date that identifies its report
    today = may("Warrants\n\nThe detective asked for four other warrants at the same time. USA Today notes that "
                "the judge approved all five warrants \"within 12 minutes.\"")
    assert "secondhand_unlinked" in [k for k, _ in today], today


def test_outlets_typed_as_people_reporters_and_weekday_only_reports():
    def may(text: str) -> list[tuple[str, str]]:
        return _kinds(text, published="2020-05-07")

    assert ("secondhand_unlinked", "Politico reports") in may(
        "Launchers\n\nPolitico reports that the Pentagon is sending four more launchers to the front.")
    assert "secondhand_unlinked" in [k for k, _ in may(
        "Checks\n\nThe Valley Herald's Tom Reese reports that Republicans want smaller checks for most families.")]
    # a weekday alone does not find the report, and the notice says it is given; a day of a month does
    weekday = analyze("Strikes\n\nThe Valley Herald reported on Thursday that the strike would end within a week.",
                      published="2020-05-07").findings
    assert [f.kind for f in weekday] == ["secondhand_unlinked"] and "only a weekday" in weekday[0].message, weekday
    assert "secondhand_unlinked" not in [k for k, _ in may(
        "Strikes\n\nThe Valley Herald reported on 30 April that the strike would end within a week.")]
    # the person Bloomberg, a reporter's question: no report to trace
    assert "secondhand_unlinked" not in [k for k, _ in may(
        "Race\n\nMichael Bloomberg spent heavily in March. Bloomberg says he will keep funding the party "
        "through November.")]
    assert "secondhand_unlinked" not in [k for k, _ in may(
        "Briefing\n\nCBS's Jane Moore, a White House reporter, asked the president whether the remark was racist.")]


def test_media_of_unknown_origin_photographs_and_names_in_what_it_shows():
    def may(text: str) -> list[str]:
        return kinds(text, published="2022-05-07")

    assert "media_origin_unverified" in may(
        "Town\n\nPhotographs from the town showed a scene of devastation, with burnt tanks lined up along one street.")
    # a place or person in what the footage shows is not who filmed it
    assert "media_origin_unverified" in may(
        "Kherson\n\nThe troops advanced. Social media footage appeared to show Russian forces reaching the city of "
        "Kherson on the river.")
    # the owner, or who released it, is its origin
    assert "media_origin_unverified" not in may("Clip\n\nAnna Petrenko's video showed the burning depot.")
    assert "media_origin_unverified" not in may("Clip\n\nA video released by Anna Petrenko showed the burning depot.")


def test_unnamed_aides_with_post_modifiers_and_an_apposition_run_in():
    def may(text: str) -> list[str]:
        return kinds(text, published="2020-05-07")

    assert "vague_source" in may(
        "Plan\n\nThe plan would allow a motion to dismiss, according to a senior leadership aide, a motion that "
        "would likely fall short of the votes it needs.") or "anonymous_source" in may(
        "Plan\n\nThe plan would allow a motion to dismiss, according to a senior leadership aide, a motion that "
        "would likely fall short of the votes it needs.")
    found = may("Polls\n\nThe manager told aides the polls looked bad, according to a campaign aide not authorized "
                "to speak publicly about private conversations.")
    assert "vague_source" in found or "anonymous_source" in found, found


def test_figures_in_abbreviated_sums_quantities_shares_and_words():
    def figures(text: str) -> list[str]:
        return [t for k, t in _kinds(text, published="2022-08-01") if k == "checkworthy_unsourced"]

    assert figures("Ships\n\nThree ships carrying almost 60,000 tonnes of grain between them have left the "
                   "port of Arden for the Bosphorus.")
    assert figures("Reserves\n\nBefore the war, the central bank held about $640bn in foreign currency and gold "
                   "reserves, much of it abroad.")
    found = _kinds("Vote\n\nThe senator outperformed his rival among older voters by 37 percentage points in the "
                   "northern counties in 2016.", published="2022-08-01")
    assert any(k == "checkworthy_unsourced" for k, _ in found), found
    analysis = analyze("Vote\n\nThe senator outperformed his rival among older voters by 37 percentage points in "
                       "the northern counties in 2016.", published="2022-08-01")
    assert any("37 percentage points" in f.message for f in analysis.findings)
    # vague plurals and small counts stay quiet
    assert not figures("Budget\n\nThe programme has cost billions of dollars over the years, and 14 people run it.")


def test_a_named_period_that_only_dates_something_else_is_background():
    def history(text: str) -> list[str]:
        return [t for k, t in _kinds(text, published="2022-05-01") if k == "checkworthy_unsourced"]

    assert not history("Agency\n\nThe Arden Health Office is an agency established after World War II to fight "
                       "disease across the valley.")
    assert history("Valley\n\nThe valley's miners fought the invaders in World War 2 alongside the partisans.")


def test_known_false_alarms_of_the_ninth_blind_half_stay_quiet():
    def may(text: str) -> list[tuple[str, str, int]]:
        a = analyze(text, published="2020-01-17")
        return [(f.kind, a.article.text[f.start:f.end], f.start) for f in a.findings]

    # a wire photo caption pasted into the text is not the article's claim; the body's sentence is
    caption = ("Team\n\nFILE - In this Dec. 2, 2019 file photo, the lawyer Ann Lee leaves court in Arden. The legal "
               "team will include Ann Lee, according to a person familiar with the matter. (AP Photo/Jo Bloggs)\n\n"
               "The legal team will include Ann Lee, according to a person familiar with the matter.")
    found = may(caption)
    body = caption.rindex("according to")
    assert [(k, s) for k, _, s in found] == [("anonymous_source", body)], found
    assert "2 claims" not in analyze(caption, published="2020-01-17").findings[0].message
    # an organisation that posted the footage, in the active voice, is its origin
    posted = ("Ad\n\nThe Arden Action Fund, a political action committee that attacks candidates with videos, posted "
              "the footage on YouTube on Tuesday.")
    assert not [k for k, _, _ in may(posted) if k == "media_origin_unverified"], may(posted)
    # "reportedly", with the named person who told an outlet in the next sentence
    told = ("Academy\n\nThe decision drew complaints. Even parents were reportedly stunned by the decision. “There is "
            "no need to do this,” Jo Fenn, a 2002 graduate, told the Valley Herald. “It is a nightmare.”")
    assert not [k for k, _, _ in may(told) if k == "anonymous_source"], may(told)
    bare = "Academy\n\nThe decision drew complaints. Even parents were reportedly stunned by the decision."
    assert [k for k, _, _ in may(bare) if k == "anonymous_source"], may(bare)


def test_known_false_alarms_of_the_tenth_blind_half_stay_quiet():
    def may(text: str) -> list[str]:
        return kinds(text, published="2020-05-07")

    # a court's ruling is a public record, named city or not
    assert "vague_source" not in may("Ruling\n\nA federal court said the rule was unlawful in a 2-1 decision.")
    # a reporter speaking on air cites no report; one who reports in print does
    assert "secondhand_unlinked" not in may(
        "Radio\n\nArden Public Radio's Emily Jones said the governor will sign the bill this week.")
    assert "secondhand_unlinked" in may(
        "Radio\n\nThe Valley Herald's Tom Reese reports that Republicans want smaller checks for most families.")
    # a quoted speaker's own "could not confirm" is theirs, not the outlet's disclosure
    assert "unverified_media" not in may(
        "Leak\n\n“We could not confirm the messages were genuine,” Jo Fenn, the site's editor, said on Monday.")
    assert "unverified_media" in may("Leak\n\nThe messages could not be independently verified.")
