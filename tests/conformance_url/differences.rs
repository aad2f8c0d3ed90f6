//! The inputs of `urltestdata.json` on which `Location` deliberately disagrees with the standard
//! about whether there is a target: (input, base, reason). CONFORMANCE.md explains each reason.

/// Browsers resolve it; here it is no URI reference even read leniently (a `%` without two hex
/// digits, a space or `:` where RFC 3986 allows none, a broken IP literal or port...), so an
/// error: no target, never a wrong host.
const LENIENT_ERROR: &str = "error here, browsers resolve";
/// Browsers reject it (a host that fails IDNA or holds a forbidden code point); `resolved()`
/// gives the text, `same_origin()` is not `Some(true)` and `to_uri()` refuses it.
const NET_ACCEPT: &str = "browsers reject the host; resolved() keeps the text, to_uri() refuses";
/// Browsers reject it; a scheme without a network origin (`file`, `sc`, `non-special`...) is
/// read per RFC 3986: no origin to share, `same_origin()` is `Some(false)`.
const OTHER_SCHEME: &str = "no network origin: read per RFC 3986";
/// Browsers resolve it; here the value parses but has no target (a relative value whose
/// resolution RFC 3986 cannot do against that base).
const NO_TARGET: &str = "no target here, browsers resolve";

