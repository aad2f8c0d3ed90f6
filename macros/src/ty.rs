//! Questions about field types and the tokens that name them, shared by every expansion.

use proc_macro2::{Delimiter, Group, Ident, Punct, Spacing, Span, TokenStream};
use quote::{ToTokens, TokenStreamExt};
use syn::{GenericArgument, PathArguments, Type};

use crate::private::{Private, path_separator};

/// `ty` without the invisible groups a `macro_rules!` `$ty:ty` wraps it in (serde's `ungroup`).
pub fn ungroup(mut ty: &Type) -> &Type {
    while let Type::Group(group) = ty {
        ty = &group.elem;
    }
    ty
}

/// `T` of an `Option<T>` written as such (`Option`, `core::option::Option`, `std::option::Option`).
pub fn option_inner(ty: &Type) -> Option<&Type> {
    let Type::Path(path) = ungroup(ty) else {
        return None;
    };
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

/// The spans of the first and last tokens of `tokens`. Stable Rust cannot join two spans, but
/// rustc joins them itself when they start and end one expression.
///
/// A path type (`Json<Body>`, `::std::string::String`) and a reference to one are read from
/// syn's tree; any other type from its tokens, which costs a round trip to the compiler.
pub fn first_and_last_span(ty: &Type) -> (Span, Span) {
    match path_spans(ty) {
        Some(spans) => spans,
        None => token_spans(ty),
    }
}

/// The spans of the first and last tokens of a path type without `qself`, or of a reference to
/// one; `None` for any other type.
fn path_spans(ty: &Type) -> Option<(Span, Span)> {
    match ty {
        Type::Path(path) if path.qself.is_none() => {
            let segments = &path.path.segments;
            let first = segments.first()?;
            let start = match &path.path.leading_colon {
                Some(colon) => colon.spans[0],
                None => first.ident.span(),
            };
            let last = segments.last()?;
            let end = match &last.arguments {
                PathArguments::None => last.ident.span(),
                PathArguments::AngleBracketed(arguments) => arguments.gt_token.span,
                PathArguments::Parenthesized(_) => return None,
            };
            Some((start, end))
        }
        Type::Reference(reference) => {
            let (_, end) = path_spans(&reference.elem)?;
            Some((reference.and_token.span, end))
        }
        _ => None,
    }
}

fn token_spans(tokens: &impl ToTokens) -> (Span, Span) {
    let mut tokens = tokens.to_token_stream().into_iter();
    let start = tokens
        .next()
        .map_or_else(Span::call_site, |token| token.span());
    let end = tokens.last().map_or(start, |token| token.span());
    (start, end)
}

/// `<ty as ::response_handler::__private::Extract>`, spanned from the first to the last token of
/// `ty` (`spans`, from [`first_and_last_span`]). Every expansion that names a field's `Extract`
/// impl uses these very tokens: for a type that is no extractor, rustc then reports one error on
/// the field, not one per use.
pub fn as_extract<'a>(private: &'a Private, ty: &'a Type, spans: (Span, Span)) -> AsExtract<'a> {
    AsExtract { private, ty, spans }
}

/// What [`as_extract`] returns: appended token by token where it is interpolated, as
/// `PrivateAt` (a `TokenStream` spliced in costs round trips to the compiler; the derive names
/// a field's `Extract` impl several times per field).
#[derive(Clone, Copy)]
pub struct AsExtract<'a> {
    private: &'a Private,
    ty: &'a Type,
    spans: (Span, Span),
}

impl ToTokens for AsExtract<'_> {
    fn to_tokens(&self, tokens: &mut TokenStream) {
        let (start, end) = self.spans;
        tokens.append(punct('<', start));
        self.ty.to_tokens(tokens);
        tokens.append(Ident::new("as", start));
        self.private.spanned(start).to_tokens(tokens);
        path_separator(tokens, start);
        tokens.append(Ident::new("Extract", start));
        tokens.append(punct('>', end));
    }
}

impl<'a> AsExtract<'a> {
    /// `<T as Extract>::method(argument)`, spanned on the field's type, as `quote_spanned!`
    /// writes it, but appended token by token where it is interpolated.
    pub fn call(self, method: &'static str, argument: &'static str) -> ExtractCall<'a> {
        ExtractCall {
            target: self,
            method,
            argument,
        }
    }

    /// `<T as Extract>::NAME`, an associated constant (`__BODY`, `__CLAIMS`), its path after
    /// the type at the call site (as `quote!` writes `#as_extract::NAME`), appended token by
    /// token where it is interpolated.
    pub fn constant(self, name: &'static str) -> ExtractConst<'a> {
        ExtractConst { target: self, name }
    }
}

/// What [`AsExtract::constant`] returns.
#[derive(Clone, Copy)]
pub struct ExtractConst<'a> {
    target: AsExtract<'a>,
    name: &'static str,
}

