//! Architecture: no import circles between the files of one crate.
//!
//! Reads the sources of `runtime/src`, `macros/src`, `openapi/src` and `openapi-macros/src`
//! (each crate on its own), builds the
//! graph "file A imports file B" and fails on every circle, naming its files and the edges
//! between them, so that one can see which import to cut.
//!
//! How a file's imports are read, with plain string processing (no `syn`):
//!
//! 1. [`tokenize`] drops comments (`//`, `///`, `//!`, nested `/* */`), string, byte-string,
//!    raw-string and char literals; [`strip_test_items`] drops every item under `#[cfg(test)]`
//!    (test modules may import anything, and a `#[cfg(test)] mod x;` file is never read).
//! 2. [`scan`] walks the module tree from `lib.rs` through `mod x;` (`x.rs` or `x/mod.rs`, also
//!    below a non-`mod.rs` file such as `headers/location.rs`) and inline `mod x { .. }`, and
//!    records per module: its children, its `use` items (bindings and globs, `pub use` or not),
//!    the names it defines, and every path it names — `use` trees and paths in code alike
//!    (`crate::redact::is_secret(..)`, `super::trace::retrying(..)`, `class::classify(..)`).
//! 3. [`resolve`] maps a path to the file that defines the item: the longest prefix that is a
//!    module, then through that module's `use` bindings and glob re-exports (`pub use a::X` in
//!    `lib.rs`, a `mod.rs` or `__private.rs`), so that naming `crate::X` is an edge to the file
//!    of `X`, not to `lib.rs`. Paths that start elsewhere (`std`, `core`, `http`, `::reqwest`)
//!    are other crates and no edge.
//!
//!    A file and the files it declares with `mod x;` are one unit: declaring a child, and using
//!    or re-exporting what the child holds, is no edge (`lib.rs` calling `expand::derive` and
//!    re-exporting `class::classify`, `headers/mod.rs` re-exporting one type per header file,
//!    `headers/rate_limit/mod.rs` calling the parser of each family it declares). A child using
//!    its parent's items (`use super::InvalidHeaderValue`), and anything between siblings or
//!    further apart, is an edge. Counting the parent-to-child direction as well would make every
//!    `mod.rs` that both holds shared types and delegates to its children a circle, and
//!    `macros/src/lib.rs` (it defines `private` for every stage and calls `expand::derive`).
//!
//!    Code under `#[cfg(feature = ..)]` counts like any other: a circle under some features is
//!    a circle.
//! 4. [`circles`] is Tarjan's strongly connected components; each one of more than one file is
//!    a circle. A file naming itself is no circle.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// A module's path from the crate root: `["headers", "rate_limit"]`; the root is `[]`.
type ModPath = Vec<String>;

/// What one module (a file, or an inline `mod x { .. }` in it) says.
#[derive(Default)]
struct Module {
    file: String,
    children: BTreeSet<String>,
    /// `use a::b::X as Y;` binds `Y` to `a::b::X` (as written, relative to this module).
    bindings: BTreeMap<String, Vec<String>>,
    /// `use a::b::*;`
    globs: Vec<Vec<String>>,
    /// Names after `fn`, `struct`, `enum`, `trait`, `type`, `union`, `const`, `static`,
    /// `macro_rules!`.
    defs: BTreeSet<String>,
    /// Every path the module names, as written; a glob ends in `*`.
    refs: Vec<Vec<String>>,
}

/// The import graph of one crate: `(from, to)` files and the names that make the edge.
struct Graph {
    files: Vec<String>,
    edges: BTreeMap<(String, String), BTreeSet<String>>,
}

// ---- 1. tokens --------------------------------------------------------------------------------

