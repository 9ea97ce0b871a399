//! One test per family of expression; each case is (text, [(span, value)]).

use beacon_model::{AnchorKind, DateBasis, Precision, Published, TimexMod, TimexType};

use super::time_expressions;

fn published(value: &str) -> Published {
    Published {
        value: value.into(),
        precision: match value.len() {
            4 => Precision::Year,
            7 => Precision::Month,
            _ => Precision::Day,
        },
        basis: DateBasis::Text,
        confidence: 0.6,
    }
}

/// The (text, value) pairs found in `text` published on `anchor`.
fn tag(text: &str, anchor: Option<&str>) -> Vec<(String, String)> {
    let p = anchor.map(published);
    time_expressions(text, p.as_ref(), Some("en"))
        .into_iter()
        .map(|t| (t.text, t.value))
        .collect()
}

#[track_caller]
fn check(anchor: Option<&str>, cases: &[(&str, &[(&str, &str)])]) {
    for (text, want) in cases {
        let got = tag(text, anchor);
        let want: Vec<(String, String)> = want
            .iter()
            .map(|(a, b)| (a.to_string(), b.to_string()))
            .collect();
        assert_eq!(got, want, "in {text:?}");
    }
}

// 2009-06-04 is a Thursday.
const THU: Option<&str> = Some("2009-06-04");

#[test]
fn absolute_dates() {
    check(
        THU,
        &[
            (
                "It opened on December 30, 2006.",
                &[("December 30, 2006", "2006-12-30")],
            ),
            (
                "It opened on 30 December 2006.",
                &[("30 December 2006", "2006-12-30")],
            ),
            (
                "Released Friday, October 16, 2015 in Paris",
                &[("Friday, October 16, 2015", "2015-10-16")],
            ),
            ("On 2015-10-16 it fell.", &[("2015-10-16", "2015-10-16")]),
            (
                "Sold on 7/8/07 at noon",
                &[("7/8/07", "2007-07-08"), ("noon", "2009-06-04T12:00")],
            ),
            (
                "In November 2008 sales fell.",
                &[("November 2008", "2008-11")],
            ),
            ("Founded in 1998, it grew.", &[("1998", "1998")]),
            (
                "The Oct. 16, 2015 summit",
                &[("Oct. 16, 2015", "2015-10-16")],
            ),
            (
                "on the 16th of October 2015",
                &[("the 16th of October 2015", "2015-10-16")],
            ),
        ],
    );
}

#[test]
fn partial_dates_take_the_direction_of_the_clause() {
    check(
        THU,
        &[
            ("Sales fell on June 1st.", &[("June 1st", "2009-06-01")]),
            ("Talks ended in October.", &[("October", "2008-10")]),
            ("Talks will resume in October.", &[("October", "2009-10")]),
            ("The plant closed in March.", &[("March", "2009-03")]),
            ("Shares fell on Wednesday.", &[("Wednesday", "2009-06-03")]),
            (
                "The board will meet on Wednesday.",
                &[("Wednesday", "2009-06-10")],
            ),
            (
                "The board is expected to meet on Monday.",
                &[("Monday", "2009-06-08")],
            ),
            (
                "GM filed for bankruptcy on Monday morning.",
                &[("Monday morning", "2009-06-01TMO")],
            ),
        ],
    );
    // Without an anchor the year is unknown.
    check(
        None,
        &[(
            "Talks ended on October 16.",
            &[("October 16", "XXXX-10-16")],
        )],
    );
}

#[test]
fn may_and_march_are_months_only_where_months_are_expected() {
    check(
        THU,
        &[
            ("The company may close.", &[]),
            ("Theresa May said so.", &[]),
            ("It closed in May.", &[("May", "2009-05")]),
            ("March 12 2009 was busy", &[("March 12 2009", "2009-03-12")]),
        ],
    );
}

