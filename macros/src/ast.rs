//! The derive's own view of its input: variants with their matchers, fields with their
//! attributes. Built from `syn` once, reporting attribute errors to the `Ctxt` as it goes.

use proc_macro2::{Span, TokenStream};
use quote::ToTokens;
use syn::ext::IdentExt;
use syn::{Data, DeriveInput, Fields, Ident, Member, Type};

use crate::attr::{self, HandlerConfig, HeaderAttr};
use crate::ctxt::Ctxt;
use crate::matcher::{CatchAll, Matcher, MatcherKind};
use crate::next_page::NextPageAttr;
use crate::private::Private;
use crate::ty;

pub struct Input<'a> {
    pub original: &'a DeriveInput,
    pub shape: Shape<'a>,
    /// `Some` for a handler struct (`#[handler(output = ...)]`): its matchers name methods to
    /// call, and its fields are state, not read from the response.
    pub handler: Option<HandlerConfig>,
    /// The path generated code reaches the runtime through (`#[response_handler(crate = ...)]`).
    pub private: Private,
    /// `#[response_handler(manual_next_page)]`: no `NextPage` from the `Link` fields.
    pub manual_next_page: Option<TokenStream>,
}

pub enum Shape<'a> {
    Enum(Vec<Variant<'a>>),
    /// A struct is one "variant": its container attributes say which statuses build it.
    Struct(Variant<'a>),
}

pub struct Variant<'a> {
    /// The variant's name; for a struct, the struct's.
    pub ident: &'a Ident,
    /// `None` for a struct. Without the `r#` of a raw identifier: this is the name users read.
    pub variant_name: Option<String>,
    pub matchers: Vec<Matcher>,
    /// Whether the source has any status attribute, valid or not (see `attr::Variant`).
    pub has_status_attr: bool,
    pub fields: Vec<Field<'a>>,
    pub style: Style,
    pub retry: Option<attr::Retry>,
}

#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Style {
    Unit,
    Fields,
}

pub struct Field<'a> {
    pub member: Member,
    pub ty: &'a Type,
    /// The spans of the first and last tokens of `ty` (`ty::first_and_last_span`), which every
    /// check and read of the field is spanned with: found once (each search is a round trip to
    /// the compiler).
    pub ty_spans: (Span, Span),
    pub header: Option<HeaderAttr>,
    /// `#[next_page]`: the field names the next page.
    pub next_page: Option<NextPageAttr>,
}

impl<'a> Input<'a> {
    /// The input, or the error that it cannot be derived for at all (a union); attribute errors
    /// go to `cx`.
    pub fn from_syn(cx: &Ctxt, input: &'a DeriveInput) -> syn::Result<Self> {
        let private;
        let manual_next_page;
        let shape = match &input.data {
            Data::Enum(data) => {
                let container = attr::Container::from_ast(cx, input);
                private = container.private;
                manual_next_page = container.manual_next_page;
                let variants = data
                    .variants
                    .iter()
                    .map(|variant| {
                        let attrs = attr::Variant::from_ast(cx, variant);
                        let mut parsed = Variant::from_fields(
                            cx,
                            &variant.ident,
                            Some(variant.ident.unraw().to_string()),
                            attrs.matchers,
                            attrs.has_status_attr,
                            &variant.fields,
                            false,
                        );
                        parsed.retry = attrs.retry;
                        parsed
                    })
                    .collect();
                Shape::Enum(variants)
            }
            Data::Struct(data) => {
                let container = attr::Container::from_ast(cx, input);
                let mut matchers = container.matchers;
                let mut has_status_attr = container.has_status_attr;
                if container.handler.is_none() && !has_status_attr {
                    // A struct is "the expected outcome": by default, any success.
                    matchers.push(Matcher {
                        kind: MatcherKind::CatchAll(CatchAll::Success),
                        tokens: input.ident.to_token_stream(),
                        call: None,
                    });
                    has_status_attr = true;
                }
                let mut variant = Variant::from_fields(
                    cx,
                    &input.ident,
                    None,
                    matchers,
                    has_status_attr,
                    &data.fields,
                    container.handler.is_some(),
                );
                variant.retry = container.retry;
                return Ok(Input {
                    original: input,
                    shape: Shape::Struct(variant),
                    handler: container.handler,
                    private: container.private.unwrap_or_default(),
                    manual_next_page: container.manual_next_page,
                });
            }
            Data::Union(data) => {
                return Err(syn::Error::new_spanned(
                    data.union_token,
                    "`ResponseHandler` cannot be derived for a union: use an enum, one variant per outcome",
                ));
            }
        };
        Ok(Input {
            original: input,
            shape,
            handler: None,
            // `None` only after an error was reported: the input is then never expanded.
            private: private.unwrap_or_default(),
            manual_next_page,
        })
    }

