"""The code stage's parts on sentences written for these tests, with the real
spaCy pipeline: triggers, what is not an event, fatalities, sources, sides."""

from __future__ import annotations

from datetime import date

import pytest

from outposts.code import hedges
from outposts.code.fatalities import fatalities
from outposts.code.sources import Sources
from outposts.code.triggers import Lexicon
from outposts.config import DEFAULT_SPACY_MODEL
from outposts.nlp import load_nlp


@pytest.fixture(scope="module")
def nlp():
    return load_nlp(DEFAULT_SPACY_MODEL)


@pytest.fixture(scope="module")
def lexicon():
    return Lexicon.load()


def _best(nlp, lexicon, text):
    sent = next(nlp(text).sents)
    hits = [h for h in lexicon.hits(sent) if hedges.irrealis(h.head, sent) is None]
    return (hits[0].trigger.type if hits else None), sent


@pytest.mark.parametrize("text, expected", [
    ("Russian warplanes carried out four air strikes on the outskirts of the town on Monday.", "Air/drone strike"),
    ("A roadside bomb exploded next to a police car on the highway.", "Remote explosive/landmine/IED"),
    ("A suicide bomber blew himself up at the entrance of the mosque.", "Suicide bomb"),
    ("Government artillery shelled the village for two hours.", "Shelling/artillery/missile attack"),
    ("Fighters from the two groups clashed near the bridge overnight.", "Armed clash"),
    ("Security forces arrested eleven men during a dawn raid.", "Arrests"),
    ("Hundreds of teachers protested outside the governor's office.", "Peaceful protest"),
    ("Police fired tear gas to disperse the protesters and detained three of them.", "Protest with intervention"),
    ("The army established a new military base on the hill.", "Headquarters or base established"),
    ("The militia handed over its posts to the army.", "Non-violent transfer of territory"),
    ("Engineers defused an explosive device planted under the bridge.", "Disrupted weapons use"),
    ("Gunmen kidnapped two aid workers on the road to the camp.", "Abduction/forced disappearance"),
    ("The brigade deployed reinforcements to the front line.", "Change to group/activity"),
])
def test_trigger_picks_the_sub_event(nlp, lexicon, text, expected):
    assert _best(nlp, lexicon, text)[0] == expected


@pytest.mark.parametrize("text", [
    "The army could retake the town within days.",
    "If the rebels crossed the river, the army would shell their positions.",
    "Officials warned that militants may attack the checkpoint.",
    "The militia did not withdraw from the town.",
    "Government forces are expected to launch an offensive next month.",
    "Iranian forces have been deployed in the region for years.",
    "I think the airstrikes were a mistake.",
    "Will the army ever arrest the smugglers?",
    "The group threatened to kidnap more journalists.",
])
def test_not_events(nlp, lexicon, text):
    assert _best(nlp, lexicon, text)[0] is None, text


@pytest.mark.parametrize("text, expected", [
    ("At least five people were killed and twelve wounded.", (5, 5)),
    ("The strike killed three civilians, while activists said nine died.", (3, 9)),
    ("The death toll rose to 21 on Tuesday.", (21, 21)),
    ("Two soldiers and one of the attackers were killed.", (3, 3)),
    ("No casualties were reported.", (0, 0)),
    ("Twelve people were wounded in the blast.", None),
    ("Dozens of fighters were killed.", (12, 12)),
    ("The convoy carried 40 tonnes of flour.", None),
    ("The airstrike resulted in the deaths of at least nine people, including seven children.", (9, 9)),
    ("The provisional balance is 11 bodies of soldiers found and 28 wounded.", (11, 11)),
    ("The deaths of 3 wounded men were not confirmed.", None),
    # a word with a figure inside is no second count
    ("Four people, including a 12-year-old boy, died in the fire.", (4, 4)),
    # two counts of one toll are summed; a wounded count is not one of them
    ("The ambush killed four policemen and two attackers on the road.", (6, 6)),
    ("The ambush killed four policemen and two others were hurt.", (4, 4)),
    ("The army reported three dead on its side and nine dead among the raiders.", (12, 12)),
    # one death where no figure is given
    ("A local trader was shot and killed outside his shop.", (1, 1)),
    ("The shell struck a bus, killing a woman.", (1, 1)),
    ("An elderly farmer lost his life in the shelling.", (1, 1)),
    ("The mayor was nearly killed by the blast.", None),
    ("No one was killed, the governor said.", (0, 0)),
])
def test_fatalities_lowest_figure(text, expected):
    assert fatalities(text) == expected