#[test]
fn relative_dates() {
    check(
        THU,
        &[
            (
                "GM said today that it would cut jobs.",
                &[("today", "2009-06-04")],
            ),
            ("Yesterday, shares rose.", &[("Yesterday", "2009-06-03")]),
            ("It will open tomorrow.", &[("tomorrow", "2009-06-05")]),
            ("Sales fell last week.", &[("last week", "2009-W22")]),
            ("Sales fell this month.", &[("this month", "2009-06")]),
            ("Sales fell last year.", &[("last year", "2008")]),
            ("Sales will rise next year.", &[("next year", "2010")]),
            ("It closed two days ago.", &[("two days ago", "2009-06-02")]),
            ("It closed a week ago.", &[("a week ago", "2009-05-28")]),
            ("It closed 20 years ago.", &[("20 years ago", "1989")]),
            (
                "It said earlier this month that",
                &[("earlier this month", "2009-06")],
            ),
            (
                "It said earlier today that",
                &[("earlier today", "2009-06-04")],
            ),
            (
                "Sales fell in the third quarter of this year.",
                &[("the third quarter of this year", "2009-Q3")],
            ),
            (
                "Sales fell in the fourth quarter.",
                &[("the fourth quarter", "2008-Q4")],
            ),
            (
                "Sales fell in the first quarter of 2009.",
                &[("the first quarter of 2009", "2009-Q1")],
            ),
            ("Third-quarter sales fell.", &[("Third-quarter", "2008-Q3")]),
            (
                "It opened this weekend.",
                &[("this weekend", "2009-W23-WE")],
            ),
            (
                "Sales fell last September.",
                &[("last September", "2008-09")],
            ),
            ("It closed in the spring.", &[("the spring", "2009-SP")]),
            (
                "It will close in the summer of 2010.",
                &[("the summer of 2010", "2010-SU")],
            ),
            ("It happened in the 1990s.", &[("the 1990s", "199")]),
            ("It happened in the '80s.", &[("the '80s", "198")]),
            ("It was this morning.", &[("this morning", "2009-06-04TMO")]),
        ],
    );
}

#[test]
fn anaphora_resolve_against_the_last_date() {
    let p = published("2009-06-04");
    let t = time_expressions(
        "Chrysler filed on April 30. The same day, Fiat agreed.",
        Some(&p),
        Some("en"),
    );
    assert_eq!(t[1].text, "The same day");
    assert_eq!(t[1].value, "2009-04-30");
    let a = t[1].anchor.as_ref().unwrap();
    assert_eq!(a.kind, AnchorKind::PreviousExpression);
    assert_eq!(
        t[0].anchor.as_ref().unwrap().kind,
        AnchorKind::PublicationDate
    );
}

#[test]
fn modifiers_are_in_the_span() {
    let p = published("2009-06-04");
    let t = time_expressions(
        "It grew in late 2006 and in early June, and the end of this year.",
        Some(&p),
        Some("en"),
    );
    let got: Vec<(&str, &str, Option<TimexMod>)> = t
        .iter()
        .map(|t| (t.text.as_str(), t.value.as_str(), t.modifier))
        .collect();
    assert_eq!(
        got,
        [
            ("late 2006", "2006", Some(TimexMod::End)),
            ("early June", "2009-06", Some(TimexMod::Start)),
            ("the end of this year", "2009", Some(TimexMod::End)),
        ]
    );
}

#[test]
fn times_of_day() {
    check(
        THU,
        &[
            (
                "The deadline was 12:00 UTC Monday.",
                &[("12:00 UTC Monday", "2009-06-01T12:00Z")],
            ),
            (
                "It ended at 16:15 UTC.",
                &[("16:15 UTC", "2009-06-04T16:15Z")],
            ),
            (
                "It ended at 6:40 p.m. local time.",
                &[("6:40 p.m. local time", "2009-06-04T18:40")],
            ),
            (
                "Trading opens at 0800 GMT.",
                &[("0800 GMT", "2009-06-04T08:00Z")],
            ),
            ("It happened tonight.", &[("tonight", "2009-06-04TNI")]),
        ],
    );
}

#[test]
fn durations() {
    check(
        THU,
        &[
            ("He served for 33 years.", &[("33 years", "P33Y")]),
            ("a 27-year career", &[("27-year", "P27Y")]),
            (
                "It took nearly five months.",
                &[("nearly five months", "P5M")],
            ),
            (
                "Stocks fell over the past nine days.",
                &[("the past nine days", "P9D")],
            ),
            (
                "It lasted almost two and a half years.",
                &[("almost two and a half years", "P2.5Y")],
            ),
            (
                "Over the past decade it grew.",
                &[("the past decade", "P10Y")],
            ),
            ("It took over a decade.", &[("over a decade", "P10Y")]),
            (
                "It fell for six straight days.",
                &[("six straight days", "P6D")],
            ),
            (
                "It fell for two consecutive quarters.",
                &[("two consecutive quarters", "P2Q")],
            ),
            ("It took thirty minutes.", &[("thirty minutes", "PT30M")]),
            ("It took 12 hours.", &[("12 hours", "PT12H")]),
            ("It lasted for years.", &[("years", "PXY")]),
            ("It lasted several years.", &[("several years", "PXY")]),
            ("a decades-long dispute", &[("decades-long", "PXDE")]),
            ("in the next six months", &[("the next six months", "P6M")]),
        ],
    );
    // Ages are not durations.
    check(
        THU,
        &[
            ("Barra, a 51-year-old engineer", &[]),
            ("He is five years old.", &[]),
        ],
    );
}

