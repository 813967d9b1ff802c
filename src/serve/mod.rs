//! `yanbao serve`: a local web page and a JSON API over an index, from the same binary.
//!
//! - `api.rs`: the endpoints apart from HTTP (parameters in, JSON or an error out);
//!   the JSON itself is [`crate::answer`]'s, the same as the CLI's `--json`.
//! - `live.rs`: the index at its newest commit while `yanbao index` runs.
//! - `http.rs`: axum routes, guards (read-only, Host header, time limit) and headers.
//! - `assets.rs` and `assets/`: the page (plain HTML, JavaScript and CSS), embedded.
//!
//! The engine knows nothing of the server: a request is answered by the same library
//! calls the CLI makes.

pub mod api;
mod assets;
pub mod http;
pub mod live;

pub use api::{answer, ApiError};
pub use http::{router, Shared};
pub use live::LiveIndex;

use crate::report::aliases::AliasTable;
use crate::{Error, Result};
use std::net::SocketAddr;
use std::path::Path;
use std::sync::Arc;

/// The state a server answers from: the index at `dir`, the built-in alias table, and
/// the Host names it accepts for a server bound to `addr`.
pub fn shared(dir: &Path, addr: &SocketAddr) -> Result<Arc<Shared>> {
    let hosts = addr.ip().is_loopback().then(|| {
        vec![
            "127.0.0.1".to_string(),
            "localhost".to_string(),
            "[::1]".to_string(),
        ]
    });
    Ok(Arc::new(Shared {
        live: LiveIndex::open(dir)?,
        aliases: AliasTable::builtin(),
        hosts,
    }))
}

/// Serves the index at `dir` on `addr` until `stop` resolves. `ready` gets the address
/// bound (the port chosen, with port 0) before the first request is taken.
pub fn serve(
    dir: &Path,
    addr: SocketAddr,
    ready: impl FnOnce(SocketAddr),
    stop: impl std::future::Future<Output = ()> + Send + 'static,
) -> Result<()> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(|e| Error::Other(format!("cannot start the server's runtime: {e}")))?;
    runtime.block_on(async move {
        let listener = tokio::net::TcpListener::bind(addr)
            .await
            .map_err(|e| Error::InvalidArgument(format!("cannot listen on {addr}: {e}")))?;
        let bound = listener.local_addr()?;
        let shared = shared(dir, &bound)?;
        ready(bound);
        axum::serve(listener, router(shared))
            .with_graceful_shutdown(stop)
            .await
            .map_err(|e| Error::Other(format!("the server stopped: {e}")))
    })
}