/// Identifiers (keywords and numbers too), `::`, and single punctuation characters; without
/// comments, string literals and char literals.
fn tokenize(src: &str) -> Vec<String> {
    let c: Vec<char> = src.chars().collect();
    let at = |i: usize, s: &str| {
        s.chars()
            .enumerate()
            .all(|(k, ch)| c.get(i + k) == Some(&ch))
    };
    let mut out = Vec::new();
    let mut i = 0;
    while i < c.len() {
        let ch = c[i];
        if ch.is_whitespace() {
            i += 1;
        } else if at(i, "//") {
            while i < c.len() && c[i] != '\n' {
                i += 1;
            }
        } else if at(i, "/*") {
            let mut depth = 0;
            while i < c.len() {
                if at(i, "/*") {
                    depth += 1;
                    i += 2;
                } else if at(i, "*/") {
                    depth -= 1;
                    i += 2;
                    if depth == 0 {
                        break;
                    }
                } else {
                    i += 1;
                }
            }
        } else if ch == '"' {
            i = skip_string(&c, i);
        } else if ch == '\'' {
            i = skip_char_or_lifetime(&c, i);
        } else if ch.is_alphanumeric() || ch == '_' {
            let start = i;
            while i < c.len() && (c[i].is_alphanumeric() || c[i] == '_') {
                i += 1;
            }
            let word: String = c[start..i].iter().collect();
            let next = c.get(i).copied();
            match (word.as_str(), next) {
                ("b" | "c", Some('"')) => i = skip_string(&c, i),
                ("b", Some('\'')) => i = skip_char_or_lifetime(&c, i),
                ("r" | "br" | "cr", Some('"' | '#')) => {
                    let hashes = c[i..].iter().take_while(|&&h| h == '#').count();
                    if c.get(i + hashes) == Some(&'"') {
                        i = skip_raw_string(&c, i, hashes);
                    } else {
                        i += 1; // `r#type`: a raw identifier, read next as `type`
                    }
                }
                _ => out.push(word),
            }
        } else if at(i, "::") {
            out.push("::".to_string());
            i += 2;
        } else {
            out.push(ch.to_string());
            i += 1;
        }
    }
    out
}

/// From the opening `"` to past the closing one.
fn skip_string(c: &[char], mut i: usize) -> usize {
    i += 1;
    while i < c.len() {
        match c[i] {
            '\\' => i += 2,
            '"' => return i + 1,
            _ => i += 1,
        }
    }
    i
}

/// From the first `#` (or the `"`) of `r##"..."##` to past its end.
fn skip_raw_string(c: &[char], i: usize, hashes: usize) -> usize {
    let mut j = i + hashes + 1;
    while j < c.len() {
        if c[j] == '"'
            && c[j + 1..]
                .iter()
                .take(hashes)
                .filter(|&&h| h == '#')
                .count()
                == hashes
        {
            return j + 1 + hashes;
        }
        j += 1;
    }
    j
}

/// `'x'`, `'\n'`, `'\u{..}'` are skipped; a lifetime `'a` leaves its name to be read.
fn skip_char_or_lifetime(c: &[char], i: usize) -> usize {
    if c.get(i + 1) == Some(&'\\') {
        let mut j = i + 3;
        while j < c.len() && c[j] != '\'' {
            j += 1;
        }
        j + 1
    } else if c.get(i + 2) == Some(&'\'') {
        i + 3
    } else {
        i + 1
    }
}

/// The index past the bracket that closes the one at `i`.
fn past_group(t: &[String], mut i: usize) -> usize {
    let mut depth = 0i32;
    while i < t.len() {
        match t[i].as_str() {
            "(" | "[" | "{" => depth += 1,
            ")" | "]" | "}" => {
                depth -= 1;
                if depth == 0 {
                    return i + 1;
                }
            }
            _ => {}
        }
        i += 1;
    }
    i
}