#[test]
fn sets_and_references() {
    check(
        THU,
        &[
            ("It is published weekly.", &[("weekly", "P1W")]),
            ("It meets every year.", &[("every year", "P1Y")]),
            ("It earns $5 million a year.", &[("a year", "P1Y")]),
            ("The annual loss grew.", &[("annual", "P1Y")]),
            // what recurs yearly is not annotated (MEANTIME, TimeBank)
            ("It held its annual meeting.", &[]),
            ("It is now closed.", &[("now", "PRESENT_REF")]),
            ("It recently closed.", &[("recently", "PAST_REF")]),
            // bare "soon" is not annotated in TimeBank news; "very soon" is
            ("It will close soon.", &[]),
            ("It will close very soon.", &[("very soon", "FUTURE_REF")]),
            (
                "In the future, it will close.",
                &[("the future", "FUTURE_REF")],
            ),
        ],
    );
    let p = published("2009-06-04");
    let t = time_expressions("It opens on Mondays and weekly.", Some(&p), Some("en"));
    assert_eq!(t[0].kind, TimexType::Set);
    assert_eq!(t[0].value, "XXXX-WXX-1");
}

#[test]
fn month_precision_anchors_keep_their_precision() {
    check(
        Some("2015-10"),
        &[
            (
                "Putin said on October 16 that",
                &[("October 16", "2015-10-16")],
            ),
            ("Putin spoke on Wednesday.", &[("Wednesday", "XXXX-WXX-3")]),
            ("Putin spoke yesterday.", &[("yesterday", "2015-10")]),
            ("It was attacked in 2014.", &[("2014", "2014")]),
        ],
    );
}

#[test]
fn other_languages_get_absolute_dates() {
    let p = published("2015-10-28");
    let t = |s: &str, l: &str| -> Vec<(String, String)> {
        time_expressions(s, Some(&p), Some(l))
            .into_iter()
            .map(|t| (t.text, t.value))
            .collect()
    };
    assert_eq!(
        t("Путин заявил 16 октября 2015 г. в Душанбе", "ru"),
        [("16 октября 2015 г.".to_owned(), "2015-10-16".to_owned())]
    );
    assert_eq!(
        t("Am 16. Oktober sagte Putin", "de"),
        [("16. Oktober".to_owned(), "2015-10-16".to_owned())]
    );
    assert_eq!(
        t("el 16 de octubre de 2015", "es"),
        [("16 de octubre de 2015".to_owned(), "2015-10-16".to_owned())]
    );
    assert_eq!(
        t("le 16 octobre, Poutine", "fr"),
        [("16 octobre".to_owned(), "2015-10-16".to_owned())]
    );
    assert_eq!(
        t("پوتین در ۱۶ اکتبر ۲۰۱۵ گفت", "fa"),
        [("۱۶ اکتبر ۲۰۱۵".to_owned(), "2015-10-16".to_owned())]
    );
}

#[test]
fn offsets_are_code_points_into_the_text() {
    let p = published("2015-10-28");
    let text = "Réunion — «on October 16» said Putin";
    let t = time_expressions(text, Some(&p), Some("en"));
    assert_eq!(t.len(), 1);
    let chars: Vec<char> = text.chars().collect();
    let span: String = chars[t[0].start..t[0].end].iter().collect();
    assert_eq!(span, "October 16");
}

#[test]
fn bad_input_does_not_panic() {
    let p = published("2015-10-28");
    for text in [
        "",
        " ",
        "31 February 2015",
        "February 31",
        "99999",
        "year 99999 and 0000-00-00 and 9999-99-99",
        "12:99 UTC 25:00 UTC 99/99/99 0/0/0000",
        "the the the of of last next",
        "!!!???---'''",
        "Q9 the ninth quarter 0th century '",
        "999999999999999999999999999999 days ago",
        "1.5.5.5.5 a.m. p.m. p. m.",
    ] {
        for lang in [Some("en"), Some("ru"), None] {
            let _ = time_expressions(text, Some(&p), lang);
            let _ = time_expressions(text, None, lang);
        }
    }
    assert!(
        tag("31 February 2015", THU)
            .iter()
            .all(|(_, v)| !v.contains("02-31"))
    );
    let huge = "On Monday, 12 years ago, sales fell 5%. ".repeat(20_000);
    let t = time_expressions(&huge, Some(&p), Some("en"));
    assert_eq!(t.len(), 40_000);
    let garbage: String = (0..50_000u32)
        .map(|i| char::from_u32(0x20 + (i * 7919) % 0x2fff).unwrap_or(' '))
        .collect();
    let _ = time_expressions(&garbage, Some(&p), Some("en"));
    // An anchor that is not a date is no anchor.
    let bad = published("tomorrow");
    assert_eq!(
        time_expressions("It fell on Monday.", Some(&bad), Some("en"))[0].value,
        "XXXX-WXX-1"
    );
}

