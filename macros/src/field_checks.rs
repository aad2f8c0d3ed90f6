//! Expand: the compile-time checks of fields whose answer only rustc knows (whether a type reads
//! the body, streams it, or claims codes), as one `const _: () = ...;` item per field, a call of
//! one of the runtime's `#[track_caller]` const functions spanned on the field's type. When a
//! rule is broken, the constant fails to evaluate and rustc reports the panic there.
//!
//! `no_body.rs`, `streaming.rs` and `delegation.rs` decide which rules a field is under (the
//! validate step); this module writes them. Each item costs rustc its MIR and its evaluation,
//! about 0.5 M instructions a call, more with each trait projection and string among its
//! arguments (BENCHMARKS.md, "Compile time"), so a field under several rules gets one item, a
//! call of `check_field`, which reports every broken rule of the field in its one error; a
//! field under one rule calls that rule's function. The items stay at
//! the top level: nested in a block, rustc would name each `_::_` in its error.

use proc_macro2::{Delimiter, Group, Ident, TokenStream};
use quote::{quote, quote_spanned};

use crate::ast::Field;
use crate::private::Private;

/// A rule a field is under. The runtime writes the message for breaking it, from the names the
/// item passes (the variant's, the field's, the type's as written): a message as a string
/// literal cost rustc its length in every derive (BENCHMARKS.md, "Compile time").
pub enum Rule {
    /// A variant only no-body statuses reach (1xx, 204, 304): the field must not read the
    /// body (`check_no_body`). `statuses`: those statuses, as the message names them.
    NoBody { statuses: String },
    /// A body field that is not its variant's last field: a streaming field must be last, and
    /// a field that reads the body into memory cannot sit next to one that streams
    /// (`check_streaming`). `others`: the other body fields' `<T as Extract>`; `last_field`:
    /// for the first such field, the variant's last field's `<T as Extract>` and name when it
    /// is a body field, whose own rule this field's check reports.
    Streaming {
        others: Vec<TokenStream>,
        last_field: Option<(TokenStream, String)>,
    },
    /// A variant that others shadow: the field's type must not claim the codes they take
    /// first (`check_shadowed`). `table`: a line per interval, as `check_shadowed` reads it;
    /// `ty`: the field's type as the message shows it.
    Shadowed { table: String, ty: String },
}

/// A field, the name of its variant, and a rule it is under.
pub type FieldRule<'f, 'a> = (&'f Field<'a>, String, Rule);

/// The items for `rules` (a field may come several times): one per field, in the order the
/// fields first come.
pub fn items(private: &Private, rules: Vec<FieldRule>) -> TokenStream {
    let mut fields: Vec<(&Field, String, Vec<Rule>)> = Vec::new();
    for (field, variant, rule) in rules {
        match fields
            .iter_mut()
            .find(|(other, _, _)| core::ptr::eq(*other, field))
        {
            Some((_, _, rules)) => rules.push(rule),
            None => fields.push((field, variant, vec![rule])),
        }
    }
    fields
        .into_iter()
        .map(|(field, variant, rules)| item(private, field, &variant, &rules))
        .collect()
}

/// `const _: () = check_...(...);` for `field`, spanned on its type from the first token to the
/// last: rustc points at the whole type.
fn item(private: &Private, field: &Field, variant: &str, rules: &[Rule]) -> TokenStream {
    let as_extract = field.as_extract(private);
    let field_name = field.display_name();
    let (function, arguments) = match rules {
        [Rule::NoBody { statuses }] => (
            "check_no_body",
            quote!(#as_extract::__BODY, #statuses, #variant, #field_name),
        ),
        [Rule::Streaming { others, last_field }] => {
            let streaming = streaming_arguments(others, last_field);
            (
                "check_streaming",
                quote!(#as_extract::__BODY, #streaming, #variant, #field_name),
            )
        }
        [Rule::Shadowed { table, ty }] => (
            "check_shadowed",
            quote!(#as_extract::__CLAIMS, #table, #ty, #variant, #field_name),
        ),
        _ => {
            let mut statuses = "";
            let mut streaming = quote!(true, 0, 0, "");
            let mut shadowed = quote!(&[], "", "");
            for rule in rules {
                match rule {
                    Rule::NoBody {
                        statuses: described,
                    } => statuses = described,
                    Rule::Streaming { others, last_field } => {
                        streaming = streaming_arguments(others, last_field);
                    }
                    Rule::Shadowed { table, ty } => {
                        shadowed = quote!(#as_extract::__CLAIMS, #table, #ty);
                    }
                }
            }
            (
                "check_field",
                quote! {
                    #as_extract::__BODY, #statuses, #streaming, #shadowed, #variant, #field_name
                },
            )
        }
    };
    let (start, end) = field.ty_spans;
    let function = Ident::new(function, start);
    let spanned_private = private.spanned(start);
    // The arguments' parentheses at the type's last token: the call then spans the whole type.
    let mut arguments = Group::new(Delimiter::Parenthesis, arguments);
    arguments.set_span(end);
    quote_spanned! {start=>
        const _: () = #spanned_private::#function #arguments;
    }
}

/// The streaming rule's arguments: `last` (false: a field under the rule is not last), the
/// others' `__BODY` together, the last field's `__BODY` and name (`0, ""` when this check does
/// not report it).
fn streaming_arguments(
    others: &[TokenStream],
    last_field: &Option<(TokenStream, String)>,
) -> TokenStream {
    let others = body_union(others);
    match last_field {
        Some((last, name)) => quote!(false, #others, #last::__BODY, #name),
        None => quote!(false, #others, 0, ""),
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
