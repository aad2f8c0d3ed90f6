//! `#[openapi::contract]`, the attribute that holds a derived outcome type against the
//! operation an OpenAPI description declares. Use it through `response_handler::openapi`
//! (feature `openapi`).
//!
//! The attribute reads the description (once per compilation: `load.rs`), finds the operation,
//! and hands its facts to `#[derive(ResponseHandler)]` as a hidden helper attribute; the derive,
//! which understands its own `#[on]` attributes, does the check and reports the errors.
#![forbid(unsafe_code)]

mod args;
mod facts;
mod load;

use std::path::PathBuf;

use proc_macro::TokenStream;
use quote::{quote, quote_spanned};
use syn::{DeriveInput, LitStr, parse_macro_input};

use crate::args::Args;

/// Checks the derived outcome type below it against an operation of an OpenAPI 3.0 or 3.1
/// description (JSON or YAML). See `response_handler::openapi::contract` for the checks.
#[proc_macro_attribute]
pub fn contract(args: TokenStream, item: TokenStream) -> TokenStream {
    let args = parse_macro_input!(args as Args);
    let mut input = parse_macro_input!(item as DeriveInput);
    match expand(&args, &mut input) {
        Ok(include) => quote!(#include #input).into(),
        Err(error) => {
            let error = error.to_compile_error();
            quote!(#error #input).into()
        }
    }
}

/// Adds the hidden attribute to `input`; returns the `include_bytes!` to emit beside it (on
/// the first use of the file in this compilation).
fn expand(args: &Args, input: &mut DeriveInput) -> syn::Result<proc_macro2::TokenStream> {
    if !derives_response_handler(input) {
        return Err(syn::Error::new_spanned(
            &input.ident,
            "`#[openapi::contract]` checks a derived outcome type: put it above `#[derive(ResponseHandler)]`",
        ));
    }
    let path = resolve(&args.path)?;
    let description =
        load::description(&path).map_err(|message| syn::Error::new(args.path.span(), message))?;
    let operation = description
        .operation(&args.operation.value())
        .map_err(|error| syn::Error::new(args.operation.span(), error.to_string()))?;
    let facts = LitStr::new(&facts::encode(operation), args.operation.span());
    let operation_name = &args.operation;
    let file = &args.path;
    let opt_outs = &args.opt_outs;
    input.attrs.push(syn::parse_quote_spanned! {args.operation.span()=>
        #[__response_handler_contract(file = #file, operation = #operation_name, responses = #facts #(, #opt_outs)*)]
    });
    if !load::first_use(&path) {
        return Ok(proc_macro2::TokenStream::new());
    }
    let absolute = LitStr::new(&path.to_string_lossy(), args.path.span());
    Ok(quote_spanned! {args.path.span()=>
        // The crate depends on the description: cargo rebuilds it when the file changes.
        // `.len()`: the bytes are read (and tracked) but never become a constant's value,
        // which costs rustc twice the time of parsing the description (BENCHMARKS.md).
        const _: ::core::primitive::usize = ::core::include_bytes!(#absolute).len();
    })
}

/// The path relative to the source file that names it, as `include_bytes!` resolves it.
fn resolve(path: &LitStr) -> syn::Result<PathBuf> {
    let file = path.span().unwrap().local_file().ok_or_else(|| {
        syn::Error::new(
            path.span(),
            "cannot tell which source file names this description: write the attribute in a source file, not in generated tokens",
        )
    })?;
    let relative = PathBuf::from(path.value());
    let joined = match file.parent() {
        Some(directory) => directory.join(relative),
        None => relative,
    };
    // Absolute: `include_bytes!` would resolve a relative path against another file.
    std::path::absolute(&joined)
        .map_err(|error| syn::Error::new(path.span(), format!("`{}`: {error}", joined.display())))
}

fn derives_response_handler(input: &DeriveInput) -> bool {
    input.attrs.iter().any(|attr| {
        attr.path().is_ident("derive")
            && attr
                .meta
                .require_list()
                .is_ok_and(|list| list.tokens.to_string().contains("ResponseHandler"))
    })
}
