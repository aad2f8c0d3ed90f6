//! Expansion time of `#[derive(ResponseHandler)]` on a 64-variant enum: parse (`syn::parse2`)
//! and expand (`expand::derive`), what rustc runs for each derive, without rustc around it.
//!
//! `cargo bench -p response-handler-macros --bench expand`
//!
//! A proc-macro crate cannot be linked from its own bench, so the macro's modules are compiled
//! into this bench from their files; every module of `src/` must be listed here (`crate::ast`,
//! `crate::expand`, ... then resolve as they do in the macro). Items that only `lib.rs` or the
//! modules' unit tests use are allowed to look unused here.

use std::hint::black_box;
use std::str::FromStr;
use std::time::Duration;

use criterion::{BatchSize, Criterion};
use proc_macro2::TokenStream;
use syn::DeriveInput;

#[allow(dead_code, unused_imports)]
#[path = "../src/ast.rs"]
mod ast;
#[allow(dead_code, unused_imports)]
#[path = "../src/attr.rs"]
mod attr;

#[path = "../src/body_need.rs"]
mod body_need;
#[allow(dead_code, unused_imports)]
#[path = "../src/class.rs"]
mod class;
#[allow(dead_code, unused_imports)]
#[path = "../src/contract.rs"]
mod contract;
#[allow(dead_code, unused_imports)]
#[path = "../src/ctxt.rs"]
mod ctxt;
#[allow(dead_code, unused_imports)]
#[path = "../src/delegation.rs"]
mod delegation;
#[allow(dead_code, unused_imports)]
#[path = "../src/diagnostic.rs"]
mod diagnostic;
#[allow(dead_code, unused_imports)]
#[path = "../src/dispatch.rs"]
mod dispatch;
#[allow(dead_code, unused_imports)]
#[path = "../src/expand.rs"]
mod expand;
#[allow(dead_code, unused_imports)]
#[path = "../src/extract.rs"]
mod extract;
#[allow(dead_code, unused_imports)]
#[path = "../src/facts.rs"]
mod facts;
#[allow(dead_code, unused_imports)]
#[path = "../src/fallback.rs"]
mod fallback;
#[allow(dead_code, unused_imports)]
#[path = "../src/field_checks.rs"]
mod field_checks;
#[allow(dead_code, unused_imports)]
#[path = "../src/generics.rs"]
mod generics;
#[allow(dead_code, unused_imports)]
#[path = "../src/handler.rs"]
mod handler;
#[allow(dead_code, unused_imports)]
#[path = "../src/matcher.rs"]
mod matcher;
#[allow(dead_code, unused_imports)]
#[path = "../src/next_page.rs"]
mod next_page;

#[path = "../src/no_body.rs"]
mod no_body;

#[path = "../src/pages.rs"]
mod pages;
#[allow(dead_code, unused_imports)]
#[path = "../src/private.rs"]
mod private;
#[allow(dead_code, unused_imports)]
#[path = "../src/retry.rs"]
mod retry;
#[allow(dead_code, unused_imports)]
#[path = "../src/standard_header.rs"]
mod standard_header;
#[allow(dead_code, unused_imports)]
#[path = "../src/status.rs"]
mod status;

#[allow(dead_code, unused_imports)]
#[path = "../src/status_grammar.rs"]
mod status_grammar;

#[path = "../src/streaming.rs"]
mod streaming;
#[allow(dead_code, unused_imports)]
#[path = "../src/symbol.rs"]
mod symbol;
#[allow(dead_code, unused_imports)]
#[path = "../src/ty.rs"]
mod ty;
#[allow(dead_code, unused_imports)]
#[path = "../src/valid.rs"]
mod valid;

/// 64 variants: 50 exact codes (2xx, 3xx, 4xx; no 1xx/204/304, which cannot have a body),
/// 8 ranges (5xx), and the 6 catch-alls. Fields cycle through unit, `StatusCode`,
/// `{ status, body: String }` and `{ #[header] id: Option<String>, body: Json<Body> }`.
fn enum_source() -> String {
    let mut codes: Vec<u16> = Vec::new();
    codes.extend((200..=226).filter(|code| *code != 204));
    codes.extend((300..=308).filter(|code| *code != 304));
    codes.extend(400..=415);
    assert_eq!(codes.len(), 50);
    let mut attributes: Vec<String> = codes.iter().map(|code| format!("#[on({code})]")).collect();
    attributes.extend((0..8).map(|i| format!("#[on({}..={})]", 500 + 10 * i, 509 + 10 * i)));
    attributes.extend(
        [
            "#[on_success]",
            "#[on_redirection]",
            "#[on_client_error]",
            "#[on_server_error]",
            "#[on_failure]",
            "#[fallback]",
        ]
        .map(String::from),
    );
    assert_eq!(attributes.len(), 64);
    let mut source = String::from("enum Api64 {\n");
    for (i, attribute) in attributes.iter().enumerate() {
        let fields = match i % 4 {
            0 => String::new(),
            1 => "(StatusCode)".to_owned(),
            2 => "{ status: StatusCode, body: String }".to_owned(),
            _ => "{ #[header(\"x-request-id\")] id: Option<String>, body: Json<Body> }".to_owned(),
        };
        source.push_str(&format!("    {attribute}\n    V{i}{fields},\n"));
    }
    source.push('}');
    source
}

fn main() {
    let tokens = TokenStream::from_str(&enum_source()).expect("the enum is valid Rust");
    let input: DeriveInput = syn::parse2(tokens.clone()).expect("a derive input");
    let expanded = expand::derive(&input).to_string();
    assert!(
        !expanded.contains("compile_error"),
        "the 64-variant enum must expand without errors:\n{expanded}"
    );
    println!(
        "64-variant enum: {} bytes of input, {} bytes of generated code",
        tokens.to_string().len(),
        expanded.len()
    );

    let mut criterion = Criterion::default()
        .sample_size(200)
        .warm_up_time(Duration::from_secs(2))
        .measurement_time(Duration::from_secs(8))
        .configure_from_args();
    let mut group = criterion.benchmark_group("derive-64-variants");
    // What rustc runs per derive: parse the item, then validate and expand it.
    group.bench_function("parse+expand", |b| {
        b.iter_batched(
            || tokens.clone(),
            |tokens| {
                let input: DeriveInput = syn::parse2(tokens).expect("a derive input");
                expand::derive(black_box(&input))
            },
            BatchSize::SmallInput,
        )
    });
    group.bench_function("expand", |b| {
        b.iter_with_large_drop(|| expand::derive(black_box(&input)))
    });
    group.finish();
    criterion.final_summary();
}
