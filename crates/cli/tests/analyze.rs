//! `beacon analyze`: one `{"article", "mentions", "times", "events"}` object
//! per input, in input order, rejections in place; time expressions with
//! offsets into the article text, TIMEX3 values and anchors.

use crate::util::*;

#[test]
fn analyze_jsonl_has_the_spec_shape() {
    let dir = tempfile::tempdir().unwrap();
    let line = serde_json::json!({
        "url": "https://example.org/news/1",
        "title": "Border talks",
        "published": "2015-10-28",
        "text": "Officials said on Tuesday that talks held in 2014 would resume next week.\nThe governor said traffic had resumed two days ago."
    });
    let page = write(&dir.path().join("a.jsonl"), format!("{line}\n"));
    let empty = write(&dir.path().join("b.html"), "");
    let r = run([
        "analyze".as_ref(),
        "--format".as_ref(),
        "jsonl".as_ref(),
        page.as_os_str(),
        empty.as_os_str(),
    ]);
    r.expect_code(3);
    let out = r.jsonl();
    assert_eq!(out.len(), 2, "{}", r.stdout);
    let v = &out[0];
    for key in ["article", "mentions", "times", "events"] {
        assert!(v.get(key).is_some(), "no {key} in {v}");
    }
    assert_eq!(v["mentions"], serde_json::json!([]));
    // "talks held in 2014": a CONSULT, dated by its own clause, not by the
    // day the officials spoke, and reported by them.
    let events = v["events"].as_array().unwrap();
    assert_eq!(events.len(), 1, "{events:?}");
    assert_eq!(events[0]["type"], "CONSULT");
    assert_eq!(events[0]["date"]["value"], "2014");
    assert_eq!(events[0]["historical"], true);
    assert_eq!(events[0]["source_of_claim"]["text"], "Officials");
    assert!(events[0].get("explain").is_none());
    assert_eq!(v["article"]["published"]["value"], "2015-10-28");
    let text: Vec<char> = v["article"]["text"].as_str().unwrap().chars().collect();
    let times = v["times"].as_array().unwrap();
    let got: Vec<(&str, &str)> = times
        .iter()
        .map(|t| (t["text"].as_str().unwrap(), t["value"].as_str().unwrap()))
        .collect();
    assert_eq!(
        got,
        [
            ("Tuesday", "2015-10-27"),
            ("2014", "2014"),
            ("next week", "2015-W45"),
            ("two days ago", "2015-10-26"),
        ]
    );
    for t in times {
        let (a, b) = (
            t["start"].as_u64().unwrap() as usize,
            t["end"].as_u64().unwrap() as usize,
        );
        let span: String = text[a..b].iter().collect();
        assert_eq!(span, t["text"].as_str().unwrap());
        assert_eq!(t["type"], "date");
    }
    assert_eq!(
        times[0]["anchor"],
        serde_json::json!({"value": "2015-10-28", "kind": "publication_date"})
    );
    assert_eq!(times[1]["anchor"], serde_json::Value::Null);
    assert_eq!(reason(&out[1]), "empty");
}

#[test]
fn analyze_text_lists_each_expression_with_its_sentence() {
    let dir = tempfile::tempdir().unwrap();
    let line = serde_json::json!({
        "url": "https://example.org/news/2",
        "published": "2015-10-28",
        "text": "The summit will open on Friday. It lasted five days in 2014."
    });
    let page = write(&dir.path().join("a.jsonl"), format!("{line}\n"));
    let r = run(["analyze".as_ref(), page.as_os_str()]);
    r.expect_code(0);
    assert!(r.stdout.contains("published 2015-10-28"), "{}", r.stdout);
    assert!(r.stdout.contains("\"Friday\""), "{}", r.stdout);
    assert!(r.stdout.contains("2015-10-30"), "{}", r.stdout);
    assert!(
        r.stdout.contains("The summit will open on Friday."),
        "{}",
        r.stdout
    );
    assert!(r.stdout.contains("P5D"), "{}", r.stdout);
}

