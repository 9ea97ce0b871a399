//! `--help` of every command and subcommand exits 0 and documents each of its
//! flags (and `-h` gives the short form of the same).

use crate::util::*;

/// Each command, and the flags (and value names) its help must mention.
const COMMANDS: &[(&[&str], &[&str])] = &[
    (
        &[],
        &[
            "extract",
            "analyze",
            "stories",
            "ingest",
            "articles",
            "eval",
            "--help",
            "--version",
            "Exit status",
        ],
    ),
    (
        &["extract"],
        &[
            "[INPUT]...",
            "-i, --input-file <FILE>",
            "-f, --format <FORMAT>",
            "text",
            "markdown",
            "json",
            "jsonl",
            "-o, --output-dir <DIR>",
            "--with-metadata",
            "--comments",
            "--max-size <BYTES>",
            "-h, --help",
            "-V, --version",
        ],
    ),
    (
        &["analyze"],
        &[
            "[INPUT]...",
            "-i, --input-file <FILE>",
            "-f, --format <FORMAT>",
            "text",
            "json",
            "jsonl",
            "mentions",
            "events",
            "--explain",
            "--max-size <BYTES>",
            "-h, --help",
            "-V, --version",
        ],
    ),
    (
        &["events"],
        &[
            "--data <DIR>",
            "--since <DATE>",
            "--until <DATE>",
            "--country <CC>",
            "--zone <ZONE>",
            "--actor <ACTOR>",
            "--type <TYPE>",
            "--modality <MODALITY>",
            "--historical <BOOL>",
            "geojson",
            "markdown",
            "-h, --help",
        ],
    ),
    (
        &["stories"],
        &[
            "[INPUT]...",
            "-i, --input-file <FILE>",
            "-f, --format <FORMAT>",
            "near-duplicate",
            "--data <DIR>",
            "--limit <N>",
            "--country <CC>",
            "--max-size <BYTES>",
            "-h, --help",
        ],
    ),
    (
        &["eval", "stories"],
        &["--gold <DIR>", "B-cubed", "-h, --help"],
    ),
    (
        &["eval", "events"],
        &["--gold <DIR>", "--misses <N>", "PLOVER", "-h, --help"],
    ),
    (
        &["ingest"],
        &[
            "[INPUT]...",
            "--data <DIR>",
            "BEACON_DATA",
            "--summary <SUMMARY>",
            "--quiet",
            "-q",
            "--max-size <BYTES>",
            "-h, --help",
            "-V, --version",
        ],
    ),
    (
        &["articles"],
        &["list", "show", "-h, --help", "-V, --version"],
    ),
    (
        &["articles", "list"],
        &[
            "--data <DIR>",
            "-n, --limit <LIMIT>",
            "--offset <OFFSET>",
            "-f, --format <FORMAT>",
            "table",
            "jsonl",
            "-h, --help",
        ],
    ),
    (
        &["articles", "show"],
        &[
            "<ID>",
            "--data <DIR>",
            "-f, --format <FORMAT>",
            "--comments",
            "-h, --help",
        ],
    ),
    (&["eval"], &["extract", "dates", "timex", "-h, --help"]),
    (
        &["eval", "timex"],
        &["--gold <DIR>", "--misses <N>", "TempEval-3", "-h, --help"],
    ),
    (
        &["eval", "extract"],
        &[
            "--gold <DIR>",
            "--output <FILE>",
            "--worst <N>",
            "-h, --help",
        ],
    ),
];

#[test]
fn every_command_documents_its_flags() {
    for (cmd, flags) in COMMANDS {
        for help in ["--help", "-h"] {
            let mut args = cmd.to_vec();
            args.push(help);
            let r = run(&args);
            r.expect_code(0);
            assert!(r.stderr.is_empty(), "{args:?}: {}", r.stderr);
            // `-h` is the short help: the same flags, without the long prose.
            for flag in flags
                .iter()
                .filter(|f| help == "--help" || f.starts_with('-'))
            {
                assert!(
                    r.stdout.contains(flag),
                    "`beacon {}` does not mention {flag:?}:\n{}",
                    args.join(" "),
                    r.stdout
                );
            }
        }
        // `beacon help CMD…` is the same as `beacon CMD… --help`.
        let mut args = vec!["help"];
        args.extend_from_slice(cmd);
        let mut long = cmd.to_vec();
        long.push("--help");
        assert_eq!(
            run(&args).expect_code(0).stdout,
            run(&long).stdout,
            "{args:?}"
        );
    }
}

#[test]
fn version_and_usage_errors() {
    let r = run(["--version"]);
    r.expect_code(0);
    assert!(r.stdout.starts_with("beacon "), "{}", r.stdout);
    // A usage error is exit status 2, not a fatal error (1).
    run(["extract", "--format", "yaml"]).expect_code(2);
    run(["no-such-command"]).expect_code(2);
}
