//! The JavaScript side of the boundary is generated from its declaration (src/boundary.rs):
//! `pkg-template/ops.js` (one function per operation, the answer tags) and
//! `tests/js/boundary.json` (the declaration, for the JS test that drives every operation through
//! the real export). This test fails when either drifts; `UPDATE_GENERATED=1 cargo test --test
//! boundary` rewrites them.
#![cfg(not(target_arch = "wasm32"))]
use antom_checkout::{Op, Tag};
use std::collections::BTreeSet;
use std::fmt::Write;
use std::path::PathBuf;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn ops_js() -> String {
    let mut out = String::from(
        "// Generated from src/boundary.rs by tests/boundary.rs. Do not edit.\n\
         // The core's operations, each called through its one export `op(code, a, b, c, d, e)`: texts\n\
         // go through its input buffer (an argument is then their length in bytes), numbers as\n\
         // arguments. Every answer is a tag and its payload.\n\n\
         /** The tag every answer of the core starts with, as a character code. */\n\
         export const Tag = {\n",
    );
    let version = env!("CARGO_PKG_VERSION");
    for t in Tag::ALL {
        writeln!(
            out,
            "  /** {} */\n  {}: {},",
            t.doc(),
            t.js(),
            u32::from(t.char())
        )
        .unwrap();
    }
    out.push_str("};\n");
    writeln!(out, "\n/** The build this JavaScript belongs to: the module's `version` must answer the same. */\nexport const VERSION = \"{version}\";").unwrap();
    for op in Op::ALL {
        let args = op.args();
        let mut call: Vec<String> = vec![op.code().to_string()];
        call.extend(args.iter().map(|a| a.to_string()));
        call.resize(6, "0".into());
        let answers: Vec<&str> = op.answers().iter().map(|t| t.js()).collect();
        write!(
            out,
            "\n/** {} Answers {}{}. */\nexport const {} = (core{}) => core.op({});\n",
            op.doc(),
            answers.join(", "),
            if op.lean() {
                ""
            } else {
                "; not in the lean module"
            },
            op.js(),
            args.iter().map(|a| format!(", {a}")).collect::<String>(),
            call.join(", "),
        )
        .unwrap();
    }
    out
}

fn boundary_json() -> String {
    let mut out = String::from("{\n  \"tags\": {");
    for (i, t) in Tag::ALL.iter().enumerate() {
        let sep = if i == 0 { "" } else { "," };
        write!(out, "{sep}\n    \"{}\": \"{}\"", t.js(), t.char()).unwrap();
    }
    out.push_str("\n  },\n  \"ops\": [");
    for (i, op) in Op::ALL.iter().enumerate() {
        let sep = if i == 0 { "" } else { "," };
        let quoted = |v: Vec<&str>| {
            v.iter()
                .map(|a| format!("\"{a}\""))
                .collect::<Vec<_>>()
                .join(", ")
        };
        write!(
            out,
            "{sep}\n    {{ \"name\": \"{}\", \"code\": {}, \"lean\": {}, \"args\": [{}], \"answers\": [{}] }}",
            op.js(),
            op.code(),
            op.lean(),
            quoted(op.args().to_vec()),
            quoted(op.answers().iter().map(|t| t.js()).collect()),
        )
        .unwrap();
    }
    out.push_str("\n  ]\n}\n");
    out
}

fn check(rel: &str, want: String) {
    let path = root().join(rel);
    if std::env::var_os("UPDATE_GENERATED").is_some() {
        std::fs::write(&path, want).unwrap();
        return;
    }
    let have = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        have == want,
        "{rel} is not what src/boundary.rs declares: UPDATE_GENERATED=1 cargo test --test boundary"
    );
}

#[test]
fn the_js_side_of_the_boundary_is_generated_from_its_declaration() {
    check("pkg-template/ops.js", ops_js());
    check("tests/js/boundary.json", boundary_json());
}

#[test]
fn codes_tags_and_names_are_each_used_once() {
    let codes: BTreeSet<u8> = Op::ALL.iter().map(|o| o.code()).collect();
    assert_eq!(codes.len(), Op::ALL.len(), "two operations share a code");
    let names: BTreeSet<&str> = Op::ALL.iter().map(|o| o.js()).collect();
    assert_eq!(names.len(), Op::ALL.len(), "two operations share a name");
    let chars: BTreeSet<char> = Tag::ALL.iter().map(|t| t.char()).collect();
    assert_eq!(chars.len(), Tag::ALL.len(), "two tags share a character");
    for op in Op::ALL {
        assert_eq!(Op::from_code(op.code()), Some(*op));
        assert!(op.args().len() <= 5, "{}: op takes five numbers", op.js());
        assert!(
            !op.answers().contains(&Tag::Error),
            "{}: every operation may answer an error",
            op.js()
        );
    }
}

/// No hand-written operation code, step code or answer tag in the JS the package ships or in the
/// JS tests: they call the generated functions and compare with `Tag`.
#[test]
fn no_operation_number_or_tag_is_written_by_hand_in_js() {
    let mut files: Vec<PathBuf> = Vec::new();
    for dir in ["pkg-template", "tests/js"] {
        for e in std::fs::read_dir(root().join(dir)).unwrap() {
            let p = e.unwrap().path();
            // ops.js is generated; boundary.test.mjs calls the raw export on purpose.
            let exempt = p.ends_with("ops.js") || p.ends_with("boundary.test.mjs");
            if p.extension().is_some_and(|x| x == "js" || x == "mjs") && !exempt {
                files.push(p);
            }
        }
    }
    for p in files {
        let text = std::fs::read_to_string(&p).unwrap();
        for (i, line) in text.lines().enumerate() {
            let hand = line.contains(".op(")
                || line.contains("charCodeAt(0) ===")
                || line.contains("charCodeAt(0) !==");
            assert!(
                !hand,
                "{}:{}: a hand-written operation or tag: {line}",
                p.display(),
                i + 1
            );
        }
    }
}
