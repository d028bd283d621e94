//! The library's ISO 8601 parser held to chrono's RFC 3339 parser: every text the library
//! accepts, chrono accepts with the same instant; every text chrono accepts in the layout the
//! library requires, the library accepts too. Where the library is stricter, on purpose: a `T`
//! (not `t` or a space), a numeric `±HH:MM` offset (no `Z`), 1 to 9 fraction digits, offsets
//! within Java's ZoneOffset range (±18:00, where chrono takes ±23:59), and no leap second
//! (`:60`, which chrono takes and Java's ISO_OFFSET_DATE_TIME refuses).

mod common;

use antom_checkout::datetime::{format_utc_millis, parse_offset_datetime};
use common::Rng;

fn chrono_ms(s: &str) -> Option<i64> {
    chrono::DateTime::parse_from_rfc3339(s)
        .ok()
        .map(|d| d.timestamp_millis())
}

/// Whether `s` is within the library's stricter rules (see the top of this file).
fn our_layout(s: &str) -> bool {
    let b = s.as_bytes();
    let offset = s.get(s.len().saturating_sub(5)..).unwrap_or_default();
    let within_18 = offset <= "18:00";
    b.len() >= 25
        && within_18
        && s.get(17..19) != Some("60")
        && b[10] == b'T'
        && !s.ends_with(['Z', 'z'])
        && b[b.len() - 3] == b':'
        && matches!(b[b.len() - 6], b'+' | b'-')
        && s.get(19..s.len() - 6).is_some_and(|f| {
            f.is_empty()
                || (f.starts_with('.')
                    && (2..=10).contains(&f.len())
                    && f[1..].bytes().all(|c| c.is_ascii_digit()))
        })
}

fn check(s: &str) {
    match (parse_offset_datetime(s), chrono_ms(s)) {
        (Ok(ours), Some(theirs)) => assert_eq!(ours, theirs, "{s}"),
        (Ok(ours), None) => panic!("accepted what chrono refuses: {s} ({ours})"),
        (Err(why), Some(_)) if our_layout(s) => panic!("refused what chrono accepts: {s} ({why})"),
        _ => {}
    }
}

#[test]
fn generated_date_times_agree_with_chrono() {
    let mut r = Rng(0x0DA7_E71E);
    for _ in 0..50_000 {
        let y = 1 + r.below(9999);
        let mo = 1 + r.below(13); // 13: an impossible month now and then
        let d = 1 + r.below(31);
        let (h, mi, s) = (r.below(25), r.below(61), r.below(61));
        let frac = match r.below(4) {
            0 => String::new(),
            1 => format!(".{}", r.below(10)),
            2 => format!(".{:03}", r.below(1000)),
            _ => format!(".{:09}", r.below(1_000_000_000)),
        };
        let sign = if r.below(2) == 0 { '+' } else { '-' };
        let (oh, om) = (r.below(16), r.below(61));
        check(&format!(
            "{y:04}-{mo:02}-{d:02}T{h:02}:{mi:02}:{s:02}{frac}{sign}{oh:02}:{om:02}"
        ));
    }
}

#[test]
fn mutated_date_times_agree_with_chrono() {
    let base = "2025-01-01T12:05:00.123+09:00";
    let mut r = Rng(0x5EED);
    for _ in 0..50_000 {
        let mut b = base.as_bytes().to_vec();
        for _ in 0..=r.below(2) {
            let at = r.below(b.len() as u64) as usize;
            b[at] = b"0123456789-+:.TZtz x"[r.below(20) as usize];
        }
        if let Ok(s) = String::from_utf8(b) {
            check(&s);
        }
    }
}

#[test]
fn the_request_time_writer_is_what_chrono_reads() {
    let mut r = Rng(42);
    for _ in 0..10_000 {
        let ms = r.below(253_402_300_799_999) as i64; // up to 9999-12-31
        let text = format_utc_millis(ms);
        assert_eq!(chrono_ms(&text), Some(ms), "{text}");
        assert_eq!(parse_offset_datetime(&text), Ok(ms), "{text}");
    }
}
