//! ISO 8601 date-times as Antom writes them (`2019-11-27T12:01:01+08:00`), checked exactly,
//! and epoch milliseconds. No time zone database and no system clock: "now" is always injected.

/// Parses `YYYY-MM-DDTHH:MM:SS[.fraction]±HH:MM` and returns epoch milliseconds.
/// The offset is mandatory and written with a colon; `Z` is refused because every Antom example
/// uses a numeric offset (write `+00:00`).
pub fn parse_offset_datetime(s: &str) -> Result<i64, &'static str> {
    let b = s.as_bytes();
    if b.len() < 25 || b.len() > 35 {
        return Err("expected an ISO 8601 date-time with offset, e.g. 2019-11-27T12:01:01+08:00");
    }
    let num = |from: usize, len: usize| -> Option<i64> {
        let part = b.get(from..from + len)?;
        part.iter().try_fold(0i64, |acc, c| {
            c.is_ascii_digit().then(|| acc * 10 + i64::from(c - b'0'))
        })
    };
    let fixed = [(4, b'-'), (7, b'-'), (10, b'T'), (13, b':'), (16, b':')];
    if fixed.iter().any(|(i, c)| b[*i] != *c) {
        return Err("expected the layout YYYY-MM-DDTHH:MM:SS±HH:MM");
    }
    let fields = (
        num(0, 4),
        num(5, 2),
        num(8, 2),
        num(11, 2),
        num(14, 2),
        num(17, 2),
    );
    let (Some(y), Some(mo), Some(d), Some(h), Some(mi), Some(sec)) = fields else {
        return Err("expected digits in the date and time");
    };
    let mut i = 19;
    let mut millis = 0i64;
    if b[i] == b'.' {
        let start = i + 1;
        i = start;
        while i < b.len() && b[i].is_ascii_digit() {
            i += 1;
        }
        let frac = &b[start..i];
        if frac.is_empty() || frac.len() > 9 {
            return Err("expected 1 to 9 digits of fractional seconds");
        }
        for (k, c) in frac.iter().take(3).enumerate() {
            millis += i64::from(c - b'0') * [100, 10, 1][k];
        }
    }
    if b.get(i) == Some(&b'Z') {
        return Err("the offset must be numeric (write +00:00 instead of Z)");
    }
    if b.len() != i + 6 || !matches!(b[i], b'+' | b'-') || b[i + 3] != b':' {
        return Err("expected the offset as ±HH:MM at the end");
    }
    let (Some(oh), Some(om)) = (num(i + 1, 2), num(i + 4, 2)) else {
        return Err("expected digits in the offset");
    };
    if !(1..=12).contains(&mo) || d < 1 || d > days_in_month(y, mo) || h > 23 || mi > 59 || sec > 59
    {
        return Err("the date or time does not exist");
    }
    // Java's ZoneOffset range (Antom's SDKs are Java-first): -18:00 to +18:00.
    if oh > 18 || om > 59 || (oh == 18 && om > 0) {
        return Err("the offset is out of range (-18:00 to +18:00)");
    }
    let sign = if b[i] == b'-' { -1 } else { 1 };
    let local = days_from_civil(y, mo, d) * 86_400 + h * 3600 + mi * 60 + sec;
    Ok((local - sign * (oh * 3600 + om * 60)) * 1000 + millis)
}

fn days_in_month(y: i64, m: i64) -> i64 {
    match m {
        2 if (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn civil_from_days(z: i64) -> (i64, i64, i64) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    (
        if m <= 2 {
            yoe + era * 400 + 1
        } else {
            yoe + era * 400
        },
        m,
        d,
    )
}

/// Formats epoch milliseconds as `YYYY-MM-DDTHH:MM:SS.mmm+00:00`.
pub fn format_utc_millis(ms: i64) -> String {
    let secs = ms.div_euclid(1000);
    let (y, m, d) = civil_from_days(secs.div_euclid(86_400));
    let t = secs.rem_euclid(86_400);
    format!(
        "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}.{:03}+00:00",
        t / 3600,
        t % 3600 / 60,
        t % 60,
        ms.rem_euclid(1000)
    )
}