/// Drops each item (with its other attributes) that `#[cfg(test)]` is on: a `mod tests { .. }`,
/// a `mod x;`, a `use`, a `fn`.
fn strip_test_items(t: &[String]) -> Vec<String> {
    const CFG_TEST: [&str; 7] = ["#", "[", "cfg", "(", "test", ")", "]"];
    let mut out = Vec::new();
    let mut i = 0;
    while i < t.len() {
        if t.len() - i < CFG_TEST.len() || !t[i..].iter().zip(CFG_TEST).all(|(a, b)| a == b) {
            out.push(t[i].clone());
            i += 1;
            continue;
        }
        i += CFG_TEST.len();
        while t.get(i).is_some_and(|s| s == "#") && t.get(i + 1).is_some_and(|s| s == "[") {
            i = past_group(t, i + 1);
        }
        let mut depth = 0i32;
        while i < t.len() {
            match t[i].as_str() {
                "{" if depth == 0 => {
                    i = past_group(t, i);
                    break;
                }
                ";" if depth == 0 => {
                    i += 1;
                    break;
                }
                "(" | "[" | "{" => depth += 1,
                ")" | "]" | "}" => depth -= 1,
                _ => {}
            }
            i += 1;
        }
    }
    out
}

fn is_ident(s: &str) -> bool {
    s.starts_with(|c: char| c.is_alphabetic() || c == '_')
}

// ---- 2. modules -------------------------------------------------------------------------------

/// Reads the crate whose root file is `root` (`runtime/src/lib.rs`) from `sources` (path ->
/// text), following `mod` declarations.
fn load(sources: &BTreeMap<String, String>, root: &str) -> BTreeMap<ModPath, Module> {
    let mut modules = BTreeMap::new();
    let dir = root.rsplit_once('/').map_or("", |(dir, _)| dir).to_string();
    let mut queue = vec![(root.to_string(), ModPath::new(), dir)];
    while let Some((file, path, dir)) = queue.pop() {
        let tokens = strip_test_items(&tokenize(&sources[&file]));
        scan(&tokens, &file, path, dir, sources, &mut modules, &mut queue);
    }
    modules
}

/// Records what the file `file` (module `path`, whose children live in `dir`) declares, binds,
/// defines and names; queues its child files.
fn scan(
    t: &[String],
    file: &str,
    path: ModPath,
    dir: String,
    sources: &BTreeMap<String, String>,
    modules: &mut BTreeMap<ModPath, Module>,
    queue: &mut Vec<(String, ModPath, String)>,
) {
    const DEFS: [&str; 8] = [
        "fn", "struct", "enum", "trait", "type", "union", "const", "static",
    ];
    const NOT_NAMES: [&str; 6] = ["fn", "unsafe", "async", "extern", "mut", "_"];
    modules.entry(path.clone()).or_default().file = file.to_string();
    // Inline modules: (path, dir of its children, brace depth its `}` returns to).
    let mut stack = vec![(path, dir, 0usize)];
    let mut depth = 0usize;
    let mut i = 0;
    while i < t.len() {
        let (cur, cur_dir, _) = stack.last().cloned().expect("the file's module");
        let get = |k: usize| t.get(k).map_or("", String::as_str);
        let (word, next, after) = (get(i), get(i + 1), get(i + 2));
        let module = modules.get_mut(&cur).expect("scanned module");
        match word {
            "{" => depth += 1,
            "}" => {
                depth -= 1;
                if stack.len() > 1 && stack.last().is_some_and(|m| m.2 == depth) {
                    stack.pop();
                }
            }
            "mod" if is_ident(next) && (after == ";" || after == "{") => {
                module.children.insert(next.to_string());
                let child = [cur.clone(), vec![next.to_string()]].concat();
                let child_dir = format!("{cur_dir}/{next}");
                if after == ";" {
                    let child_file = [format!("{child_dir}.rs"), format!("{child_dir}/mod.rs")]
                        .into_iter()
                        .find(|f| sources.contains_key(f))
                        .unwrap_or_else(|| panic!("{file}: no file for `mod {next};`"));
                    queue.push((child_file, child, child_dir));
                } else {
                    modules.entry(child.clone()).or_default().file = file.to_string();
                    stack.push((child, child_dir, depth));
                    depth += 1;
                }
                i += 3;
                continue;
            }
            "use" => {
                let mut items = Vec::new();
                i = use_tree(t, i + 1, Vec::new(), &mut items);
                for (path, name) in items {
                    match name {
                        None => module.globs.push(path.clone()),
                        Some(name) if name != "_" => {
                            module.bindings.insert(name, path.clone());
                        }
                        Some(_) => {}
                    }
                    module.refs.push(path);
                }
                continue;
            }
            w if DEFS.contains(&w) && is_ident(next) && !NOT_NAMES.contains(&next) => {
                module.defs.insert(next.to_string());
            }
            "macro_rules" if next == "!" => {
                module.defs.insert(after.to_string());
            }
            w if is_ident(w) && next == "::" && (i == 0 || t[i - 1] != "::") => {
                let mut path = vec![w.to_string()];
                let mut j = i + 1;
                while get(j) == "::" && is_ident(get(j + 1)) {
                    path.push(get(j + 1).to_string());
                    j += 2;
                }
                module.refs.push(path);
                i = j;
                continue;
            }
            _ => {}
        }
        i += 1;
    }
}

