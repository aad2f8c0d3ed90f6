//! Expand: the compile-time checks of fields whose answer only rustc knows (whether a type reads
//! the body, streams it, or claims codes), as one `const _: () = ...;` item per field, a call of
//! one of the runtime's `#[track_caller]` const functions spanned on the field's type. When a
//! rule is broken, the constant fails to evaluate and rustc reports the panic there.
//!
//! `no_body.rs`, `streaming.rs` and `delegation.rs` decide which rules a field is under (the
//! validate step); this module writes them. Each item costs rustc about as much as a small
//! function to check, whatever it holds (BENCHMARKS.md, "Compile time"), so a field under
//! several rules gets one item, a call of `check_field`, which reports every broken rule of the
//! field in its one error; a field under one rule calls that rule's function. The items stay at
//! the top level: nested in a block, rustc would name each `_::_` in its error.

use proc_macro2::{Ident, TokenStream};
use quote::{quote, quote_spanned};

use crate::ast::Field;
use crate::private::Private;

/// A rule a field is under, with the messages for breaking it.
pub enum Rule {
    /// A variant only no-body statuses reach (1xx, 204, 304): the field must not read the
    /// body (`check_no_body`).
    NoBody { message: String },
    /// A variant with another body field or a header field after this one: a streaming field
    /// must be last, and a field that reads the body into memory cannot sit next to one that
    /// streams (`check_streaming`). `others`: the other body fields' `<T as Extract>`.
    Streaming {
        last: bool,
        others: Vec<TokenStream>,
        not_last: String,
        buffered_next_to_stream: String,
    },
    /// A variant that others shadow: the field's type must not claim the codes they take
    /// first (`check_shadowed`). `table`: a line per interval, as `check_shadowed` reads it.
    Shadowed { table: String },
}

/// The items for `rules` (a field may come several times): one per field, in the order the
/// fields first come.
pub fn items(private: &Private, rules: Vec<(&Field, Rule)>) -> TokenStream {
    let mut fields: Vec<(&Field, Vec<Rule>)> = Vec::new();
    for (field, rule) in rules {
        match fields
            .iter_mut()
            .find(|(other, _)| core::ptr::eq(*other, field))
        {
            Some((_, rules)) => rules.push(rule),
            None => fields.push((field, vec![rule])),
        }
    }
    fields
        .into_iter()
        .map(|(field, rules)| item(private, field, &rules))
        .collect()
}

/// `const _: () = check_...(...);` for `field`, spanned on its type from the first token to the
/// last: rustc points at the whole type.
fn item(private: &Private, field: &Field, rules: &[Rule]) -> TokenStream {
    let as_extract = field.as_extract(private);
    let (function, arguments) = match rules {
        [Rule::NoBody { message }] => ("check_no_body", quote!(#as_extract::__BODY, #message)),
        [
            Rule::Streaming {
                last,
                others,
                not_last,
                buffered_next_to_stream,
            },
        ] => ("check_streaming", {
            let others = body_union(others);
            quote! {
                #as_extract::__BODY,
                #last,
                #others,
                #not_last,
                #buffered_next_to_stream,
            }
        }),
        [Rule::Shadowed { table }] => ("check_shadowed", quote!(#as_extract::__CLAIMS, #table)),
        _ => ("check_field", field_arguments(&as_extract, rules)),
    };
    let (start, end) = field.ty_spans;
    let function = Ident::new(function, start);
    let spanned_private = private.spanned(start);
    let arguments = quote_spanned!(end=> (#arguments));
    quote_spanned! {start=>
        const _: () = #spanned_private::#function #arguments;
    }
}

/// The arguments of `check_field`: each rule's, and for a rule the field is not under, the
/// values with which it cannot fail.
fn field_arguments(as_extract: &impl quote::ToTokens, rules: &[Rule]) -> TokenStream {
    let mut no_body = "";
    let mut streaming = quote!(true, 0, "", "");
    let mut shadowed = quote!(&[], "");
    for rule in rules {
        match rule {
            Rule::NoBody { message } => no_body = message,
            Rule::Streaming {
                last,
                others,
                not_last,
                buffered_next_to_stream,
            } => {
                let others = body_union(others);
                streaming = quote! {
                    #last, #others, #not_last, #buffered_next_to_stream
                };
            }
            Rule::Shadowed { table } => shadowed = quote!(#as_extract::__CLAIMS, #table),
        }
    }
    quote! {
        #as_extract::__BODY,
        #no_body,
        #streaming,
        #shadowed,
    }
}

/// `<A as Extract>::__BODY | <B as Extract>::__BODY | ...` over `types`, each `<T as Extract>`;
/// `0` for none (not `0 | ...`: clippy's `identity_op`, which tests/lints.rs holds the
/// generated code to).
pub fn body_union<T: quote::ToTokens>(types: &[T]) -> TokenStream {
    if types.is_empty() {
        return quote!(0);
    }
    quote!(#(#types::__BODY)|*)
}
