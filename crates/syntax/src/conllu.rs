//! CoNLL-U (https://universaldependencies.org/format.html): sentences of
//! syntactic words with their lemma, tags, head and relation. Multiword
//! token lines (`1-2`) and empty nodes (`8.1`) are skipped: Beacon tags and
//! parses syntactic words, as the CoNLL 2018 shared task scores them.

use std::io::{BufRead, Write};
use std::path::Path;

/// One syntactic word of a sentence.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Word {
    /// The form.
    pub form: String,
    /// The lemma.
    pub lemma: String,
    /// The universal part-of-speech tag.
    pub upos: String,
    /// The language-specific tag (`_` when none).
    pub xpos: String,
    /// The head: the word's number (1-based), 0 for the root.
    pub head: u32,
    /// The relation to the head (with its subtype: `nsubj:pass`).
    pub deprel: String,
}

/// A sentence: its id (from `# sent_id`, if any), text (`# text`) and words.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Sentence {
    /// `# sent_id`.
    pub id: Option<String>,
    /// `# text`.
    pub text: Option<String>,
    /// The syntactic words.
    pub words: Vec<Word>,
}

/// Reads CoNLL-U from a file, gzip-compressed when its name ends in `.gz`.
pub fn read_file(path: &Path) -> std::io::Result<Vec<Sentence>> {
    let file = std::fs::File::open(path)?;
    if path.extension().is_some_and(|e| e == "gz") {
        read(std::io::BufReader::new(flate2::read::GzDecoder::new(file)))
    } else {
        read(std::io::BufReader::new(file))
    }
}

/// Reads CoNLL-U. A line that is not a comment, a blank line or ten
/// tab-separated columns is an error naming its number.
pub fn read(r: impl BufRead) -> std::io::Result<Vec<Sentence>> {
    let mut out = Vec::new();
    let mut cur = Sentence::default();
    for (n, line) in r.lines().enumerate() {
        let line = line?;
        let line = line.trim_end_matches('\r');
        if line.is_empty() {
            if !cur.words.is_empty() {
                out.push(std::mem::take(&mut cur));
            }
            continue;
        }
        if let Some(c) = line.strip_prefix('#') {
            let c = c.trim_start();
            if let Some(v) = c.strip_prefix("sent_id =") {
                cur.id = Some(v.trim().to_owned());
            } else if let Some(v) = c.strip_prefix("text =") {
                cur.text = Some(v.trim().to_owned());
            }
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        let bad = |what: &str| {
            std::io::Error::new(
                std::io::ErrorKind::InvalidData,
                format!("CoNLL-U line {}: {what}", n + 1),
            )
        };
        if cols.len() != 10 {
            return Err(bad("not ten columns"));
        }
        if cols[0].contains(['-', '.']) {
            continue;
        }
        let head = match cols[6] {
            "_" => 0,
            h => h.parse().map_err(|_| bad("a head that is not a number"))?,
        };
        cur.words.push(Word {
            form: cols[1].to_owned(),
            lemma: cols[2].to_owned(),
            upos: cols[3].to_owned(),
            xpos: cols[4].to_owned(),
            head,
            deprel: cols[7].to_owned(),
        });
    }
    if !cur.words.is_empty() {
        out.push(cur);
    }
    Ok(out)
}

/// Writes one sentence as CoNLL-U (features and enhanced columns empty),
/// `MISC` given per word (`_` when empty).
pub fn write(w: &mut dyn Write, s: &Sentence, misc: &[String]) -> std::io::Result<()> {
    if let Some(id) = &s.id {
        writeln!(w, "# sent_id = {id}")?;
    }
    if let Some(t) = &s.text {
        writeln!(w, "# text = {t}")?;
    }
    for (i, x) in s.words.iter().enumerate() {
        let field = |v: &str| {
            if v.is_empty() {
                "_".to_owned()
            } else {
                clean(v)
            }
        };
        let m = misc
            .get(i)
            .map_or("_", |m| if m.is_empty() { "_" } else { m });
        writeln!(
            w,
            "{}\t{}\t{}\t{}\t{}\t_\t{}\t{}\t_\t{}",
            i + 1,
            field(&x.form),
            field(&x.lemma),
            field(&x.upos),
            field(&x.xpos),
            x.head,
            field(&x.deprel),
            m
        )?;
    }
    writeln!(w)
}

/// A field without tabs or line breaks (CoNLL-U has no escapes).
fn clean(v: &str) -> String {
    v.chars()
        .map(|c| {
            if c == '\t' || c == '\n' || c == '\r' {
                ' '
            } else {
                c
            }
        })
        .collect()
}

/// The universal part of a relation (`nsubj` of `nsubj:pass`), as the
/// CoNLL 2018 shared task compares relations.
pub fn universal(deprel: &str) -> &str {
    deprel.split(':').next().unwrap_or(deprel)
}