def test_sources_from_attribution(nlp):
    sources = Sources.load()
    cases = {
        "Clashes erupted at dawn, the Syrian Observatory for Human Rights said.": "SOHR",
        "According to the state news agency SANA, the army entered the village.": "SANA",
        "Two drones were shot down, Iraq's Security Media Cell said in a statement.": "Security Media Cell",
    }
    for text, expected in cases.items():
        found = sources.attribution(next(nlp(text).sents))
        assert found is not None and found.name == expected, text


def test_headline_stems(nlp, lexicon):
    sent = next(nlp("Drone Strikes Hit Militia Convoy Near Border").sents)
    assert lexicon.hits(sent)[0].trigger.type == "Air/drone strike"


def test_pipeline_codes_a_report(tmp_path):
    import outposts

    text = (
        "Clashes Near Manbij\n\n"
        "Fighters of the Syrian Democratic Forces clashed with Turkish-backed factions near Manbij "
        "on Tuesday, killing four fighters, the Syrian Observatory for Human Rights said.\n\n"
        "The factions could launch a wider offensive if the talks fail, analysts said.\n"
    )
    events = outposts.extract(text, published="2021-03-11")
    assert len(events) == 1
    ev = events[0]
    assert ev.sub_event_type == "Armed clash" and ev.event_type == "Battles"
    assert ev.event_date == date(2021, 3, 9) and ev.time_precision == 1
    assert ev.fatalities == 4 and ev.source == "SOHR"
    assert ev.country == "Syria" and abs(ev.latitude - 36.53) < 0.2 and abs(ev.longitude - 37.95) < 0.2
    assert "Syrian Democratic Forces" in ev.actor1


@pytest.mark.parametrize("text, expected", [
    ("Two soldiers raped a woman in the village on Sunday.", "Sexual violence"),
    ("Police recovered three grenades and a rifle from an abandoned house.", "Disrupted weapons use"),
    ("A mine exploded prematurely while the militants were planting it.", "Disrupted weapons use"),
    ("The two armed groups exchanged prisoners at the crossing.", "Agreement"),
    ("Forty fighters laid down their weapons at the district office.", "Agreement"),
    ("Bandits stole sixty cows from a farm outside the town.", "Looting/property destruction"),
])
def test_rare_class_triggers(nlp, lexicon, text, expected):
    assert _best(nlp, lexicon, text)[0] == expected


def test_past_form_tagged_present_is_not_a_habit(nlp, lexicon):
    sent = next(nlp("Soldiers retook the town of Garissa, Kenya.").sents)
    hit = lexicon.hits(sent)[0]
    assert hit.trigger.type == "Government regains territory"
    assert hedges.irrealis(hit.head, sent) is None


def test_state_forces_of_a_country_outside_syria_and_iraq():
    import outposts

    text = "Bomb Defused\n\nOn 8 March 2021, soldiers defused a roadside bomb in Garissa, Kenya.\n"
    events = outposts.extract(text, published="2021-03-10")
    assert [e.sub_event_type for e in events] == ["Disrupted weapons use"]
    assert events[0].actor1 == "Military Forces of Kenya (2013-2022)"  # the world states' tenure bracket
    assert events[0].inter1 == 1


def test_umbrella_operation_is_actor1():
    import outposts

    text = ("Villages Shelled\n\nOn 8 March 2021, Turkish forces and allied factions, operating under "
            "Operation Peace Spring, shelled the village of Tal Tamer in Al-Hasakeh.\n")
    ev = outposts.extract(text, published="2021-03-10")[0]
    assert ev.sub_event_type == "Shelling/artillery/missile attack"
    assert ev.actor1 == "Operation Peace Spring"
    assert ev.assoc_actor_1.startswith("Military Forces of Turkey")


def test_us_forces_in_syria_serve_under_the_coalition():
    import outposts

    text = "Reinforcements\n\nOn 8 March 2021, US forces sent reinforcements to their base in Al-Hasakeh, Syria.\n"
    ev = outposts.extract(text, published="2021-03-10")[0]
    assert ev.actor1 == "Global Coalition Against Daesh"
    assert ev.assoc_actor_1.startswith("Military Forces of the United States")


