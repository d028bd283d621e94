//! The JavaScript side of the boundary is generated from its declaration (src/boundary.rs):
//! `pkg-template/ops.js` (one function per operation, the answer tags) and
//! `tests/js/boundary.json` (the declaration, for the JS test that drives every operation through
//! the real export). This test fails when either drifts; `UPDATE_GENERATED=1 cargo test --test
//! boundary` rewrites them.
#![cfg(not(target_arch = "wasm32"))]
use antom_checkout::{Op, Tag, ValueSet, VALUE_SETS, VERSION};
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
    for set in VALUE_SETS {
        write!(
            out,
            "\n/** {} */\nexport const {} = {{\n",
            joined(set.doc),
            set.js
        )
        .unwrap();
        for v in set.values {
            writeln!(out, "  /** {} */\n  {}: {},", joined(v.doc), v.js, v.value).unwrap();
        }
        out.push_str("};\n");
    }
    writeln!(out, "\n/** The build this JavaScript belongs to (the crate's version and a hash of the boundary's declaration): the module's `version` must answer the same. */\nexport const VERSION = \"{VERSION}\";").unwrap();
    for op in Op::ALL {
        let args = op.args();
        let mut call: Vec<String> = vec![op.code().to_string()];
        call.extend(args.iter().map(|a| a.name.to_string()));
        call.resize(6, "0".into());
        let answers: Vec<&str> = op.answers().iter().map(|t| t.js()).collect();
        let values: Vec<String> = args
            .iter()
            .filter_map(|a| a.values.map(|set| format!("`{}`: `{}`", a.name, set.js)))
            .collect();
        write!(
            out,
            "\n/** {}{} Answers {}{}. */\nexport const {} = (core{}) => core.op({});\n",
            op.doc(),
            if values.is_empty() {
                String::new()
            } else {
                format!(" Values: {}.", values.join(", "))
            },
            answers.join(", "),
            if op.lean() {
                ""
            } else {
                "; not in the lean module"
            },
            op.js(),
            args.iter()
                .map(|a| format!(", {}", a.name))
                .collect::<String>(),
            call.join(", "),
        )
        .unwrap();
    }
    out
}

/// Documentation lines as one line.
fn joined(lines: &[&str]) -> String {
    lines.iter().map(|l| l.trim()).collect::<Vec<_>>().join(" ")
}

