//! The derive's own view of its input: variants with their matchers, fields with their
//! attributes. Built from `syn` once, reporting attribute errors to the `Ctxt` as it goes.

use quote::ToTokens;
use syn::ext::IdentExt;
use syn::{Attribute, Data, DeriveInput, Fields, Ident, Member, Type};

use crate::attr::{self, CatchAll, HandlerConfig, HeaderAttr, Matcher, MatcherKind};
use crate::ctxt::Ctxt;

pub struct Input<'a> {
    pub original: &'a DeriveInput,
    pub shape: Shape<'a>,
    /// `Some` for a handler struct (`#[handler(output = ...)]`): its matchers name methods to
    /// call, and its fields are state, not read from the response.
    pub handler: Option<HandlerConfig>,
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
    /// Whether the source has any handler attribute, valid or not: a variant whose only
    /// `#[on(...)]` is malformed already has an error, and must not get "handles no status" too.
    pub declares_handler: bool,
    pub fields: Vec<Field<'a>>,
    pub style: Style,
}

#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Style {
    Unit,
    Fields,
}

pub struct Field<'a> {
    pub member: Member,
    pub ty: &'a Type,
    pub header: Option<HeaderAttr>,
}

impl<'a> Input<'a> {
    pub fn from_syn(cx: &Ctxt, input: &'a DeriveInput) -> Option<Self> {
        let mut handler = None;
        let shape = match &input.data {
            Data::Enum(data) => {
                attr::reject_attrs_on_enum(cx, &input.attrs);
                attr::reject_handler_on_enum(cx, &input.attrs);
                let variants = data
                    .variants
                    .iter()
                    .map(|variant| {
                        Variant::from_fields(
                            cx,
                            &variant.ident,
                            Some(variant.ident.unraw().to_string()),
                            &variant.attrs,
                            attr::matchers(cx, &variant.attrs),
                            &variant.fields,
                        )
                    })
                    .collect();
                Shape::Enum(variants)
            }
            Data::Struct(data) => {
                let mut matchers = attr::matchers(cx, &input.attrs);
                handler = attr::handler_config(cx, &input.attrs);
                if handler.is_some() {
                    for field in &data.fields {
                        attr::reject_attrs_on_handler_field(cx, &field.attrs);
                    }
                    let variant = Variant {
                        ident: &input.ident,
                        variant_name: None,
                        declares_handler: attr::declares_handler(&input.attrs),
                        matchers,
                        fields: Vec::new(),
                        style: Style::Unit,
                    };
                    return Some(Input {
                        original: input,
                        shape: Shape::Struct(variant),
                        handler,
                    });
                }
                if !attr::declares_handler(&input.attrs) {
                    // A struct is "the expected outcome": by default, any success.
                    matchers.push(Matcher {
                        kind: MatcherKind::CatchAll(CatchAll::Success),
                        tokens: input.ident.to_token_stream(),
                        call: None,
                    });
                }
                Shape::Struct(Variant::from_fields(
                    cx,
                    &input.ident,
                    None,
                    &input.attrs,
                    matchers,
                    &data.fields,
                ))
            }
            Data::Union(data) => {
                cx.error_spanned_by(
                    data.union_token,
                    "`ResponseHandler` cannot be derived for a union: use an enum, one variant per outcome",
                );
                return None;
            }
        };
        Some(Input {
            original: input,
            shape,
            handler,
        })
    }

    pub fn variants(&self) -> &[Variant<'a>] {
        match &self.shape {
            Shape::Enum(variants) => variants,
            Shape::Struct(variant) => core::slice::from_ref(variant),
        }
    }
}

impl<'a> Variant<'a> {
    fn from_fields(
        cx: &Ctxt,
        ident: &'a Ident,
        variant_name: Option<String>,
        attrs: &[Attribute],
        matchers: Vec<Matcher>,
        fields: &'a Fields,
    ) -> Self {
        // A struct without handler attributes got its default `#[on_success]` above.
        let declares_handler = attr::declares_handler(attrs) || !matchers.is_empty();
        let style = match fields {
            Fields::Unit => Style::Unit,
            Fields::Named(_) | Fields::Unnamed(_) => Style::Fields,
        };
        let fields = fields
            .iter()
            .zip(fields.members())
            .map(|(field, member)| Field {
                member,
                ty: &field.ty,
                header: attr::field_header(cx, &field.attrs),
            })
            .collect();
        Variant {
            ident,
            variant_name,
            matchers,
            declares_handler,
            fields,
            style,
        }
    }
}

impl Field<'_> {
    /// The field's name as users read it: `user` (`type` for `r#type`), or `0` for a tuple
    /// field.
    pub fn display_name(&self) -> String {
        match &self.member {
            Member::Named(ident) => ident.unraw().to_string(),
            Member::Unnamed(index) => index.index.to_string(),
        }
    }
}
