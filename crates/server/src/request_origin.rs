//! Where a request came from: over HTTPS or not, and from which address.
//!
//! Behind a reverse proxy the connection is the proxy's, so the browser's
//! scheme and address come from `X-Forwarded-Proto` and `X-Forwarded-For`.
//! Anyone can send those headers, so they count only with `--trust-proxy`,
//! which says every request comes through a proxy that sets them.

use std::net::{IpAddr, SocketAddr};

use std::convert::Infallible;

use axum::extract::{ConnectInfo, FromRequestParts};
use axum::http::request::Parts;
use axum::http::{HeaderMap, header};

use crate::config::Config;
use crate::state::AppState;

/// The longest device description kept with a session.
const DEVICE_MAX_CHARS: usize = 200;

/// Where a request came from, for the handlers that start sessions.
#[derive(Debug, Clone)]
pub struct Origin {
    /// Whether the browser used HTTPS ([`is_https`]).
    pub https: bool,
    /// The browser's address, if known ([`client_ip`]).
    pub address: Option<IpAddr>,
    /// What the browser says it is (`User-Agent`), shortened.
    pub device: String,
}

impl FromRequestParts<AppState> for Origin {
    type Rejection = Infallible;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Self::Rejection> {
        let device = parts.headers.get(header::USER_AGENT).and_then(|v| v.to_str().ok()).unwrap_or_default();
        Ok(Origin {
            https: is_https(&state.config, &parts.headers),
            address: client_ip(&state.config, parts),
            device: device.chars().take(DEVICE_MAX_CHARS).collect(),
        })
    }
}

/// Whether the browser reached this server over HTTPS: it serves TLS itself,
/// or a trusted proxy says the browser used `https`.
pub fn is_https(config: &Config, headers: &HeaderMap) -> bool {
    if config.tls.is_some() {
        return true;
    }
    config.trust_proxy
        && headers
            .get("x-forwarded-proto")
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.split(',').next())
            .is_some_and(|proto| proto.trim().eq_ignore_ascii_case("https"))
}

/// The address the request came from: the connection's peer, or with
/// `--trust-proxy` the last address in `X-Forwarded-For` (the one the
/// trusted proxy added; earlier ones are the client's own claims). `None`
/// when neither is known (a request made in-process).
pub fn client_ip(config: &Config, parts: &Parts) -> Option<IpAddr> {
    if config.trust_proxy {
        let forwarded = parts
            .headers
            .get_all("x-forwarded-for")
            .iter()
            .filter_map(|v| v.to_str().ok())
            .flat_map(|v| v.split(','))
            .filter_map(|a| a.trim().parse::<IpAddr>().ok())
            .next_back();
        if forwarded.is_some() {
            return forwarded;
        }
    }
    parts.extensions.get::<ConnectInfo<SocketAddr>>().map(|ConnectInfo(addr)| addr.ip())
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use axum::http::Request;

    use super::*;

    fn parts(headers: &[(&str, &str)], peer: Option<&str>) -> Parts {
        let mut request = Request::builder().uri("/");
        for (name, value) in headers {
            request = request.header(*name, *value);
        }
        let mut request = request.body(()).unwrap();
        if let Some(peer) = peer {
            request.extensions_mut().insert(ConnectInfo(peer.parse::<SocketAddr>().unwrap()));
        }
        request.into_parts().0
    }

    #[test]
    fn forwarded_headers_count_only_behind_a_trusted_proxy() {
        let mut config = Config::for_data_dir("/tmp/x");
        let p = parts(
            &[("x-forwarded-proto", "https"), ("x-forwarded-for", "203.0.113.9, 10.0.0.7")],
            Some("127.0.0.1:5000"),
        );
        assert!(!is_https(&config, &p.headers));
        assert_eq!(client_ip(&config, &p), Some("127.0.0.1".parse().unwrap()));
        config.trust_proxy = true;
        assert!(is_https(&config, &p.headers));
        assert_eq!(client_ip(&config, &p), Some("10.0.0.7".parse().unwrap()));
    }

    #[test]
    fn without_a_peer_or_proxy_the_address_is_unknown() {
        let config = Config::for_data_dir("/tmp/x");
        assert_eq!(client_ip(&config, &parts(&[], None)), None);
        assert!(!is_https(&config, &parts(&[("x-forwarded-proto", "https")], None).headers));
    }
}
