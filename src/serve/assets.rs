//! The page's files, compiled into the binary: the page works offline and nothing on disk
//! is served.

/// One embedded file.
pub(super) struct Asset {
    /// Its Content-Type.
    pub(super) content_type: &'static str,
    /// Its bytes.
    pub(super) body: &'static str,
}

/// Scripts and styles only from the server itself (no inline ones: the page sets classes);
/// no frames, no form posts, no plugins.
pub(super) const CONTENT_SECURITY_POLICY: &str = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; object-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

const INDEX_HTML: &str = include_str!("assets/index.html");
const APP_JS: &str = include_str!("assets/app.js");
const APP_CSS: &str = include_str!("assets/app.css");

/// The file served at `path`, if any.
pub(super) fn find(path: &str) -> Option<Asset> {
    let (content_type, body) = match path {
        "/" | "/index.html" => ("text/html; charset=utf-8", INDEX_HTML),
        "/app.js" => ("text/javascript; charset=utf-8", APP_JS),
        "/app.css" => ("text/css; charset=utf-8", APP_CSS),
        _ => return None,
    };
    Some(Asset { content_type, body })
}
