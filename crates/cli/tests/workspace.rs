//! The workspace itself: every dependency a crate declares is named in its
//! code (what `cargo machete` checks, without installing it), so an
//! unused one cannot linger and lengthen every build.

use std::path::{Path, PathBuf};

/// The dependencies `manifest` declares, with their section.
fn declared(manifest: &str) -> Vec<(String, String)> {
    let mut section = String::new();
    let mut out = Vec::new();
    for line in manifest.lines().map(str::trim) {
        if let Some(s) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
            s.clone_into(&mut section);
            continue;
        }
        if !section.ends_with("dependencies") {
            continue;
        }
        let name: String = line
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
            .collect();
        if !name.is_empty() && line[name.len()..].trim_start().starts_with(['=', '.']) {
            out.push((section.clone(), name));
        }
    }
    out
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        let p = entry.path();
        if p.is_dir() {
            rust_files(&p, out);
        } else if p.extension().is_some_and(|e| e == "rs") {
            out.push(p);
        }
    }
}

/// Whether `ident` stands in `text` as a word of its own.
fn names(text: &str, ident: &str) -> bool {
    let word = |c: char| c.is_ascii_alphanumeric() || c == '_';
    text.match_indices(ident)
        .any(|(at, _)| !text[..at].ends_with(word) && !text[at + ident.len()..].starts_with(word))
}

#[test]
fn every_declared_dependency_is_used() {
    let crates = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let mut unused = Vec::new();
    let mut checked = 0;
    for entry in std::fs::read_dir(&crates).unwrap().flatten() {
        let manifest = entry.path().join("Cargo.toml");
        let Ok(text) = std::fs::read_to_string(&manifest) else {
            continue;
        };
        let mut files = Vec::new();
        rust_files(&entry.path(), &mut files);
        let code: Vec<String> = files
            .iter()
            .map(|f| std::fs::read_to_string(f).unwrap())
            .collect();
        for (section, dep) in declared(&text) {
            checked += 1;
            let ident = dep.replace('-', "_");
            if !code.iter().any(|c| names(c, &ident)) {
                unused.push(format!("{}: [{section}] {dep}", manifest.display()));
            }
        }
    }
    assert!(checked > 50, "only {checked} dependencies found");
    assert!(unused.is_empty(), "declared but never named: {unused:#?}");
}

#[test]
fn the_check_reads_manifests_as_cargo_does() {
    let manifest = "[package]\nname = \"x\"\n[dependencies]\nserde.workspace = true\n\
                    aho-corasick = { version = \"1\" }\n[dev-dependencies]\ntempfile = \"3\"\n\
                    [lints]\nworkspace = true\n";
    let found: Vec<String> = declared(manifest).into_iter().map(|(_, d)| d).collect();
    assert_eq!(found, ["serde", "aho-corasick", "tempfile"]);
    assert!(names("use aho_corasick::AhoCorasick;", "aho_corasick"));
    assert!(!names("use my_serde_json::x;", "serde_json"));
}