def test_country_from_the_actors_when_no_place_is_known():
    from outposts.code.coder import _actor_country
    from outposts.records import Actor, ActorMention

    hts = ActorMention("HTS", 0, 3, Actor("HTS: Hayat Tahrir al Sham", 2, "SY"))
    turks = ActorMention("Turkish forces", 10, 24, Actor("Military Forces of Turkey (2016-)", 1, "TR"))
    assert _actor_country([hts, turks]) == "SY"
    assert _actor_country([turks]) == "TR"
    assert _actor_country([]) is None


def test_policing_told_after_the_protest():
    import outposts

    def sub(body):
        return [e.sub_event_type for e in outposts.extract("Rally\n\n" + body + "\n", published="2021-03-10")]

    assert sub("On 8 March 2021, hundreds of nurses protested outside the hospital in Erbil, Iraq. "
               "Police dispersed the crowd with batons.") == ["Protest with intervention"]
    assert sub("On 8 March 2021, hundreds of nurses protested outside the hospital in Erbil, Iraq. "
               "Police opened fire on the crowd, killing two nurses.") == ["Excessive force against protesters"]
    # the arrest the crowd protests against is not an intervention
    assert sub("On 8 March 2021, journalists protested in Erbil, Iraq, against the arrest of an editor. "
               "He was arrested last week over a column.")[0] == "Peaceful protest"


def test_umbrella_named_right_after_under_despite_the_parse():
    import outposts

    text = "Crops Looted\n\nOn 8 March 2021, opposition rebels under OPS looted wheat crops in Al-Hasakeh, Syria.\n"
    ev = outposts.extract(text, published="2021-03-10")[0]
    assert ev.sub_event_type == "Looting/property destruction"
    assert ev.actor1 == "Operation Peace Spring"


def _subs(body, published="2021-03-10"):
    import outposts

    return [e.sub_event_type for e in outposts.extract("Report\n\n" + body + "\n", published=published)]


def test_weapon_fired_at_positions_is_shelling():
    # the firing verb's object is the weapon: shelling, not a clash
    assert _subs("On 8 March 2021, government troops fired heavy mortars at the positions of the "
                 "rebels near Idlib, Syria.") == ["Shelling/artillery/missile attack"]


def test_attack_on_unarmed_targets_is_violence_against_civilians():
    assert _subs("On 8 March 2021, gunmen attacked two farmers near Sinjar, Iraq.") == ["Attack"]
    assert _subs("On 8 March 2021, gunmen attacked an army checkpoint near Sinjar, Iraq.") == ["Armed clash"]


def test_crowd_violence_is_mob_violence():
    assert _subs("On 8 March 2021, angry villagers beat a suspected thief to death in Erbil, Iraq.") == ["Mob violence"]
    assert _subs("On 8 March 2021, residents clashed with police in Basra, Iraq.") == ["Mob violence"]


def test_first_definite_protest_and_crowd_subject():
    # nothing was told before: "the nationwide protest" is the event itself
    assert _subs("On 8 March 2021, nurses joined the nationwide protest in Basra, Iraq.") == ["Peaceful protest"]
    # the crowd is the subject of "demanded": its protest, not its grievance
    assert _subs("On 8 March 2021, protesters in Basra, Iraq, demanded new elections.") == ["Peaceful protest"]
    assert _subs("On 8 March 2021, gunmen shot dead a shopkeeper in Kirkuk, Iraq.") == ["Attack"]


def test_protest_grievance_and_place_words():
    # a long grievance is no background; a place called Imo is no opinion
    assert _subs("On 8 March 2021, nurses held a protest in Basra, Iraq, against unpaid wages for "
                 "three years.") == ["Peaceful protest"]
    assert _subs("On 8 March 2021, students protested in Owerri, Imo, Nigeria, over fees.") == ["Peaceful protest"]
    assert _subs("On 8 March 2021, residents blocked a highway in Basra, Iraq, to demand "
                 "electricity.") == ["Peaceful protest"]
    assert _subs("On 8 March 2021, demonstrators pelted the police with stones in Basra, Iraq, "
                 "against the power cuts.") == ["Violent demonstration"]


