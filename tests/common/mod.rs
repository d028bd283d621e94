//! Shared helpers for the native tests: the vectors, OpenSSL as an independent RSA
//! implementation, a tiny executor and fake hosts.
#![allow(dead_code)]

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

/// Signs with OpenSSL (RSASSA-PKCS1-v1_5, SHA-256) and returns base64.
pub fn openssl_sign(key_rel: &str, content: &str) -> String {
    let key = vector_dir().join(key_rel);
    let mut child = Command::new("openssl")
        .args(["dgst", "-sha256", "-sign"])
        .arg(&key)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("openssl must be installed (scripts/setup installs it)");
    child
        .stdin
        .take()
        .unwrap()
        .write_all(content.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success());
    base64(&out.stdout)
}

/// Verifies with OpenSSL.
pub fn openssl_verify(pub_rel: &str, content: &str, sig_b64: &str) -> bool {
    let dir = std::env::temp_dir().join(format!(
        "antom-verify-{}-{}",
        std::process::id(),
        rand_suffix()
    ));
    std::fs::create_dir_all(&dir).unwrap();
    let sig = dir.join("sig.bin");
    std::fs::write(&sig, unbase64(sig_b64)).unwrap();
    let mut child = Command::new("openssl")
        .args(["dgst", "-sha256", "-verify"])
        .arg(vector_dir().join(pub_rel))
        .arg("-signature")
        .arg(&sig)
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(content.as_bytes())
        .unwrap();
    let ok = child.wait().unwrap().success();
    std::fs::remove_dir_all(&dir).ok();
    ok
}

fn rand_suffix() -> u64 {
    let mut b = [0u8; 8];
    getrandom::fill(&mut b).unwrap();
    u64::from_le_bytes(b)
}

const B64: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

pub fn base64(data: &[u8]) -> String {
    let mut out = String::new();
    for chunk in data.chunks(3) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |acc, (i, b)| acc | (u32::from(*b) << (16 - 8 * i)));
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(B64[((n >> (18 - 6 * i)) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

pub fn unbase64(s: &str) -> Vec<u8> {
    let mut bits = 0u32;
    let mut n = 0;
    let mut out = Vec::new();
    for c in s.bytes().filter(|c| *c != b'=') {
        let v = B64.iter().position(|x| *x == c).expect("base64") as u32;
        bits = (bits << 6) | v;
        n += 6;
        if n >= 8 {
            n -= 8;
            out.push((bits >> n) as u8);
        }
    }
    out
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