#[test]
fn tense_cues_in_passives_modals_and_deadlines() {
    check(
        THU,
        &[
            (
                "The deal will be finalized by June 10.",
                &[("June 10", "2009-06-10")],
            ),
            (
                "The sale should be completed in October.",
                &[("October", "2009-10")],
            ),
            (
                "Markets remain closed until Friday.",
                &[("Friday", "2009-06-05")],
            ),
            (
                "Markets were closed until Friday.",
                &[("Friday", "2009-05-29")],
            ),
        ],
    );
}

#[test]
fn compound_relative_expressions() {
    check(
        THU,
        &[
            (
                "Sales fell in January, compared to the same month a year ago.",
                &[
                    ("January", "2009-01"),
                    ("the same month a year ago", "2008-01"),
                ],
            ),
            (
                "Sales rebounded in the last week of March.",
                &[("the last week of March", "2009-W13")],
            ),
            (
                "It will take between 60 and 90 days.",
                &[("60", "P60D"), ("90 days", "P90D")],
            ),
            (
                "GM lost $8.6 billion in 2005, more than the year before.",
                &[("2005", "2005"), ("the year before", "2004")],
            ),
            (
                "Dealers will close after October of next year.",
                &[("October", "2010-10"), ("next year", "2010")],
            ),
            (
                "Shares rose 2% to end the day at 8,017.",
                &[("the day", "2009-06-04")],
            ),
            (
                "It has struggled in recent years.",
                &[("recent years", "PAST_REF")],
            ),
            (
                "It has struggled for recent years.",
                &[("recent years", "PXY")],
            ),
        ],
    );
    // Compounds and decimals are not expressions of their own.
    check(
        THU,
        &[
            ("the now-cancelled deal", &[]),
            ("It closed at 1299.59 points.", &[]),
            ("iLife'11 ships", &[]),
        ],
    );
}

#[test]
fn a_time_keeps_a_date_after_a_comma_out_of_its_span() {
    check(
        THU,
        &[(
            "At 16:15 UTC, June 1st, he spoke.",
            &[
                ("16:15 UTC", "2009-06-01T16:15Z"),
                ("June 1st", "2009-06-01"),
            ],
        )],
    );
    check(THU, &[("a catastrophic short-term collapse", &[])]);
}

#[test]
fn a_span_of_time_earlier_or_later_is_a_date_from_the_last_one_mentioned() {
    check(
        Some("2009-06-04"),
        &[
            // from the date the text gave last, else the anchor
            (
                "Profit rose in 2008, against a loss a year earlier.",
                &[("2008", "2008"), ("a year earlier", "2007")],
            ),
            (
                "The talks opened on May 3 and closed two weeks later.",
                &[("May 3", "2009-05-03"), ("two weeks later", "2009-05-17")],
            ),
            (
                "Sales were up from a year earlier.",
                &[("a year earlier", "2008")],
            ),
            // a time of day later is no date
            (
                "Two hours later the plant closed.",
                &[("Two hours", "PT2H")],
            ),
        ],
    );
}

#[test]
fn a_determiner_before_a_counted_span_is_part_of_it() {
    check(
        Some("2009-06-04"),
        &[
            (
                "Over the four days of talks, little changed.",
                &[("the four days", "P4D")],
            ),
            ("The strike lasted two years.", &[("two years", "P2Y")]),
        ],
    );
}

#[test]
fn a_passive_takes_its_auxiliarys_tense() {
    check(
        Some("1989-11-02"),
        &[
            (
                "The dividend will be paid Dec. 14 to holders of record Nov. 15.",
                &[("Dec. 14", "1989-12-14"), ("Nov. 15", "1989-11-15")],
            ),
            (
                "The dividend was paid Oct. 14.",
                &[("Oct. 14", "1989-10-14")],
            ),
            (
                "A dividend of five cents, payable Dec. 1.",
                &[("Dec. 1", "1989-12-01")],
            ),
            (
                "They said they expect the sale to close in January.",
                &[("January", "1990-01")],
            ),
        ],
    );
}