/// Parses a `use` tree from `i` (after `use`, or inside its braces) under `path`; pushes
/// `(path, Some(bound name))` per item and `(path + "*", None)` per glob. Returns the index
/// after the tree.
fn use_tree(
    t: &[String],
    mut i: usize,
    mut path: Vec<String>,
    out: &mut Vec<(Vec<String>, Option<String>)>,
) -> usize {
    let get = |k: usize| t.get(k).map_or("", String::as_str);
    loop {
        match get(i) {
            // A leading `::` is another crate: `::reqwest::Client`.
            "::" => {
                path.push("::".to_string());
                i += 1;
            }
            "*" => {
                path.push("*".to_string());
                out.push((path, None));
                return i + 1;
            }
            "{" => {
                i += 1;
                loop {
                    match get(i) {
                        "}" => return i + 1,
                        "" => return i,
                        "," => i += 1,
                        _ => {
                            let j = use_tree(t, i, path.clone(), out);
                            i = j.max(i + 1);
                        }
                    }
                }
            }
            w if is_ident(w) => {
                path.push(w.to_string());
                i += 1;
                if get(i) == "::" {
                    i += 1;
                    continue;
                }
                if path.last().is_some_and(|s| s == "self") {
                    path.pop();
                }
                let mut name = path.last().cloned().unwrap_or_default();
                if get(i) == "as" {
                    name = get(i + 1).to_string();
                    i += 2;
                }
                out.push((path, Some(name)));
                return i;
            }
            // `impl Trait + use<'a>`, or the end: not a path.
            _ => return i,
        }
    }
}

// ---- 3. resolution ----------------------------------------------------------------------------

/// `raw` as a path from the crate root, seen from module `cur`; `None` for another crate.
fn absolute(
    modules: &BTreeMap<ModPath, Module>,
    cur: &[String],
    raw: &[String],
) -> Option<ModPath> {
    let mut base = cur.to_vec();
    let rest = match raw.first()?.as_str() {
        "crate" => {
            base.clear();
            &raw[1..]
        }
        "self" => &raw[1..],
        "super" => {
            let supers = raw.iter().take_while(|s| *s == "super").count();
            for _ in 0..supers {
                base.pop()?;
            }
            &raw[supers..]
        }
        name if modules.get(cur).is_some_and(|m| m.children.contains(name)) => raw,
        _ => return None,
    };
    base.extend(rest.iter().cloned());
    Some(base)
}

/// How many leading segments of `abs` name a module (at least 0: the root).
fn module_prefix(modules: &BTreeMap<ModPath, Module>, abs: &[String]) -> usize {
    (0..=abs.len())
        .rev()
        .find(|&k| modules.contains_key(&abs[..k]))
        .unwrap_or(0)
}

