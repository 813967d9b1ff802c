//! HTTP: the page's three files and `/api/*` over axum, and the guards around them
//! (methods, the Host header, a time limit per request, security headers).

use super::api::{self, ApiError};
use super::assets;
use super::live::LiveIndex;
use crate::report::aliases::AliasTable;
use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{header, HeaderValue, Method, StatusCode};
use axum::response::Response;
use axum::Router;
use std::sync::Arc;
use std::time::Duration;

/// A request that has not answered in this time gets 503: the client is not left hanging
/// on a query that plans badly (the work itself finishes on its blocking thread).
pub const REQUEST_TIMEOUT: Duration = Duration::from_secs(10);

/// What every request shares.
pub struct Shared {
    /// The index at its newest commit.
    pub live: LiveIndex,
    /// The alias table for tickers and company names.
    pub aliases: AliasTable,
    /// Host names a request may carry: with a loopback address, only the loopback names,
    /// so that a web page elsewhere cannot reach the API through DNS rebinding. `None`:
    /// any (the user chose a non-loopback address).
    pub hosts: Option<Vec<String>>,
}

/// The server's routes.
pub fn router(shared: Arc<Shared>) -> Router {
    Router::new().fallback(handle).with_state(shared)
}

fn respond(status: u16, content_type: &'static str, body: impl Into<Body>) -> Response {
    let mut r = Response::new(body.into());
    *r.status_mut() = StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    let h = r.headers_mut();
    h.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    h.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    r
}

fn json(status: u16, v: &serde_json::Value) -> Response {
    let mut r = respond(status, "application/json; charset=utf-8", v.to_string());
    r.headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    r
}

fn error(e: &ApiError) -> Response {
    json(e.status, &e.to_json())
}

/// The host name of a Host header (`127.0.0.1:7700` -> `127.0.0.1`, `[::1]:80` -> `[::1]`).
fn host_name(host: &str) -> &str {
    if host.starts_with('[') {
        return host
            .split(']')
            .next()
            .map_or(host, |h| &host[..h.len() + 1]);
    }
    host.rsplit_once(':').map_or(host, |(h, _)| h)
}

async fn handle(State(shared): State<Arc<Shared>>, req: Request) -> Response {
    if let Some(hosts) = &shared.hosts {
        let host = req
            .headers()
            .get(header::HOST)
            .and_then(|h| h.to_str().ok())
            .map(host_name)
            .unwrap_or("");
        if !hosts.iter().any(|h| h.eq_ignore_ascii_case(host)) {
            return error(&ApiError {
                status: 403,
                message: format!(
                    "host {host:?} is not served: use http://127.0.0.1 or http://localhost"
                ),
            });
        }
    }
    if req.method() != Method::GET && req.method() != Method::HEAD {
        let mut r = error(&ApiError {
            status: 405,
            message: format!(
                "{} is not allowed: yanbao serve is read-only (GET only)",
                req.method()
            ),
        });
        r.headers_mut()
            .insert(header::ALLOW, HeaderValue::from_static("GET, HEAD"));
        return r;
    }
    let path = req.uri().path().to_string();
    let query = req.uri().query().unwrap_or("").to_string();
    if let Some(endpoint) = path.strip_prefix("/api/") {
        return api_response(shared, endpoint.to_string(), &query).await;
    }
    match assets::find(&path) {
        Some(asset) => {
            let mut r = respond(200, asset.content_type, asset.body);
            r.headers_mut().insert(
                header::CONTENT_SECURITY_POLICY,
                HeaderValue::from_static(assets::CONTENT_SECURITY_POLICY),
            );
            r.headers_mut()
                .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
            r
        }
        None if path == "/favicon.ico" => respond(204, "image/x-icon", ""),
        None => error(&ApiError::not_found(format!("no such page: {path}"))),
    }
}

async fn api_response(shared: Arc<Shared>, endpoint: String, query: &str) -> Response {
    let pairs: Vec<(String, String)> = form_urlencoded::parse(query.as_bytes())
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect();
    // Queries read an index with blocking I/O and CPU work: off the async workers.
    let work = tokio::task::spawn_blocking(move || {
        api::answer(&shared.live, &shared.aliases, &endpoint, &pairs)
    });
    match tokio::time::timeout(REQUEST_TIMEOUT, work).await {
        Ok(Ok(Ok(v))) => json(200, &v),
        Ok(Ok(Err(e))) => error(&e),
        Ok(Err(join)) => error(&ApiError {
            status: 500,
            message: format!("the request failed: {join}"),
        }),
        Err(_) => error(&ApiError {
            status: 503,
            message: format!(
                "the request took longer than {} s; narrow the query or add filters",
                REQUEST_TIMEOUT.as_secs()
            ),
        }),
    }
}
