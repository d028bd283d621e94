//! Where requests go: Antom's domains per region, or any base URL (a proxy, the local stand-in),
//! and the path prefix, which is a configuration choice because Antom's documents disagree:
//! the docs keep `/ams/api` for in-store sandbox calls, the SDKs rewrite to `/ams/sandbox/api`.

use crate::error::Error;

/// Named regions and their recommended domains (<https://docs.antom.com/ac/ams/api_fund>).
pub const REGIONS: &[(&str, &str)] = &[
    ("asia", "https://open-sea-global.alipay.com"),
    ("sg", "https://open-sea-global.alipay.com"),
    ("north-america", "https://open-na-global.alipay.com"),
    ("na", "https://open-na-global.alipay.com"),
    ("us", "https://open.antglobal-us.com"),
    ("europe", "https://open-de-global.alipay.com"),
    ("eu", "https://open-de-global.alipay.com"),
];

/// A resolved gateway: base URL without trailing slash, and the path prefix.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Gateway {
    /// `https://host[:port]`.
    pub base_url: String,
    /// `/ams/api` or `/ams/sandbox/api`.
    pub prefix: &'static str,
}

impl Gateway {
    /// Resolves a region name (case-insensitive) or an absolute `https://host[:port]` URL (the
    /// scheme read case-insensitively). `http://` is accepted only for a loopback host (a local
    /// stand-in) or when `allow_insecure` says so (`allowInsecureGateway`): a signed request
    /// and a verified answer still travel in the clear, for anyone on the path to read.
    pub fn resolve(
        gateway: &str,
        sandbox_path: bool,
        allow_insecure: bool,
    ) -> Result<Gateway, Error> {
        let prefix = if sandbox_path {
            "/ams/sandbox/api"
        } else {
            "/ams/api"
        };
        let lower = gateway.to_ascii_lowercase();
        if let Some((_, url)) = REGIONS.iter().find(|(name, _)| *name == lower) {
            return Ok(Gateway {
                base_url: (*url).to_string(),
                prefix,
            });
        }
        let base = gateway.strip_suffix('/').unwrap_or(gateway);
        let (scheme, rest) = base.split_once(':').unwrap_or_default();
        let rest = rest.strip_prefix("//").unwrap_or_default();
        let https = scheme.eq_ignore_ascii_case("https");
        let ok = (https || scheme.eq_ignore_ascii_case("http"))
            && !rest.is_empty()
            && !rest.contains(['/', '?', '#', '@'])
            && !rest.contains(|c: char| c.is_whitespace() || c.is_control())
            && !rest.starts_with(':')
            && base.len() <= 256;
        if !ok {
            return Err(Error::InvalidConfig(format!(
                "gateway must be a region ({}) or a base URL such as https://open-sea-global.alipay.com",
                antom_checkout_rules::text::joined(REGIONS.iter().map(|(n, _)| *n), ", ")
            )));
        }
        if !https && !allow_insecure && !is_loopback(rest) {
            return Err(Error::InvalidConfig(
                "gateway must be https:// (or a region); http:// only for a loopback host (127.0.0.1, localhost, [::1]) or with allowInsecureGateway: true".into(),
            ));
        }
        let mut base_url = String::from(if https { "https://" } else { "http://" });
        base_url.push_str(rest);
        Ok(Gateway { base_url, prefix })
    }

    /// The path of an endpoint, e.g. `/ams/api/v1/payments/pay`.
    pub fn path(&self, endpoint: &str) -> String {
        let mut p = String::with_capacity(self.prefix.len() + endpoint.len());
        p.push_str(self.prefix);
        p.push_str(endpoint);
        p
    }
}

/// Whether `authority` (`host[:port]`) names this machine: `localhost`, an IPv4 address in
/// 127.0.0.0/8 written as four decimal parts, or `[::1]`. Other spellings a resolver might also
/// read as loopback are refused: the check fails closed.
pub fn is_loopback(authority: &str) -> bool {
    // Bytes, no string searchers: this runs in the checkout page's module too.
    let all = authority.as_bytes();
    let host = match all.iter().rposition(|&c| c == b':') {
        Some(i) => match (all.get(..i), all.get(i + 1..)) {
            (Some(host), Some(port))
                if (1..=5).contains(&port.len()) && port.iter().all(u8::is_ascii_digit) =>
            {
                host
            }
            _ => all,
        },
        None => all,
    };
    if host == b"[::1]" || host.eq_ignore_ascii_case(b"localhost") {
        return true;
    }
    let Some(rest) = host.strip_prefix(b"127.") else {
        return false;
    };
    // Three more parts of one to three digits. A part above 255 makes no address at all (a URL
    // parser refuses it), so it needs no check of its own.
    let (mut dots, mut digits) = (0, 0);
    for &c in rest {
        match c {
            b'0'..=b'9' if digits < 3 => digits += 1,
            b'.' if digits > 0 => (dots, digits) = (dots + 1, 0),
            _ => return false,
        }
    }
    dots == 2 && digits > 0
}