/// The file that defines what `abs` names: the longest module prefix, then through that
/// module's `use` bindings and glob `use`s; `None` when it is another crate's item.
fn resolve(modules: &BTreeMap<ModPath, Module>, abs: &[String], hops: usize) -> Option<String> {
    let k = module_prefix(modules, abs);
    let module = &modules[&abs[..k]];
    let Some(name) = abs.get(k) else {
        return Some(module.file.clone());
    };
    if hops < 16 {
        let onward = |to: ModPath, rest: &[String]| {
            resolve(modules, &[to, rest.to_vec()].concat(), hops + 1)
        };
        if let Some(raw) = module.bindings.get(name) {
            return onward(absolute(modules, &abs[..k], raw)?, &abs[k + 1..]);
        }
        if !module.defs.contains(name) {
            for glob in &module.globs {
                if let Some(from) = absolute(modules, &abs[..k], &glob[..glob.len() - 1])
                    && let Some(m) = modules.get(&from)
                    && (m.defs.contains(name) || m.bindings.contains_key(name))
                {
                    return onward(from, &abs[k..]);
                }
            }
        }
    }
    Some(module.file.clone())
}

/// The crate's import graph.
fn graph(modules: &BTreeMap<ModPath, Module>) -> Graph {
    let files: BTreeSet<String> = modules.values().map(|m| m.file.clone()).collect();
    // The file whose `mod x;` declares each file (none for `lib.rs`).
    let declared_by: BTreeMap<&str, &str> = modules
        .iter()
        .filter_map(|(path, m)| {
            let parent = modules.get(path.split_last()?.1)?;
            (parent.file != m.file).then_some((m.file.as_str(), parent.file.as_str()))
        })
        .collect();
    let mut edges: BTreeMap<(String, String), BTreeSet<String>> = BTreeMap::new();
    for (path, module) in modules {
        for raw in &module.refs {
            let Some(abs) = absolute(modules, path, raw) else {
                continue;
            };
            let Some(to) = resolve(modules, &abs, 0) else {
                continue;
            };
            // A file naming itself, or a file it declares: no edge (see the module docs).
            if to == module.file || declared_by.get(to.as_str()) == Some(&module.file.as_str()) {
                continue;
            }
            let k = module_prefix(modules, &abs);
            let label = abs.get(k).or(abs.last()).map_or("crate", String::as_str);
            edges
                .entry((module.file.clone(), to))
                .or_default()
                .insert(label.to_string());
        }
    }
    Graph {
        files: files.into_iter().collect(),
        edges,
    }
}

// ---- 4. circles -------------------------------------------------------------------------------

/// Tarjan's strongly connected components of more than one file, each sorted.
fn circles(g: &Graph) -> Vec<Vec<String>> {
    struct Tarjan<'a> {
        adj: Vec<Vec<usize>>,
        files: &'a [String],
        index: Vec<Option<usize>>,
        low: Vec<usize>,
        on_stack: Vec<bool>,
        stack: Vec<usize>,
        next: usize,
        out: Vec<Vec<String>>,
    }
    impl Tarjan<'_> {
        fn visit(&mut self, v: usize) {
            self.index[v] = Some(self.next);
            self.low[v] = self.next;
            self.next += 1;
            self.stack.push(v);
            self.on_stack[v] = true;
            for w in self.adj[v].clone() {
                match self.index[w] {
                    None => {
                        self.visit(w);
                        self.low[v] = self.low[v].min(self.low[w]);
                    }
                    Some(iw) if self.on_stack[w] => self.low[v] = self.low[v].min(iw),
                    Some(_) => {}
                }
            }
            if Some(self.low[v]) == self.index[v] {
                let mut component = Vec::new();
                while let Some(w) = self.stack.pop() {
                    self.on_stack[w] = false;
                    component.push(self.files[w].clone());
                    if w == v {
                        break;
                    }
                }
                if component.len() > 1 {
                    component.sort();
                    self.out.push(component);
                }
            }
        }
    }
    let n = g.files.len();
    let id = |f: &String| {
        g.files
            .iter()
            .position(|x| x == f)
            .expect("a file of the graph")
    };
    let mut adj = vec![Vec::new(); n];
    for (from, to) in g.edges.keys() {
        adj[id(from)].push(id(to));
    }
    let mut t = Tarjan {
        adj,
        files: &g.files,
        index: vec![None; n],
        low: vec![0; n],
        on_stack: vec![false; n],
        stack: Vec::new(),
        next: 0,
        out: Vec::new(),
    };
    for v in 0..n {
        if t.index[v].is_none() {
            t.visit(v);
        }
    }
    t.out.sort();
    t.out
}

