//! `#[contract("api.github.com.json", operation = "pulls/list", undocumented = [418],
//! unread_headers = ["etag"])]`: what the attribute is given.

use proc_macro2::TokenStream;
use quote::ToTokens;
use syn::parse::{Parse, ParseStream};
use syn::{LitStr, Token, bracketed};

pub struct Args {
    /// The description's path, relative to the source file that names it.
    pub path: LitStr,
    /// `operationId`, or `METHOD /path`.
    pub operation: LitStr,
    /// The opt-outs, as written, handed to the derive unchanged (it reports what they allow).
    pub opt_outs: Vec<TokenStream>,
}

impl Parse for Args {
    fn parse(input: ParseStream) -> syn::Result<Self> {
        let path: LitStr = input.parse().map_err(|error| {
            syn::Error::new(
                error.span(),
                "expected the description's path first, relative to this file, as in `#[openapi::contract(\"api.github.com.json\", operation = \"pulls/list\")]`",
            )
        })?;
        let mut operation = None;
        let mut opt_outs = Vec::new();
        while !input.is_empty() {
            input.parse::<Token![,]>()?;
            if input.is_empty() {
                break;
            }
            let key: syn::Ident = input.parse()?;
            input.parse::<Token![=]>()?;
            match key.to_string().as_str() {
                "operation" => {
                    if operation.is_some() {
                        return Err(syn::Error::new_spanned(&key, "duplicate `operation`"));
                    }
                    operation = Some(input.parse::<LitStr>()?);
                }
                "undocumented" => {
                    let content;
                    let brackets = bracketed!(content in input);
                    let codes = content.parse_terminated(syn::LitInt::parse, Token![,])?;
                    for code in &codes {
                        match code.base10_parse::<u16>() {
                            Ok(100..=599) => {}
                            _ => {
                                return Err(syn::Error::new_spanned(
                                    code,
                                    "expected a status code 100..=599",
                                ));
                            }
                        }
                    }
                    let mut list = TokenStream::new();
                    brackets.surround(&mut list, |list| codes.to_tokens(list));
                    opt_outs.push(quote::quote!(#key = #list));
                }
                "unread_headers" => {
                    let content;
                    let brackets = bracketed!(content in input);
                    let names = content.parse_terminated(<LitStr as Parse>::parse, Token![,])?;
                    let mut list = TokenStream::new();
                    brackets.surround(&mut list, |list| names.to_tokens(list));
                    opt_outs.push(quote::quote!(#key = #list));
                }
                _ => {
                    return Err(syn::Error::new_spanned(
                        &key,
                        format!(
                            "unknown key `{key}`: expected `operation = \"...\"`, `undocumented = [CODE, ...]` or `unread_headers = [\"name\", ...]`"
                        ),
                    ));
                }
            }
        }
        let operation = operation.ok_or_else(|| {
            syn::Error::new_spanned(
                &path,
                "name the operation: `operation = \"pulls/list\"` (its `operationId`) or `operation = \"GET /repos/{owner}/{repo}/pulls\"`",
            )
        })?;
        Ok(Args {
            path,
            operation,
            opt_outs,
        })
    }
}