    pub fn variants(&self) -> &[Variant<'a>] {
        match &self.shape {
            Shape::Enum(variants) => variants,
            Shape::Struct(variant) => core::slice::from_ref(variant),
        }
    }

    /// Every matcher, with the variant that declares it, in source order.
    pub fn matchers(&self) -> impl Iterator<Item = (&Variant<'a>, &Matcher)> {
        matchers(self.variants())
    }
}

/// Every matcher of `variants`, with the variant that declares it, in source order.
pub fn matchers<'v, 'a>(
    variants: &'v [Variant<'a>],
) -> impl Iterator<Item = (&'v Variant<'a>, &'v Matcher)> + Clone {
    variants.iter().flat_map(|variant| {
        variant
            .matchers
            .iter()
            .map(move |matcher| (variant, matcher))
    })
}

impl<'a> Variant<'a> {
    /// `in_handler`: the fields are a handler's state, which the expansion never reads.
    fn from_fields(
        cx: &Ctxt,
        ident: &'a Ident,
        variant_name: Option<String>,
        matchers: Vec<Matcher>,
        has_status_attr: bool,
        fields: &'a Fields,
        in_handler: bool,
    ) -> Self {
        let style = match fields {
            Fields::Unit => Style::Unit,
            Fields::Named(_) | Fields::Unnamed(_) => Style::Fields,
        };
        let mut read = Vec::new();
        for (field, member) in fields.iter().zip(fields.members()) {
            let attrs = attr::Field::from_ast(cx, field, in_handler);
            if !in_handler {
                read.push(Field {
                    member,
                    ty: &field.ty,
                    ty_spans: ty::first_and_last_span(&field.ty),
                    header: attrs.header,
                    next_page: attrs.next_page,
                });
            }
        }
        Variant {
            ident,
            variant_name,
            matchers,
            has_status_attr,
            fields: read,
            style: if in_handler { Style::Unit } else { style },
            retry: None,
        }
    }

    /// The name users read: the variant's, or the struct's, without `r#`.
    pub fn name(&self) -> String {
        self.ident.unraw().to_string()
    }

    /// The pattern that binds every field of the variant by reference, `__field0`, ... in
    /// order: `Self::Busy { 0: __field0 }` (the brace form fits tuple and named fields alike).
    pub fn pattern(&self, path: &TokenStream) -> TokenStream {
        if self.style == Style::Unit {
            return path.clone();
        }
        let members = self.fields.iter().map(|field| &field.member);
        let bindings = (0..self.fields.len()).map(|index| quote::format_ident!("__field{index}"));
        quote::quote!(#path { #(#members: #bindings),* })
    }
}

impl Field<'_> {
    /// `<ty as Extract>` for this field's type ([`ty::as_extract`]).
    pub fn as_extract<'b>(&'b self, private: &'b Private) -> ty::AsExtract<'b> {
        ty::as_extract(private, self.ty, self.ty_spans)
    }

    /// The field's name as users read it: `user` (`type` for `r#type`), or `0` for a tuple
    /// field.
    pub fn display_name(&self) -> String {
        match &self.member {
            Member::Named(ident) => ident.unraw().to_string(),
            Member::Unnamed(index) => index.index.to_string(),
        }
    }
}
