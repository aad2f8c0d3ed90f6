//! Parse → validate → generate. On any error, `fallback.rs` takes over.

use proc_macro2::{Span, TokenStream};
use quote::{ToTokens, format_ident, quote, quote_spanned};
use syn::{DeriveInput, Ident, Type};

use crate::ast::{Field, Input, Shape, Style, Variant};
use crate::attr::{CatchAll, MatcherKind};
use crate::ctxt::Ctxt;
use crate::dispatch::{self, Class, class_routes};
use crate::generics::{self, GenericParams};
use crate::{delegation, fallback, handler, status, valid};

pub fn derive(input: &DeriveInput) -> TokenStream {
    match try_expand(input) {
        Ok(expanded) => expanded,
        Err(errors) => fallback::expand(input, &errors),
    }
}

fn try_expand(input: &DeriveInput) -> syn::Result<TokenStream> {
    let cx = Ctxt::new();
    let ast = Input::from_syn(&cx, input);
    if let Some(ast) = &ast {
        valid::check(&cx, ast);
    }
    cx.check()?;
    match ast {
        Some(ast) if ast.handler.is_some() => Ok(handler::expand(&ast)),
        Some(ast) => Ok(impl_response_handler(&ast)),
        None => Err(syn::Error::new_spanned(
            &input.ident,
            "`ResponseHandler` cannot be derived here",
        )),
    }
}

/// The path every generated item goes through.
pub fn private() -> TokenStream {
    quote!(::response_handler::__private)
}

fn impl_response_handler(input: &Input) -> TokenStream {
    let private = private();
    let original = input.original;
    let ident = &original.ident;
    let params = GenericParams::of(&original.generics);
    let generics = generics::with_field_bounds(&original.generics, &params, input.variants());
    let (impl_generics, ty_generics, where_clause) = generics.split_for_impl();
    let methods = Class::ALL
        .into_iter()
        .filter_map(|class| class_method(input, class));
    let claims = claims(input.variants());
    let body_checks = no_body_checks(input, &params);
    let delegation_checks = delegation::checks(input, &params);
    let extract = extract_impl(&original.ident, &generics);
    quote! {
        #[automatically_derived]
        #[allow(unused_qualifications, clippy::all)]
        impl #impl_generics #private::ResponseHandler for #ident #ty_generics #where_clause {
            #claims
            #(#methods)*
        }
        #extract
        #body_checks
        #delegation_checks
    }
}

/// `Extract` for the derived type itself, so that another derived type can use it as a field
/// (a shared outcome type such as an `ApiFailure` enum). Also emitted by `fallback.rs`.
pub fn extract_impl(ident: &Ident, generics: &syn::Generics) -> TokenStream {
    let private = private();
    let (impl_generics, ty_generics, where_clause) = generics.split_for_impl();
    quote! {
        #[automatically_derived]
        #[allow(unused_qualifications, clippy::all)]
        impl #impl_generics #private::Extract for #ident #ty_generics #where_clause {
            const READS_BODY: bool = true;
            const __CLAIMS: &'static [(u16, u16)] = <Self as #private::ResponseHandler>::__CLAIMS;

            #[inline]
            fn extract(
                __response: &#private::BufferedResponse,
            ) -> #private::Result<Self, #private::ExtractError> {
                #private::delegate::<Self>(__response)
            }
        }
    }
}

