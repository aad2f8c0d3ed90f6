//! Traits the generated code declares for itself, inside the method that uses them, so that a
//! mistake rustc alone would explain badly gets a `#[diagnostic::on_unimplemented]` message that
//! says what to do. They live in the generated code rather than in the runtime so that no error
//! names a path of the runtime's hidden `__private` module: rustc prints a local trait by its
//! bare name.

use proc_macro2::{Ident, Span, TokenStream};
use quote::quote_spanned;

/// `Self::method(self, argument)`, where `argument` is of type `expected` and `method` must
/// take it: a method whose parameter is another type fails on a local `IntoParameter` trait
/// with `message` (`{P}` is the type the method takes), spanned on `span`. The method's
/// parameter type is read from the method first (`parameter_of`), so that a generic method
/// (`fn any<R: Into<BufferedResponse>>(&mut self, response: R)`) still infers it as `expected`.
pub fn call_taking(
    method: &Ident,
    argument: &Ident,
    expected: &TokenStream,
    message: &str,
    label: &str,
    span: Span,
) -> TokenStream {
    call_taking_in(method, argument, expected, message, label, span, false)
}

/// `call_taking` for an async handler: the call, awaited. A method that is not an `async fn`
/// returning the output fails on a local `AsyncMethod` trait whose message says so, at `span`.
pub fn async_call_taking(
    method: &Ident,
    argument: &Ident,
    expected: &TokenStream,
    message: &str,
    label: &str,
    span: Span,
) -> TokenStream {
    let call = call_taking_in(method, argument, expected, message, label, span, true);
    let not_async = format!(
        "`{method}` is a method of an async handler (`#[handler(..., async)]`): it must be an `async fn` returning the handler's output, not `{{Self}}`"
    );
    let note = format!(
        "write `async fn {method}(&mut self, ...) -> Output`, or remove `async` from `#[handler(...)]` to make the handler synchronous"
    );
    quote_spanned! {span=> {
        #[diagnostic::on_unimplemented(message = #not_async, label = "not an `async fn` returning the output", note = #note)]
        trait AsyncMethod<O>: ::core::future::Future<Output = O> {}

        #[diagnostic::do_not_recommend]
        impl<O, F: ::core::future::Future<Output = O>> AsyncMethod<O> for F {}

        #[inline(always)]
        fn async_method<O, F: AsyncMethod<O>>(future: F) -> impl ::core::future::Future<Output = O> {
            future
        }

        async_method::<Self::Output, _>(#call).await
    }}
}

fn call_taking_in(
    method: &Ident,
    argument: &Ident,
    expected: &TokenStream,
    message: &str,
    label: &str,
    span: Span,
    asyncness: bool,
) -> TokenStream {
    // The argument carries the span too: rustc puts the error on it.
    let argument = Ident::new(&argument.to_string(), span);
    let call = quote_spanned! {span=>
        __method(self, IntoParameter::into_parameter(#argument, __parameter))
    };
    // An `async fn`'s future borrows `self`: its output names the borrow's lifetime, which a
    // higher-ranked `FnOnce(&mut H, P) -> O` cannot; one named lifetime can.
    let parameter_of = if asyncness {
        quote_spanned! {span=>
            #[inline(always)]
            fn parameter_of<'h, H: ?::core::marker::Sized + 'h, O, P>(
                _: &impl ::core::ops::FnOnce(&'h mut H, P) -> O,
            ) -> ::core::marker::PhantomData<P> {
                ::core::marker::PhantomData
            }
        }
    } else {
        quote_spanned! {span=>
            #[inline(always)]
            fn parameter_of<H: ?::core::marker::Sized, O, P>(
                _: &impl ::core::ops::FnOnce(&mut H, P) -> O,
            ) -> ::core::marker::PhantomData<P> {
                ::core::marker::PhantomData
            }
        }
    };
    // The trait and its impl carry the span as well: rustc's note on the impl then points at
    // the user's tokens, not at the derive.
    quote_spanned! {span=> {
        #[diagnostic::on_unimplemented(message = #message, label = #label)]
        trait IntoParameter<P> {
            fn into_parameter(self, parameter: ::core::marker::PhantomData<P>) -> P;
        }

        #[diagnostic::do_not_recommend]
        impl IntoParameter<#expected> for #expected {
            #[inline(always)]
            fn into_parameter(self, _: ::core::marker::PhantomData<Self>) -> Self {
                self
            }
        }

        #parameter_of

        let __method = Self::#method;
        let __parameter = parameter_of(&__method);
        #call
    }}
}
