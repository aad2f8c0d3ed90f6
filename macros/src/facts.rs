//! Expand: `ResponseHandler::__FACTS`, what the derive records of the type for checks made at
//! compile time elsewhere: the codes it claims (checked by a derived type that delegates to
//! this one, `delegation.rs`), and whether a field streams with blocking I/O or an async body
//! (the client verbs of the other kind refuse the type at build time). One constant, where
//! one per fact cost rustc an item each to check (BENCHMARKS.md, "Compile time").

use proc_macro2::{Delimiter, Group, Literal, Punct, Spacing, TokenStream};
use quote::{ToTokens, TokenStreamExt, quote};

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
            claims: &[#(#claims),*],
            body: #body,
        };
    }
}

/// The exact codes and ranges the type handles, `(first, last)`, for types that delegate to it.
fn claims(variants: &[Variant]) -> Vec<Claim> {
    variants
        .iter()
        .flat_map(|variant| &variant.matchers)
        .filter_map(|matcher| match matcher.kind {
            MatcherKind::Code(code) => Some(Claim(code, code)),
            MatcherKind::Range(first, last) => Some(Claim(first, last)),
            MatcherKind::CatchAll(_) => None,
        })
        .collect()
}

/// `(first, last)`, appended where it is interpolated (not a stream of its own to splice in).
struct Claim(u16, u16);

impl ToTokens for Claim {
    fn to_tokens(&self, tokens: &mut TokenStream) {
        let mut pair = TokenStream::new();
        pair.append(Literal::u16_suffixed(self.0));
        pair.append(Punct::new(',', Spacing::Alone));
        pair.append(Literal::u16_suffixed(self.1));
        tokens.append(Group::new(Delimiter::Parenthesis, pair));
    }
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