fn boundary_json() -> String {
    let mut out = String::from("{\n  \"tags\": {");
    for (i, t) in Tag::ALL.iter().enumerate() {
        let sep = if i == 0 { "" } else { "," };
        write!(out, "{sep}\n    \"{}\": \"{}\"", t.js(), t.char()).unwrap();
    }
    out.push_str("\n  },\n  \"values\": {");
    for (i, set) in VALUE_SETS.iter().enumerate() {
        let sep = if i == 0 { "" } else { "," };
        let values: Vec<String> = set
            .values
            .iter()
            .map(|v| format!("\"{}\": {}", v.js, v.value))
            .collect();
        write!(
            out,
            "{sep}\n    \"{}\": {{ {} }}",
            set.js,
            values.join(", ")
        )
        .unwrap();
    }
    write!(out, "\n  }},\n  \"version\": \"{VERSION}\",\n  \"ops\": [").unwrap();
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
            "{sep}\n    {{ \"name\": \"{}\", \"code\": {}, \"lean\": {}, \"args\": [{}], \"values\": {{{}}}, \"answers\": [{}] }}",
            op.js(),
            op.code(),
            op.lean(),
            quoted(op.args().iter().map(|a| a.name).collect()),
            op.args()
                .iter()
                .filter_map(|a| a.values.map(|set| format!("\"{}\": \"{}\"", a.name, set.js)))
                .collect::<Vec<_>>()
                .join(", "),
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

/// Every JavaScript file of the package template, the JS tests (bench/, interleave/, load/
/// included) and the examples, generated copies and installed packages left out.
fn js_files() -> Vec<PathBuf> {
    fn walk(dir: &std::path::Path, out: &mut Vec<PathBuf>) {
        for e in std::fs::read_dir(dir).unwrap() {
            let p = e.unwrap().path();
            let name = p.file_name().unwrap().to_string_lossy().to_string();
            if p.is_dir() {
                // Installed packages, bundles the tests write, the page's copy of pkg/ and the
                // generated benchmark peers (all ignored by git).
                let generated = ["node_modules", ".bundles", ".wrangler", "vendor"]
                    .contains(&name.as_str())
                    || p.ends_with("tests/js/bench/gen");
                if !generated {
                    walk(&p, out);
                }
            } else if [".js", ".mjs", ".cjs", ".ts"]
                .iter()
                .any(|x| name.ends_with(x))
                && !name.ends_with(".d.ts")
            {
                out.push(p);
            }
        }
    }
    let mut files = Vec::new();
    for dir in ["pkg-template", "tests/js", "examples"] {
        walk(&root().join(dir), &mut files);
    }
    files.sort();
    files
}

/// The arguments of the call whose `(` is at `open`, each as written (top level only), and the
/// index just past its `)`.
fn call_args(text: &str, open: usize) -> Option<(Vec<String>, usize)> {
    let b = text.as_bytes();
    let (mut depth, mut i, mut start) = (0usize, open + 1, open + 1);
    let mut args = Vec::new();
    let mut quote: Option<u8> = None;
    let mut template_depths: Vec<usize> = Vec::new();
    while i < b.len() {
        let c = b[i];
        if let Some(q) = quote {
            if c == b'\\' {
                i += 1;
            } else if q == b'`' && c == b'$' && b.get(i + 1) == Some(&b'{') {
                template_depths.push(depth);
                depth += 1;
                quote = None;
                i += 1;
            } else if c == q {
                quote = None;
            }
        } else {
            match c {
                b'"' | b'\'' | b'`' => quote = Some(c),
                b'(' | b'[' | b'{' => depth += 1,
                b'}' if depth > 0 && template_depths.last() == Some(&(depth - 1)) => {
                    depth -= 1;
                    template_depths.pop();
                    quote = Some(b'`');
                }
                b')' | b']' | b'}' => {
                    if depth == 0 {
                        let last = text[start..i].trim();
                        if !last.is_empty() || !args.is_empty() {
                            args.push(last.to_string());
                        }
                        return Some((args, i + 1));
                    }
                    depth -= 1;
                }
                b',' if depth == 0 => {
                    args.push(text[start..i].trim().to_string());
                    start = i + 1;
                }
                _ => {}
            }
        }
        i += 1;
    }
    None
}

/// `text` with its comments blanked (line breaks kept, so line numbers hold); strings are kept.
fn without_comments(text: &str) -> String {
    let b = text.as_bytes();
    let mut out = b.to_vec();
    let (mut i, mut quote) = (0, None::<u8>);
    while i < b.len() {
        let c = b[i];
        match quote {
            Some(q) => {
                if c == b'\\' {
                    i += 1;
                } else if c == q || (c == b'\n' && q != b'`') {
                    quote = None;
                }
            }
            None if c == b'"' || c == b'\'' || c == b'`' => quote = Some(c),
            None if c == b'/' && b.get(i + 1) == Some(&b'/') => {
                while i < b.len() && b[i] != b'\n' {
                    out[i] = b' ';
                    i += 1;
                }
                continue;
            }
            None if c == b'/' && b.get(i + 1) == Some(&b'*') => {
                while i < b.len() && !(b[i] == b'*' && b.get(i + 1) == Some(&b'/')) {
                    if b[i] != b'\n' {
                        out[i] = b' ';
                    }
                    i += 1;
                }
                let end = (i + 2).min(b.len());
                out[i.min(end)..end].fill(b' ');
                i += 2;
                continue;
            }
            None => {}
        }
        i += 1;
    }
    String::from_utf8(out).unwrap_or_else(|_| text.to_string())
}

/// Whether an argument as written holds a number literal (`1`, `ok ? 1 : 0`), not a name.
fn holds_number(arg: &str) -> bool {
    let b = arg.as_bytes();
    (0..b.len()).any(|i| {
        b[i].is_ascii_digit()
            && (i == 0 || !(b[i - 1].is_ascii_alphanumeric() || b"_$.".contains(&b[i - 1])))
    })
}

/// The value set each argument takes, by position, with the declared arguments from `skip` on.
fn value_positions(op: &Op, skip: usize) -> Vec<Option<&'static ValueSet>> {
    op.args().iter().skip(skip).map(|a| a.values).collect()
}

