//! Shared helpers for the native tests: the vectors, OpenSSL as an independent RSA
//! implementation, a tiny executor and fake hosts.
#![allow(dead_code)]

pub mod reference_walk;

use std::future::Future;
use std::io::Write;
use std::path::PathBuf;
use std::pin::pin;
use std::process::{Command, Stdio};
use std::task::{Context, Poll, Waker};

pub fn vector_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/vectors")
}

pub fn read(rel: &str) -> String {
    std::fs::read_to_string(vector_dir().join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

pub fn params(dir: &str) -> std::collections::HashMap<String, String> {
    read(&format!("{dir}/params.txt"))
        .lines()
        .filter_map(|l| {
            l.split_once('=')
                .map(|(k, v)| (k.to_string(), v.to_string()))
        })
        .collect()
}

/// Runs `openssl` with `args`, feeding `input`; returns stdout, or None when it exits non-zero.
fn openssl(args: &[&str], input: &[u8]) -> Option<Vec<u8>> {
    let mut child = Command::new("openssl")
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("openssl must be installed (scripts/setup installs it)");
    child.stdin.take().unwrap().write_all(input).unwrap();
    let out = child.wait_with_output().unwrap();
    out.status.success().then_some(out.stdout)
}

fn path(rel: &str) -> String {
    vector_dir().join(rel).to_string_lossy().into_owned()
}

/// Signs with OpenSSL (RSASSA-PKCS1-v1_5, SHA-256) and returns standard base64 (OpenSSL's own
/// encoder, so no codec of the library is involved).
pub fn openssl_sign(key_rel: &str, content: &str) -> String {
    let sig = openssl(
        &["dgst", "-sha256", "-sign", &path(key_rel)],
        content.as_bytes(),
    )
    .expect("openssl signs");
    let b64 = openssl(&["base64", "-A"], &sig).unwrap();
    String::from_utf8(b64).unwrap().trim().to_string()
}

/// Standard base64 of `data` by OpenSSL (one line).
#[allow(dead_code)]
/// An answer as Antom's stand-in key signs it (OpenSSL), with the headers a client reads.
pub fn antom_signed(
    path: &str,
    client_id: &str,
    time: &str,
    body: String,
) -> antom_checkout::HttpResponse {
    let sig = openssl_sign(
        "keys/antom_sim_private_pkcs8.pem",
        &antom_checkout::content_to_verify(path, client_id, time, &body),
    );
    let mut headers = antom_checkout::Headers::default();
    headers.set("client-id", client_id.into());
    headers.set("response-time", time.into());
    headers.set(
        "signature",
        antom_checkout::signature_header(&sig, Some("1")).unwrap(),
    );
    antom_checkout::HttpResponse {
        status: 200,
        headers,
        body,
    }
}

pub fn openssl_base64(data: &[u8]) -> String {
    let out = openssl(&["base64", "-A"], data).expect("openssl encodes");
    String::from_utf8(out).unwrap().trim().to_string()
}

/// Asserts that `signature` (the Signature header) is the merchant's over what a gateway
/// receives: the content rebuilt from the wire (the URL's path, the Client-Id and Request-Time
/// headers, the body), never taken from the library's own content to sign.
#[allow(dead_code)]
pub fn assert_merchant_signed(req: &antom_checkout::PreparedRequest, signature: &str) {
    let sig = antom_checkout::parse_signature_header(signature)
        .unwrap()
        .signature;
    let path = req
        .url
        .splitn(4, '/')
        .nth(3)
        .map(|p| format!("/{p}"))
        .unwrap();
    let wire = format!(
        "{} {path}\n{}.{}.{}",
        req.method,
        req.headers.get("Client-Id").unwrap(),
        req.headers.get("Request-Time").unwrap(),
        req.body
    );
    assert!(openssl_verify("keys/merchant_public.pem", &wire, &sig));
}

/// Verifies with OpenSSL.
pub fn openssl_verify(pub_rel: &str, content: &str, sig_b64: &str) -> bool {
    let Some(sig) = openssl(&["base64", "-d", "-A"], sig_b64.as_bytes()) else {
        return false;
    };
    let dir = std::env::temp_dir().join(format!(
        "antom-verify-{}-{}",
        std::process::id(),
        rand_suffix()
    ));
    std::fs::create_dir_all(&dir).unwrap();
    let sig_file = dir.join("sig.bin");
    std::fs::write(&sig_file, sig).unwrap();
    let ok = openssl(
        &[
            "dgst",
            "-sha256",
            "-verify",
            &path(pub_rel),
            "-signature",
            &sig_file.to_string_lossy(),
        ],
        content.as_bytes(),
    )
    .is_some();
    std::fs::remove_dir_all(&dir).ok();
    ok
}

fn rand_suffix() -> u64 {
    let mut b = [0u8; 8];
    getrandom::fill(&mut b).unwrap();
    u64::from_le_bytes(b)
}

/// Runs a future whose awaits are all immediately ready (the fakes never pend).
pub fn block_on<F: Future>(f: F) -> F::Output {
    let mut f = pin!(f);
    let mut cx = Context::from_waker(Waker::noop());
    loop {
        if let Poll::Ready(v) = f.as_mut().poll(&mut cx) {
            return v;
        }
    }
}

/// A small deterministic PRNG (xorshift64*), so property tests are reproducible by seed.
pub struct Rng(pub u64);

impl Rng {
    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    pub fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }
}

/// A valid Entry Code request as a caller writes it (constants left to the library).
pub fn valid_request() -> serde_json::Value {
    serde_json::json!({
        "paymentRequestId": "PR20250101120000JP0001",
        "order": {
            "referenceOrderId": "ORD20250101120000JP0001",
            "orderDescription": "Cafe order 0001",
            "orderAmount": {"currency": "JPY", "value": "1200"},
            "merchant": {
                "referenceMerchantId": "SM_JP_000123",
                "merchantMCC": "5814",
                "merchantName": "Example Cafe KK",
                "store": {"referenceStoreId": "ST_JP_0001", "storeName": "Example Cafe Shinjuku", "storeMCC": "5814"}
            },
            "goods": [
                {"referenceGoodsId": "G1", "goodsName": "Latte", "goodsQuantity": 2, "goodsUnitAmount": {"currency": "JPY", "value": "450"}},
                {"referenceGoodsId": "G2", "goodsName": "Croissant", "goodsQuantity": "1"},
                {"referenceGoodsId": "G3", "goodsName": "Water"}
            ],
            "env": {"userAgent": "Mozilla/5.0 AlipayClient/10.5.30.6000", "terminalType": "WAP", "osType": "IOS"}
        },
        "paymentAmount": {"currency": "JPY", "value": "1200"},
        "paymentExpiryTime": "2025-01-01T12:05:00+09:00",
        "paymentRedirectUrl": "https://merchant.example.com/antom/return?order=ORD20250101120000JP0001",
        "paymentNotifyUrl": "https://merchant.example.com/antom/notify",
        "settlementStrategy": {"settlementCurrency": "JPY"}
    })
}

/// Epoch ms of vector 01's Request-Time (before the valid request's expiry).
pub const NOW: i64 = 1_735_700_400_123;
