//! The words that code an event: triggers (a verb or noun and the PLOVER
//! type, mode, context and ACLED sub-type it signals) and the cues of
//! modality, reporting and intent around them.
//!
//! Patterns are written as words separated by spaces; a word may list
//! alternatives (`talks|negotiations`), and a word ending in `+` stands for
//! the verb's regular forms (`attack+` is attack, attacks, attacked,
//! attacking), and the word `…` stands for up to [`GAP`] words of any kind. Matching is on lower-cased tokens, longest pattern first, so
//! "suicide bombing" wins over "bombing".

use beacon_model::EventType::{self, *};

/// How a trigger relates to the words after it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Frame {
    /// It names the event itself ("attacked", "clashes", "met").
    Act,
    /// A verbal act whose complement is its content, not another event:
    /// "threatened to cut off electricity" is one THREATEN, "agreed to set up
    /// a centre" one AGREE. It absorbs the next trigger of its clause.
    Verbal,
    /// "denied carrying out the attack": the next trigger of the clause is
    /// the event, denied. Alone ("denied the report") it is a REJECT.
    Deny,
    /// "warned that …", "claimed responsibility for …": the next trigger of
    /// the clause is the event, and the subject is who says so. Alone it
    /// codes as its own type ("warned" alone is a THREATEN).
    Report,
}

/// One trigger pattern.
#[derive(Debug, Clone, Copy)]
pub struct Trigger {
    /// The words (see the module docs).
    pub pattern: &'static str,
    /// The PLOVER type.
    pub kind: EventType,
    /// PLOVER mode, where the words say it.
    pub mode: Option<&'static str>,
    /// ACLED-style sub-type, where the words say it.
    pub sub_type: Option<&'static str>,
    /// How it relates to the words after it.
    pub frame: Frame,
}

impl Trigger {
    /// Whether its words hold a gap (`…`): a construction ("fired …
    /// artillery", "pushed … out of"), which has no everyday sense.
    pub fn has_gap(&self) -> bool {
        self.pattern.split_whitespace().any(|w| w == "…")
    }
}

const fn t(pattern: &'static str, kind: EventType) -> Trigger {
    Trigger {
        pattern,
        kind,
        mode: None,
        sub_type: None,
        frame: Frame::Act,
    }
}

/// A trigger that names an act, with its mode and ACLED sub-type (empty:
/// none).
pub(crate) const fn m(
    pattern: &'static str,
    kind: EventType,
    mode: &'static str,
    sub_type: &'static str,
) -> Trigger {
    Trigger {
        pattern,
        kind,
        mode: if mode.is_empty() { None } else { Some(mode) },
        sub_type: if sub_type.is_empty() {
            None
        } else {
            Some(sub_type)
        },
        frame: Frame::Act,
    }
}

const fn v(pattern: &'static str, kind: EventType) -> Trigger {
    Trigger {
        pattern,
        kind,
        mode: None,
        sub_type: None,
        frame: Frame::Verbal,
    }
}

const fn r(pattern: &'static str, kind: EventType, frame: Frame) -> Trigger {
    Trigger {
        pattern,
        kind,
        mode: None,
        sub_type: None,
        frame,
    }
}