/// Every hand-written number standing for a value of a set in `text`: at the call sites of the
/// generated functions (`op.<name>(core, ...)`, `ops.<name>(...)`, an alias imported from
/// ops.js, `next(op.<name>, ...)` in core.js, `run("<name>", tag, ...)` in boundary.test.mjs) and
/// of the glue's wrappers that hand a value straight on. `...input(a, b)` stands for one
/// argument per text; after any other spread the positions are unknown and not checked.
fn hand_written_values(text: &str) -> Vec<(usize, String)> {
    let text = &without_comments(text);
    let by_name = |n: &str| Op::ALL.iter().find(|o| o.js() == n);
    // The glue's wrappers: the function, the value argument's position, its set.
    let wrappers: [(&str, usize, &ValueSet); 4] = [
        ("bytesOp", 1, &antom_checkout::Codec::SET),
        ("keyDer", 0, &antom_checkout::Codec::SET),
        ("judge", 0, &antom_checkout::AnswerVerdict::SET),
        ("minorUnits", 0, &antom_checkout::Convert::SET),
    ];
    // Aliases of the generated functions: `import { bytes as bytesCodec, prepare } from "./ops.js"`.
    let mut aliases: Vec<(String, &Op)> = Vec::new();
    for stmt in text.split("import {").skip(1) {
        let Some((names, rest)) = stmt.split_once('}') else {
            continue;
        };
        if !rest.trim_start().starts_with("from \"./ops.js\"") {
            continue;
        }
        for n in names.split(',') {
            let mut parts = n.split(" as ").map(str::trim);
            let (Some(name), alias) = (parts.next(), parts.next()) else {
                continue;
            };
            if let Some(op) = by_name(name) {
                aliases.push((alias.unwrap_or(name).to_string(), op));
            }
        }
    }
    let ident = |c: u8| c.is_ascii_alphanumeric() || c == b'_' || c == b'$';
    let b = text.as_bytes();
    let mut found = Vec::new();
    let mut i = 0;
    while i < b.len() {
        if !ident(b[i]) || (i > 0 && (ident(b[i - 1]) || b[i - 1] == b'#')) {
            i += 1;
            continue;
        }
        let mut j = i;
        while j < b.len() && (ident(b[j]) || b[j] == b'.') {
            j += 1;
        }
        let callee = &text[i..j];
        if b.get(j) != Some(&b'(') {
            i = j.max(i + 1);
            continue;
        }
        let Some((args, _)) = call_args(text, j) else {
            i = j + 1;
            continue;
        };
        let mut positions: Vec<Option<&ValueSet>> = Vec::new();
        let mut args: &[String] = &args;
        let generated = callee
            .strip_prefix("op.")
            .or_else(|| callee.strip_prefix("ops."))
            .and_then(by_name)
            .or_else(|| aliases.iter().find(|(a, _)| a == callee).map(|(_, o)| *o));
        if let Some(op) = generated {
            // The first argument is the module's glue.
            positions = std::iter::once(None)
                .chain(value_positions(op, 0))
                .collect();
        } else if callee == "next" {
            if let Some(op) = args
                .first()
                .and_then(|a| a.strip_prefix("op."))
                .and_then(by_name)
            {
                // next(op.<name>, ...): the glue and the call are its own.
                positions = std::iter::once(None)
                    .chain(value_positions(op, 1))
                    .collect();
            }
        } else if callee == "run" {
            let name = args.first().map(|a| a.trim_matches('"'));
            if let Some(op) = name.and_then(by_name) {
                positions = [None, None]
                    .into_iter()
                    .chain(value_positions(op, 0))
                    .collect();
            }
        } else if let Some((_, at, set)) = wrappers.iter().find(|(w, _, _)| *w == callee) {
            positions = vec![None; *at];
            positions.push(Some(*set));
        }
        let mut at = 0;
        while let Some((arg, rest)) = args.split_first() {
            args = rest;
            if let Some(inner) = arg.strip_prefix("...input(") {
                at += call_args(&format!("({inner}"), 0).map_or(1, |(a, _)| a.len());
                continue;
            }
            if arg.starts_with("...") {
                break;
            }
            if let Some(Some(set)) = positions.get(at) {
                if holds_number(arg) {
                    let line = text[..i].matches('\n').count() + 1;
                    found.push((
                        line,
                        format!(
                            "{callee}(...{arg}...): a value of `{}` written as a number",
                            set.js
                        ),
                    ));
                }
            }
            at += 1;
        }
        i = j + 1;
    }
    found
}

