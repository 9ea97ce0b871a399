//! ACLED's view of an event: its event type (`category`) and sub-event type
//! (`sub_type`), from the PLOVER type, the trigger, and the words of the
//! event's sentence (the weapon, whether protesters met force, who took a
//! town).
//!
//! The mapping (ACLED codebook names in upper case, as the CASE 2021 task
//! writes them):
//!
//! | Beacon | ACLED sub-type | ACLED event type |
//! |---|---|---|
//! | FIGHT, ASSAULT with chemical agents | CHEM_WEAP | explosions/remote violence |
//! | … with a suicide bomber | SUIC_BOMB | explosions/remote violence |
//! | … from the air (air strike, drone, warplanes) | AIR_STRIKE | explosions/remote violence |
//! | … by shelling, artillery, mortars, rockets, missiles | ART_MISS_ATTACK | explosions/remote violence |
//! | … with grenades | GRENADE | explosions/remote violence |
//! | … with bombs, IEDs, mines | REM_EXPLOS | explosions/remote violence |
//! | FIGHT retaking ground | GOV_REGAINS_TERIT | battles |
//! | FIGHT taking ground (rebels, militants) | NON_STATE_ACTOR_OVERTAKES_TER | battles |
//! | other FIGHT | ARMED_CLASH | battles |
//! | ASSAULT: sexual / abduction / other | SEX_VIOL / ABDUCT_DISSAP / ATTACK | violence against civilians |
//! | PROTEST met with live fire, deaths | FORCE_AGAINST_PROTEST | protests |
//! | PROTEST met with tear gas, arrests, dispersal | PROTEST_WITH_INTER | protests |
//! | PROTEST turned violent (stones, arson, looting, clashes) | VIOL_DEMONSTR | riots |
//! | a mob, vigilantes, a lynching | MOB_VIOL | riots |
//! | other PROTEST | PEACE_PROTEST | protests |
//! | COERCE: arrest / weapons seized or defused / demolition, arson | ARREST / DISR_WEAP / PROPERTY_DISTRUCT | strategic developments |
//! | MOBILIZE setting up a base or post | HQ_ESTABLISHED | strategic developments |
//! | RETREAT from ground / defection, disbanding, a split | NON_VIOL_TERRIT_TRANSFER / CHANGE_TO_GROUP_ACT | strategic developments |
//! | AGREE | AGREEMENT | strategic developments |
//! | a claim of responsibility, a blame | ATTRIB | — (not ACLED's) |
//! | CRIME | ORG_CRIME | — |
//! | CONSULT, SANCTION, DEMAND, DISAPPROVE, REJECT, THREATEN, SUPPORT, COOPERATE, AID | DIPLO | — |
//!
//! Disasters are not events in PLOVER or ACLED, and Beacon codes none.

use beacon_model::{EventCategory, EventType};

/// Whether any of `cues` (single words, or two words joined by a space) is
/// among `words`.
fn any(words: &[&str], cues: &[&str]) -> bool {
    cues.iter().any(|c| match c.split_once(' ') {
        Some((a, b)) => words.windows(2).any(|w| w[0] == a && w[1] == b),
        None => words.contains(c),
    })
}

fn prefixed(words: &[&str], prefixes: &[&str]) -> bool {
    words
        .iter()
        .any(|w| prefixes.iter().any(|p| w.starts_with(p)))
}