def test_heavy_weapons_fired_with_small_arms_is_a_clash():
    assert _subs("On 8 March 2021, the rebels fired grenade launchers, heavy machine guns and small arms "
                 "at army positions near Idlib, Syria.") == ["Armed clash"]
    assert _subs("On 8 March 2021, the rebels fired mortars at army positions near Idlib, Syria."
                 ) == ["Shelling/artillery/missile attack"]
    assert _subs("On 8 March 2021, the two sides exchanged artillery fire near Idlib, Syria.") == ["Armed clash"]


def test_more_ways_to_protest():
    assert _subs("On 8 March 2021, union members displayed banners outside the ministry in Basra, Iraq, "
                 "to call for higher wages.") == ["Peaceful protest"]
    assert _subs("On 8 March 2021, activists formed a human chain in Basra, Iraq.") == ["Peaceful protest"]


def test_arrests_the_crowd_protests_about_are_no_intervention():
    assert _subs("On 8 March 2021, teachers gathered in Basra, Iraq, and demanded the release of "
                 "colleagues who were detained last week.") == ["Peaceful protest"]


def test_protest_turned_violent_is_a_violent_demonstration():
    # the crowd's own violence, in the protest's sentence or the next one
    assert _subs("On 8 March 2021, traders demonstrated in Basra, Iraq, and smashed the windows of the "
                 "municipal office.") == ["Violent demonstration"]
    assert _subs("On 8 March 2021, hundreds of residents protested in Basra, Iraq, over power cuts. "
                 "They set tires on fire outside the governorate building.") == ["Violent demonstration"]
    # violence the crowd protests about is its grievance, not its act
    assert _subs("On 8 March 2021, farmers protested in Basra, Iraq, demanding the arrest of men who "
                 "set fire to their fields.") == ["Peaceful protest"]
    assert _subs("On 8 March 2021, residents protested in Basra, Iraq, after their homes were damaged "
                 "by floods.") == ["Peaceful protest"]


def test_crowd_staging_a_protest_in_a_clause_of_its_own():
    assert _subs("On 8 March 2021, members of a trade union staged a demonstration in Basra, Iraq, "
                 "against rising prices, they also demanded higher wages.") == ["Peaceful protest"]


def test_unarmed_brawl_is_mob_violence_but_armed_fight_is_a_clash():
    assert _subs("On 8 March 2021, supporters of two rival candidates clashed in Basra, Iraq, after "
                 "the results were announced.") == ["Mob violence"]
    assert _subs("On 8 March 2021, two tribes clashed in Basra, Iraq. "
                 "The two sides exchanged fire for hours.") == ["Armed clash"]


def test_taliban_as_a_victim_is_an_armed_side():
    assert _subs("On 8 March 2022, unknown gunmen killed a Taliban member in Herat, Afghanistan.") == ["Armed clash"]


def test_armed_movers_the_dictionary_lacks_still_change_activity():
    assert _subs("On 8 March 2021, tribal fighters deployed reinforcements in Basra, Iraq.") == ["Change to group/activity"]
    assert _subs("On 8 March 2021, the attackers arrived in Basra, Iraq.") == []


def test_a_withdrawal_happens_where_the_side_left_not_where_it_went():
    import outposts

    text = ("Fighters of a pro-Iranian militia handed over three checkpoints near Saraqib to the "
            "Syrian army on Monday.\n\nThe fighters withdrew from the checkpoints and drove toward Idlib.")
    events = outposts.extract(text, published="2021-03-10")
    assert [(e.sub_event_type, e.location) for e in events] == [
        ("Non-violent transfer of territory", "Saraqib")]


def test_strategic_moves_blocking_and_leaving_alliances():
    assert _subs("On 8 March 2021, Liwa al Fath ended its affiliation with the Fath al Mubin "
                 "Operations Room in Idlib, Syria.") == ["Change to group/activity"]
    assert _subs("On 8 March 2021, Turkish forces closed all of Kobani's entrances in Aleppo, Syria.") == [
        "Change to group/activity"]
    assert _subs("On 8 March 2021, Russian military police prevented a US patrol from entering "
                 "Tal Tamr in Al-Hasakeh, Syria.") == ["Other"]