/// Every trigger, one a line.
#[rustfmt::skip]
pub const TRIGGERS: &[Trigger] = &[
    // Verbal acts that take their content as a complement.
    v("agree+|agreed", Agree),
    v("reached|reach|reaches|reaching agreement|consensus|deal", Agree),
    v("reached|reach|reaches|reaching an|a agreement|consensus|deal", Agree),
    v("sign+ agreement|accord|deal|treaty|pact", Agree),
    t("ceasefire|cease-fire|truce|armistice", Agree),
    v("ratify|ratifies|ratified|ratifying|ratification", Agree),
    t("exchange+|swap+ prisoners|detainees|captives", Agree),
    t("prisoner|prisoners exchange|swap", Agree),
    t("surrender+", Concede),
    v("sign+ an|a agreement|accord|deal|treaty|pact", Agree),
    v(
        "sign+ a|an|the peace|ceasefire|cease-fire|security|border|defence|defense|nuclear|bilateral agreement|accord|deal|treaty|pact",
        Agree,
    ),
    v("promise+", Agree),
    v("pledge+ to", Agree),
    v("offer+ to", Agree),
    v("offered|offers concessions", Agree),
    v("vow+ to fight", Threaten),
    v("sworn|swore to fight", Threaten),
    v("threaten+", Threaten),
    v("threat of", Threaten),
    m("ultimatum", Threaten, "", ""),
    v("demand+", Demand),
    v("call+ for|on", Demand),
    v("urge+", Demand),
    v("press+ for", Demand),
    v("pushing|pushed|push hard for", Demand),
    v("pushing|pushed|push for", Demand),
    v("pressur+|pressuring|pressured", Demand),
    v("appeal+ to|for", Demand),
    v("insist+", Demand),
    v("sought|seek|seeks|seeking refuge|asylum", Demand),
    v("reject+", Reject),
    v("refuse+", Reject),
    v("turned|turn|turns down", Reject),
    v("renege+|reneged", Reject),
    v("oppose+", Reject),
    v("veto+|vetoed", Reject),
    v("failed|fail|fails to reach", Reject),
    v("violated|violate|violates|defied|defy|defies", Reject),
    v("accuse+", Disapprove),
    v("condemn+", Disapprove),
    v("denounce+", Disapprove),
    v("criticize+|criticise+|criticized|criticised", Disapprove),
    v("blame+", Disapprove),
    v("complain+", Disapprove),
    v("indict+", Disapprove),
    v("charged|charge|charges with", Disapprove),
    r("deny|denies|denied|denying", Reject, Frame::Deny),
    r("warn+", Threaten, Frame::Report),
    r("claim+ responsibility for", Assault, Frame::Report),
    // Consultation.
    m("meet|meets|met|meeting", Consult, "visit", ""),
    m("summit", Consult, "visit", ""),
    m("hold|holds|held|holding talks", Consult, "visit", ""),
    m("talks", Consult, "visit", ""),
    m("visit+", Consult, "visit", ""),
    m("host+", Consult, "host", ""),
    m("telephone+|phoned", Consult, "phone", ""),
    m("negotiate+|negotiations", Consult, "", ""),
    m("mediate+|mediation", Consult, "mediate", ""),
    m("discuss+", Consult, "", ""),
    m("gave|give|gives a warm welcome", Consult, "host", ""),
    // Support and cooperation.
    t("praise+", Support),
    t("endorse+", Support),
    t("welcome+|welcomed", Support),
    t("defend+", Support),
    t("support+", Support),
    t("back+ the", Support),
    t("pledge+ allegiance", Support),
    t("announce+ allegiance", Support),
    t("swore|sworn|swear allegiance", Support),
    t("allegiance to", Support),
    t("forgive+|forgave", Support),
    t("upgrade+ diplomatic|ties|relations", Support),
    t("establish+ diplomatic|ties|relations", Support),
    t("restore+ diplomatic|ties|relations", Support),
    t("upgrade+|upgraded … ties|relations", Support),
    t("resume+|renew+ diplomatic ties|relations", Support),
    t("cooperate+|cooperation", Cooperate),
    t("extradite+", Cooperate),
    t("share+ intelligence", Cooperate),
    t("share+ … evidence|information|intelligence|data", Cooperate),
    t("joint … exercises|exercise|drills|patrols|patrol", Cooperate),
    t("joined|join|joins forces", Cooperate),
    // Aid.
    t("aid", Aid),
    t("assistance", Aid),
    // goods given: "handed over medical equipment and medicines to",
    // "flew 13 tons of medicine into Afghanistan", "delivered food aid"
    t("hand|hands|handed|handing over … equipment|medicines|medicine|supplies|vaccines|food", Aid),
    t("flew|fly|flies|deliver+|delivered … medicines|medicine|supplies|vaccines|food", Aid),
    t("provide+|providing", Aid),
    t("donate+", Aid),
    t("contribute+", Aid),
    t("grant+ asylum", Aid),
    t("granted|grant|grants political asylum", Aid),
    t("send|sends|sent arms|aid|troops", Aid),
    t("supplied|supply|supplies arms|weapons", Aid),
    t("gave|give|gives", Aid),
    // Concessions and retreat.
    t("concede+|conceded", Concede),
    t("lift+ the|a", Concede),
    t("lift+ restrictions|sanctions|curfew|ban", Concede),
    t("ease+|eased", Concede),
    t("release+", Concede),
    t("freed|free|frees", Concede),
    t("allow+", Concede),
    t("permit+|permitted", Concede),
    t("apologize+|apologise+|apologized|apologised", Concede),
    t("cancel+|cancelled|canceled restrictions", Concede),
    // giving back what was taken or laying down arms
    t(
        "return+ … weapons|arms|territory|artifacts|antiquities|relics|fossils|property|remains|bodies|prisoners|hostages",
        Concede,
    ),
    t("hand|hands|handed|handing over … weapons|arms", Concede),
    t("lay|lays|laid|laying down … weapons|arms", Concede),
    // easing what was imposed: "lifted its economic embargo", "removed
    // sanctions on", "ended restrictions on", "repealed the boycott law",
    // "cut tariffs on", "called off a strike"
    t("lift+ … sanctions|embargo|restrictions|curbs|ban|blockade|tariffs|curfew", Concede),
    t("remove+|removed … sanctions|embargo|restrictions|curbs|tariffs", Concede),
    t("end+ … sanctions|embargo|restrictions|curbs|blockade", Concede),
    t("repeal+", Concede),
    t("cut|cuts|cutting tariffs|duties", Concede),
    t("call+ off … strike|strikes|protest|protests|boycott", Concede),
    t("withdraw|withdraws|withdrew|withdrawn|withdrawal|withdrawing", Retreat),
    t("retreat+", Retreat),
    t("pull+ out", Retreat),
    t("resign+", Retreat),
    t("stepped|step|steps down", Retreat),
    t("disband+", Retreat),
    t("defect+|defectors", Retreat),
    t("pull+ back", Retreat),
    t("demobilize+|demobilise+|demobilized|demobilised", Retreat),
    t("evacuate+", Retreat),
    t("paid|pay|pays compensation", Retreat),
    // Investigation.
    t("investigate+|investigation|investigations", Investigate),
    t("probe", Investigate),
    t("inquiry", Investigate),
    // Mobilisation.
    t("deploy+|deployment", Mobilize),
    // a show of force: "conducting military exercises in Alaska" (joint
    // exercises are cooperation)
    t("military exercises|drills|maneuvers|manoeuvres", Mobilize),
    t("mobilize+|mobilise+|mobilized|mobilised|mobilisation|mobilization", Mobilize),
    t("massing|amassed|amassing", Mobilize),
    t("concentration of", Mobilize),
    t("build-up|buildup", Mobilize),
    t("reinforcements", Mobilize),
    t("high alert", Mobilize),
    t("patrols", Mobilize),
    t("dispatched|dispatch|dispatches|dispatching", Mobilize),
    t("reinforced|reinforce|reinforces|reinforcing", Mobilize),
    t("fortify|fortified|fortifies|fortifying", Mobilize),
    t("moving|moved|move|moves troops|forces|fighters|reinforcements", Mobilize),
    t("forwarded|sent more|additional fighters|troops|forces", Mobilize),
    t("set|sets|setting up … base|bases|post|posts|outpost|outposts|headquarters|camp|camps|checkpoint|checkpoints|barracks|point|points", Mobilize),
    t("establish+ … base|bases|post|posts|outpost|outposts|headquarters|camp|camps|checkpoint|checkpoints|barracks|point|points", Mobilize),
    t("prepared|prepare|prepares|preparing to resume", Mobilize),
    // Sanctions.
    m("sanction+|sanctions", Sanction, "", ""),
    m("embargo", Sanction, "", ""),
    // "imposed sanctions on", "plans to impose restrictions on its labour
    // market for new members"
    m("impose+|imposed … sanctions|restrictions|curbs|tariffs|duties|embargo", Sanction, "", ""),
    t("suspend+|suspension", Sanction),
    t("cut|cuts|cutting ties", Sanction),
    t("sever+|severed ties|relations", Sanction),
    t("broke|break|breaks|breaking off … ties|relations", Sanction),
    t("sever+|severed|cut|cuts diplomatic ties|relations", Sanction),
    t("expel+|expelled diplomats", Sanction),
    t("expulsion|expulsions", Sanction),
    t("throws|threw|throw|thrown out", Sanction),
    t("recall+ ambassador|envoy", Sanction),
    t("cancel+|cancelled|canceled visit", Sanction),
    t("cancel+|cancelled|canceled a planned visit", Sanction),
    t("ended|end|ends mediation", Sanction),
    t("deny|denied|denies entry", Sanction),
    t("forced|force|forces out", Sanction),
    // Coercion.
    m("arrest+", Coerce, "arrest", "ARREST"),
    m("detain+", Coerce, "arrest", "ARREST"),
    m("taken|took into custody", Coerce, "arrest", "ARREST"),
    m("seize+|seized", Coerce, "seize", ""),
    m("confiscate+", Coerce, "seize", ""),
    m("ban+|banned|banning", Coerce, "ban", ""),
    m("outlaw+", Coerce, "ban", ""),
    m("curfew", Coerce, "curfew", ""),
    m("state of emergency|siege", Coerce, "martial-law", ""),
    m("martial law", Coerce, "martial-law", ""),
    m("blockade|blockades", Coerce, "restrict", ""),
    m("closed|close|closes|closing|shut|shuts … border|borders|frontier", Coerce, "restrict", ""),
    m("deport+", Coerce, "deport", ""),
    m("expel+|expelled", Coerce, "deport", ""),
    m("demolish+", Coerce, "destroy", "PROPERTY_DISTRUCT"),
    m("raid+", Coerce, "", ""),
    m("censor+", Coerce, "censor", ""),
    m("defaced|deface|defaces", Coerce, "censor", ""),
    m("prevented|prevent|prevents", Coerce, "restrict", ""),
    m("disperse+", Coerce, "", "FORCE_AGAINST_PROTEST"),
    m("tear gas|teargas", Coerce, "", "FORCE_AGAINST_PROTEST"),
    m("crackdown", Coerce, "", ""),
    m("intercept+", Coerce, "seize", "DISR_WEAP"),
    m("found|discovered|recovered|seized|destroyed|cleared|defused|dismantled … weapons|arms|ammunition|explosives|guns|firearms|cache|caches|depot|ieds|device|devices|landmines|mines|bombs", Coerce, "seize", "DISR_WEAP"),
    m("stash|cache|caches of", Coerce, "seize", "DISR_WEAP"),
    m("defuse+", Coerce, "seize", "DISR_WEAP"),
    // Crime.
    t("smuggle+|smugglers|smuggler", Crime),
    t("counterfeit", Crime),
    t("traffick+|trafficking", Crime),
    t("loot+", Crime),
    t("robbery|robbed|rob", Crime),
    t("theft|stole|steal|stolen", Crime),
    t("embezzle+|embezzled", Crime),
    t("corruption", Crime),
    t("extort+|extortion", Crime),
    // Protest.
    m("protest+|protesters|protestors", Protest, "demo", "PEACE_PROTEST"),
    m("demonstrate+|demonstration|demonstrations|demonstrators", Protest, "demo", "PEACE_PROTEST"),
    m("rally|rallies|rallied", Protest, "demo", "PEACE_PROTEST"),
    m("march+|marchers", Protest, "demo", "PEACE_PROTEST"),
    m("hunger strike", Protest, "strike-hun", "PEACE_PROTEST"),
    m("went|go|goes on strike", Protest, "strike", "PEACE_PROTEST"),
    m("general|labour|labor|workers|nationwide strike|strikes", Protest, "strike", "PEACE_PROTEST"),
    m("strike|strikes|struck|striking", Assault, "", "ATTACK"),
    m("sit-in", Protest, "obstruct", "PEACE_PROTEST"),
    m("blocked|block|blocks|blocking roads|road|streets|roadway|transport|the", Protest, "obstruct", "PEACE_PROTEST"),
    m("riot+|rioters", Protest, "riot", "VIOL_DEMONSTR"),
    m("mob", Protest, "riot", "MOB_VIOL"),
    m("boycott+", Protest, "", ""),
    m("collect+ signatures", Protest, "demo-org", ""),
    // Fighting between organised forces.
    m("clash+|clashes", Fight, "small-arms", "ARMED_CLASH"),
    m("skirmish+|skirmishes", Fight, "small-arms", "ARMED_CLASH"),
    m("fighting|fought|fight|fights", Fight, "small-arms", "ARMED_CLASH"),
    m("battle+|battles", Fight, "small-arms", "ARMED_CLASH"),
    m("gun battle|battles", Fight, "small-arms", "ARMED_CLASH"),
    m("gunbattle|gunbattles|firefight|firefights", Fight, "small-arms", "ARMED_CLASH"),
    // "violated the ceasefire about 80 times": fire across the line
    m("violate+|violated … ceasefire|cease-fire|truce", Fight, "", "ARMED_CLASH"),
    // "rebels engaged peacekeepers in a firefight": the verb's subject and
    // object are the sides
    m(
        "engaged|engage|engages … in a firefight|gunfight|gunbattle|shootout|battle|clash|skirmish",
        Fight,
        "small-arms",
        "ARMED_CLASH",
    ),
    // weapons fired at someone: "fired two artillery shells at Kunduz",
    // "fired anti-aircraft guns at a helicopter"
    m("fired|fire|fires|firing|launched|lobbed … shells|rockets|missiles|mortars|mortar|artillery|anti-aircraft|howitzers", Fight, "heavy-weapons", "ART_MISS_ATTACK"),
    m("exchange of fire", Fight, "small-arms", "ARMED_CLASH"),
    m("exchange+ fire|gunfire", Fight, "small-arms", "ARMED_CLASH"),
    m("opened|open|opens fire", Fight, "firearms", "ARMED_CLASH"),
    m("ambush+", Fight, "small-arms", "ARMED_CLASH"),
    m("shell+|shelling", Fight, "heavy-weapons", "ART_MISS_ATTACK"),
    m("artillery|mortar|mortars|rocket|rockets|missile|missiles", Fight, "heavy-weapons", "ART_MISS_ATTACK"),
    m("air strike|strikes|raid|raids", Fight, "aerial", "AIR_STRIKE"),
    m("airstrike|airstrikes|air-strike|air-strikes", Fight, "aerial", "AIR_STRIKE"),
    m("drone strike|strikes|attack", Fight, "aerial", "AIR_STRIKE"),
    m("bombard+|bombardment", Fight, "heavy-weapons", "ART_MISS_ATTACK"),
    m("invade+|invasion", Fight, "occupy", ""),
    m("retake|retook|retaken|retakes|recapture+|recaptured", Fight, "occupy", "GOV_REGAINS_TERIT"),
    m("regain+ control", Fight, "occupy", "GOV_REGAINS_TERIT"),
    m("overran|overrun|overruns", Fight, "occupy", "NON_STATE_ACTOR_OVERTAKES_TER"),
    m("captured|capture|captures|capturing", Fight, "occupy", ""),
    m("took|take|takes|taken|taking|gained|gain|seized|seize full|back control", Fight, "occupy", ""),
    m("took|take|takes|taken|taking|gained|gain|seized|seize control", Fight, "occupy", ""),
    m("liberated|liberate|liberates", Fight, "occupy", "GOV_REGAINS_TERIT"),
    m("drove|drive|drives|driven|pushed|push|pushes back", Fight, "occupy", ""),
    m("pushed|push|pushes … out of", Fight, "occupy", ""),
    m("wrested|wrest|established|establish control", Fight, "occupy", ""),
    m("occupied|occupy|occupies", Fight, "occupy", ""),
    m("counterattack|counter-attack|counteroffensive|counter-offensive", Fight, "", "ARMED_CLASH"),
    m("offensive", Fight, "", "ARMED_CLASH"),
    // Violence against people.
    m("attack+|attacks", Assault, "", "ATTACK"),
    m("assault+|assaults", Assault, "", "ATTACK"),
    m("stormed|storming", Assault, "", "ATTACK"),
    m("kill+", Assault, "", "ATTACK"),
    m("murder+|slain|slay|slays", Assault, "", "ATTACK"),
    m("slaughter+|strangle+", Assault, "", "ATTACK"),
    m("hacked|beaten|beat|stoned|clubbed|burned|burnt|shot|stabbed … to death", Assault, "", "ATTACK"),
    m("shot|shoot|shoots|shooting", Assault, "firearms", "ATTACK"),
    m("gunned|gun down", Assault, "firearms", "ATTACK"),
    m("gunmen|gunman", Assault, "firearms", "ATTACK"),
    m("stab+|stabbed|stabbing", Assault, "primitive", "ATTACK"),
    m("massacre+", Assault, "", "ATTACK"),
    m("behead+", Assault, "", "ATTACK"),
    m("execute+|executed|execution", Assault, "", "ATTACK"),
    m("torture+", Assault, "", "ATTACK"),
    m("lynch+", Assault, "", "MOB_VIOL"),
    m("wound+", Assault, "", "ATTACK"),
    m("injure+", Assault, "", "ATTACK"),
    m("assassinate+|assassination", Assault, "assassinate", "ATTACK"),
    m("abduct+|abduction", Assault, "abduct", "ABDUCT_DISSAP"),
    m("kidnap+|kidnapped|kidnapping", Assault, "abduct", "ABDUCT_DISSAP"),
    m("took|taken|take hostage", Assault, "abduct", "ABDUCT_DISSAP"),
    m("rape+|raped", Assault, "sexual", "SEX_VIOL"),
    m("sexually abused|assaulted", Assault, "sexual", "SEX_VIOL"),
    m("sexual assault|assaults|violence|abuse|harassment", Assault, "sexual", "SEX_VIOL"),
    m("molest+", Assault, "sexual", "SEX_VIOL"),
    m("bomb|bombs|bombed|bombing|bombings", Assault, "explosives", "REM_EXPLOS"),
    m("car|roadside bomb|bombing", Assault, "explosives", "REM_EXPLOS"),
    m("explosion|explosions|blast|blasts|explosive|explosives|ied|ieds|landmine|landmines|mine", Assault, "explosives", "REM_EXPLOS"),
    m("blew|blow|blows|blowing up", Assault, "explosives", "REM_EXPLOS"),
    m("suicide bomb|bomber|bombers|bombing|attack|attacker", Assault, "explosives", "SUIC_BOMB"),
    m("grenade|grenades", Assault, "explosives", "GRENADE"),
    m("chemical weapons|attack", Assault, "cbrn", "CHEM_WEAP"),
    m("chlorine|sarin|mustard gas", Assault, "cbrn", "CHEM_WEAP"),
    m("torch+|set fire|ablaze|burned|burnt", Assault, "", "PROPERTY_DISTRUCT"),
    m("set alight|torching|razed", Assault, "", "PROPERTY_DISTRUCT"),
    // Hazards, outside PLOVER: a disaster named, no one's act (the coder
    // reads its kind from the sentence, `acled::hazard_kind`).
    t("earthquake|earthquakes|quake|quakes|tremors|tsunami", Hazard),
    t("flood|floods|flooding|floodwaters|landslide|landslides|mudslide|mudslides", Hazard),
    t("avalanche|cyclone|hurricane|typhoon|tornado|tornadoes|wildfire|wildfires", Hazard),
    t("bushfire|bushfires|drought|heatwave|eruption|stampede|derailment|capsized", Hazard),
    t("torrential|heavy rain|rains", Hazard),
    t("forest fire|fires", Hazard),
    t("plane|car|bus|train|helicopter|road|traffic crash|accident|collision", Hazard),
    t("gas|chemical|oil leak|spill", Hazard),
    t("fire broke", Hazard),
    t("caught fire", Hazard),
    t("blaze", Hazard),
    t("building|bridge|roof|mine|dam collapse|collapsed", Hazard),
    t("car|bus|truck|vehicle overturned", Hazard),
];