/// The exact codes and ranges the type handles, for types that delegate to it.
fn claims(variants: &[Variant]) -> TokenStream {
    let claims: Vec<TokenStream> = variants
        .iter()
        .flat_map(|variant| &variant.matchers)
        .filter_map(|matcher| match matcher.kind {
            MatcherKind::Code(code) => Some((code, code)),
            MatcherKind::Range(first, last) => Some((first, last)),
            MatcherKind::CatchAll(_) => None,
        })
        .map(|(first, last)| quote!((#first, #last)))
        .collect();
    if claims.is_empty() {
        return TokenStream::new();
    }
    quote!(const __CLAIMS: &'static [(u16, u16)] = &[#(#claims),*];)
}

/// The per-class method: the `match` on the exact code, for one class, in precedence order.
/// `None` when nothing handles the class (the trait's default reports it as unexpected).
fn class_method(input: &Input, class: Class) -> Option<TokenStream> {
    let private = private();
    let routes = class_routes(input.variants(), class);
    if routes.is_empty() {
        return None;
    }
    let mut arms: Vec<TokenStream> = dispatch::arms(&routes)
        .into_iter()
        .map(|(pattern, route)| arm(pattern, input, route.variant))
        .collect();
    if !routes.iter().any(|route| route.is_rest) {
        arms.push(quote!(_ => return #private::unexpected_status::<Self>(__proof),));
    }
    let method = class.method();
    let proof_type = class.proof_type();
    // `#[inline]`: the method is then compiled where the type is used, once per type actually
    // dispatched, and can inline into the runtime's `from_response` (BENCHMARKS.md).
    Some(quote! {
        #[inline]
        #[allow(unreachable_patterns)]
        fn #method(__proof: #private::#proof_type) -> #private::Result<Self, #private::Error> {
            let __response: &#private::BufferedResponse = &__proof;
            #private::Result::Ok(match __response.status().as_u16() {
                #(#arms)*
            })
        }
    })
}

/// `pattern => { let __field0 = ...; Self::Variant { 0: __field0 } }`
fn arm(pattern: TokenStream, input: &Input, variant: &Variant) -> TokenStream {
    let path = match (&input.shape, &variant.variant_name) {
        (Shape::Enum(_), Some(_)) => {
            let ident = variant.ident;
            quote!(Self::#ident)
        }
        _ => quote!(Self),
    };
    let construct = match variant.style {
        Style::Unit => path,
        Style::Fields => {
            let bindings = (0..variant.fields.len()).map(|index| format_ident!("__field{index}"));
            let members = variant.fields.iter().map(|field| &field.member);
            quote!(#path { #(#members: #bindings),* })
        }
    };
    let lets = variant.fields.iter().enumerate().map(|(index, field)| {
        let binding = format_ident!("__field{index}");
        let read = read_field(variant, field);
        quote!(let #binding = #read;)
    });
    quote! {
        #pattern => {
            #(#lets)*
            #construct
        }
    }
}

/// The expression that reads one field, returning the error (with the response) on failure.
fn read_field(variant: &Variant, field: &Field) -> TokenStream {
    let private = private();
    let ty = field.ty;
    let call = match &field.header {
        None => {
            // `<T as Extract>::extract`, not a helper function: for a type that is no extractor,
            // this error and the one of the no-body check below are then identical, and rustc
            // shows it once.
            let (start, end) = first_and_last_span(ty);
            let close_angle = quote_spanned!(end=> >);
            let extract =
                quote_spanned!(start=> <#ty as ::response_handler::__private::Extract #close_angle);
            quote_spanned!(start=> #extract::extract(__response))
        }
        Some(header) => {
            let name = &header.name;
            let name = quote!({
                static __NAME: #private::HeaderName = #private::HeaderName::from_static(#name);
                &__NAME
            });
            match option_inner(ty) {
                Some(inner) => spanned_call(inner, "optional_header", quote!(__response, #name)),
                None => spanned_call(ty, "header", quote!(__response, #name)),
            }
        }
    };
    let variant_name = match &variant.variant_name {
        Some(name) => quote!(#private::Option::Some(#name)),
        None => quote!(#private::Option::None),
    };
    let field_name = field.display_name();
    quote! {
        match #call {
            #private::Result::Ok(__value) => __value,
            #private::Result::Err(__error) => {
                return #private::field_error::<Self>(__proof, __error, #variant_name, #field_name);
            }
        }
    }
}

/// `__private::function::<ty>(arguments)`, spanned from the first to the last token of `ty`: when
/// `ty` does not meet the function's bounds (a `#[header]` type that is not `FromStr`), rustc
/// points at the field's type rather than at the derive.
fn spanned_call(ty: &Type, function: &str, arguments: TokenStream) -> TokenStream {
    let (start, end) = first_and_last_span(ty);
    let function = Ident::new(function, start);
    let close_angle = quote_spanned!(end=> >);
    quote_spanned!(start=> ::response_handler::__private::#function::<#ty #close_angle (#arguments))
}

/// The spans of the first and last tokens of `tokens`. Stable Rust cannot join two spans, but
/// rustc joins them itself when they start and end one expression.
pub fn first_and_last_span(tokens: &impl ToTokens) -> (Span, Span) {
    let mut tokens = tokens.to_token_stream().into_iter();
    let start = tokens
        .next()
        .map_or_else(Span::call_site, |token| token.span());
    let end = tokens.last().map_or(start, |token| token.span());
    (start, end)
}

/// `T` of an `Option<T>` written as such (`Option`, `core::option::Option`, `std::option::Option`).
pub fn option_inner(ty: &Type) -> Option<&Type> {
    let Type::Path(path) = ty else { return None };
    if path.qself.is_some() {
        return None;
    }
    let last = path.path.segments.last()?;
    if last.ident != "Option" {
        return None;
    }
    let syn::PathArguments::AngleBracketed(arguments) = &last.arguments else {
        return None;
    };
    match arguments.args.first() {
        Some(syn::GenericArgument::Type(inner)) if arguments.args.len() == 1 => Some(inner),
        _ => None,
    }
}

/// Compile-time rejection of a body-reading field on a variant that only no-body statuses reach.
///
/// The macro cannot know whether a type reads the body, but the compiler can: each such field
/// gets a `const` that fails to evaluate when `<T as Extract>::READS_BODY` is true, with the
/// error spanned on the whole field type (the `panic!` starts at its first token and ends at
/// its last). Field types that mention the derive's generic parameters are skipped (a free
/// `const` cannot name them).
fn no_body_checks(input: &Input, params: &GenericParams) -> TokenStream {
    let private = private();
    let mut checks = TokenStream::new();
    for variant in input.variants() {
        let Some(statuses) = no_body_statuses(variant) else {
            continue;
        };
        for field in &variant.fields {
            if field.header.is_some() || params.mentioned_in(field.ty) {
                continue;
            }
            let ty = field.ty;
            let name = match &variant.variant_name {
                Some(name) => name.clone(),
                None => variant.ident.to_string(),
            };
            let message = format!(
                "field `{}` of `{name}` reads the response body, but `{name}` only handles {statuses}, and such responses have no body: remove the field, or read a header with `#[header(\"name\")]`",
                field.display_name()
            );
            let (start, end) = first_and_last_span(ty);
            let arguments = quote_spanned!(end=> (#message));
            checks.extend(quote_spanned! {start=>
                const _: () = {
                    if <#ty as #private::Extract>::READS_BODY {
                        ::core::panic! #arguments;
                    }
                };
            });
        }
    }
    checks
}

/// A description of the statuses that reach `variant` if they are all no-body statuses
/// (1xx, 204, 304); `None` if any of them can carry a body.
fn no_body_statuses(variant: &Variant) -> Option<String> {
    if variant.matchers.is_empty() {
        return None;
    }
    let mut described = Vec::new();
    for matcher in &variant.matchers {
        match matcher.kind {
            MatcherKind::Code(code) if matches!(code, 100..=199 | 204 | 304) => {
                described.push(status::describe(code))
            }
            MatcherKind::Range(first, last) if first >= 100 && last <= 199 => {
                described.push(format!("{first}..={last}"))
            }
            MatcherKind::CatchAll(CatchAll::Informational) => described.push("1xx".to_owned()),
            _ => return None,
        }
    }
    Some(described.join(", "))
}
