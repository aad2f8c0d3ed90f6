//! Expand: the compile-time checks of fields whose answer only rustc knows (whether a type reads
//! the body, streams it, or claims codes), as one `const _: () = ...;` item per field, a call of
//! one of the runtime's `#[track_caller]` const functions spanned on the field's type. When a
//! rule is broken, the constant fails to evaluate and rustc reports the panic there.
//!
//! `no_body.rs`, `streaming.rs` and `delegation.rs` decide which rules a field is under (the
//! validate step); this module writes them. Each item costs rustc its MIR and its evaluation,
//! about 0.4 M instructions a call, about 90 K more for each trait projection and 50 K for each
//! other argument (BENCHMARKS.md, "Compile time"), so a field under several rules gets one
//! item, a call of `check_field`, which reports every broken rule of the field in its one
//! error; a field under one rule calls that rule's function; and the names the messages use
//! travel in one string, the site. The items stay at the top level: nested in a block, rustc
//! would name each `_::_` in its error.

use proc_macro2::{Delimiter, Group, Ident, Literal, Punct, Spacing, TokenStream};
use quote::{ToTokens, TokenStreamExt, quote, quote_spanned};

use crate::ast::Field;
use crate::private::Private;
use crate::ty::AsExtract;

/// A rule a field is under. The runtime writes the message for breaking it, from the names the
/// item passes (the variant's, the field's, the type's as written): a message as a string
/// literal cost rustc its length in every derive (BENCHMARKS.md, "Compile time").
pub enum Rule<'f> {
    /// A variant only no-body statuses reach (1xx, 204, 304): the field must not read the
    /// body (`check_no_body`). `statuses`: those statuses, as the message names them.
    NoBody { statuses: String },
    /// A body field that is not its variant's last field: a streaming field must be last, and
    /// a field that reads the body into memory cannot sit next to one that streams
    /// (`check_streaming`). `others`: the other body fields' `<T as Extract>`, but the one in
    /// `last_field`: for the first such field, the variant's last field's `<T as Extract>` and
    /// name when it is a body field, whose own rule this field's check reports.
    Streaming {
        others: Vec<AsExtract<'f>>,
        last_field: LastField<'f>,
    },
    /// A variant that others shadow: the field's type must not claim the codes they take
    /// first (`check_shadowed`). `table`: a line per interval, as `check_shadowed` reads it;
    /// `ty`: the field's type as the message shows it.
    Shadowed { table: String, ty: String },
}

/// The variant's last field, `<T as Extract>` and its name, when a streaming check reports it.
pub type LastField<'f> = Option<(AsExtract<'f>, String)>;