/// The regular forms of a verb: "attack" → attack, attacks, attacked,
/// attacking; "seize" → seize, seizes, seized, seizing; "clash" → clashes.
pub fn inflect(base: &str) -> Vec<String> {
    let mut out = vec![base.to_owned()];
    let es = base.ends_with(['s', 'x', 'z']) || base.ends_with("sh") || base.ends_with("ch");
    let y_stem = base
        .strip_suffix('y')
        .filter(|s| !s.ends_with(['a', 'e', 'o', 'u']));
    out.push(match y_stem {
        Some(stem) => format!("{stem}ies"),
        None if es => format!("{base}es"),
        None => format!("{base}s"),
    });
    if let Some(stem) = base.strip_suffix('e') {
        out.push(format!("{base}d"));
        out.push(format!("{stem}ing"));
    } else if let Some(stem) = y_stem {
        out.push(format!("{stem}ied"));
        out.push(format!("{base}ing"));
    } else {
        out.push(format!("{base}ed"));
        out.push(format!("{base}ing"));
    }
    out
}

/// The alternatives of each word of a pattern, expanded.
pub fn expand(pattern: &str) -> Vec<Vec<String>> {
    pattern
        .split(' ')
        .map(|word| {
            word.split('|')
                .flat_map(|alt| match alt.strip_suffix('+') {
                    Some(base) => inflect(base),
                    None => vec![alt.to_owned()],
                })
                .collect()
        })
        .collect()
}

/// Whether a trigger's last word, followed by `next`, names a thing and not
/// an event: "aid workers", "attack helicopters", "bomb squad".
pub fn not_an_event(last: &str, next: &str) -> bool {
    let things: &[&str] = match last {
        "aid" => &[
            "worker",
            "workers",
            "agency",
            "agencies",
            "group",
            "groups",
            "organisation",
            "organisations",
            "organization",
            "organizations",
            "official",
            "officials",
            "sector",
            "convoy",
            "convoys",
            "staff",
            "community",
        ],
        "attack" => &[
            "helicopter",
            "helicopters",
            "dog",
            "dogs",
            "submarine",
            "aircraft",
        ],
        "bomb" => &[
            "squad", "disposal", "shelter", "shelters", "threat", "threats",
        ],
        "protest" | "protests" => &["movement", "leader", "leaders", "group", "groups"],
        "talks" | "summit" => &["venue"],
        "shooting" => &["star", "stars", "guard", "guards", "pains", "percentage"],
        _ => return false,
    };
    things.contains(&next)
}

/// Whether a trigger's first word, after `prev`, is part of a name for
/// something else: an illness ("heart attack", "panic attacks"), flames or
/// pain ("flames shooting out", "shooting pains"), a pit ("the copper
/// mine", "a friend of mine").
pub fn not_an_event_after(prev: &str, first: &str) -> bool {
    let before: &[&str] = match first {
        "attack" | "attacks" => &["heart", "panic", "asthma", "anxiety", "seizure", "migraine"],
        "shooting" | "shot" => &["flames", "pains", "pain", "prices", "sales"],
        "strike" | "strikes" => &["lightning", "lucky"],
        "mine" | "mines" => &[
            "gold", "copper", "coal", "diamond", "salt", "iron", "tin", "uranium", "silver",
            "zinc", "nickel", "lithium", "platinum", "opencast", "of",
        ],
        _ => return false,
    };
    before.contains(&prev)
}

/// An everyday sense of some triggers that is no violence, read from the
/// words next to the trigger: its first word is one of `triggers`, and one
/// of `before` is among the `reach` words before it, or one of `after`
/// among the `reach` words after it.
struct OtherSense {
    triggers: &'static [&'static str],
    reach: usize,
    before: &'static [&'static str],
    after: &'static [&'static str],
}

const STRIKE: &[&str] = &["strike", "strikes", "struck", "striking"];
const EXECUTE: &[&str] = &["execute", "executes", "executed", "executing", "execution"];
const ATTACK: &[&str] = &["attack", "attacks", "attacked", "attacking"];
const CONTEST: &[&str] = &["battle", "battles", "fight", "fights", "fighting", "fought"];
const SHOT: &[&str] = &["shot", "shots", "shoot", "shoots", "shooting"];
/// What is criticised rather than struck: policies, plans, words.
const CRITICISED: &[&str] = &[
    "policy",
    "policies",
    "plan",
    "plans",
    "pledge",
    "pledges",
    "proposal",
    "proposals",
    "remarks",
    "comments",
    "words",
    "decision",
    "decisions",
    "record",
    "approach",
    "budget",
    "spending",
    "bill",
    "stance",
    "strategy",
    "reforms",
    "idea",
    "ideas",
    "claims",
    "u-turns",
    "u-turn",
    "lies",
    "feud",
    "rhetoric",
    "speech",
    "statement",
    "manifesto",
    "handling",
    "leadership",
    "tactics",
    "views",
];

