//! The crate's modules depend on each other without a cycle: each can be read, tested and
//! replaced knowing only the modules below it. A reference is a `crate::<module>` path outside
//! comments; a cycle fails with the path that closes it.
#![cfg(not(target_arch = "wasm32"))]
use std::collections::BTreeMap;
use std::path::Path;

fn modules() -> BTreeMap<String, Vec<String>> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut graph = BTreeMap::new();
    let mut files: Vec<(String, std::path::PathBuf)> = Vec::new();
    for dir in [src.clone(), src.join("wasm")] {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_some_and(|e| e == "rs") {
                let stem = path.file_stem().unwrap().to_string_lossy().into_owned();
                let name = if dir == src {
                    stem
                } else {
                    format!("wasm::{stem}")
                };
                files.push((name, path));
            }
        }
    }
    for (name, path) in files {
        if name == "lib" {
            continue;
        }
        let text = std::fs::read_to_string(&path).unwrap();
        let mut deps = Vec::new();
        for line in text.lines() {
            let code = line.split("//").next().unwrap_or("");
            let mut rest = code;
            while let Some(at) = rest.find("crate::") {
                rest = &rest[at + "crate::".len()..];
                let m: String = rest
                    .chars()
                    .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                    .collect();
                if m == "wasm" {
                    continue;
                }
                if !m.is_empty() && m != name && !deps.contains(&m) {
                    deps.push(m);
                }
            }
            // `super::x` inside src/wasm names a sibling.
            if let Some(at) = code.find("super::") {
                let m: String = code[at + 7..]
                    .chars()
                    .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                    .collect();
                if name.starts_with("wasm::") && !m.is_empty() {
                    // A sibling module, or a function of src/wasm/mod.rs.
                    let sibling = if src.join("wasm").join(format!("{m}.rs")).exists() {
                        format!("wasm::{m}")
                    } else {
                        "wasm::mod".to_string()
                    };
                    if sibling != name && !deps.contains(&sibling) {
                        deps.push(sibling);
                    }
                }
            }
        }
        graph.insert(name, deps);
    }
    graph
}

/// A cycle of `graph` as "a -> b -> a", if there is one (depth-first; a module met again on the
/// current path closes a cycle).
fn cycle(graph: &BTreeMap<String, Vec<String>>) -> Option<String> {
    fn visit(
        m: &str,
        graph: &BTreeMap<String, Vec<String>>,
        path: &mut Vec<String>,
        done: &mut Vec<String>,
    ) -> Option<String> {
        if done.iter().any(|d| d == m) {
            return None;
        }
        if let Some(at) = path.iter().position(|p| p == m) {
            return Some(format!("{} -> {m}", path[at..].join(" -> ")));
        }
        path.push(m.to_string());
        for d in graph.get(m).into_iter().flatten() {
            if graph.contains_key(d) {
                if let Some(c) = visit(d, graph, path, done) {
                    return Some(c);
                }
            }
        }
        path.pop();
        done.push(m.to_string());
        None
    }
    let mut done = Vec::new();
    graph
        .keys()
        .find_map(|m| visit(m, graph, &mut Vec::new(), &mut done))
}

#[test]
fn the_modules_depend_on_each_other_without_a_cycle() {
    let graph = modules();
    assert!(graph.len() > 15, "the modules were found: {graph:?}");
    assert!(
        graph["flow"].contains(&"calls".to_string()),
        "references are found: {graph:?}"
    );
    assert_eq!(cycle(&graph), None);
}

#[test]
fn the_check_finds_a_cycle() {
    let edge = |a: &str, b: &[&str]| (a.to_string(), b.iter().map(|s| s.to_string()).collect());
    let g: BTreeMap<String, Vec<String>> = [
        edge("a", &["b"]),
        edge("b", &["c"]),
        edge("c", &["a"]),
        edge("d", &[]),
    ]
    .into();
    assert_eq!(cycle(&g).as_deref(), Some("a -> b -> c -> a"));
    let g: BTreeMap<String, Vec<String>> =
        [edge("a", &["b", "c"]), edge("b", &["c"]), edge("c", &[])].into();
    assert_eq!(cycle(&g), None);
}

/// The names a module reaches as `crate::<name>` that are not modules: re-exports of lib.rs. A
/// module that imports through the crate root hides an arrow from itself up to lib.rs (and from
/// there to wherever the name lives), which the cycle check above cannot see; the rules crate is
/// imported by its own name, `antom_checkout_rules`.
fn through_the_root(graph: &BTreeMap<String, Vec<String>>) -> Vec<String> {
    let mut found = Vec::new();
    for (m, deps) in graph {
        for d in deps {
            if !graph.contains_key(d) && !graph.contains_key(&format!("wasm::{d}")) {
                found.push(format!("{m} -> crate::{d}"));
            }
        }
    }
    found
}

#[test]
fn no_module_imports_through_the_crate_root() {
    assert_eq!(through_the_root(&modules()), Vec::<String>::new());
}

#[test]
fn the_check_finds_an_import_through_the_crate_root() {
    let edge = |a: &str, b: &[&str]| (a.to_string(), b.iter().map(|s| s.to_string()).collect());
    let g: BTreeMap<String, Vec<String>> =
        [edge("flow", &["calls", "json"]), edge("calls", &[])].into();
    assert_eq!(
        through_the_root(&g),
        vec!["flow -> crate::json".to_string()]
    );
}