/// A field, the name of its variant, and a rule it is under.
pub type FieldRule<'f, 'a> = (&'f Field<'a>, String, Rule<'f>);

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
/// last: rustc points at the whole type. The arguments are written in one stream (the pieces
/// below append their tokens to it: a stream of their own, spliced in, would be round trips to
/// the compiler for each item of every derive). Every name the messages use goes in one string,
/// the site (below).
fn item(private: &Private, field: &Field, variant: &str, rules: &[Rule]) -> TokenStream {
    let as_extract = field.as_extract(private);
    let mut site = Site {
        variant,
        field: field.display_name(),
        ty: "",
        last_field: "",
        no_body: "",
        table: "",
    };
    let (function, arguments) = match rules {
        [Rule::NoBody { statuses }] => {
            site.no_body = statuses;
            ("check_no_body", quote!(#as_extract::__BODY, #site))
        }
        [Rule::Streaming { others, last_field }] => {
            let streaming = StreamingArguments(Some((others, last_field)));
            site.last_field = last_field.as_ref().map_or("", |(_, name)| name);
            (
                "check_streaming",
                quote!(#as_extract::__BODY, #streaming, #site),
            )
        }
        [Rule::Shadowed { table, ty }] => {
            (site.ty, site.table) = (ty, table);
            ("check_shadowed", quote!(#as_extract::__CLAIMS, #site))
        }
        _ => {
            let mut no_body = false;
            let mut last = true;
            let mut streaming = StreamingArguments(None);
            let mut claims = Claims(None);
            for rule in rules {
                match rule {
                    Rule::NoBody { statuses } => {
                        no_body = true;
                        site.no_body = statuses;
                    }
                    Rule::Streaming { others, last_field } => {
                        last = false;
                        streaming = StreamingArguments(Some((others, last_field)));
                        site.last_field = last_field.as_ref().map_or("", |(_, name)| name);
                    }
                    Rule::Shadowed { table, ty } => {
                        claims = Claims(Some(as_extract));
                        (site.ty, site.table) = (ty, table);
                    }
                }
            }
            (
                "check_field",
                quote!(#as_extract::__BODY, #no_body, #last, #streaming, #claims, #site),
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

/// Where the field is and the names its messages use, as the runtime's `Site` reads them: one
/// string literal, a line each (the variant, the field, the type as written, the variant's
/// last field when this check reports it, the statuses of a no-body variant, then the shadow
/// table). One argument where there were five: each costs rustc in every check item.
struct Site<'r> {
    variant: &'r str,
    field: String,
    ty: &'r str,
    last_field: &'r str,
    no_body: &'r str,
    table: &'r str,
}

impl ToTokens for Site<'_> {
    fn to_tokens(&self, tokens: &mut TokenStream) {
        // A line break in a type as written (a raw string in a const expression) would shift
        // the lines after it: the message shows it as a space.
        let ty = self.ty.replace('\n', " ");
        let text = format!(
            "{}\n{}\n{ty}\n{}\n{}\n{}",
            self.variant, self.field, self.last_field, self.no_body, self.table
        );
        tokens.append(Literal::string(&text));
    }
}

/// The streaming rule's arguments: the others' `__BODY` together, and the last field's
/// `__BODY` when this check reports it (`0` when not); for a field not under the rule
/// (`None`), `0, 0`.
struct StreamingArguments<'r, 'f>(Option<(&'r [AsExtract<'f>], &'r LastField<'f>)>);

impl ToTokens for StreamingArguments<'_, '_> {
    fn to_tokens(&self, tokens: &mut TokenStream) {
        let Some((others, last_field)) = self.0 else {
            tokens.append(Literal::u8_unsuffixed(0));
            comma(tokens);
            tokens.append(Literal::u8_unsuffixed(0));
            return;
        };
        BodyUnion(others).to_tokens(tokens);
        comma(tokens);
        match last_field {
            Some((last, _)) => last.constant("__BODY").to_tokens(tokens),
            None => tokens.append(Literal::u8_unsuffixed(0)),
        }
    }
}

/// The field type's `__CLAIMS` when the shadowing rule applies to it, `""` when not.
struct Claims<'f>(Option<AsExtract<'f>>);

impl ToTokens for Claims<'_> {
    fn to_tokens(&self, tokens: &mut TokenStream) {
        match self.0 {
            Some(as_extract) => as_extract.constant("__CLAIMS").to_tokens(tokens),
            None => tokens.append(Literal::string("")),
        }
    }
}

fn comma(tokens: &mut TokenStream) {
    tokens.append(Punct::new(',', Spacing::Alone));
}

/// `<A as Extract>::__BODY | <B as Extract>::__BODY | ...` over `types`, each `<T as Extract>`;
/// `0` for none (not `0 | ...`: clippy's `identity_op`, which tests/lints.rs holds the
/// generated code to).
pub struct BodyUnion<'r, 'f>(pub &'r [AsExtract<'f>]);

impl ToTokens for BodyUnion<'_, '_> {
    fn to_tokens(&self, tokens: &mut TokenStream) {
        if self.0.is_empty() {
            tokens.append(Literal::u8_unsuffixed(0));
            return;
        }
        for (index, as_extract) in self.0.iter().enumerate() {
            if index > 0 {
                tokens.append(Punct::new('|', Spacing::Alone));
            }
            as_extract.constant("__BODY").to_tokens(tokens);
        }
    }
}