/// Harms that are named in general as often as reported.
const GENERIC_HARMS: &[&str] = &[
    "attack",
    "attacks",
    "theft",
    "thefts",
    "corruption",
    "fraud",
    "terrorism",
    "violence",
    "piracy",
    "robbery",
    "robberies",
    "smuggling",
    "trafficking",
    "extortion",
    "looting",
    "counterfeit",
    "counterfeiting",
    "embezzlement",
    "crime",
    "crimes",
];
const INJURE: &[&str] = &[
    "injure", "injures", "injured", "injuring", "wound", "wounds", "wounded",
];

/// What a sentence's words say of a trigger's sense, rule by rule.
const OTHER_SENSES: &[OtherSense] = &[
    // a target or a deadline met: no meeting
    OtherSense {
        triggers: &["meet", "meets", "met", "meeting"],
        reach: 3,
        before: &[],
        after: &[
            "target",
            "targets",
            "goal",
            "goals",
            "deadline",
            "deadlines",
            "needs",
            "standard",
            "standards",
            "requirement",
            "requirements",
            "expectations",
            "criteria",
            "obligations",
            "quota",
            "quotas",
        ],
    },
    // a statement, a report, a video released: published, no one freed
    OtherSense {
        triggers: &["release", "released", "releases", "releasing"],
        reach: 3,
        before: &[],
        after: &[
            "statement",
            "statements",
            "report",
            "reports",
            "video",
            "videos",
            "footage",
            "data",
            "figures",
            "results",
            "findings",
            "details",
            "photos",
            "images",
            "document",
            "documents",
            "recording",
            "transcript",
            "communique",
            "album",
            "film",
        ],
    },
    // a deal struck, a chord struck, gold struck, a batter struck out
    OtherSense {
        triggers: STRIKE,
        reach: 4,
        before: &[],
        after: &[
            "deal",
            "deals",
            "agreement",
            "agreements",
            "accord",
            "bargain",
            "compromise",
            "balance",
            "chord",
            "note",
            "tone",
            "pose",
            "partnership",
            "pact",
            "gold",
            "oil",
        ],
    },
    // a goal: "his superb strike"
    OtherSense {
        triggers: STRIKE,
        reach: 1,
        before: &[
            "his",
            "her",
            "their",
            "superb",
            "stunning",
            "brilliant",
            "fine",
            "long-range",
            "late",
            "low",
            "curling",
            "free-kick",
            "first-half",
            "second-half",
            "lucky",
            "lightning",
        ],
        after: &["out"],
    },
    // warrants, orders or plans executed
    OtherSense {
        triggers: EXECUTE,
        reach: 4,
        before: ORDERS,
        after: ORDERS,
    },
    // an attack made with words, in court or on computers
    OtherSense {
        triggers: ATTACK,
        reach: 2,
        before: &[
            "cyber",
            "online",
            "net",
            "internet",
            "computer",
            "virus",
            "hacker",
            "hackers",
            "phishing",
            "spam",
            "service",
            "software",
            "network",
            "website",
            "email",
            "e-mail",
            "legal",
            "verbal",
            "stinging",
            "scathing",
            "blistering",
            "withering",
            "rhetorical",
            "personal",
            "heart",
            "panic",
            "asthma",
            "anxiety",
        ],
        after: &[],
    },
    OtherSense {
        triggers: ATTACK,
        reach: 4,
        before: &[],
        after: &[
            "software",
            "patents",
            "patent",
            "website",
            "websites",
            "network",
            "networks",
            "server",
            "servers",
            "computers",
            "internet",
            "e-mail",
            "email",
            "systems",
            "midfielder",
            "midfielders",
            "football",
            "play",
            "options",
            "intent",
            "third",
        ],
    },
    // battles in court, for a company or the title, against an illness
    OtherSense {
        triggers: CONTEST,
        reach: 2,
        before: &[
            "legal",
            "court",
            "courtroom",
            "custody",
            "takeover",
            "bidding",
            "price",
            "ratings",
            "boardroom",
            "patent",
            "copyright",
            "proxy",
            "uphill",
            "losing",
            "box-office",
            "tax",
            "relegation",
            "title",
            "prize",
            "promotion",
            "pillow",
            "snowball",
            "food",
            "water",
        ],
        after: CAUSES,
    },
    OtherSense {
        triggers: &["offensive", "offensives"],
        reach: 2,
        before: &[
            "charm",
            "propaganda",
            "pr",
            "marketing",
            "media",
            "sales",
            "diplomatic",
            "publicity",
            "advertising",
        ],
        after: &[],
    },
    // "offensive" the adjective
    OtherSense {
        triggers: &["offensive"],
        reach: 1,
        before: &[
            "not",
            "very",
            "deeply",
            "highly",
            "racially",
            "grossly",
            "more",
            "most",
            "so",
            "too",
            "be",
            "is",
            "was",
            "are",
            "were",
            "been",
            "found",
            "considered",
            "deemed",
            "extremely",
        ],
        after: &[
            "coordinator",
            "line",
            "lineman",
            "linemen",
            "tackle",
            "player",
            "players",
            "coach",
            "rebounds",
            "rebound",
            "end",
            "guard",
            "material",
            "language",
            "remarks",
            "comments",
            "content",
            "behaviour",
            "behavior",
            "joke",
            "jokes",
            "words",
            "lyrics",
            "to",
        ],
    },
    // shots that heal, show or score; a film or photo shoot
    OtherSense {
        triggers: SHOT,
        reach: 1,
        before: &[
            "flu",
            "vaccine",
            "booster",
            "mug",
            "photo",
            "camera",
            "tee",
            "putting",
            "penalty",
            "jump",
            "drop",
            "parting",
            "moon",
            "his",
            "her",
            "their",
            "my",
            "your",
            "our",
            "its",
            "big",
            "winning",
            "free",
            "long",
            "approach",
            "film",
            "fashion",
            "location",
            "video",
            "commercial",
            "pot",
            "trick",
        ],
        after: &["par", "under-par", "over-par", "scenes", "footage", "hoops"],
    },
    // a film or scene shot: "shot his new film in Morocco", "shot the
    // opening scenes" (the object within three words)
    OtherSense {
        triggers: SHOT,
        reach: 3,
        before: &[],
        after: &[
            "film",
            "films",
            "movie",
            "movies",
            "documentary",
            "episode",
            "episodes",
            "sequel",
            "scenes",
            "footage",
            "commercial",
            "advert",
            "photos",
            "photographs",
            "portraits",
        ],
    },
    // sporting injuries: "injured his knee"
    OtherSense {
        triggers: INJURE,
        reach: 3,
        before: &[],
        after: &[
            "knee",
            "ankle",
            "hamstring",
            "shoulder",
            "wrist",
            "groin",
            "calf",
            "elbow",
            "neck",
            "hip",
            "achilles",
            "ligament",
            "ligaments",
            "muscle",
            "thumb",
            "toe",
            "finger",
            "foot",
            "back",
            "pride",
        ],
    },
    // "wound up no closer": ended
    OtherSense {
        triggers: &["wound"],
        reach: 1,
        before: &[],
        after: &["up", "down"],
    },
    // "killed off" a character, "killed the bill"
    OtherSense {
        triggers: &["kill", "kills", "killed", "killing"],
        reach: 2,
        before: &[],
        after: &[
            "off", "bill", "bills", "deal", "proposal", "plan", "plans", "project", "idea",
            "motion", "momentum", "time", "rumours", "rumors", "story", "mood", "app",
        ],
    },
    // wildlife harmed or threatened: "harm or kill a protected species",
    // "projects would threaten imperiled species"
    OtherSense {
        triggers: &[
            "kill",
            "kills",
            "killed",
            "killing",
            "threaten",
            "threatens",
            "threatening",
        ],
        reach: 3,
        before: &[],
        after: &[
            "species",
            "wildlife",
            "habitat",
            "habitats",
            "imperiled",
            "imperilled",
            "endangered",
            "fish",
            "birds",
            "plants",
            "trees",
            "crops",
            "bees",
        ],
    },
    // "the Olympic torch", "a torch relay"
    OtherSense {
        triggers: &["torch", "torches"],
        reach: 1,
        before: &[
            "the", "a", "olympic", "flaming", "its", "his", "her", "their", "carry",
        ],
        after: &["relay", "bearer", "bearers", "song", "songs"],
    },
    // "stormed to victory"
    OtherSense {
        triggers: &["stormed", "storming"],
        reach: 3,
        before: &[],
        after: &[
            "victory",
            "win",
            "title",
            "lead",
            "top",
            "final",
            "semi-final",
            "performance",
            "display",
            "run",
            "finish",
            "success",
        ],
    },
    // things seized or captured that are no one's: "seized the initiative",
    // "captured on film", "captured the title"
    OtherSense {
        triggers: &[
            "seize",
            "seizes",
            "seized",
            "seizing",
            "captured",
            "capture",
            "captures",
            "capturing",
        ],
        reach: 4,
        before: &[],
        after: &[
            "initiative",
            "opportunity",
            "moment",
            "chance",
            "advantage",
            "momentum",
            "lead",
            "film",
            "camera",
            "video",
            "tape",
            "imagination",
            "hearts",
            "attention",
            "mood",
            "award",
            "crown",
            "championship",
            "title",
            "gold",
            "medal",
            "essence",
            "spirit",
            "share",
        ],
    },
    // a pitch or a stage invaded
    OtherSense {
        triggers: &["invade", "invades", "invaded", "invading", "invasion"],
        reach: 2,
        before: &["pitch", "privacy"],
        after: &[
            "pitch", "field", "court", "stage", "privacy", "space", "market",
        ],
    },
    // a medical arrest
    OtherSense {
        triggers: &["arrest"],
        reach: 1,
        before: &[
            "cardiac",
            "heart",
            "respiratory",
            "cardio-respiratory",
            "house-price",
        ],
        after: &[],
    },
    // "protested his innocence"
    OtherSense {
        triggers: &["protested", "protesting", "protests", "protest"],
        reach: 2,
        before: &[],
        after: &["innocence"],
    },
    // a product demonstrated: "demonstrated its new robot", "will be demonstrated"
    OtherSense {
        triggers: &[
            "demonstrate",
            "demonstrates",
            "demonstrated",
            "demonstrating",
        ],
        reach: 1,
        before: &[
            "be", "been", "being", "was", "were", "is", "are", "has", "have", "had",
        ],
        after: &[
            "that",
            "how",
            "the",
            "a",
            "an",
            "its",
            "his",
            "her",
            "their",
            "what",
            "why",
            "this",
            "these",
            "our",
            "your",
            "strong",
            "remarkable",
            "great",
            "clear",
        ],
    },
    // a road rally, a rally driver
    OtherSense {
        triggers: &["rally", "rallies"],
        reach: 1,
        before: &["road", "motor", "dakar", "car", "victory", "relief"],
        after: &[
            "driver",
            "drivers",
            "car",
            "cars",
            "championship",
            "stage",
            "team",
        ],
    },
    // growth or a report called explosive; a blast furnace
    OtherSense {
        triggers: &["explosive", "explosion", "blast"],
        reach: 1,
        before: &[
            "population",
            "data",
            "price",
            "sales",
            "information",
            "sand",
        ],
        after: &[
            "growth",
            "performance",
            "start",
            "pace",
            "allegations",
            "claims",
            "report",
            "revelations",
            "revelation",
            "mix",
            "power",
            "speed",
            "debut",
            "finish",
            "form",
            "furnace",
            "furnaces",
            "from",
        ],
    },
    // "pushed back the release": postponed
    OtherSense {
        triggers: &[
            "pushed", "push", "pushes", "drove", "drive", "drives", "driven",
        ],
        reach: 4,
        before: &[],
        after: &[
            "date",
            "launch",
            "release",
            "deadline",
            "schedule",
            "vote",
            "plans",
            "decision",
            "start",
            "opening",
            "timetable",
            "prices",
            "costs",
        ],
    },
    // control of a company taken
    OtherSense {
        triggers: &[
            "took", "take", "takes", "taken", "taking", "gained", "gain", "seized", "seize",
        ],
        reach: 5,
        before: &[],
        after: &[
            "company", "firm", "stake", "board", "assets", "shares", "business", "bank", "club",
            "team", "brand", "airline", "carrier", "market",
        ],
    },
    // a threat no one makes: "a dispute that threatened the economy"
    OtherSense {
        triggers: &["threaten", "threatens", "threatened", "threatening"],
        reach: 3,
        before: &[],
        after: &[
            "economy",
            "competition",
            "jobs",
            "future",
            "survival",
            "livelihoods",
            "health",
            "industry",
            "sector",
            "profits",
            "growth",
            "recovery",
            "earnings",
            "environment",
            "behaviour",
            "behavior",
            "viability",
            "stability",
            "finances",
            "dominance",
        ],
    },
    // a case or a director thrown out
    OtherSense {
        triggers: &["throws", "threw", "throw", "thrown"],
        reach: 4,
        before: &["board", "court", "judge", "jury", "case", "lawsuit"],
        after: &[
            "case",
            "lawsuit",
            "suit",
            "appeal",
            "claim",
            "claims",
            "charges",
            "evidence",
            "bid",
            "board",
            "court",
            "club",
            "team",
            "contest",
            "competition",
            "tournament",
        ],
    },
    // a campaign against an ill: "aimed at fighting criminal copyright theft"
    // (not terrorism, drugs or piracy, which troops fight)
    OtherSense {
        triggers: CONTEST,
        reach: 4,
        before: &[],
        after: &[
            "theft",
            "corruption",
            "graft",
            "fraud",
            "poverty",
            "inflation",
            "cancer",
            "disease",
            "aids",
            "obesity",
            "pollution",
        ],
    },
    // sanctions lifted, avoided or broken are no sanction imposed ("scraps
    // most sanctions", "ended the trade embargo", "holds off on sanctions")
    OtherSense {
        triggers: &["sanction", "sanctions", "embargo", "embargoes"],
        reach: 5,
        before: &[
            "lift",
            "lifts",
            "lifted",
            "lifting",
            "ease",
            "eases",
            "eased",
            "easing",
            "end",
            "ends",
            "ended",
            "ending",
            "scrap",
            "scraps",
            "scrapped",
            "scrapping",
            "remove",
            "removes",
            "removed",
            "removing",
            "drop",
            "drops",
            "dropped",
            "relax",
            "relaxed",
            "waive",
            "waived",
            "repeal",
            "repealed",
            "rescind",
            "rescinded",
            "off",
            "avoid",
            "avoided",
            "escape",
            "escaped",
            "evade",
            "evaded",
            "evading",
            "breach",
            "breached",
            "breaching",
            "violate",
            "violated",
            "violating",
            "busting",
        ],
        after: &[],
    },
    // a harm named in general, as something to fight or fear ("efforts to
    // combat attacks", "vulnerable to terrorist attacks", "fighting copyright
    // theft", "a reduction in car theft", "vowed to tackle corruption")
    OtherSense {
        triggers: GENERIC_HARMS,
        reach: 3,
        before: &[
            "combat",
            "combats",
            "combating",
            "combatting",
            "tackle",
            "tackles",
            "tackling",
            "curb",
            "curbs",
            "curbing",
            "reduce",
            "reduces",
            "reducing",
            "reduction",
            "vulnerable",
            "risk",
            "risks",
            "prevention",
            "prevent",
            "preventing",
            "deter",
            "deters",
            "deterring",
            "protect",
            "protects",
            "protecting",
            "protection",
            "against",
            "fighting",
            "anti",
            "counter",
            "countering",
            "fear",
            "fears",
            "susceptible",
            "exposed",
        ],
        after: &[],
    },
    // a threat to go to court: "threatened to sue", "the threat of legal
    // action", "threatens a lawsuit"
    OtherSense {
        triggers: &[
            "threaten",
            "threatens",
            "threatened",
            "threatening",
            "threat",
        ],
        reach: 4,
        before: &[],
        after: &[
            "sue",
            "suing",
            "lawsuit",
            "lawsuits",
            "legal",
            "litigation",
            "court",
            "courts",
            "libel",
        ],
    },
    // a species threatened with extinction: "threatened species", "listed as
    // threatened", "threatened or endangered"
    OtherSense {
        triggers: &["threatened"],
        reach: 2,
        before: &["most", "as", "endangered", "critically", "vulnerable"],
        after: &[
            "species",
            "wildlife",
            "animals",
            "plants",
            "birds",
            "habitat",
            "habitats",
            "endangered",
            "extinction",
        ],
    },
    // laws struck down, attacks on laws, hearts struck at
    OtherSense {
        triggers: &[
            "strike", "strikes", "struck", "striking", "assault", "assaults",
        ],
        reach: 3,
        before: &[],
        after: &[
            "down",
            "heart",
            "law",
            "laws",
            "rule",
            "rules",
            "regulation",
            "regulations",
            "constitution",
            "rights",
            "freedom",
            "freedoms",
            "democracy",
            "privacy",
            "senses",
            "season",
            "series",
            "title",
            "record",
            "market",
            "markets",
            "summit",
            "charts",
        ],
    },
    // an attack on a policy, a plan or a remark is criticism: "Tories attack
    // burglar U-turns", "attacked Labour's six new pledges", "Blair blasts
    // Tory spending plans"
    OtherSense {
        triggers: &[
            "attack",
            "attacks",
            "attacked",
            "attacking",
            "blast",
            "blasts",
            "blasted",
        ],
        reach: 6,
        before: &[],
        after: CRITICISED,
    },
    // critics' and campaigners' attacks are words
    OtherSense {
        triggers: ATTACK,
        reach: 2,
        before: &[
            "campaigners",
            "critics",
            "critic",
            "commentators",
            "columnists",
            "reviewers",
            "pundits",
            "bloggers",
        ],
        after: &[],
    },
    // arresting a decline; a fight for a cause ("fight global warming")
    OtherSense {
        triggers: &["arrest", "arrested", "arresting"],
        reach: 2,
        before: &[],
        after: &[
            "decline",
            "slide",
            "warming",
            "erosion",
            "fall",
            "growth",
            "spread",
            "deterioration",
        ],
    },
    // "given his marching orders": dismissed
    OtherSense {
        triggers: &["marching"],
        reach: 1,
        before: &[],
        after: &["orders"],
    },
    // "the acting outlaw"
    OtherSense {
        triggers: &["outlaw", "outlaws"],
        reach: 1,
        before: &[
            "the",
            "an",
            "acting",
            "famous",
            "legendary",
            "notorious",
            "country",
        ],
        after: &[],
    },
    // protesters who receive or are given something are the ones who have
    // it, not a protest being held ("demonstrators received weapons from
    // the army")
    OtherSense {
        triggers: &["demonstrators", "protesters", "protestors", "marchers"],
        reach: 5,
        before: &[],
        after: &[
            "received", "receive", "receives", "obtained", "acquired", "got", "given", "bought",
        ],
    },
];