/// No hand-written operation code, step code or answer tag, and no hand-written number for a
/// value of a value set, in the JS the package ships, the JS tests or the examples: they call the
/// generated functions with the generated names (`Codec.toBase64`, not `2`) and compare with `Tag`.
#[test]
fn no_operation_number_tag_or_value_is_written_by_hand_in_js() {
    let files = js_files();
    let rel = |p: &PathBuf| p.strip_prefix(root()).unwrap().display().to_string();
    for needed in [
        "pkg-template/core.js",
        "tests/js/bench/bench.mjs",
        "tests/js/interleave/driver.mjs",
        "tests/js/load/load.mjs",
        "examples/demo.mjs",
    ] {
        assert!(
            files.iter().any(|p| rel(p) == needed),
            "the scan misses {needed}"
        );
    }
    let mut hand = Vec::new();
    for p in &files {
        let name = rel(p);
        // ops.js is generated.
        if name == "pkg-template/ops.js" {
            continue;
        }
        let text = std::fs::read_to_string(p).unwrap();
        for (i, line) in text.lines().enumerate() {
            // boundary.test.mjs calls the raw export on purpose (`glue.op`), with codes no
            // operation has and numbers no value set names.
            let raw = line.contains(".op(")
                && !(name == "tests/js/boundary.test.mjs" && line.contains("glue.op("));
            if raw || line.contains("charCodeAt(0) ===") || line.contains("charCodeAt(0) !==") {
                hand.push(format!(
                    "{name}:{}: a hand-written operation or tag: {}",
                    i + 1,
                    line.trim()
                ));
            }
        }
        for (line, what) in hand_written_values(&text) {
            hand.push(format!("{name}:{line}: {what}"));
        }
    }
    assert!(
        hand.is_empty(),
        "written by hand, not from ops.js:\n{}",
        hand.join("\n")
    );
}

/// The guard above finds what it is for: each kind of call site, with a number written back.
#[test]
fn the_guard_finds_values_written_back() {
    for (text, found) in [
        (
            "import * as op from \"./ops.js\";\nop.free(core, 1, call);",
            1,
        ),
        ("op.free(core, HandleKind.call, call);", 0),
        ("next(op.unanswered, 1, 0, now);", 1),
        ("next(op.unanswered, NoAnswer.timedOut, 0, now);", 0),
        ("op.client(core, n, (verify ? 1 : 0) | 2);", 1),
        ("op.interpret(core, kind, status, 0, BodyBytes.notUtf8);", 0),
        (
            "import { bytes as bytesCodec } from \"./ops.js\";\nbytesCodec(core, 3, n);",
            1,
        ),
        ("return bytesOp(core, 2, writeBytes(core, signature));", 1),
        ("let step = judge(9);", 1),
        (
            "run(\"interpretVerified\", \"verify\", 0, 200, ...input(a, b), 9);",
            1,
        ),
        (
            "run(\"interpretVerified\", \"verify\", 0, 200, ...input(a, b), AnswerVerdict.first);",
            0,
        ),
        ("op.notificationResult(core, 3, 0)", 1),
        ("x.op(`${a}`, f(1, 2), [3])", 0),
    ] {
        assert_eq!(
            hand_written_values(text).len(),
            found,
            "{text}: {:?}",
            hand_written_values(text)
        );
    }
}

/// The version the boundary states is the crate's version, `+`, and the declaration's hash in hex.
#[test]
fn the_version_is_the_crates_and_the_declarations_hash() {
    let expected = format!(
        "{}+{:08x}",
        env!("CARGO_PKG_VERSION"),
        antom_checkout::DECLARATION_HASH
    );
    assert_eq!(VERSION, expected);
}