#[test]
fn explain_gives_the_rule_behind_every_coded_field() {
    let dir = tempfile::tempdir().unwrap();
    let line = serde_json::json!({
        "url": "https://example.org/news/2",
        "published": "2024-03-05",
        "text": "Militants may attack the town of Gao in Mali next week, the army warned on Tuesday."
    });
    let input = write(&dir.path().join("a.jsonl"), format!("{line}\n"));
    let r = run([
        "analyze".as_ref(),
        "--explain".as_ref(),
        "--format".as_ref(),
        "jsonl".as_ref(),
        input.as_os_str(),
    ]);
    r.expect_code(0);
    let v = &r.jsonl()[0];
    let e = &v["events"][0];
    assert_eq!(e["type"], "ASSAULT", "{e}");
    assert_eq!(e["modality"], "anticipated");
    let rules: Vec<(String, String)> = e["explain"]
        .as_array()
        .expect("explain")
        .iter()
        .map(|x| {
            (
                x["field"].as_str().unwrap().to_owned(),
                x["rule"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    let has =
        |field: &str, rule: &str| rules.iter().any(|(f, r)| f == field && r.starts_with(rule));
    assert!(has("type", "trigger:"), "{rules:?}");
    assert!(has("modality", "anticipated:"), "{rules:?}");
    assert!(has("location", "clause"), "{rules:?}");
    // "next week" is no calendar date: the event is dated by publication.
    assert!(has("date", "publication_date"), "{rules:?}");
    assert!(has("source_of_claim", "reporting_verb"), "{rules:?}");
}

/// `beacon eval syntax` scores the shipped model on a treebank folder: here
/// one small test file, uncompressed, in CoNLL-U.
#[test]
fn eval_syntax_scores_a_treebank_folder() {
    let dir = tempfile::tempdir().unwrap();
    write(
        &dir.path().join("en_ewt-ud-test.conllu"),
        "# text = Police arrested two men in Kabul.\n\
         1\tPolice\tpolice\tNOUN\tNNS\t_\t2\tnsubj\t_\t_\n\
         2\tarrested\tarrest\tVERB\tVBD\t_\t0\troot\t_\t_\n\
         3\ttwo\ttwo\tNUM\tCD\t_\t4\tnummod\t_\t_\n\
         4\tmen\tman\tNOUN\tNNS\t_\t2\tobj\t_\t_\n\
         5\tin\tin\tADP\tIN\t_\t6\tcase\t_\t_\n\
         6\tKabul\tKabul\tPROPN\tNNP\t_\t2\tobl\t_\tSpaceAfter=No\n\
         7\t.\t.\tPUNCT\t.\t_\t2\tpunct\t_\t_\n\n",
    );
    let r = run([
        "eval".as_ref(),
        "syntax".as_ref(),
        "--gold".as_ref(),
        dir.path().as_os_str(),
    ]);
    r.expect_code(0);
    let row = r
        .stdout
        .lines()
        .find(|l| l.contains("en_ewt"))
        .expect("a row");
    let cols: Vec<&str> = row.split_whitespace().collect();
    assert_eq!(&cols[..3], ["en_ewt", "test", "7"], "{row}");
    let uas: f64 = cols[6].parse().unwrap();
    assert!(uas >= 0.7, "{row}");
    // a folder without a treebank is an error that says so
    let empty = tempfile::tempdir().unwrap();
    let r = run([
        "eval".as_ref(),
        "syntax".as_ref(),
        "--gold".as_ref(),
        empty.path().as_os_str(),
    ]);
    assert_ne!(r.code, 0);
    assert!(r.stderr.contains("no treebank"), "{}", r.stderr);
}

/// Runs `analyze --format conllu` on one text: its output, and per
/// sentence its words' columns.
fn analyze_conllu(dir: &std::path::Path, url: &str, text: &str) -> (String, Vec<Vec<Vec<String>>>) {
    let line = serde_json::json!({"url": url, "text": text});
    let page = write(&dir.join("a.jsonl"), format!("{line}\n"));
    let r = run([
        "analyze".as_ref(),
        "--format".as_ref(),
        "conllu".as_ref(),
        page.as_os_str(),
    ]);
    r.expect_code(0);
    let sentences = conllu_sentences(&r.stdout);
    (r.stdout, sentences)
}

/// Parses `analyze --format conllu` output: per sentence, its words' columns.
fn conllu_sentences(out: &str) -> Vec<Vec<Vec<String>>> {
    let mut all = Vec::new();
    let mut cur = Vec::new();
    for line in out.lines() {
        if line.is_empty() {
            if !cur.is_empty() {
                all.push(std::mem::take(&mut cur));
            }
        } else if !line.starts_with('#') {
            cur.push(line.split('\t').map(str::to_owned).collect::<Vec<_>>());
        }
    }
    all
}

#[test]
fn analyze_conllu_writes_one_tree_per_sentence_with_offsets() {
    let dir = tempfile::tempdir().unwrap();
    let text = "Taliban fighters attacked a checkpoint in Kunduz, officials said. \
                The U.S. embassy didn't comment.\n\n\
                !!! ... ??? -- ;;\n\
                Полиция задержала двух человек в Душанбе. پلیس دو نفر را در کابل بازداشت کرد.";
    let (out, sentences) = analyze_conllu(dir.path(), "https://example.org/1", text);
    assert!(out.starts_with("# newdoc id = "), "{out}");
    assert!(sentences.len() >= 4, "{out}");
    let chars: Vec<char> = text.chars().collect();
    for s in &sentences {
        let roots = s.iter().filter(|w| w[6] == "0").count();
        assert_eq!(roots, 1, "one root: {s:?}");
        for w in s {
            assert_eq!(w.len(), 10);
            let head: usize = w[6].parse().unwrap();
            assert!(head <= s.len());
            // the word is the text at its offsets
            let range = w[9]
                .split('|')
                .next()
                .unwrap()
                .trim_start_matches("TokenRange=");
            let (a, b) = range.split_once(':').unwrap();
            let (a, b): (usize, usize) = (a.parse().unwrap(), b.parse().unwrap());
            assert_eq!(chars[a..b].iter().collect::<String>(), w[1]);
        }
    }
    let first = &sentences[0];
    let attacked = first.iter().find(|w| w[1] == "attacked").unwrap();
    assert_eq!(attacked[3], "VERB");
    let fighters = first.iter().find(|w| w[1] == "fighters").unwrap();
    assert_eq!(
        (fighters[6].as_str(), fighters[7].as_str()),
        (attacked[0].as_str(), "nsubj")
    );
}

/// A Russian and a Persian article are read by their own language's model:
/// the verbs are VERBs, the subjects ("Пограничники", "مرزبانان") NOUNs and
/// `nsubj`, and the words only those languages have their own tags and
/// relations (the preposition "в", the object marker "را": `case`).
#[test]
fn analyze_conllu_reads_russian_and_persian_with_their_models() {
    let dir = tempfile::tempdir().unwrap();
    let articles = [
        (
            "https://example.org/ru",
            "Полиция задержала двух человек в Душанбе в понедельник. \
             Пограничники сообщили о перестрелке на границе с Афганистаном.",
            ["сообщили", "Пограничники", "в"],
        ),
        (
            "https://example.org/fa",
            "پلیس دو نفر را در کابل بازداشت کرد. مرزبانان از درگیری در مرز خبر دادند.",
            ["دادند", "مرزبانان", "را"],
        ),
    ];
    for (url, text, [verb, subject, marker]) in articles {
        let (out, sentences) = analyze_conllu(dir.path(), url, text);
        let word = |form: &str| {
            sentences
                .iter()
                .flatten()
                .find(|w| w[1] == form)
                .unwrap_or_else(|| panic!("{form} in {out}"))
                .clone()
        };
        let (v, n, m) = (word(verb), word(subject), word(marker));
        assert_eq!(v[3], "VERB", "{out}");
        assert_eq!((n[3].as_str(), n[7].as_str()), ("NOUN", "nsubj"), "{out}");
        assert_eq!((m[3].as_str(), m[7].as_str()), ("ADP", "case"), "{out}");
    }
}

/// `eval extract` scores each page, then the tune part and the frozen test
/// part apart (the split of `beacon_eval::split`, by page id), and lists
/// only the tune part's worst pages.
#[test]
fn eval_extract_reports_the_tune_and_test_parts() {
    let dir = tempfile::tempdir().unwrap();
    let mut truth = serde_json::Map::new();
    for n in 0..12 {
        let id = format!("page{n:02}");
        write(
            &dir.path().join("html").join(format!("{id}.html")),
            good_html(n),
        );
        truth.insert(
            id,
            serde_json::json!({"articleBody": format!("{}\n{}", prose(n), prose(n + 1_000_000))}),
        );
    }
    write(
        &dir.path().join("ground-truth.json"),
        serde_json::Value::Object(truth).to_string(),
    );
    let r = run([
        "eval".as_ref(),
        "extract".as_ref(),
        "--gold".as_ref(),
        dir.path().as_os_str(),
        "--worst".as_ref(),
        "20".as_ref(),
    ]);
    r.expect_code(0);
    let pages = |part: &str| -> usize {
        let line = r
            .stdout
            .lines()
            .find(|l| l.trim_start().starts_with(&format!("{part} part:")))
            .unwrap_or_else(|| panic!("no {part} line in {}", r.stdout));
        line.split_whitespace().nth(3).unwrap().parse().unwrap()
    };
    assert_eq!(pages("tune") + pages("test"), 12, "{}", r.stdout);
    assert!(pages("tune") > 0 && pages("test") > 0, "{}", r.stdout);
    // the worst pages listed are the tune part's, each once
    let listed = r.stdout.lines().filter(|l| l.starts_with("  F1 ")).count();
    assert_eq!(listed, pages("tune"), "{}", r.stdout);
}

/// `eval geo` scores the whole set, then its tune and frozen test parts
/// apart (by article address), each with its errors by kind.
#[test]
fn eval_geo_reports_the_tune_and_test_parts_and_error_kinds() {
    let dir = tempfile::tempdir().unwrap();
    let mut xml = String::from("<articles>\n");
    for n in 0..12 {
        let text = format!("Fighting was reported near Kabul on day {n}.");
        let start = text.find("Kabul").unwrap();
        xml.push_str(&format!(
            "<article><source>https://news.example/{n}</source><text>{text}</text><locations>\
             <location><name>Kabul</name><start>{start}</start><end>{}</end>\
             <lat>34.53</lat><lon>69.17</lon></location></locations></article>\n",
            start + 5
        ));
    }
    xml.push_str("</articles>\n");
    write(&dir.path().join("gold.xml"), xml);
    let r = run([
        "eval".as_ref(),
        "geo".as_ref(),
        "--gold".as_ref(),
        dir.path().as_os_str(),
    ]);
    r.expect_code(0);
    let articles = |part: &str| -> usize {
        let line = r
            .stdout
            .lines()
            .find(|l| l.starts_with(&format!("{part} part:")))
            .unwrap_or_else(|| panic!("no {part} line in {}", r.stdout));
        line.split_whitespace().nth(2).unwrap().parse().unwrap()
    };
    assert_eq!(articles("tune") + articles("test"), 12, "{}", r.stdout);
    assert!(articles("tune") > 0 && articles("test") > 0, "{}", r.stdout);
    // Kabul resolves where the gold puts it: no error of any kind, in each part
    let kinds: Vec<&str> = r
        .stdout
        .lines()
        .filter(|l| l.starts_with("errors beyond 161 km"))
        .collect();
    assert_eq!(kinds.len(), 3, "{}", r.stdout);
    for l in kinds {
        assert!(
            l.contains("point (right entry, far point) 0")
                && l.contains("namesake (another entry) 0")
                && l.contains("missing entry 0"),
            "{l}"
        );
    }
}