/// What is executed and is no person.
const ORDERS: &[&str] = &[
    "warrant",
    "warrants",
    "order",
    "orders",
    "plan",
    "plans",
    "contract",
    "contracts",
    "trade",
    "trades",
    "transaction",
    "transactions",
    "strategy",
    "program",
    "programme",
    "project",
    "deal",
    "deals",
    "code",
    "instructions",
    "task",
    "tasks",
];

/// Causes and ills fought without arms ("the fight against cancer").
const CAUSES: &[&str] = &[
    "global",
    "warming",
    "cancer",
    "disease",
    "illness",
    "aids",
    "hiv",
    "obesity",
    "inflation",
    "piracy",
    "poverty",
    "fraud",
    "spam",
    "climate",
    "pollution",
    "racism",
    "discrimination",
    "doping",
    "counterfeiting",
    "malaria",
    "tuberculosis",
    "unemployment",
    "extradition",
    "victims",
    "opposition",
    "addiction",
    "leukaemia",
    "leukemia",
    "relegation",
    "survival",
];

/// Whether a trigger has, in the words around it, one of its everyday
/// senses that is no violence ([`OTHER_SENSES`]: a deal struck, warrants
/// executed, an attack in words or on computers, a battle in court, a charm
/// offensive, a shot at goal, an injured knee, a bill killed, the Olympic
/// torch, a product demonstrated), or names an event remembered ("the
/// anniversary of the assassination"), a golf score ("shot a 65") or a
/// road block that blocks no road ("blocked the merger"). `before` and
/// `after` are the sentence's lower-cased words either side of the trigger
/// (`trigger`), nearest first.
pub fn other_sense(trigger: &[&str], before: &[&str], after: &[&str]) -> bool {
    let Some(&first) = trigger.first() else {
        return false;
    };
    let near =
        |words: &[&str], n: usize, set: &[&str]| words.iter().take(n).any(|w| set.contains(w));
    let by_rule = OTHER_SENSES.iter().any(|r| {
        r.triggers.contains(&first)
            && (near(before, r.reach, r.before) || near(after, r.reach, r.after))
    });
    let remembered = before
        .windows(2)
        .take(7)
        .any(|w| w == ["of", "anniversary"]);
    // a round of golf: "shot 68", "shot a 6-under-par 65" — not "shot 12
    // protesters", "shot a 12-year-old" nor "shot partisans"
    let par_word = |w: &str| w == "par" || w.ends_with("-par");
    let round = |w: Option<&&str>| {
        w.is_some_and(|w| w.parse::<u32>().is_ok_and(|n| (58..=85).contains(&n)) || par_word(w))
    };
    let victims = after.get(1).is_some_and(|w| VICTIMS.contains(w));
    let par = after.iter().take(6).any(|w| par_word(w));
    let score = SHOT.contains(&first)
        && (((round(after.first()) || par) && !victims)
            || (after.first() == Some(&"a") && round(after.get(1)))
            || (after.len() >= 2
                && matches!(after[0], "his" | "her" | "their" | "its")
                && after[1] == "way")
            || after.starts_with(&["across", "the", "bow"]));
    let money = (first == "killing" && before.first() == Some(&"a"))
        && before
            .get(1)
            .is_some_and(|w| matches!(*w, "made" | "make" | "makes" | "making"));
    let unblocked = trigger.len() == 2
        && trigger[1] == "the"
        && first.starts_with("block")
        && !after.first().is_some_and(|w| ROADS.contains(w));
    // PLOVER's suspensions are of relations, aid or membership ("suspended
    // aid", "suspension of talks"), not of a trial or an athlete
    let suspension = first.starts_with("suspen")
        && !near(after, 5, RELATIONS)
        && !(near(after, 2, &["from"]) && near(after, 5, BODIES));
    // PLOVER's bans are of parties, media, gatherings and people, not of
    // a practice a law forbids ("a treaty banning human cloning", "a ban on
    // Internet taxation")
    // one prevented from acting is restricted; a harm averted is no one's
    // coercion ("an injunction to prevent future breaches", "cannot prevent
    // pollution")
    let averted = matches!(first, "prevent" | "prevents" | "prevented") && near(after, 3, HARMS);
    let practice = matches!(first, "ban" | "bans" | "banned" | "banning")
        && !near(after, 5, BANNED)
        && !near(before, 5, BANNED);
    // to agree with someone is to share their view, a comment; to agree
    // with them on or to something is an agreement
    let opinion = matches!(first, "agree" | "agrees" | "agreed" | "agreeing")
        && after.first() == Some(&"with")
        && !near(
            after,
            10,
            &["on", "to", "over", "deal", "ceasefire", "truce", "plan"],
        );
    by_rule
        || remembered
        || score
        || money
        || unblocked
        || suspension
        || practice
        || averted
        || opinion
}

