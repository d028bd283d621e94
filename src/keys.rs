//! RSA key containers for WebCrypto: whatever form a merchant has (PEM or bare base64; PKCS#8 or
//! PKCS#1 private keys; SPKI or PKCS#1 public keys; PEM pasted with literal `\n`), normalised to
//! the DER that `crypto.subtle.importKey` takes (`pkcs8` / `spki`). No RSA arithmetic here; DER
//! is read and written by the `der` crate (docs/hand-written.md).

use crate::error::Error;

/// `rsaEncryption` AlgorithmIdentifier: SEQUENCE { OID 1.2.840.113549.1.1.1, NULL }.
const RSA_ALG: &[u8] = &[
    0x30, 0x0d, 0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x01, 0x05, 0x00,
];

/// Standard base64 with padding.
pub fn b64_encode(data: &[u8]) -> String {
    crate::base64::encode(data, crate::base64::STANDARD, true)
}

/// Standard base64; whitespace is skipped, padding optional.
pub fn b64_decode(s: &str) -> Option<Vec<u8>> {
    crate::base64::decode(s)
}

/// A tag's number, for matching a key's elements.
fn tag_byte(t: der::Tag) -> u8 {
    match t {
        der::Tag::Integer => 0x02,
        der::Tag::BitString => 0x03,
        der::Tag::OctetString => 0x04,
        der::Tag::Sequence => 0x30,
        _ => 0xff,
    }
}

/// `parts` back to back, as the content of one DER element with `tag`.
fn wrap(tag: der::Tag, parts: &[&[u8]]) -> Result<Vec<u8>, Error> {
    use der::Encode;
    let value = parts.concat();
    der::asn1::AnyRef::new(tag, &value)
        .and_then(|a| a.to_der())
        .map_err(|_| Error::InvalidKey("the key is too long for an RSA key".into()))
}

/// The elements of the outer SEQUENCE (which must span the whole input): (tag, content).
fn sequence(der: &[u8]) -> Option<Vec<(u8, &[u8])>> {
    use der::{Decode, Reader, Tagged};
    let outer = der::asn1::AnyRef::from_der(der).ok()?;
    if outer.tag() != der::Tag::Sequence {
        return None;
    }
    let mut r = der::SliceReader::new(outer.value()).ok()?;
    let mut items = Vec::new();
    while !r.is_finished() {
        let item: der::asn1::AnyRef<'_> = r.decode().ok()?;
        items.push((tag_byte(item.tag()), item.value()));
    }
    Some(items)
}

/// PEM armour (any label) or bare base64 -> DER bytes. Literal `\n` sequences (keys pasted into
/// environment variables) are read as line breaks.
fn der_of(text: &str) -> Result<Vec<u8>, Error> {
    // A key pasted into an environment variable often carries `\n` and `\r` as two characters.
    let mut unescaped = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match (c, chars.peek()) {
            ('\\', Some('n')) => {
                chars.next();
                unescaped.push('\n');
            }
            ('\\', Some('r')) => {
                chars.next();
            }
            _ => unescaped.push(c),
        }
    }
    let text = unescaped;
    let pem = text.lines().any(|l| l.trim().starts_with("-----BEGIN "));
    let mut body = String::new();
    let mut in_pem = false;
    for line in text.lines().map(str::trim) {
        if line.starts_with("-----BEGIN ") {
            in_pem = true;
        } else if line.starts_with("-----END ") {
            break;
        } else if in_pem || !pem {
            body.push_str(line);
        }
    }
    if body.len() > 16_384 {
        return Err(Error::InvalidKey(
            "the key is too long for an RSA key".into(),
        ));
    }
    b64_decode(&body)
        .filter(|d| !d.is_empty())
        .ok_or_else(|| Error::InvalidKey("the key is neither PEM nor base64".into()))
}

/// Any private-key text -> PKCS#8 DER.
pub fn private_key_pkcs8(text: &str) -> Result<Vec<u8>, Error> {
    let der = der_of(text)?;
    let items =
        sequence(&der).ok_or_else(|| Error::InvalidKey("the private key is not DER".into()))?;
    match items.as_slice() {
        // PKCS#8: version, AlgorithmIdentifier, OCTET STRING.
        // The OID (bytes 2..13 of RSA_ALG), with or without the NULL parameters.
        [(0x02, _), (0x30, alg), (0x04, _), ..] if alg.starts_with(&RSA_ALG[2..13]) => Ok(der),
        [(0x02, _), (0x30, _), (0x04, _), ..] => {
            Err(Error::InvalidKey("the PKCS#8 key is not an RSA key".into()))
        }
        // PKCS#1 RSAPrivateKey: version, n, e, d, p, q, dp, dq, qinv.
        items if items.len() == 9 && items.iter().all(|(t, _)| *t == 0x02) => {
            let octet = wrap(der::Tag::OctetString, &[&der])?;
            wrap(der::Tag::Sequence, &[&[0x02, 0x01, 0x00], RSA_ALG, &octet])
        }
        [(0x30, _), (0x03, _)] | [(0x02, _), (0x02, _)] => Err(Error::InvalidKey(
            "this is a public key; the signer needs the merchant's private key".into(),
        )),
        _ => Err(Error::InvalidKey(
            "not an RSA private key in PKCS#8 or PKCS#1 form".into(),
        )),
    }
}

/// Any public-key text -> SubjectPublicKeyInfo DER.
pub fn public_key_spki(text: &str) -> Result<Vec<u8>, Error> {
    let der = der_of(text)?;
    let items =
        sequence(&der).ok_or_else(|| Error::InvalidKey("the public key is not DER".into()))?;
    match items.as_slice() {
        [(0x30, _), (0x03, _)] => Ok(der),
        // PKCS#1 RSAPublicKey: n, e.
        [(0x02, _), (0x02, _)] => {
            let mut bits = vec![0u8];
            bits.extend_from_slice(&der);
            let bit_string = wrap(der::Tag::BitString, &[&bits])?;
            wrap(der::Tag::Sequence, &[RSA_ALG, &bit_string])
        }
        [(0x02, _), ..] => Err(Error::InvalidKey(
            "this is a private key; verification needs Antom's public key".into(),
        )),
        _ => Err(Error::InvalidKey(
            "not an RSA public key in SPKI or PKCS#1 form".into(),
        )),
    }
}
