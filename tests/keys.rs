//! Key forms: the vector's PKCS#1 files become byte-identical to its PKCS#8 files.
#![cfg(not(target_arch = "wasm32"))]
mod common;
use antom_checkout::{b64_decode, b64_encode, private_key_pkcs8, public_key_spki};
use common::read;

#[test]
fn every_private_form_gives_the_same_pkcs8() {
    let want = b64_decode(&read("keys/merchant_private_pkcs8.b64")).unwrap();
    for f in [
        "merchant_private_pkcs8.pem",
        "merchant_private_pkcs1.pem",
        "merchant_private_pkcs8.b64",
        "merchant_private_pkcs1.b64",
    ] {
        assert_eq!(
            private_key_pkcs8(&read(&format!("keys/{f}"))).unwrap(),
            want,
            "{f}"
        );
    }
    let escaped = read("keys/merchant_private_pkcs1.pem").replace('\n', "\\n");
    assert_eq!(private_key_pkcs8(&escaped).unwrap(), want);
    let antom = b64_decode(&read("keys/antom_sim_private_pkcs8.b64")).unwrap();
    assert_eq!(
        private_key_pkcs8(&read("keys/antom_sim_private_pkcs1.pem")).unwrap(),
        antom
    );
}

#[test]
fn public_forms_and_pkcs1_public_from_openssl() {
    let want = b64_decode(&read("keys/merchant_public.b64")).unwrap();
    assert_eq!(
        public_key_spki(&read("keys/merchant_public.pem")).unwrap(),
        want
    );
    assert_eq!(
        public_key_spki(&read("keys/merchant_public.b64")).unwrap(),
        want
    );
    // OpenSSL writes the PKCS#1 form independently; it must wrap back to the same SPKI.
    let out = std::process::Command::new("openssl")
        .args(["rsa", "-pubin", "-RSAPublicKey_out", "-in"])
        .arg(common::vector_dir().join("keys/merchant_public.pem"))
        .output()
        .unwrap();
    assert!(out.status.success());
    let pkcs1 = String::from_utf8(out.stdout).unwrap();
    assert!(pkcs1.contains("BEGIN RSA PUBLIC KEY"));
    assert_eq!(public_key_spki(&pkcs1).unwrap(), want);
}

#[test]
fn wrong_keys_get_clear_errors() {
    assert!(private_key_pkcs8(&read("keys/merchant_public.pem"))
        .unwrap_err()
        .to_string()
        .contains("public key"));
    assert!(public_key_spki(&read("keys/merchant_private_pkcs8.pem")).is_err());
    for junk in [
        "",
        "hello",
        "-----BEGIN PRIVATE KEY-----\n!!!\n-----END PRIVATE KEY-----",
        "MAAA",
        &"A".repeat(20000),
    ] {
        assert!(private_key_pkcs8(junk).is_err());
        assert!(public_key_spki(junk).is_err());
    }
    assert_eq!(b64_encode(b"any carnal pleas"), "YW55IGNhcm5hbCBwbGVhcw==");
}

/// The one base64 against OpenSSL's: every length from 0 to 100 bytes of pseudo-random data,
/// both directions, and the URL-safe form of a request id against the same bytes.
#[test]
fn the_codec_agrees_with_openssl() {
    let mut rng = common::Rng(0x05ee_db64);
    for len in 0..=100usize {
        let data: Vec<u8> = (0..len).map(|_| rng.below(256) as u8).collect();
        let ours = b64_encode(&data);
        let theirs = common::openssl_base64(&data);
        assert_eq!(ours, theirs, "{len} bytes");
        assert_eq!(
            b64_decode(&theirs).as_deref(),
            Some(&data[..]),
            "{len} bytes"
        );
    }
    let id: [u8; 16] = std::array::from_fn(|i| (i as u8).wrapping_mul(37).wrapping_add(250));
    let url_safe = common::openssl_base64(&id)
        .trim_end_matches('=')
        .replace('+', "-")
        .replace('/', "_");
    assert_eq!(antom_checkout::encode_id(&id), url_safe);
    for bad in ["ab=c", "a*bc", "abcd===", "ab\u{e9}c", "ab-_"] {
        assert!(b64_decode(bad).is_none(), "{bad}");
    }
}