def test_armed_victims_shared_by_joined_verbs_and_gangs():
    assert _subs("On 8 March 2021, unidentified gunmen shot and killed a security guard in Cucuta, Colombia.") == [
        "Armed clash"]
    assert _subs("On 8 March 2021, two gang members were shot and killed by unknown gunmen in Recife, Brazil.") == [
        "Armed clash"]
    assert _subs("On 8 March 2021, unidentified gunmen shot and killed a shopkeeper in Cucuta, Colombia.") == [
        "Attack"]


def test_capitalised_words_of_a_name_are_no_hedge():
    assert _subs("On 8 March 2021, Fridays for Future activists protested in Budapest, Hungary, "
                 "demanding climate action.") == ["Peaceful protest"]
    assert _subs("On 8 March 2021, activists may protest in Budapest, Hungary.") == []


def test_off_duty_or_former_security_victims_are_civilians():
    assert _subs("On 8 March 2021, gunmen shot and killed an off-duty police officer at his house in Baqubah, Iraq.") == [
        "Attack"]
    assert _subs("On 8 March 2021, a former army officer was shot dead by unknown gunmen in Daraa, Syria.") == [
        "Attack"]
    assert _subs("On 8 March 2021, gunmen shot and killed a police officer at a checkpoint in Baqubah, Iraq.") == [
        "Armed clash"]


def test_checkpoint_run_by_a_group_is_a_strategic_development():
    assert _subs("On 8 March 2021, IS militants ran a checkpoint near Hajin in Deir ez-Zor, Syria, "
                 "and checked vehicles.") == ["Other"]


def test_suicide_bombers_killed_before_blowing_up_are_a_clash():
    assert _subs("On 8 March 2021, Iraqi forces killed two IS suicide bombers near Tarmiyah, Baghdad, Iraq.") == [
        "Armed clash"]
    assert _subs("On 8 March 2021, a suicide bomber blew himself up at a market in Baghdad, Iraq, "
                 "killing 12 civilians.") == ["Suicide bomb"]


def test_an_air_force_that_targets_is_an_air_strike():
    assert _subs("On 8 March 2021, the Iraqi air force targeted an IS hideout in Rutba, Anbar, Iraq, "
                 "killing two militants.") == ["Air/drone strike"]


def test_executed_captives_are_civilian_victims():
    assert _subs("On 8 March 2021, HTS executed a man from Afrin in Idlib, Syria, over charges of "
                 "belonging to the YPG.") == ["Attack"]


def test_patrol_prevented_from_entering_is_a_strategic_development():
    assert _subs("On 8 March 2021, US forces prevented a Russian military police patrol from entering "
                 "Rmelan in Al-Hasakeh, Syria.") == ["Other"]


def test_group_formation_exercises_and_checkpoints_change_activity():
    assert _subs("On 8 March 2021, Iraqi police forces removed several checkpoints in the Mansour area "
                 "of Baghdad, Iraq.") == ["Change to group/activity"]
    assert _subs("On 8 March 2021, SDF fighters conducted military exercises near Manbij, Aleppo, Syria.") == [
        "Change to group/activity"]


def test_suspect_killed_in_a_police_raid_is_an_attack():
    assert _subs("On 8 March 2021, a drug suspect was killed during a police raid in Paranaque, Philippines.") == [
        "Attack"]
    assert _subs("On 8 March 2021, two policemen were killed during a police raid in Paranaque, Philippines.") == [
        "Armed clash"]


def test_seizing_goods_is_looting_not_territory():
    assert _subs("On 8 March 2021, IS militants seized livestock near Hajin, Deir ez-Zor, Syria.") == [
        "Looting/property destruction"]
    assert _subs("On 8 March 2021, IS militants seized the village of Hajin, Deir ez-Zor, Syria.") == [
        "Non-state actor overtakes territory"]
    assert _subs("On 8 March 2021, there was military equipment which was captured by rebels near Hajin, "
                 "Deir ez-Zor, Syria.") == ["Looting/property destruction"]


def test_arson_attack_on_property_is_property_destruction():
    assert _subs("On 8 March 2021, a militant group carried out an arson attack targeting a factory in "
                 "Zeytinburnu, Istanbul, Turkey.") == ["Looting/property destruction"]