/// `Err` names every circle of `g` with the edges inside it.
fn check(name: &str, g: &Graph) -> Result<(), String> {
    let found = circles(g);
    if found.is_empty() {
        return Ok(());
    }
    let mut msg = format!(
        "{name}: {} import circle(s) between files ({} files, {} edges read). Each lists \
         its files and every import between them; cut imports until no circle is left:\n",
        found.len(),
        g.files.len(),
        g.edges.len()
    );
    for (n, circle) in found.iter().enumerate() {
        msg += &format!(
            "circle {} ({} files: {}):\n",
            n + 1,
            circle.len(),
            circle.join(", ")
        );
        for ((from, to), labels) in &g.edges {
            if circle.contains(from) && circle.contains(to) {
                let labels: Vec<&str> = labels.iter().map(String::as_str).collect();
                msg += &format!("  {from} -> {to} ({})\n", labels.join(", "));
            }
        }
    }
    Err(msg)
}

// ---- the real tree ----------------------------------------------------------------------------

/// Every `.rs` file under `dir` (relative to the workspace root), keyed by that relative path.
fn read_tree(dir: &str) -> BTreeMap<String, String> {
    fn walk(root: &Path, rel: &str, out: &mut BTreeMap<String, String>) {
        let entries = std::fs::read_dir(root.join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"));
        for entry in entries {
            let entry = entry.expect("a directory entry");
            let rel = format!("{rel}/{}", entry.file_name().to_string_lossy());
            if entry.file_type().expect("a file type").is_dir() {
                walk(root, &rel, out);
            } else if rel.ends_with(".rs") {
                let text = std::fs::read_to_string(root.join(&rel)).expect("a source file");
                out.insert(rel, text);
            }
        }
    }
    let mut out = BTreeMap::new();
    walk(Path::new(env!("CARGO_MANIFEST_DIR")), dir, &mut out);
    out
}

fn check_crate(dir: &str) {
    let sources = read_tree(dir);
    let g = graph(&load(&sources, &format!("{dir}/lib.rs")));
    let unread: Vec<&String> = sources.keys().filter(|f| !g.files.contains(f)).collect();
    println!(
        "{dir}: {} files, {} edges; not in the module tree (test-only): {unread:?}",
        g.files.len(),
        g.edges.len()
    );
    if let Err(msg) = check(dir, &g) {
        panic!("{msg}");
    }
}

#[test]
fn runtime_has_no_import_circles() {
    check_crate("runtime/src");
}

#[test]
fn macros_has_no_import_circles() {
    check_crate("macros/src");
}

#[test]
fn openapi_crates_have_no_import_circles() {
    check_crate("openapi/src");
    check_crate("openapi-macros/src");
}

// ---- the scanner, on fake crates --------------------------------------------------------------

fn fake(files: &[(&str, &str)]) -> Graph {
    let sources = files
        .iter()
        .map(|(p, s)| (p.to_string(), s.to_string()))
        .collect();
    graph(&load(&sources, "src/lib.rs"))
}

/// The edges as `from -> to (labels)`, without the `src/` prefix.
fn edges(g: &Graph) -> Vec<String> {
    g.edges
        .iter()
        .map(|((from, to), labels)| {
            let labels: Vec<&str> = labels.iter().map(String::as_str).collect();
            format!("{} -> {} ({})", &from[4..], &to[4..], labels.join(", "))
        })
        .collect()
}

#[test]
fn comments_strings_and_chars_are_no_tokens() {
    let src = r####"
        //! crate::a::X
        /// crate::b::X
        // crate::c::X
        /* crate::d::X /* nested crate::e::X */ crate::f::X */
        let s = "crate::g::X \" crate::h::X";
        let raw = r#"crate::i::X " crate::j::X"#;
        let bytes = b"crate::k::X"; let raw_bytes = br##"crate::l::X"##; let c = '"'; let q = '\'';
        fn f<'a>(x: &'a str) -> &'a str { x } let r#type = 1; crate::m::X
    "####;
    let tokens = tokenize(src);
    let crates = tokens.iter().filter(|t| *t == "crate").count();
    assert_eq!(crates, 1, "{tokens:?}");
    assert!(tokens.contains(&"m".to_string()) && tokens.contains(&"type".to_string()));
    assert!(!tokens.iter().any(|t| t == "\"" || t == "r"), "{tokens:?}");
}