/// Whether a trigger's first word is an attack's ("attacked", "attacks").
pub fn an_attack(first: &str) -> bool {
    ATTACK.contains(&first)
}

/// Whether an article is about computers and networks: three kinds of
/// their words in it ("network", "software", "hackers"). Its attacks are
/// made on systems, not people, unless their sentence tells of bodies or
/// weapons ([`tells_of_bodies_or_weapons`]).
pub fn about_computers(words: &[&str]) -> bool {
    speaks_of(words, COMPUTING, 3, 3)
}

/// Whether `words` hold at least `kinds` different words of `topic`, and
/// `all` in all.
fn speaks_of(words: &[&str], topic: &[&str], kinds: usize, all: usize) -> bool {
    let mut seen: Vec<&str> = Vec::new();
    let mut n = 0;
    for w in words.iter().filter(|w| topic.contains(w)) {
        n += 1;
        if !seen.contains(w) {
            seen.push(w);
        }
        if seen.len() >= kinds && n >= all {
            return true;
        }
    }
    false
}

/// Words of computers and networks ([`about_computers`]).
const COMPUTING: &[&str] = &[
    "computer",
    "computers",
    "software",
    "network",
    "networks",
    "internet",
    "online",
    "website",
    "websites",
    "server",
    "servers",
    "hacker",
    "hackers",
    "hacking",
    "virus",
    "viruses",
    "worm",
    "spam",
    "phishing",
    "malware",
    "cyber",
    "e-mail",
    "email",
    "broadband",
    "denial-of-service",
    "firewall",
    "browser",
    "pc",
    "pcs",
];

/// Whether a sentence tells of people killed or hurt, or of weapons and
/// armed men (not of security in general: "a security expert at Energis").
pub fn tells_of_bodies_or_weapons(words: &[&str]) -> bool {
    words.iter().any(|w| BODIES_OR_WEAPONS.contains(w))
}

/// [`tells_of_bodies_or_weapons`].
const BODIES_OR_WEAPONS: &[&str] = &[
    "killed",
    "dead",
    "died",
    "wounded",
    "injured",
    "hurt",
    "bomb",
    "bombs",
    "bomber",
    "explosion",
    "explosives",
    "gun",
    "guns",
    "gunmen",
    "gunman",
    "rifle",
    "rifles",
    "knife",
    "shot",
    "shelling",
    "rocket",
    "rockets",
    "missile",
    "missiles",
    "militants",
    "insurgents",
    "rebels",
    "terrorists",
    "armed",
    "troops",
    "soldiers",
];

/// What a coercive ban bans.
const BANNED: &[&str] = &[
    "party",
    "parties",
    "group",
    "groups",
    "organisation",
    "organisations",
    "organization",
    "organizations",
    "movement",
    "movements",
    "opposition",
    "protest",
    "protests",
    "rally",
    "rallies",
    "demonstration",
    "demonstrations",
    "gathering",
    "gatherings",
    "meeting",
    "meetings",
    "march",
    "marches",
    "newspaper",
    "newspapers",
    "media",
    "broadcast",
    "broadcasts",
    "broadcaster",
    "channel",
    "channels",
    "station",
    "website",
    "websites",
    "journalist",
    "journalists",
    "book",
    "books",
    "publication",
    "union",
    "unions",
    "activities",
    "leader",
    "leaders",
    "entry",
    "travel",
    "travelling",
    "political",
    "assembly",
    "assemblies",
    "strike",
    "strikes",
    "worship",
    "religious",
    "church",
    "mosque",
    "news",
    "reporters",
    "foreigners",
    "aid",
    "agencies",
    "ngos",
    "ngo",
    "from",
    "leaving",
    "entering",
    "flights",
    "imports",
    "exports",
    "sale",
    "sales",
    "weapons",
    "arms",
    "internet",
    "social",
    "curfew",
    "candidates",
    "candidate",
    "elections",
];

/// Harms one averts.
const HARMS: &[&str] = &[
    "pollution",
    "breaches",
    "breach",
    "fraud",
    "abuse",
    "disease",
    "diseases",
    "spread",
    "losses",
    "damage",
    "crashes",
    "accidents",
    "accident",
    "infection",
    "infections",
    "recurrence",
    "decline",
    "collapse",
    "default",
    "bankruptcy",
    "piracy",
    "theft",
    "leaks",
    "outbreak",
    "outbreaks",
    "errors",
    "delays",
    "shortages",
    "flooding",
];

/// What states suspend when they sanction one another.
const RELATIONS: &[&str] = &[
    "aid",
    "ties",
    "relations",
    "membership",
    "talks",
    "cooperation",
    "co-operation",
    "flights",
    "imports",
    "exports",
    "trade",
    "funding",
    "assistance",
    "deliveries",
    "shipments",
    "visas",
    "participation",
    "agreement",
    "treaty",
    "negotiations",
    "dialogue",
    "contacts",
    "embassy",
    "diplomatic",
    "loans",
    "credit",
    "support",
    "payments",
    "supplies",
    "programme",
    "program",
    "sales",
    "military",
    "economic",
    "financial",
    "links",
    "air",
    "connections",
    "services",
    "routes",
    "traffic",
    "rail",
    "communications",
    "contact",
    "investment",
    "investments",
    "arms",
    "oil",
    "gas",
    "grain",
];

/// Bodies that suspend a member state.
const BODIES: &[&str] = &[
    "union",
    "commonwealth",
    "organisation",
    "organization",
    "bloc",
    "alliance",
    "council",
    "assembly",
    "community",
    "ecowas",
    "au",
    "nato",
    "un",
];