pub const DIFFERENCES: &[(&str, Option<&str>, &str)] = &[
    (
        "\u{9}   :foo.com   \u{a}",
        Some("http://example.org/foo/bar"),
        LENIENT_ERROR,
    ),
    (
        "non-special://f:999999/c",
        Some("http://example.org/foo/bar"),
        OTHER_SCHEME,
    ),
    (
        ":foo.com/",
        Some("http://example.org/foo/bar"),
        LENIENT_ERROR,
    ),
    (
        ":foo.com\\",
        Some("http://example.org/foo/bar"),
        LENIENT_ERROR,
    ),
    (":", Some("http://example.org/foo/bar"), LENIENT_ERROR),
    (":a", Some("http://example.org/foo/bar"), LENIENT_ERROR),
    (":/", Some("http://example.org/foo/bar"), LENIENT_ERROR),
    (":\\", Some("http://example.org/foo/bar"), LENIENT_ERROR),
    (":#", Some("http://example.org/foo/bar"), LENIENT_ERROR),
    (":23", Some("http://example.org/foo/bar"), LENIENT_ERROR),
    ("::", Some("http://example.org/foo/bar"), LENIENT_ERROR),
    ("::23", Some("http://example.org/foo/bar"), LENIENT_ERROR),
    (
        "http://foo/path;a??e#f#g",
        Some("http://example.org/foo/bar"),
        LENIENT_ERROR,
    ),
    (
        "[61:24:74]:98",
        Some("http://example.org/foo/bar"),
        LENIENT_ERROR,
    ),
    (
        "http:[61:27]/:foo",
        Some("http://example.org/foo/bar"),
        LENIENT_ERROR,
    ),
    ("file://example:1/", None, OTHER_SCHEME),
    ("http://example.com/foo/%2e%2", None, LENIENT_ERROR),
    ("http://example.com/foo%", None, LENIENT_ERROR),
    ("http://example.com/foo%2", None, LENIENT_ERROR),
    ("http://example.com/foo%2zbar", None, LENIENT_ERROR),
    (
        "http://example.com/foo%2\u{c2}\u{a9}zbar",
        None,
        LENIENT_ERROR,
    ),
    (
        "http://GOO\u{a0}\u{3000}goo.com",
        Some("http://other.com/"),
        NET_ACCEPT,
    ),
    (
        "http://\u{fdd0}zyx.com",
        Some("http://other.com/"),
        NET_ACCEPT,
    ),
    (
        "http://%ef%b7%90zyx.com",
        Some("http://other.com/"),
        NET_ACCEPT,
    ),
    ("https://\u{fffd}", None, NET_ACCEPT),
    ("https://%EF%BF%BD", None, NET_ACCEPT),
    ("http://a.b.c.xn--pokxncvks", None, NET_ACCEPT),
    ("http://10.0.0.xn--pokxncvks", None, NET_ACCEPT),
    ("http://a.b.c.XN--pokxncvks", None, NET_ACCEPT),
    ("http://a.b.c.Xn--pokxncvks", None, NET_ACCEPT),
    ("http://10.0.0.XN--pokxncvks", None, NET_ACCEPT),
    ("http://10.0.0.xN--pokxncvks", None, NET_ACCEPT),
    (
        "http://\u{ff05}\u{ff14}\u{ff11}.com",
        Some("http://other.com/"),
        NET_ACCEPT,
    ),
    (
        "http://%ef%bc%85%ef%bc%94%ef%bc%91.com",
        Some("http://other.com/"),
        NET_ACCEPT,
    ),
    (
        "http://\u{ff05}\u{ff10}\u{ff10}.com",
        Some("http://other.com/"),
        NET_ACCEPT,
    ),
    (
        "http://%ef%bc%85%ef%bc%90%ef%bc%90.com",
        Some("http://other.com/"),
        NET_ACCEPT,
    ),
    ("#", Some("test:test"), NO_TARGET),
    ("#x", Some("mailto:x@x.com"), NO_TARGET),
    ("#x", Some("data:,"), NO_TARGET),
    ("#x", Some("about:blank"), NO_TARGET),
    ("#x:y", Some("about:blank"), NO_TARGET),
    ("#i", Some("sc:sd"), NO_TARGET),
    ("sc://%/", None, LENIENT_ERROR),
    ("sc://@/", None, OTHER_SCHEME),
    ("sc://:/", None, OTHER_SCHEME),
    ("sc://:12/", None, OTHER_SCHEME),
    ("wow:%NBD", None, LENIENT_ERROR),
    ("wow:%1G", None, LENIENT_ERROR),
    ("sc://a\u{0}b/", None, OTHER_SCHEME),
    ("sc://a b/", None, OTHER_SCHEME),
    ("sc://a<b", None, OTHER_SCHEME),
    ("sc://a>b", None, OTHER_SCHEME),
    ("sc://a\\b/", None, OTHER_SCHEME),
    ("sc://a^b", None, OTHER_SCHEME),
    ("sc://a|b/", None, OTHER_SCHEME),
    (
        "sc://\u{1}\u{2}\u{3}\u{4}\u{5}\u{6}\u{7}\u{8}\u{b}\u{c}\u{e}\u{f}\u{10}\u{11}\u{12}\u{13}\u{14}\u{15}\u{16}\u{17}\u{18}\u{19}\u{1a}\u{1b}\u{1c}\u{1d}\u{1e}\u{1f}\u{7f}!\"$%&'()*+,-.;=_`{}~/",
        None,
        LENIENT_ERROR,
    ),
    ("file://%43%3A", None, OTHER_SCHEME),
    ("file://%43%7C", None, OTHER_SCHEME),
    ("file://%43|", None, OTHER_SCHEME),
    ("file://C%7C", None, OTHER_SCHEME),
    ("file://%43%7C/", None, OTHER_SCHEME),
    ("asdf://%43|/", None, OTHER_SCHEME),
    ("file:/.//p", None, NO_TARGET),
    ("non-spec:/.//", None, NO_TARGET),
    ("non-spec:/..//", None, NO_TARGET),
    ("non-spec:/a/..//", None, NO_TARGET),
    ("non-spec:/.//path", None, NO_TARGET),
    ("non-spec:/..//path", None, NO_TARGET),
    ("non-spec:/a/..//path", None, NO_TARGET),
    ("http://example.org/test?%GH", None, LENIENT_ERROR),
    ("http://example.org/test?a#%GH", None, LENIENT_ERROR),
    ("file://\u{ad}/p", None, OTHER_SCHEME),
    ("file://%C2%AD/p", None, OTHER_SCHEME),
    ("file://xn--/p", None, OTHER_SCHEME),
    (
        "non-special:cannot-be-a-base-url-!\"$%&'()*+,-.;<=>@[\\]^_`{|}~@/",
        None,
        LENIENT_ERROR,
    ),
    (
        "foo:// !\"$%&'()*+,-.;<=>@[\\]^_`{|}~@host/",
        None,
        LENIENT_ERROR,
    ),
    (
        "wss:// !\"$%&'()*+,-.;<=>@[]^_`{|}~@host/",
        None,
        LENIENT_ERROR,
    ),
    (
        "foo://joe: !\"$%&'()*+,-.:;<=>@[\\]^_`{|}~@host/",
        None,
        LENIENT_ERROR,
    ),
    (
        "wss://joe: !\"$%&'()*+,-.:;<=>@[]^_`{|}~@host/",
        None,
        LENIENT_ERROR,
    ),
    ("foo://!\"$%&'()*+,-.;=_`{}~/", None, LENIENT_ERROR),
    (
        "foo://host/ !\"$%&'()*+,-./:;<=>@[\\]^_`{|}~",
        None,
        LENIENT_ERROR,
    ),
    (
        "wss://host/ !\"$%&'()*+,-./:;<=>@[\\]^_`{|}~",
        None,
        LENIENT_ERROR,
    ),
    (
        "foo://host/dir/? !\"$%&'()*+,-./:;<=>?@[\\]^_`{|}~",
        None,
        LENIENT_ERROR,
    ),
    (
        "wss://host/dir/? !\"$%&'()*+,-./:;<=>?@[\\]^_`{|}~",
        None,
        LENIENT_ERROR,
    ),
    (
        "foo://host/dir/# !\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~",
        None,
        LENIENT_ERROR,
    ),
    (
        "wss://host/dir/# !\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~",
        None,
        LENIENT_ERROR,
    ),
    ("http://\u{1f4a9}.123/", None, NET_ACCEPT),
    ("https://\u{ffff}y", None, NET_ACCEPT),
    ("https://\u{ad}/", None, NET_ACCEPT),
    ("https://%C2%AD/", None, NET_ACCEPT),
    ("https://xn--/", None, NET_ACCEPT),
    ("data://:443", None, OTHER_SCHEME),
    ("javascript://:443", None, OTHER_SCHEME),
    ("mailto://:443", None, OTHER_SCHEME),
    ("intent://:443", None, OTHER_SCHEME),
    ("urn://:443", None, OTHER_SCHEME),
    ("turn://:443", None, OTHER_SCHEME),
    ("stun://:443", None, OTHER_SCHEME),
    ("non-special://host\\a", None, OTHER_SCHEME),
];