#[test]
fn test_items_are_dropped() {
    let t = strip_test_items(&tokenize(
        "use a::X;\n#[cfg(test)]\n#[allow(x)]\nmod tests { use super::*; fn f() {} }\n\
         #[cfg(test)] mod support;\n#[cfg(test)] pub(crate) fn g(x: &[u8]) -> bool { true }\n\
         #[cfg(not(test))] fn h() {}",
    ));
    assert_eq!(
        t.join(" "),
        "use a :: X ; # [ cfg ( not ( test ) ) ] fn h ( ) { }"
    );
}

#[test]
fn use_trees_are_read_whole() {
    let mut out = Vec::new();
    let t = tokenize("crate::{a::X, b::{self, Y as Z, c::*}}; ::ext::W;");
    let end = use_tree(&t, 0, Vec::new(), &mut out);
    use_tree(&t, end + 1, Vec::new(), &mut out);
    let got: Vec<String> = out
        .iter()
        .map(|(p, n)| format!("{}={n:?}", p.join("::")))
        .collect();
    assert_eq!(
        got,
        [
            "crate::a::X=Some(\"X\")",
            "crate::b=Some(\"b\")",
            "crate::b::Y=Some(\"Z\")",
            "crate::b::c::*=None",
            "::::ext::W=Some(\"W\")",
        ]
    );
}

#[test]
fn paths_resolve_to_the_defining_file() {
    let g = fake(&[
        (
            "src/lib.rs",
            "mod a; mod b; pub mod r; mod h; pub use a::{Alpha, Beta as B}; pub struct Root;\n\
             pub use http::StatusCode; fn go() { b::run() }",
        ),
        (
            "src/a.rs",
            "pub struct Alpha; pub struct Beta; use std::fmt; use core::ops;",
        ),
        (
            "src/b.rs",
            "use crate::{Alpha, B}; use http::HeaderMap; use ::reqwest::Client;\n\
             pub(crate) use crate::StatusCode; pub fn run() { crate::r::helper::<u8>(); }\n\
             /// crate::h::Doc\nconst S: &str = \"crate::h::Str\";",
        ),
        (
            "src/r/mod.rs",
            "mod p; mod q; pub use p::*; pub fn helper<T>() { super::Root; }",
        ),
        (
            "src/r/p.rs",
            "pub enum P { One } pub(super) fn private() {}",
        ),
        (
            "src/r/q.rs",
            "use super::{P, p::private}; use self::inner::I; mod inner { pub struct I; }",
        ),
        ("src/h.rs", "mod leaf; pub struct H;"),
        (
            "src/h/leaf.rs",
            "use super::H; use crate::r::P; fn f() { super::super::Root; }",
        ),
    ]);
    assert_eq!(
        edges(&g),
        [
            "b.rs -> a.rs (Alpha, B)",
            "b.rs -> r/mod.rs (helper)",
            "h/leaf.rs -> h.rs (H)",
            "h/leaf.rs -> lib.rs (Root)",
            "h/leaf.rs -> r/p.rs (P)",
            "r/mod.rs -> lib.rs (Root)",
            "r/q.rs -> r/p.rs (P, private)",
        ]
    );
}