/// The ACLED category and sub-type of an event of type `kind`, triggered by
/// a trigger with sub-type `trigger_sub`, in a sentence of (lower-cased)
/// `words`.
pub fn classify(
    kind: EventType,
    trigger_sub: Option<&'static str>,
    words: &[&str],
) -> (Option<EventCategory>, Option<&'static str>) {
    use EventCategory::*;
    let remote = ExplosionsRemoteViolence;
    match kind {
        EventType::Fight | EventType::Assault => {
            if let Some(w) = weapon(words) {
                return (Some(remote), Some(w));
            }
            match trigger_sub {
                Some("GOV_REGAINS_TERIT") => (Some(Battles), trigger_sub),
                Some("NON_STATE_ACTOR_OVERTAKES_TER") => (Some(Battles), trigger_sub),
                Some("PROPERTY_DISTRUCT") => (Some(StrategicDevelopments), trigger_sub),
                Some("MOB_VIOL") => (Some(Riots), trigger_sub),
                Some("SEX_VIOL") | Some("ABDUCT_DISSAP") => {
                    (Some(ViolenceAgainstCivilians), trigger_sub)
                }
                _ if kind == EventType::Fight => {
                    if taking_ground(words) {
                        (Some(Battles), Some("NON_STATE_ACTOR_OVERTAKES_TER"))
                    } else {
                        (Some(Battles), Some("ARMED_CLASH"))
                    }
                }
                _ if mob(words) => (Some(Riots), Some("MOB_VIOL")),
                _ if any(
                    words,
                    &["clash", "clashes", "clashed", "fighting", "gunfight"],
                ) =>
                {
                    (Some(Battles), Some("ARMED_CLASH"))
                }
                _ => (Some(ViolenceAgainstCivilians), Some("ATTACK")),
            }
        }
        EventType::Protest => {
            if mob(words) {
                (Some(Riots), Some("MOB_VIOL"))
            } else if any(
                words,
                &[
                    "opened fire",
                    "live ammunition",
                    "live bullets",
                    "killed",
                    "killing",
                    "shot",
                ],
            ) {
                (Some(Protests), Some("FORCE_AGAINST_PROTEST"))
            } else if any(
                words,
                &[
                    "tear gas",
                    "teargas",
                    "water cannon",
                    "rubber bullets",
                    "pepper",
                    "pepper-sprayed",
                    "dispersed",
                    "disperse",
                    "arrested",
                    "detained",
                    "batons",
                    "suppressed",
                ],
            ) {
                (Some(Protests), Some("PROTEST_WITH_INTER"))
            } else if any(
                words,
                &[
                    "stones",
                    "rocks",
                    "torched",
                    "vandalized",
                    "vandalised",
                    "looted",
                    "burned",
                    "burnt",
                    "set fire",
                    "clashed",
                    "violent",
                    "rioters",
                    "riot",
                    "rioted",
                    "rioting",
                    "petrol bombs",
                    "molotov",
                ],
            ) {
                (Some(Riots), Some("VIOL_DEMONSTR"))
            } else {
                (Some(Protests), Some("PEACE_PROTEST"))
            }
        }
        EventType::Coerce => {
            if arms(words) {
                (Some(StrategicDevelopments), Some("DISR_WEAP"))
            } else if trigger_sub == Some("PROPERTY_DISTRUCT") {
                (Some(StrategicDevelopments), trigger_sub)
            } else if trigger_sub == Some("FORCE_AGAINST_PROTEST") {
                (Some(Protests), Some("PROTEST_WITH_INTER"))
            } else {
                (Some(StrategicDevelopments), Some("ARREST"))
            }
        }
        EventType::Mobilize => {
            if any(
                words,
                &[
                    "set up",
                    "established",
                    "establishes",
                    "establish",
                    "base",
                    "post",
                    "outpost",
                    "headquarters",
                ],
            ) {
                (Some(StrategicDevelopments), Some("HQ_ESTABLISHED"))
            } else {
                (Some(StrategicDevelopments), Some("OTHER"))
            }
        }
        EventType::Retreat => {
            if any(
                words,
                &[
                    "defected",
                    "defect",
                    "defection",
                    "defections",
                    "disbanded",
                    "split",
                    "joined",
                    "merged",
                    "resigned",
                ],
            ) {
                (Some(StrategicDevelopments), Some("CHANGE_TO_GROUP_ACT"))
            } else {
                (
                    Some(StrategicDevelopments),
                    Some("NON_VIOL_TERRIT_TRANSFER"),
                )
            }
        }
        EventType::Agree => (Some(StrategicDevelopments), Some("AGREEMENT")),
        EventType::Crime => (None, Some("ORG_CRIME")),
        EventType::Disapprove if any(words, &["blamed", "blaming", "blames", "blame"]) => {
            (None, Some("ATTRIB"))
        }
        _ => (None, Some("DIPLO")),
    }
}

