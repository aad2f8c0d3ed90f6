//! Expand: `ResponseHandler::__FACTS`, what the derive records of the type for checks made at
//! compile time elsewhere: the codes it claims (checked by a derived type that delegates to
//! this one, `delegation.rs`), and whether a field streams with blocking I/O or an async body
//! (the client verbs of the other kind refuse the type at build time). One constant, where
//! one per fact cost rustc an item each to check (BENCHMARKS.md, "Compile time").

use proc_macro2::TokenStream;
use quote::quote;

use crate::ast::Variant;
use crate::field_checks;
use crate::matcher::MatcherKind;
use crate::private::Private;
use crate::ty;

/// `const __FACTS: DerivedFacts = ...;`, or nothing when the type claims no exact code or range
/// and no field reads the body (the trait's default says the same).
pub fn facts(private: &Private, variants: &[Variant]) -> TokenStream {
    let claims = claims(variants);
    let fields = body_fields(private, variants);
    if claims.is_empty() && fields.is_empty() {
        return TokenStream::new();
    }
    let body = field_checks::BodyUnion(&fields);
    quote! {
        const __FACTS: #private::DerivedFacts = #private::DerivedFacts {
            claims: #claims,
            body: #body,
        };
    }
}

/// The exact codes and ranges the type handles, as `DerivedFacts::claims` reads them: a line
/// each, `409` or `500 599`.
fn claims(variants: &[Variant]) -> String {
    let mut claims = String::new();
    for matcher in variants.iter().flat_map(|variant| &variant.matchers) {
        let line = match matcher.kind {
            MatcherKind::Code(code) => code.to_string(),
            MatcherKind::Range(first, last) => format!("{first} {last}"),
            MatcherKind::CatchAll(_) => continue,
        };
        if !claims.is_empty() {
            claims.push('\n');
        }
        claims.push_str(&line);
    }
    claims
}

/// `<F as Extract>` for each type of a field that does not read a header, in any variant, once:
/// a type used by several fields answers the same.
fn body_fields<'a>(private: &'a Private, variants: &'a [Variant<'a>]) -> Vec<ty::AsExtract<'a>> {
    let mut seen = Vec::new();
    variants
        .iter()
        .flat_map(|variant| &variant.fields)
        .filter(|field| field.header.is_none())
        .filter(|field| {
            let name = ty::type_key(field.ty);
            let new = !seen.contains(&name);
            seen.push(name);
            new
        })
        .map(|field| field.as_extract(private))
        .collect()
}
