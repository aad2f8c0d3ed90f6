#[test]
fn ui() {
    let t = trybuild::TestCases::new();
    t.compile_fail("tests/ui/pages/*.rs");
    t.pass("tests/ui/pass/pages.rs");
}