/// The weapon of remote violence the sentence names, as ACLED's sub-type.
fn weapon(words: &[&str]) -> Option<&'static str> {
    if any(
        words,
        &[
            "chemical",
            "chlorine",
            "sarin",
            "mustard gas",
            "nerve agent",
            "toxic gas",
            "poison gas",
        ],
    ) {
        Some("CHEM_WEAP")
    } else if any(words, &["suicide", "self-immolation"]) || prefixed(words, &["suicide-"]) {
        Some("SUIC_BOMB")
    } else if any(
        words,
        &[
            "airstrike",
            "airstrikes",
            "air strike",
            "air strikes",
            "air raid",
            "air raids",
            "air-strike",
            "air-strikes",
            "warplane",
            "warplanes",
            "jets",
            "drone",
            "drones",
            "fighter jets",
            "helicopter gunship",
            "gunships",
            "bombers",
            "aerial",
        ],
    ) {
        Some("AIR_STRIKE")
    } else if any(
        words,
        &[
            "shelling",
            "shelled",
            "shells",
            "artillery",
            "mortar",
            "mortars",
            "rocket",
            "rockets",
            "missile",
            "missiles",
            "projectile",
            "projectiles",
            "katyusha",
        ],
    ) {
        Some("ART_MISS_ATTACK")
    } else if any(words, &["grenade", "grenades"]) {
        Some("GRENADE")
    } else if any(
        words,
        &[
            "bomb",
            "bombs",
            "bombing",
            "bombings",
            "ied",
            "ieds",
            "explosive",
            "explosives",
            "landmine",
            "landmines",
            "mine",
            "blast",
            "explosion",
            "exploded",
            "detonated",
            "roadside",
        ],
    ) {
        Some("REM_EXPLOS")
    } else {
        None
    }
}

/// A mob or vigilantes.
fn mob(words: &[&str]) -> bool {
    any(
        words,
        &[
            "mob",
            "mobs",
            "vigilante",
            "vigilantes",
            "lynched",
            "lynching",
            "villagers clashed",
        ],
    )
}

/// Weapons seized, found, intercepted or defused.
fn arms(words: &[&str]) -> bool {
    any(
        words,
        &[
            "weapons",
            "firearms",
            "ammunition",
            "rifles",
            "pistols",
            "explosives",
            "guns",
            "defused",
            "intercepted",
            "cache",
            "arms",
        ],
    )
}

/// Ground taken: captured, seized, took control.
fn taking_ground(words: &[&str]) -> bool {
    any(
        words,
        &[
            "captured",
            "seized",
            "took control",
            "gained control",
            "overran",
            "took over",
            "full control",
        ],
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(s: &str) -> Vec<String> {
        s.split_whitespace().map(str::to_lowercase).collect()
    }

    fn sub(kind: EventType, trigger: Option<&'static str>, s: &str) -> Option<&'static str> {
        let w = words(s);
        let w: Vec<&str> = w.iter().map(String::as_str).collect();
        classify(kind, trigger, &w).1
    }

    #[test]
    fn the_weapon_decides_remote_violence() {
        assert_eq!(
            sub(
                EventType::Assault,
                Some("ATTACK"),
                "a suicide bomber killed 5"
            ),
            Some("SUIC_BOMB")
        );
        assert_eq!(
            sub(EventType::Fight, None, "warplanes struck the town"),
            Some("AIR_STRIKE")
        );
        assert_eq!(
            sub(EventType::Assault, None, "gunmen killed 3 villagers"),
            Some("ATTACK")
        );
        assert_eq!(
            sub(EventType::Fight, None, "troops clashed with rebels"),
            Some("ARMED_CLASH")
        );
    }

    #[test]
    fn protests_by_what_met_them() {
        assert_eq!(
            sub(
                EventType::Protest,
                None,
                "police fired tear gas at protesters"
            ),
            Some("PROTEST_WITH_INTER")
        );
        assert_eq!(
            sub(
                EventType::Protest,
                None,
                "security forces opened fire on protesters"
            ),
            Some("FORCE_AGAINST_PROTEST")
        );
        assert_eq!(
            sub(EventType::Protest, None, "protesters torched cars"),
            Some("VIOL_DEMONSTR")
        );
        assert_eq!(
            sub(EventType::Protest, None, "hundreds marched peacefully"),
            Some("PEACE_PROTEST")
        );
    }
}
