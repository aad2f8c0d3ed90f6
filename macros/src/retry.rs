//! Expansion of `#[retry]`: the `Retryable` impl of an outcome type with `#[retry]` variants.
//! A type without any is left alone, so that its users can implement `Retryable` themselves.

use proc_macro2::TokenStream;
use quote::{format_ident, quote, quote_spanned};

use crate::ast::{Input, Shape, Variant};
use crate::dispatch::{self, Answer};
use crate::private::Private;

/// `impl Retryable`, or nothing when no variant has `#[retry]`.
pub fn expand(input: &Input) -> Option<TokenStream> {
    let variants = input.variants();
    if variants.iter().all(|variant| variant.retry.is_none()) {
        return None;
    }
    let original = input.original;
    let ident = &original.ident;
    let private = &input.private;
    let (impl_generics, ty_generics, where_clause) = original.generics.split_for_impl();
    let retry_hint = retry_hint(input);
    let outcome_name = outcome_name(input);
    let retry_variant = retry_variant(input);
    Some(quote! {
        #[automatically_derived]
        #[allow(unused_qualifications, clippy::all)]
        impl #impl_generics #private::Retryable for #ident #ty_generics #where_clause {
            fn retry_hint(&self) -> #private::RetryHint {
                #retry_hint
            }

            fn outcome_name(&self) -> &'static str {
                #outcome_name
            }

            #retry_variant
        }
    })
}

/// `Retryable::__retry_variant`: the name of the `#[retry]` variant each status selects, by
/// the same routes as the dispatch (`dispatch.rs`), so that the retry driver can still retry a
/// response whose `#[retry]` variant could not be built (a malformed `Retry-After`). A
/// `#[retry(when_asked)]` variant is not named: a wait that cannot be read was not asked for.
fn retry_variant(input: &Input) -> TokenStream {
    let private = &input.private;
    let none = Answer {
        tokens: quote!(#private::Option::None),
        key: "none".to_owned(),
    };
    let variant = dispatch::by_status(
        input.variants(),
        retries_a_malformed_wait,
        |variant| match retries_a_malformed_wait(variant) {
            true => {
                let name = variant.name();
                Answer {
                    tokens: quote!(#private::Option::Some(#name)),
                    key: format!("some:{name}"),
                }
            }
            false => none.clone(),
        },
        &none,
    );
    quote! {
        #[inline]
        #[allow(unreachable_patterns, clippy::match_overlapping_arm)]
        fn __retry_variant(__status: #private::StatusCode) -> #private::Option<&'static str> {
            #variant
        }
    }
}

/// A plain `#[retry]`: a response whose fields could not be read is retried after the backoff.
fn retries_a_malformed_wait(variant: &Variant) -> bool {
    variant
        .retry
        .as_ref()
        .is_some_and(|retry| retry.when_asked.is_none())
}

/// `Self::Busy` for a variant, `Self` for a struct.
fn path(input: &Input, variant: &Variant) -> TokenStream {
    match input.shape {
        Shape::Enum(_) => {
            let ident = variant.ident;
            quote!(Self::#ident)
        }
        Shape::Struct(_) => quote!(Self),
    }
}

/// The hint of one `#[retry]` variant whose fields are bound as `__field0`, ...: each field's
/// wait, probed by its type. Under `#[retry(when_asked)]`, also the proof that some field's
/// type can carry a wait, checked where the argument is written.
fn hint_of(private: &Private, variant: &Variant) -> TokenStream {
    let when_asked = variant
        .retry
        .as_ref()
        .and_then(|retry| retry.when_asked.as_ref());
    if variant.fields.is_empty() {
        // `#[retry(when_asked)]` without fields is reported by `valid.rs`.
        return quote!(#private::RetryHint::Retry(#private::Option::None));
    }
    // Autoref specialization: the method is looked up on `&Probe<T>` first (`ProbeWait`, for
    // the types that carry a wait), then on `&&Probe<T>` (`ProbeSilent`, any type). A named
    // reference rather than `(&Probe(..))`, which clippy would take for a needless borrow.
    let probe = |method: TokenStream| {
        (0..variant.fields.len()).map(move |index| {
            let binding = format_ident!("__field{index}");
            quote! {{
                #[allow(unused_imports)]
                use #private::{ProbeSilent as _, ProbeWait as _};
                let __probe = &#private::Probe(#binding);
                __probe.#method()
            }}
        })
    };
    let waits = probe(quote!(__field_wait));
    let Some(when_asked) = when_asked else {
        return quote!(#private::retry_hint(&[#(#waits),*]));
    };
    // `CanWait` if any field's type can carry a wait, else `CannotWait`, which `require_wait`
    // rejects with its advice, spanned at `when_asked`.
    let can_wait = probe(quote!(__can_wait))
        .reduce(|left, right| quote!(#private::CanWaitOr::or(#left, #right)))
        .unwrap_or_default();
    let span = when_asked.span();
    let require = private.spanned(span);
    let require = quote_spanned!(span=> #require::require_wait(__can_wait););
    quote! {{
        let __can_wait = #can_wait;
        #require
        #private::retry_hint_when_asked(&[#(#waits),*])
    }}
}

fn retry_hint(input: &Input) -> TokenStream {
    let private = &input.private;
    let variants = input.variants();
    if let [variant] = variants {
        // A struct, or an enum of one variant: the pattern is irrefutable.
        let pattern = variant.pattern(&path(input, variant));
        let hint = hint_of(private, variant);
        return if variant.fields.is_empty() {
            hint
        } else {
            quote! {
                let #pattern = self;
                #hint
            }
        };
    }
    let mut arms: Vec<TokenStream> = variants
        .iter()
        .filter(|variant| variant.retry.is_some())
        .map(|variant| {
            let pattern = variant.pattern(&path(input, variant));
            let hint = hint_of(private, variant);
            quote!(#pattern => #hint,)
        })
        .collect();
    if variants.iter().any(|variant| variant.retry.is_none()) {
        arms.push(quote!(_ => #private::RetryHint::Final,));
    }
    quote! {
        match self {
            #(#arms)*
        }
    }
}

fn outcome_name(input: &Input) -> TokenStream {
    let variants = input.variants();
    if let [variant] = variants {
        let name = variant.name();
        return quote!(#name);
    }
    let arms = variants.iter().map(|variant| {
        let path = path(input, variant);
        let name = variant.name();
        quote!(#path { .. } => #name,)
    });
    quote! {
        match self {
            #(#arms)*
        }
    }
}