#[test]
fn the_quarter_a_company_reports_is_the_last_one_ended() {
    check(
        Some("1989-11-02"),
        &[
            (
                "Net income fell 20% in the quarter.",
                &[("the quarter", "1989-Q3")],
            ),
            (
                "Sales in the latest quarter rose.",
                &[("the latest quarter", "1989-Q3")],
            ),
        ],
    );
}

#[test]
fn financial_reports_compare_with_the_same_quarter_a_year_before() {
    // THU is 2009-06-04: the second quarter is under way, the first ended.
    check(
        THU,
        &[
            (
                "In the year-ago quarter it earned $5 million.",
                &[("the year-ago quarter", "2008-Q1")],
            ),
            (
                "The year-earlier results were restated.",
                &[("year-earlier", "2008")],
            ),
            (
                "In the year-earlier third quarter it lost money.",
                &[("the year-earlier third quarter", "2007-Q3")],
            ),
            (
                "First-quarter profit rose from $3 million a year ago.",
                &[("First-quarter", "2009-Q1"), ("a year ago", "2008-Q1")],
            ),
            (
                "Sales fell to $85 million from $93 million a year earlier.",
                &[("a year earlier", "2008")],
            ),
            (
                "It will report first-quarter results.",
                &[("first-quarter", "2009-Q1")],
            ),
            (
                "It lost money in the 2008 second quarter.",
                &[("the 2008 second quarter", "2008-Q2")],
            ),
            (
                "Net rose in the first quarter from a year ago. The year-ago results were restated.",
                &[
                    ("the first quarter", "2009-Q1"),
                    ("a year ago", "2008-Q1"),
                    ("year-ago", "2008-Q1"),
                ],
            ),
            (
                "It would be paid on a still unspecified date in January.",
                &[("January", "2010-01")],
            ),
            (
                "Sales rose in the fiscal year ended Jan. 31, and in the latest nine months.",
                &[
                    ("the fiscal year", "P1Y"),
                    ("Jan. 31", "2009-01-31"),
                    ("the latest nine months", "P9M"),
                ],
            ),
        ],
    );
}

#[test]
fn a_compound_before_its_noun_leaves_the_article_to_the_noun() {
    check(
        THU,
        &[
            ("The 14-day waiting period ends.", &[("14-day", "P14D")]),
            (
                "The first-quarter loss was large.",
                &[("first-quarter", "2009-Q1")],
            ),
            (
                "Sales peaked in the early 1980s.",
                &[("the early 1980s", "198")],
            ),
            ("At the same time, it said it would cut jobs.", &[]),
        ],
    );
}

#[test]
fn spoken_years_and_days_named_nearby() {
    check(
        THU,
        &[
            (
                "In nineteen ninety-six a bomb went off.",
                &[("nineteen ninety-six", "1996")],
            ),
            (
                "It was convicted in nineteen eighty.",
                &[("nineteen eighty", "1980")],
            ),
            (
                "Shareholders responded to yesterday's announcement.",
                &[("yesterday", "2009-06-03")],
            ),
            (
                "The blast occurred at 10:35 a.m. (0735 GMT) Tuesday.",
                &[
                    ("10:35 a.m.", "2009-06-02T10:35"),
                    ("0735 GMT", "2009-06-04T07:35Z"),
                    ("Tuesday", "2009-06-02"),
                ],
            ),
            (
                "It made its first flight Tuesday in Everett at 18:00 UTC.",
                &[
                    ("Tuesday", "2009-06-02"),
                    ("18:00 UTC", "2009-06-02T18:00Z"),
                ],
            ),
            (
                "Prices have fallen over the past several quarters.",
                &[("the past several quarters", "PAST_REF")],
            ),
        ],
    );
}

#[test]
fn planned_days_lie_ahead_and_ago_keeps_its_modifier() {
    check(
        THU,
        &[
            // what is planned or scheduled lies ahead of the report
            (
                "Officials did not plan to remove the boy on Monday.",
                &[("Monday", "2009-06-08")],
            ),
            (
                "The stock is to resume trading in Paris Tuesday.",
                &[("Tuesday", "2009-06-09")],
            ),
            // a report's past stays past
            (
                "The stock resumed trading in Paris Tuesday.",
                &[("Tuesday", "2009-06-02")],
            ),
            // "nearly two weeks ago" is one expression, as "nearly two weeks" is
            (
                "Claims from the storm nearly two weeks ago are slow.",
                &[("nearly two weeks ago", "2009-05-21")],
            ),
            // a fiscal year is written as the year (TimeBank's way)
            ("In fiscal 2008, sales rose.", &[("fiscal 2008", "2008")]),
        ],
    );
}
