//! The kinds of failure a peer's real-world pages showed (issue 16), each on
//! a page of our own: the whole article comes out, and nothing beside it.

/// Eight paragraphs of one article, distinct enough to tell apart.
const P: [&str; 8] = [
    "The provincial council met on Tuesday to discuss how water from the river would be shared between the farming districts upstream and the towns below the dam.",
    "Officials said the meeting lasted more than four hours and ended without a vote, although both sides agreed to send engineers to measure the flow again next month.",
    "Farmers in the upstream districts have complained for two seasons that the canals run dry in July, when the wheat and the cotton need water most.",
    "The towns argue that their wells depend on the river as well, and that any new channel dug upstream would leave the lower valley short in a dry year.",
    "A report published by the water ministry last spring found that a third of the water is lost through leaking canals before it reaches any field.",
    "Repairing the main canals would cost about twelve million dollars, the report said, a sum the council does not have without help from the capital.",
    "Several council members proposed a rotation in which each district would receive the full flow for three days in turn during the hottest weeks.",
    "The governor's office said it would study the proposal and publish its answer before the planting season begins in the autumn.",
];

const TITLE: &str = "Water talks end without a vote";

/// A page of the Valley Herald around `body`.
fn page(body: &str) -> String {
    format!(
        "<!DOCTYPE html><html lang=en><head><meta charset=utf-8><title>{TITLE} | Valley Herald</title></head>\
         <body><header class=site-header><a href=/>Valley Herald</a><nav><a href=/news>News</a> \
         <a href=/sport>Sport</a> <a href=/about>About</a></nav></header>{body}\
         <footer class=site-footer><p>Copyright 2025 Valley Herald. All rights reserved.</p>\
         <a href=/privacy>Privacy</a></footer></body></html>"
    )
}

fn paragraphs(ps: &[&str]) -> String {
    ps.iter().map(|p| format!("<p>{p}</p>")).collect()
}

/// The article's text, or the rejection's reason.
fn text(html: &str) -> String {
    match beacon_extract::extract_html(html, Some("https://valley.example/news/water-talks")) {
        Ok(a) => a.text,
        Err(r) => panic!("rejected: {r:?}"),
    }
}

fn assert_whole(text: &str, ps: &[&str]) {
    for p in ps {
        assert!(text.contains(p), "lost {p:?} from:\n{text}");
    }
}

#[test]
fn a_long_review_comes_out_whole() {
    let body = format!(
        "<main><article class=\"review product-review hreview\"><h1>{TITLE}</h1>\
         <div class=review-meta><span class=rating>Rating: 4/5</span> <span class=byline>By Ana Torres</span></div>\
         <div class=\"review-content entry-content\"><h2>Design</h2>{}<h2>Performance</h2>{}\
         <div class=pros-cons><div class=pros><h3>Pros</h3><ul><li>Long battery life that lasts two full days of use</li>\
         <li>Bright screen that is readable in sunlight</li></ul></div><div class=cons><h3>Cons</h3>\
         <ul><li>No headphone socket on the body</li><li>Slow charger in the box</li></ul></div></div>\
         <h2>Battery</h2>{}<h2>Verdict</h2>{}</div></article></main>",
        paragraphs(&P[0..2]),
        paragraphs(&P[2..4]),
        paragraphs(&P[4..6]),
        paragraphs(&P[6..8]),
    );
    let t = text(&page(&body));
    assert_whole(&t, &P);
    assert!(
        t.contains("Verdict") && t.contains("Long battery life"),
        "{t}"
    );
}

#[test]
fn a_blog_post_is_not_replaced_by_the_sites_standing_text() {
    let standing = "Our programme supports rural communities across the valley through training, small grants \
        and research on water, soil and markets, working with local councils and farmers' groups since 1998. \
        We believe that lasting change comes from the people who live with the river every day, and our staff \
        of forty works in twelve districts to build skills, share knowledge and bring the voices of farmers to \
        the people who decide. Every year the programme trains more than two thousand farmers in water-saving \
        methods, funds small repairs to village canals and publishes studies that councils use to plan.";
    let body = format!(
        "<div class=wrap><div class=content><div class=\"post hentry\"><h1 class=entry-title>{TITLE}</h1>\
         <div class=entry-meta>Posted on 3 June 2025 by the editors</div><div class=entry-content>{}</div></div></div>\
         <aside class=\"sidebar widget-area\"><section class=\"widget widget_text\"><h2 class=widget-title>About the programme</h2>\
         <div class=textwidget><p>{standing}</p></div></section></aside></div>",
        paragraphs(&P[0..3])
    );
    let t = text(&page(&body));
    assert_whole(&t, &P[0..3]);
    assert!(!t.contains("Our programme"), "{t}");
}