#[test]
fn test_modules_may_import_anything() {
    let g = fake(&[
        ("src/lib.rs", "mod a; mod b; #[cfg(test)] mod fixtures;"),
        ("src/a.rs", "use crate::b::B; pub struct A;"),
        (
            "src/b.rs",
            "pub struct B;\n#[cfg(test)]\nmod tests { use crate::a::A; use super::*; }",
        ),
        ("src/fixtures.rs", "use crate::a::A; use crate::b::B;"),
    ]);
    assert_eq!(edges(&g), ["a.rs -> b.rs (B)"]);
    assert!(check("src", &g).is_ok());
}

#[test]
fn a_three_file_circle_names_all_its_edges() {
    let g = fake(&[
        (
            "src/lib.rs",
            "mod a; mod b; mod c; mod clean; pub use c::C;",
        ),
        ("src/a.rs", "use crate::b::B; pub struct A;"),
        (
            "src/b.rs",
            "pub struct B; fn f() { let _ = crate::c::make(); }",
        ),
        (
            "src/c.rs",
            "pub struct C; pub fn make() -> super::a::A { todo!() }",
        ),
        ("src/clean.rs", "use crate::C;"),
    ]);
    let msg = check("src", &g).expect_err("a circle");
    assert!(
        msg.contains("circle 1 (3 files: src/a.rs, src/b.rs, src/c.rs)"),
        "{msg}"
    );
    for edge in [
        "src/a.rs -> src/b.rs (B)",
        "src/b.rs -> src/c.rs (make)",
        "src/c.rs -> src/a.rs (A)",
    ] {
        assert!(msg.contains(edge), "missing `{edge}` in:\n{msg}");
    }
    assert!(
        !msg.contains("clean") && !msg.contains("lib.rs ->"),
        "{msg}"
    );
}

#[test]
fn a_clean_crate_passes() {
    let g = fake(&[
        ("src/lib.rs", "mod a; mod b; pub use a::A; pub use b::B;"),
        ("src/a.rs", "pub struct A; use crate::B;"),
        ("src/b.rs", "pub struct B; use std::fmt;"),
    ]);
    assert_eq!(edges(&g), ["a.rs -> b.rs (B)"]);
    assert_eq!(check("src", &g), Ok(()));
}

#[test]
fn a_parent_and_the_children_it_declares_are_no_circle() {
    // The parent holds the shared type and calls its children; the children use the type.
    let g = fake(&[
        ("src/lib.rs", "mod p; mod other;"),
        (
            "src/p/mod.rs",
            "mod x; pub use x::X; pub struct Shared; fn f() { x::parse() }",
        ),
        (
            "src/p/x.rs",
            "use super::Shared; pub struct X; pub fn parse() {}",
        ),
        ("src/other.rs", "use crate::p::X; pub struct O;"),
    ]);
    assert_eq!(
        edges(&g),
        ["other.rs -> p/x.rs (X)", "p/x.rs -> p/mod.rs (Shared)"]
    );
    assert_eq!(check("src", &g), Ok(()));
    // But a parent that uses a file which uses one of its children closes a circle.
    let g = fake(&[
        ("src/lib.rs", "mod p; mod other;"),
        (
            "src/p/mod.rs",
            "mod x; pub struct Shared; fn f() { crate::other::O; }",
        ),
        ("src/p/x.rs", "use super::Shared; pub struct X;"),
        ("src/other.rs", "use crate::p::x::X; pub struct O;"),
    ]);
    let msg = check("src", &g).expect_err("a circle");
    for edge in [
        "src/other.rs -> src/p/x.rs (X)",
        "src/p/mod.rs -> src/other.rs (O)",
        "src/p/x.rs -> src/p/mod.rs (Shared)",
    ] {
        assert!(msg.contains(edge), "missing `{edge}` in:\n{msg}");
    }
}
