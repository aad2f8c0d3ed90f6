//! The derive's compile-time diagnostics, one folder per topic (serde's grouping), and the
//! shapes it must accept. Regenerate the `.stderr` snapshots with
//! `TRYBUILD=overwrite cargo test --test ui` and read every diff.

#[test]
fn ui() {
    let t = trybuild::TestCases::new();
    for topic in [
        "status",
        "duplicate",
        "range",
        "syntax",
        "shape",
        "no_body",
        "extractor",
        "multiple",
        "handler",
        "delegation",
        "retry",
        "refresh",
        "pages",
        "async_handler",
        "streaming",
        "crate_path",
        "openapi",
    ] {
        t.compile_fail(format!("tests/ui/{topic}/*.rs"));
    }
    t.pass("tests/ui/pass/*.rs");
}