#[test]
fn a_page_builders_nested_sections_are_an_article() {
    let widget = |p: &str| {
        format!(
            "<div class=\"elementor-element elementor-widget elementor-widget-text-editor\">\
             <div class=elementor-widget-container><p>{p}</p></div></div>"
        )
    };
    let section = |ps: &[&str]| {
        format!(
            "<section class=\"elementor-section elementor-top-section elementor-element\"><div class=elementor-container>\
             <div class=\"elementor-column elementor-col-100\"><div class=elementor-widget-wrap>{}</div></div></div></section>",
            ps.iter().map(|p| widget(p)).collect::<String>()
        )
    };
    let body = format!(
        "<div data-elementor-type=wp-post class=\"elementor elementor-1234\">\
         <section class=\"elementor-section\"><div class=elementor-container><div class=elementor-column>\
         <div class=\"elementor-widget elementor-widget-heading\"><div class=elementor-widget-container>\
         <h1 class=elementor-heading-title>{TITLE}</h1></div></div></div></div></section>{}{}\
         <div class=\"elementor-widget elementor-widget-share-buttons\"><div class=elementor-widget-container>\
         <a href=#>Share on Facebook</a> <a href=#>Share by email</a></div></div></div>",
        section(&P[0..4]),
        section(&P[4..8])
    );
    let t = text(&page(&body));
    assert_whole(&t, &P);
    assert!(!t.contains("Share on Facebook"), "{t}");
}

#[test]
fn opening_paragraphs_apart_from_the_body_are_kept() {
    let body = format!(
        "<article><h1>{TITLE}</h1><div class=\"article-lead intro\"><p class=lead>{}</p><p>{}</p></div>\
         <figure><img src=dam.jpg><figcaption>The dam above the valley.</figcaption></figure>\
         <div class=ad-slot>Advertisement</div><div class=article-body>{}</div></article>",
        P[0],
        P[1],
        paragraphs(&P[2..8])
    );
    let t = text(&page(&body));
    assert_whole(&t, &P);
    assert!(!t.contains("Advertisement"), "{t}");
}

#[test]
fn a_follow_up_article_and_related_teasers_are_left_out() {
    let other = [
        "The city's football club signed a new goalkeeper on Friday after its first choice broke his wrist in training last week.",
        "The club said the player, who is twenty-four, had agreed a contract for two seasons and would join the squad before the match on Sunday.",
        "Supporters had asked for a new signing since the injury, which the club's doctors said would keep the first goalkeeper out until the winter.",
    ];
    let body = format!(
        "<main><article class=post id=post-1><h1>{TITLE}</h1>{}</article>\
         <section class=related-posts><h2>Related articles</h2><ul><li><a href=/a><h3>Farmers ask for canal repairs</h3>\
         <p>Villagers in the upper valley say leaking canals cost them half their water every summer.</p></a></li>\
         <li><a href=/b><h3>Dam levels fall after dry spring</h3><p>The reservoir is a third lower than last year, \
         engineers said on Monday.</p></a></li></ul></section>\
         <div class=\"infinite-scroll next-article\" data-url=/sport/keeper><article class=post id=post-2>\
         <h1>Club signs new goalkeeper</h1>{}</article></div></main>",
        paragraphs(&P),
        paragraphs(&other)
    );
    let t = text(&page(&body));
    assert_whole(&t, &P);
    for unwanted in [
        other[0],
        "Villagers in the upper valley",
        "Club signs new goalkeeper",
    ] {
        assert!(!t.contains(unwanted), "kept {unwanted:?} in:\n{t}");
    }
}

#[test]
fn the_closing_line_stays_and_the_authors_bio_goes() {
    let body = format!(
        "<article><h1>{TITLE}</h1><div class=entry-content>{}<p>The council meets again on 12 July.</p></div>\
         <div class=\"author-box author-bio\"><img src=ana.jpg><h4>About the author</h4><p>Ana Torres is the \
         Valley Herald's correspondent for farming and water. She has covered the valley's councils for ten \
         years and writes a weekly column on rural life.</p></div></article>",
        paragraphs(&P[0..7])
    );
    let t = text(&page(&body));
    assert_whole(&t, &P[0..7]);
    assert!(t.contains("The council meets again on 12 July."), "{t}");
    assert!(!t.contains("Ana Torres is"), "{t}");
}

#[test]
fn inline_formulas_stay_in_their_sentence() {
    let body = format!(
        "<article><h1>{TITLE}</h1><p>{}</p><p>Engineers estimate the loss as <math><mi>L</mi><mo>=</mo>\
         <mn>0.33</mn><mi>Q</mi></math> where <math><mi>Q</mi></math> is the flow at the dam.</p>\
         <p>The loss is <span class=katex><span class=katex-mathml><math><semantics><mrow><mi>L</mi></mrow>\
         <annotation encoding=\"application/x-tex\">L</annotation></semantics></math></span>\
         <span class=katex-html aria-hidden=true><span class=\"mord mathnormal\">L</span></span></span> in all.</p>{}</article>",
        P[0],
        paragraphs(&P[1..6])
    );
    let t = text(&page(&body));
    assert_whole(&t, &P[0..6]);
    assert!(
        t.contains("Engineers estimate the loss as L=0.33Q where Q is the flow at the dam."),
        "{t}"
    );
    assert!(t.contains("The loss is L in all."), "{t}");
}