/// Whether a sentence names the armed or police forces a mobilisation
/// moves: PLOVER's MOBILIZE is of forces, and its words have everyday
/// senses without them ("deployed the update", "amassed a fortune", "a
/// build-up of debt", "reinforce its US presence").
pub fn names_forces(words: &[&str]) -> bool {
    words
        .iter()
        .any(|w| FORCES.contains(w) || w.strip_suffix('s').is_some_and(|w| FORCES.contains(&w)))
}

/// Whether a sentence names armed forces or fighters (not police, units or
/// task forces): troops, soldiers, border guards, militants, rebels.
pub fn names_armed_forces(words: &[&str]) -> bool {
    const ARMED: &[&str] = &[
        "troops",
        "soldiers",
        "army",
        "military",
        "militia",
        "militias",
        "militiamen",
        "guards",
        "rebels",
        "insurgents",
        "militants",
        "fighters",
        "gunmen",
        "jihadists",
        "paramilitaries",
        "commandos",
        "marines",
    ];
    words.iter().any(|w| ARMED.contains(w))
}

/// The forces a mobilisation moves, singular or written as here.
const FORCES: &[&str] = &[
    "troop",
    "troops",
    "force",
    "soldier",
    "army",
    "armies",
    "military",
    "militia",
    "militias",
    "police",
    "policemen",
    "officer",
    "guard",
    "guards",
    "unit",
    "battalion",
    "battalions",
    "brigade",
    "brigades",
    "regiment",
    "division",
    "warship",
    "ship",
    "navy",
    "naval",
    "fleet",
    "tank",
    "armour",
    "armor",
    "armoured",
    "armored",
    "aircraft",
    "jet",
    "fighter",
    "fighters",
    "bomber",
    "bombers",
    "helicopter",
    "drone",
    "missile",
    "artillery",
    "rocket",
    "weapon",
    "weaponry",
    "militant",
    "rebel",
    "insurgent",
    "gunmen",
    "peacekeeper",
    "peacekeepers",
    "personnel",
    "reservist",
    "reservists",
    "reinforcement",
    "reinforcements",
    "marine",
    "commando",
    "commandos",
    "paramilitary",
    "paramilitaries",
    "gendarmerie",
    "gendarme",
    "patrol",
    "patrols",
    "checkpoint",
    "base",
    "outpost",
    "post",
    "posts",
    "alert",
    "convoy",
    "column",
    "columns",
    "combatant",
    "combatants",
    "fighter-jets",
    "security",
    "border",
    "frontier",
    "garrison",
    "sailor",
    "sailors",
    "airmen",
    "infantry",
];

/// Whether a sentence tells of an ordinary crime and nothing political: an
/// offence of everyday police news ("arrested on charges of driving under
/// the influence", "raids on suspected software pirates", "identity
/// theft") and no word of political violence, unrest or security forces'
/// operations ("militants", "protesters", "rioting", "opposition"). ACLED
/// leaves such crime out; an arrest or a theft in it is not coded
/// ([`crate::ALARMING`] types of arrests, seizures, raids and crimes only).
pub fn ordinary_crime(words: &[&str]) -> bool {
    let offence = words.iter().any(|w| OFFENCES.contains(w))
        || words
            .windows(3)
            .any(|w| w == ["under", "the", "influence"] || w[..2] == ["fake", "id"]);
    offence && !words.iter().any(|w| POLITICAL.contains(w))
}

/// Whether an article is about film, music, television or celebrities:
/// three kinds of their words in it ("rapper", "album", "concert") and five
/// in all (a report on politics that names a film and an Oscar is not). Its
/// assaults, fights, arrests and crimes are ordinary crime ACLED leaves out
/// ("a rapper was shot outside the studio"), unless their sentence names
/// political violence or weapons of war ([`names_political_violence`]).
pub fn about_entertainment(words: &[&str]) -> bool {
    speaks_of(words, SHOWBIZ, 3, 5)
}

/// Whether an article is about business and markets: three kinds of their
/// words in it ("shares", "profits", "investors") and five in all. Its
/// fights, attacks and crimes are contests, criticism and white-collar crime
/// ("a battle for market share", "the clash between the firm and the
/// Kremlin", "an accounting fraud") unless their
/// sentence tells of bodies or weapons, names forces, or names political
/// violence.
pub fn about_business(words: &[&str]) -> bool {
    speaks_of(words, BUSINESS, 3, 5)
}

/// Words of business and markets ([`about_business`]).
const BUSINESS: &[&str] = &[
    "shares",
    "shareholders",
    "profit",
    "profits",
    "investors",
    "stock",
    "stocks",
    "market",
    "markets",
    "revenue",
    "revenues",
    "earnings",
    "sales",
    "firm",
    "firms",
    "company",
    "companies",
    "takeover",
    "merger",
    "bid",
    "bank",
    "banks",
    "economy",
    "prices",
    "dividend",
];

/// Words of film, music, television and celebrity ([`about_entertainment`]).
const SHOWBIZ: &[&str] = &[
    "film",
    "films",
    "movie",
    "movies",
    "actor",
    "actress",
    "singer",
    "rapper",
    "album",
    "albums",
    "concert",
    "concerts",
    "band",
    "celebrity",
    "celebrities",
    "hollywood",
    "oscar",
    "oscars",
    "grammy",
    "soap",
    "sitcom",
    "studio",
    "studios",
    "hip-hop",
    "pop",
    "gig",
    "tour",
    "singles",
    "chart",
    "charts",
    "director",
    "star",
    "stars",
    "episode",
    "series",
    "rap",
    "rappers",
    "music",
    "musician",
    "musicians",
    "song",
    "songs",
    "singers",
    "actors",
    "bands",
    "award",
    "awards",
    "fans",
    "television",
    "tv",
    "drama",
    "cinema",
    "soundtrack",
    "screen",
];

/// Whether a sentence names political violence or weapons of war: its
/// armed groups, unrest and security operations ([`ordinary_crime`]'s
/// words), or bombs, blasts, hostages and rockets.
pub fn names_political_violence(words: &[&str]) -> bool {
    words
        .iter()
        .any(|w| POLITICAL.contains(w) || WAR_WEAPONS.contains(w))
}

/// Weapons and acts of war ([`names_political_violence`]).
const WAR_WEAPONS: &[&str] = &[
    "bomb",
    "bombs",
    "bomber",
    "bombers",
    "bombing",
    "bombings",
    "explosion",
    "explosions",
    "explosive",
    "explosives",
    "blast",
    "blasts",
    "grenade",
    "grenades",
    "suicide",
    "gunmen",
    "hostage",
    "hostages",
    "rocket",
    "rockets",
    "missile",
    "missiles",
    "terror",
];

/// Offences of everyday police and court news.
const OFFENCES: &[&str] = &[
    "dui",
    "drunk",
    "drink-driving",
    "drink-drive",
    "drunken",
    "marijuana",
    "cannabis",
    "cocaine",
    "heroin",
    "parole",
    "probation",
    "speeding",
    "fraud",
    "fraudulent",
    "theft",
    "thefts",
    "burglary",
    "burglaries",
    "shoplifting",
    "piracy",
    "pirated",
    "copyright",
    "copyrighted",
    "counterfeit",
    "counterfeiting",
    "phishing",
    "embezzlement",
    "embezzling",
    "evasion",
    "insider",
    "doping",
    "forgery",
    "forged",
    "spam",
    "spammer",
    "spammers",
    "hacking",
    "hacker",
    "hackers",
    "file-sharing",
    "peer-to-peer",
    "identity",
    "scam",
    "scams",
    "swindle",
    "motoring",
    "vandalism",
    "trespass",
    "trespassing",
    "stalking",
    "extortion",
    "blackmail",
    "larceny",
    "robbery",
    "robberies",
];

/// Words of political violence, unrest, armed groups and security
/// operations: a sentence with one is not ordinary crime.
const POLITICAL: &[&str] = &[
    "militant",
    "militants",
    "rebel",
    "rebels",
    "terrorist",
    "terrorists",
    "terrorism",
    "insurgent",
    "insurgents",
    "guerrilla",
    "guerrillas",
    "separatist",
    "separatists",
    "extremist",
    "extremists",
    "jihadist",
    "jihadists",
    "islamist",
    "islamists",
    "protest",
    "protests",
    "protesters",
    "protestors",
    "demonstrators",
    "demonstration",
    "riot",
    "riots",
    "rioting",
    "rioters",
    "mob",
    "opposition",
    "activist",
    "activists",
    "journalist",
    "journalists",
    "dissident",
    "dissidents",
    "army",
    "soldiers",
    "troops",
    "military",
    "militia",
    "militias",
    "bomb",
    "bombs",
    "explosives",
    "weapons",
    "arms",
    "guns",
    "communal",
    "ethnic",
    "sectarian",
    "clashes",
    "violence",
    "unrest",
    "coup",
    "election",
    "elections",
    "party",
    "politician",
    "politicians",
    "minister",
    "ministers",
    "government",
    "regime",
    "cartel",
    "cartels",
    "gang",
    "gangs",
    "smuggling",
    "smugglers",
    "trafficking",
    "traffickers",
    "migrants",
    "border",
    "insurgency",
    "curfew",
    "crackdown",
    "ammunition",
    "firearms",
    "rifle",
    "rifles",
    "pistol",
    "pistols",
    "revolver",
    "revolvers",
    "cartridges",
    "grenade",
    "grenades",
];

/// Whether a warning's sentence says what the one who warns would do: a
/// threat ("warned that police will no longer tolerate rallies", "warned of
/// retaliation"). A warning of a danger ("a security warning over a virus",
/// "warned that jobs could be lost") threatens no one.
pub fn warning_threatens(words: &[&str]) -> bool {
    words.iter().any(|w| {
        CONSEQUENCES.contains(w)
            || ["retaliat", "punish", "prosecut", "respon"]
                .iter()
                .any(|stem| w.starts_with(stem))
    })
}

