//! The shapes `#[next_page]` and a `Link` field accept.

use response_handler::headers::Link;
use response_handler::{Json, Next, NextPage, PageCursor, RequestContext, ResponseHandler, StatusCode};

/// A `Link` field is followed without a marker.
#[derive(ResponseHandler)]
enum ByLink {
    #[on_success]
    Page(Option<Link>, String),
    #[on_failure]
    Failed(StatusCode),
}

/// A struct, with a bare `Link` and named fields.
#[derive(ResponseHandler)]
struct Named {
    link: Link,
    body: String,
}

/// A cursor from a header.
#[derive(ResponseHandler)]
enum ByHeader {
    #[on_success]
    Page {
        #[header("x-next-cursor")]
        #[next_page(query = "cursor")]
        cursor: Option<String>,
        body: String,
    },
    #[on_failure]
    Failed(StatusCode),
}

#[derive(serde::Deserialize)]
struct List {
    next: Option<u64>,
}

impl PageCursor for List {
    fn cursor(&self) -> Option<String> {
        self.next.map(|next| next.to_string())
    }
}

/// A cursor in the body; the marker wins over the `Link` field.
#[derive(ResponseHandler)]
enum ByBody {
    #[on_success]
    Page(Option<Link>, #[next_page(query = "after")] Json<List>),
}

/// No `Link`, no marker: implemented by hand.
#[derive(ResponseHandler)]
enum ByHand {
    #[on_success]
    Page(String),
}

impl NextPage for ByHand {
    fn next_page(&self, _: &RequestContext) -> Option<Next> {
        None
    }
}

/// A `Link` field, but the next page decided by hand: `manual_next_page` derives no
/// `NextPage`, so the type's own implementation is the one used.
#[derive(ResponseHandler)]
#[response_handler(manual_next_page)]
enum LinkByHand {
    #[on_success]
    Page(Option<Link>, String),
}

impl NextPage for LinkByHand {
    fn next_page(&self, _: &RequestContext) -> Option<Next> {
        // Only the `last` link, never `next`: what no derived implementation would follow.
        let LinkByHand::Page(link, _) = self;
        let last = link.as_ref()?.last()?;
        Some(Next::url(last.target().to_uri()?.to_string()))
    }
}

fn assert_next_page<T: NextPage>() {}

fn main() {
    assert_next_page::<ByLink>();
    assert_next_page::<Named>();
    assert_next_page::<ByHeader>();
    assert_next_page::<ByBody>();
    assert_next_page::<ByHand>();
    assert_next_page::<LinkByHand>();

    let response = http::Response::builder()
        .header(
            "link",
            r#"<https://api.example/items?page=2>; rel="next", <https://api.example/items?page=9>; rel="last""#,
        )
        .body(String::new())
        .unwrap();
    let request = RequestContext::from_uri("https://api.example/items".parse().unwrap());
    let page = LinkByHand::from_response(response).unwrap();
    match page.next_page(&request) {
        Some(Next::Url(url)) => assert_eq!(url, "https://api.example/items?page=9"),
        _ => panic!("the hand-written next page"),
    }
}
