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
    /// Resolves a region name (case-insensitive) or an absolute `http(s)://host[:port]` URL.
    pub fn resolve(gateway: &str, sandbox_path: bool) -> Result<Gateway, Error> {
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
        let rest = base
            .strip_prefix("https://")
            .or_else(|| base.strip_prefix("http://"));
        let ok = rest.is_some_and(|r| {
            !r.is_empty()
                && !r.contains(['/', '?', '#', '@'])
                && !r.contains(|c: char| c.is_whitespace() || c.is_control())
                && !r.starts_with(':')
        }) && base.len() <= 256;
        if !ok {
            return Err(Error::InvalidConfig(format!(
                "gateway must be a region ({}) or a base URL such as https://open-sea-global.alipay.com",
                crate::json::joined(REGIONS.iter().map(|(n, _)| *n), ", ")
            )));
        }
        Ok(Gateway {
            base_url: base.to_string(),
            prefix,
        })
    }

    /// The path of an endpoint, e.g. `/ams/api/v1/payments/pay`.
    pub fn path(&self, endpoint: &str) -> String {
        let mut p = String::with_capacity(self.prefix.len() + endpoint.len());
        p.push_str(self.prefix);
        p.push_str(endpoint);
        p
    }
}