/// What a threat says its author would do.
const CONSEQUENCES: &[&str] = &[
    "reprisal",
    "reprisals",
    "consequences",
    "action",
    "actions",
    "force",
    "forces",
    "military",
    "attack",
    "attacks",
    "war",
    "sanctions",
    "strike",
    "strikes",
    "tolerate",
    "measures",
    "crackdown",
    "expel",
    "close",
    "cut",
    "halt",
    "suspend",
    "boycott",
    "arrest",
    "stop",
    "block",
    "ban",
    "withdraw",
    "veto",
    "revenge",
    "fight",
    "kill",
    "destroy",
    "invade",
    "troops",
    "nuclear",
    "missiles",
    "missile",
    "weapons",
    "shoot",
    "fire",
    "punitive",
    "embargo",
    "sever",
    "quit",
    "leave",
    "resign",
    "ultimatum",
    "deadline",
];

/// Whom a number after "shot" counts.
const VICTIMS: &[&str] = &[
    "people",
    "persons",
    "protesters",
    "civilians",
    "demonstrators",
    "villagers",
    "police",
    "policemen",
    "soldiers",
    "troops",
    "students",
    "workers",
    "men",
    "women",
    "children",
    "others",
    "of",
    "times",
    "rounds",
    "bullets",
    "militants",
    "fighters",
    "dead",
];

/// What a road block blocks.
const ROADS: &[&str] = &[
    "road",
    "roads",
    "street",
    "streets",
    "highway",
    "highways",
    "motorway",
    "entrance",
    "entrances",
    "gate",
    "gates",
    "bridge",
    "bridges",
    "border",
    "borders",
    "crossing",
    "route",
    "routes",
    "crossings",
    "access",
    "path",
    "paths",
    "square",
    "squares",
    "railway",
    "railways",
    "rail",
    "rails",
    "tracks",
    "line",
    "lines",
    "port",
    "ports",
    "harbour",
    "airport",
    "runway",
    "traffic",
    "way",
    "main",
    "lane",
    "lanes",
    "junction",
    "intersection",
    "city",
    "centre",
    "center",
    "town",
    "capital",
    "pass",
    "tunnel",
    "entry",
    "exit",
    "exits",
    "doors",
];

/// How many words `…` in a pattern may stand for.
pub const GAP: usize = 3;

/// Words before a trigger that deny it.
pub const NEGATIONS: &[&str] = &["not", "n't", "never", "no", "without", "neither", "nor"];

/// Words before a trigger that make it conditional or supposed.
pub const HYPOTHETICAL: &[&str] = &["could", "would", "might", "if", "unless", "should"];

/// Words before a trigger that make it expected, planned or feared.
pub const ANTICIPATED: &[&str] = &[
    "may",
    "will",
    "shall",
    "plan",
    "plans",
    "planned",
    "planning",
    "intend",
    "intends",
    "intended",
    "expected",
    "set",
    "preparing",
    "prepare",
    "risk",
    "threat",
    "fear",
    "fears",
    "feared",
    "possible",
    "potential",
    "imminent",
    "upcoming",
    "'ll",
    "going",
    "about",
    // intent and threat from the verb that governs the trigger ("wants to
    // attack", "vowed to retaliate"): the lexical twin of the parse's
    // `tree::ANTICIPATING`, for the pipeline that codes without a parse
    "want",
    "wants",
    "wanted",
    "wanting",
    "seek",
    "seeks",
    "seeking",
    "sought",
    "aim",
    "aims",
    "aiming",
    "aimed",
    "hope",
    "hopes",
    "hoping",
    "hoped",
    "vow",
    "vows",
    "vowed",
    "vowing",
    "pledge",
    "pledged",
    "pledges",
    "promise",
    "promises",
    "promised",
    "threaten",
    "threatens",
    "threatened",
    "threatening",
    "urge",
    "urges",
    "urged",
    "urging",
];

/// Words just after a trigger (its clause's passive verb) that put it off:
/// "the meeting was postponed" may yet take place.
pub const PUT_OFF: &[&str] = &["postponed", "delayed", "rescheduled", "deferred"];

/// Words just after a trigger that call it off: "the summit was cancelled"
/// did not take place.
pub const CALLED_OFF: &[&str] = &["cancelled", "canceled", "scrapped", "abandoned", "aborted"];

/// Words before a trigger that make it someone's claim.
pub const CLAIMED: &[&str] = &[
    "allegedly",
    "alleged",
    "reportedly",
    "purported",
    "purportedly",
];

/// Words that state intent: a cooperative act under them is an AGREE
/// ("will visit", "is ready to contribute troops"), CAMEO's "express intent
/// to cooperate".
pub const INTENT: &[&str] = &[
    "will", "would", "ready", "willing", "plans", "plan", "intends", "'ll", "prepared",
];

/// Words of a comment on what follows them: the acts they speak of are its
/// subject, not events ("skeptical about the talks").
pub const COMMENTING: &[&str] = &[
    "skeptical",
    "sceptical",
    "skepticism",
    "scepticism",
    "doubtful",
    "optimistic",
    "pessimistic",
];

/// Words of hope: what they hope for, unless it is their own act ("hopes
/// to meet"), is a comment, no event ("hoped for more talks").
pub const HOPING: &[&str] = &[
    "hope", "hopes", "hoped", "hoping", "wish", "wishes", "wished",
];

/// What a denial of responsibility rejects: "rejected accusations that",
/// "denied charges by".
pub const ACCUSATIONS: &[&str] = &[
    "accusation",
    "accusations",
    "charge",
    "charges",
    "allegation",
    "allegations",
    "claims",
    "reports",
    "suggestions",
];

/// Verbs of refusal: a cooperative act they govern ("refused to release")
/// is a rejection.
pub const REFUSING: &[&str] = &[
    "refused",
    "refuses",
    "refuse",
    "refusing",
    "declined",
    "declines",
    "decline",
    "declining",
];

/// Words that ask for an act: a cooperative act under them is a request
/// ("requested an urgent meeting", "asked NATO to help"), CAMEO's "appeal".
pub const REQUESTING: &[&str] = &[
    "requested",
    "requests",
    "request",
    "requesting",
    "asked",
    "asks",
    "asking",
    "appealed",
    "appeals",
    "appealing",
];

/// Verbs of appeal whose infinitive names the act asked for: "urged
/// Uganda to repatriate …", "asked NATO to … increase naval patrols"
/// (with [`REQUESTING`]; "called on" and "pressed" too, see
/// `Doc::appeal`).
pub const APPEALING: &[&str] = &[
    "urged", "urges", "urge", "urging", "pressed", "presses", "pressing", "implored", "begged",
];

/// Nouns of stopping: the act after them ("a pause in the bombing", "a
/// halt to the shelling") is not going on.
pub const STOPPING: &[&str] = &[
    "pause",
    "halt",
    "lull",
    "suspension",
    "cessation",
    "moratorium",
    "end",
    "stop",
    "break",
];

/// Verbs whose object is received, not done: "received aid", "won
/// support", "enjoyed wide backing" (the subject is the one acted on).
pub const RECEIVING: &[&str] = &[
    "received",
    "receives",
    "receive",
    "receiving",
    "won",
    "wins",
    "win",
    "gained",
    "gains",
    "enjoyed",
    "enjoys",
    "enjoy",
    "secured",
    "secures",
    "obtained",
    "got",
    "gets",
];

/// Verbs that report speech: "…, police said" names who says so.
pub const REPORTING: &[&str] = &[
    "said",
    "says",
    "say",
    "told",
    "tells",
    "reported",
    "reports",
    "stated",
    "announced",
    "added",
    "confirmed",
    "claimed",
    "claims",
    "warned",
    "according",
];

/// Words that end the noun phrase of a subject when reading leftwards.
pub const SUBJECT_STOPS: &[&str] = &[
    "that", "which", "who", "whom", "whose", "said", "says", "and", "but", "while", "as", "after",
    "before", "when", "because", "since", "if", "where", ",", ";", ":", "(", ")", "\"", "“", "”",
    "'", "‘", "’",
];

/// Auxiliaries and adverbs between a subject and its verb (time
/// expressions there are skipped too: "Iran on Tuesday threatened").
pub const AUXILIARIES: &[&str] = &[
    "has",
    "have",
    "had",
    "is",
    "are",
    "was",
    "were",
    "be",
    "been",
    "being",
    "will",
    "would",
    "may",
    "might",
    "could",
    "can",
    "should",
    "shall",
    "must",
    "did",
    "do",
    "does",
    "also",
    "reportedly",
    "allegedly",
    "then",
    "again",
    "finally",
    "later",
    "recently",
    "not",
    "n't",
    "never",
    "bluntly",
    "flatly",
    "already",
    "on",
    "to",
    "'s",
    "continued",
    "continue",
    "began",
    "begin",
    "started",
    "ready",
    "willing",
    "it",
    "they",
    "he",
    "she",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn regular_forms() {
        assert_eq!(
            inflect("attack"),
            ["attack", "attacks", "attacked", "attacking"]
        );
        assert_eq!(inflect("seize"), ["seize", "seizes", "seized", "seizing"]);
        assert_eq!(
            inflect("clash"),
            ["clash", "clashes", "clashed", "clashing"]
        );
        assert_eq!(inflect("deny"), ["deny", "denies", "denied", "denying"]);
    }

    #[test]
    fn every_pattern_expands_to_words() {
        for t in TRIGGERS {
            let words = expand(t.pattern);
            assert!(
                !words.is_empty() && words.iter().all(|w| !w.is_empty()),
                "{}",
                t.pattern
            );
        }
    }
}