impl ToTokens for ExtractConst<'_> {
    fn to_tokens(&self, tokens: &mut TokenStream) {
        self.target.to_tokens(tokens);
        path_separator(tokens, Span::call_site());
        tokens.append(Ident::new(self.name, Span::call_site()));
    }
}

/// What [`AsExtract::call`] returns.
#[derive(Clone, Copy)]
pub struct ExtractCall<'a> {
    target: AsExtract<'a>,
    method: &'static str,
    argument: &'static str,
}

impl ToTokens for ExtractCall<'_> {
    fn to_tokens(&self, tokens: &mut TokenStream) {
        let (start, _) = self.target.spans;
        self.target.to_tokens(tokens);
        path_separator(tokens, start);
        tokens.append(Ident::new(self.method, start));
        let argument = Ident::new(self.argument, start).into_token_stream();
        let mut arguments = Group::new(Delimiter::Parenthesis, argument);
        arguments.set_span(start);
        tokens.append(arguments);
    }
}

/// A text that is equal for two types exactly when they are written alike: for a path type
/// (`Json<Body>`, `Option<u64>`), its segments' names and type arguments, read from the
/// identifiers (no round trip to the compiler); for any other type, its tokens' text.
pub fn type_key(ty: &Type) -> String {
    let mut key = String::new();
    write_type_key(ungroup(ty), &mut key);
    key
}

fn write_type_key(ty: &Type, key: &mut String) {
    let Type::Path(path) = ty else {
        key.push_str(&ty.to_token_stream().to_string());
        return;
    };
    if path.qself.is_some() {
        key.push_str(&ty.to_token_stream().to_string());
        return;
    }
    if path.path.leading_colon.is_some() {
        key.push_str("::");
    }
    for (index, segment) in path.path.segments.iter().enumerate() {
        if index > 0 {
            key.push_str("::");
        }
        key.push_str(&segment.ident.to_string());
        match &segment.arguments {
            PathArguments::None => {}
            PathArguments::AngleBracketed(arguments) => {
                key.push('<');
                for argument in &arguments.args {
                    match argument {
                        GenericArgument::Type(inner) => write_type_key(ungroup(inner), key),
                        other => key.push_str(&other.to_token_stream().to_string()),
                    }
                    key.push(',');
                }
                key.push('>');
            }
            PathArguments::Parenthesized(_) => {
                key.push_str(&segment.arguments.to_token_stream().to_string());
            }
        }
    }
}

/// A one-character `Punct` at `span`, as `quote_spanned!` writes it.
pub fn punct(ch: char, span: Span) -> Punct {
    let mut punct = Punct::new(ch, Spacing::Alone);
    punct.set_span(span);
    punct
}

#[cfg(test)]
mod tests {
    use proc_macro2::{Delimiter, Group};
    use quote::quote;
    use syn::parse_quote;

    use super::*;

    /// `option_inner`'s answer as text (syn's types compare only with its `extra-traits`).
    fn inner(ty: &Type) -> Option<String> {
        option_inner(ty).map(|inner| inner.to_token_stream().to_string())
    }

    #[test]
    fn type_keys_are_equal_for_types_written_alike() {
        let key = |ty: Type| type_key(&ty);
        assert_eq!(key(parse_quote!(Json<Body>)), key(parse_quote!(Json<Body>)));
        assert_ne!(
            key(parse_quote!(Json<Body>)),
            key(parse_quote!(Json<Other>))
        );
        assert_ne!(key(parse_quote!(a::T)), key(parse_quote!(b::T)));
        assert_ne!(key(parse_quote!(T<A, B>)), key(parse_quote!(T<AB>)));
        assert_ne!(key(parse_quote!(::x::T)), key(parse_quote!(x::T)));
        assert_eq!(key(parse_quote!([u8; 4])), key(parse_quote!([u8; 4])));
        assert_ne!(key(parse_quote!([u8; 4])), key(parse_quote!([u8; 5])));
        assert_ne!(
            key(parse_quote!(Vec<[u8; 4]>)),
            key(parse_quote!(Vec<[u8; 5]>))
        );
    }

    #[test]
    fn option_inner_sees_through_paths_and_groups() {
        let option: Type = parse_quote!(::core::option::Option<u64>);
        assert_eq!(inner(&option).as_deref(), Some("u64"));
        // What a `macro_rules!` `$ty:ty` hands over: the type in an invisible group.
        let group = Group::new(Delimiter::None, quote!(Option<u64>));
        let grouped: Type = syn::parse2(group.into_token_stream()).unwrap();
        assert!(matches!(grouped, Type::Group(_)));
        assert_eq!(inner(&grouped).as_deref(), Some("u64"));
        assert_eq!(inner(&parse_quote!(Vec<u64>)), None);
        assert_eq!(inner(&parse_quote!(Option<u64, u8>)), None);
    }
}
