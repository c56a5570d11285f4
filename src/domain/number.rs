//! Parsing what a user types into exact numbers, once, at the edge.
//!
//! Accepts what people actually type: grouping separators (`3,000,000`,
//! `3 000 000`), full-width digits from a Chinese IME (`３０`), a trailing `%`
//! on rates, and for amounts the multipliers `k`, `m`, `万` and `亿`.

use super::ratio::Ratio;
use serde::{Deserialize, Serialize};

/// Why a field's text is not a usable number. Shown at the field, in words.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum InputError {
    /// Nothing typed.
    Empty,
    /// Not a number at all; carries the text so the message can quote it.
    NotANumber(String),
    Negative,
    /// More decimals than this field keeps.
    TooManyDecimals {
        max: u32,
    },
    /// Larger than this field allows.
    TooLarge,
    /// Must be greater than zero.
    Zero,
    /// Must be a whole number (deals, days).
    NotWhole,
    /// A percentage above 100.
    AboveHundred,
    /// A confidence must be below 100 % (certainty needs infinitely many leads).
    NotBelowHundred,
    /// Not a calendar date; carries the text so the message can quote it.
    NotADate(String),
}

/// Largest amount accepted anywhere: far beyond any real target, small
/// enough that every product with a rate still fits exactly.
pub const MAX_AMOUNT: u128 = 1_000_000_000_000_000; // 10^15
/// Largest count of deals, leads or days accepted.
pub const MAX_COUNT: u128 = 1_000_000_000_000; // 10^12
/// Decimals kept on a percentage (0.0001 %).
pub const PERCENT_DECIMALS: u32 = 4;
/// Decimals kept on an amount of money.
pub const AMOUNT_DECIMALS: u32 = 4;

fn normalise(text: &str) -> String {
    text.trim()
        .chars()
        .filter_map(|c| match c {
            // Full-width forms from CJK input methods.
            '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32),
            '．' | '。' => Some('.'),
            '－' | '−' => Some('-'),
            '＋' => Some('+'),
            '％' => Some('%'),
            // Grouping separators people type or paste (Intl uses NBSPs).
            ',' | '，' | '_' | ' ' | '\u{a0}' | '\u{202f}' | '\'' => None,
            c => Some(c),
        })
        .collect()
}

/// A non-negative decimal with at most `max_decimals` decimals, as a ratio.
fn parse_decimal(s: &str, max_decimals: u32, limit: u128) -> Result<Ratio, InputError> {
    let original = s;
    let s = s.strip_prefix('+').unwrap_or(s);
    if let Some(rest) = s.strip_prefix('-') {
        return match parse_decimal(rest, max_decimals, limit) {
            Ok(r) if r.is_zero() => Ok(r),
            Ok(_) | Err(InputError::TooManyDecimals { .. }) | Err(InputError::TooLarge) => {
                Err(InputError::Negative)
            }
            Err(e) => Err(e),
        };
    }
    let (int, frac) = s.split_once('.').unwrap_or((s, ""));
    let all_digits = |p: &str| p.bytes().all(|b| b.is_ascii_digit());
    if (int.is_empty() && frac.is_empty()) || !all_digits(int) || !all_digits(frac) {
        return Err(InputError::NotANumber(original.to_string()));
    }
    let frac = frac.trim_end_matches('0');
    if frac.len() > max_decimals as usize {
        return Err(InputError::TooManyDecimals { max: max_decimals });
    }
    let int = int.trim_start_matches('0');
    // 10^15 has 16 digits; anything longer is too large before parsing.
    if int.len() > 16 {
        return Err(InputError::TooLarge);
    }
    let scale = 10u128.pow(frac.len() as u32);
    let whole: u128 = if int.is_empty() {
        0
    } else {
        int.parse().map_err(|_| InputError::TooLarge)?
    };
    if whole > limit {
        return Err(InputError::TooLarge);
    }
    let part: u128 = if frac.is_empty() {
        0
    } else {
        frac.parse()
            .map_err(|_| InputError::NotANumber(original.to_string()))?
    };
    let value = Ratio::new(whole * scale + part, scale).ok_or(InputError::TooLarge)?;
    if value > Ratio::from_int(limit) {
        return Err(InputError::TooLarge);
    }
    Ok(value)
}

/// A percentage between 0 and 100 as a fraction of one: "35" → 7/20.
pub fn parse_percent(text: &str) -> Result<Ratio, InputError> {
    let s = normalise(text);
    if s.is_empty() {
        return Err(InputError::Empty);
    }
    let s = s.strip_suffix('%').unwrap_or(&s);
    let value = match parse_decimal(s, PERCENT_DECIMALS, 1_000) {
        Err(InputError::TooLarge) => return Err(InputError::AboveHundred),
        other => other?,
    };
    if value > Ratio::from_int(100) {
        return Err(InputError::AboveHundred);
    }
    value
        .checked_div(Ratio::from_int(100))
        .ok_or(InputError::TooLarge)
}

/// A confidence level: a percentage strictly between 0 and 100.
pub fn parse_confidence(text: &str) -> Result<Ratio, InputError> {
    let value = parse_percent(text)?;
    if value.is_zero() {
        Err(InputError::Zero)
    } else if value.is_one() {
        Err(InputError::NotBelowHundred)
    } else {
        Ok(value)
    }
}

/// An amount of money greater than zero, e.g. "3,000,000", "300万", "3m".
pub fn parse_amount(text: &str) -> Result<Ratio, InputError> {
    let s = normalise(text);
    if s.is_empty() {
        return Err(InputError::Empty);
    }
    let (digits, factor) = match s.char_indices().last() {
        Some((i, 'k' | 'K' | '千')) => (&s[..i], 1_000u128),
        Some((i, 'm' | 'M')) => (&s[..i], 1_000_000),
        Some((i, '万')) => (&s[..i], 10_000),
        Some((i, '亿')) => (&s[..i], 100_000_000),
        _ => (s.as_str(), 1),
    };
    // Digits first, then the multiplier, so "1.5万" is 15,000.
    let value = parse_decimal(digits, AMOUNT_DECIMALS, MAX_AMOUNT).map_err(|e| match e {
        InputError::NotANumber(_) => InputError::NotANumber(text.trim().to_string()),
        e => e,
    })?;
    let value = value
        .checked_mul(Ratio::from_int(factor))
        .ok_or(InputError::TooLarge)?;
    if value > Ratio::from_int(MAX_AMOUNT) {
        return Err(InputError::TooLarge);
    }
    if value.is_zero() {
        return Err(InputError::Zero);
    }
    Ok(value)
}

/// A whole count (deals, days, leads), e.g. "30"; zero only if `allow_zero`.
pub fn parse_count(text: &str, allow_zero: bool) -> Result<u64, InputError> {
    let s = normalise(text);
    if s.is_empty() {
        return Err(InputError::Empty);
    }
    let value = parse_decimal(&s, 6, MAX_COUNT).map_err(|e| match e {
        InputError::TooManyDecimals { .. } => InputError::NotWhole,
        InputError::NotANumber(_) => InputError::NotANumber(text.trim().to_string()),
        e => e,
    })?;
    if !value.is_integer() {
        return Err(InputError::NotWhole);
    }
    let n = value.floor();
    if n == 0 && !allow_zero {
        return Err(InputError::Zero);
    }
    u64::try_from(n).map_err(|_| InputError::TooLarge)
}

/// A positive number that may have decimals (e.g. leads one rep opens a week, weeks in a period).
pub fn parse_positive(text: &str) -> Result<Ratio, InputError> {
    let s = normalise(text);
    if s.is_empty() {
        return Err(InputError::Empty);
    }
    let value = parse_decimal(&s, 4, MAX_COUNT).map_err(|e| match e {
        InputError::NotANumber(_) => InputError::NotANumber(text.trim().to_string()),
        e => e,
    })?;
    if value.is_zero() {
        return Err(InputError::Zero);
    }
    Ok(value)
}

/// A calendar date typed as ISO `2027-01-31`; also `2027/1/31`, `2027.1.31`
/// and `2027年1月31日`.
pub fn parse_date(text: &str) -> Result<chrono::NaiveDate, InputError> {
    let s = normalise(text);
    if s.is_empty() {
        return Err(InputError::Empty);
    }
    let bad = || InputError::NotADate(text.trim().to_string());
    let parts: Vec<&str> = s
        .trim_end_matches('日')
        .split(['-', '/', '.', '年', '月'])
        .collect();
    let [y, m, d] = parts.as_slice() else {
        return Err(bad());
    };
    let digits = |p: &str, max: usize| {
        !p.is_empty() && p.len() <= max && p.bytes().all(|b| b.is_ascii_digit())
    };
    if !(digits(y, 4) && y.len() == 4 && digits(m, 2) && digits(d, 2)) {
        return Err(bad());
    }
    let (y, m, d) = (
        y.parse().map_err(|_| bad())?,
        m.parse().map_err(|_| bad())?,
        d.parse().map_err(|_| bad())?,
    );
    chrono::NaiveDate::from_ymd_opt(y, m, d).ok_or_else(bad)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percents() {
        assert_eq!(parse_percent("35"), Ok(Ratio::new(7, 20).unwrap()));
        assert_eq!(parse_percent(" 12.5 % "), Ok(Ratio::new(1, 8).unwrap()));
        assert_eq!(parse_percent("３５％"), Ok(Ratio::new(7, 20).unwrap()));
        assert_eq!(parse_percent(".5"), Ok(Ratio::new(1, 200).unwrap()));
        assert_eq!(parse_percent("0"), Ok(Ratio::ZERO));
        assert_eq!(parse_percent("-0"), Ok(Ratio::ZERO));
        assert_eq!(parse_percent("100"), Ok(Ratio::ONE));
        assert_eq!(parse_percent("100.5"), Err(InputError::AboveHundred));
        assert_eq!(
            parse_percent("99999999999999999999"),
            Err(InputError::AboveHundred)
        );
        assert_eq!(parse_percent("-5"), Err(InputError::Negative));
        assert_eq!(parse_percent(""), Err(InputError::Empty));
        assert_eq!(parse_percent("   "), Err(InputError::Empty));
        assert_eq!(
            parse_percent("abc"),
            Err(InputError::NotANumber("abc".into()))
        );
        assert_eq!(
            parse_percent("NaN"),
            Err(InputError::NotANumber("NaN".into()))
        );
        assert_eq!(
            parse_percent("Infinity"),
            Err(InputError::NotANumber("Infinity".into()))
        );
        assert_eq!(
            parse_percent("1e3"),
            Err(InputError::NotANumber("1e3".into()))
        );
        assert_eq!(parse_percent("."), Err(InputError::NotANumber(".".into())));
        assert_eq!(
            parse_percent("1.2.3"),
            Err(InputError::NotANumber("1.2.3".into()))
        );
        assert_eq!(
            parse_percent("12.34567"),
            Err(InputError::TooManyDecimals { max: 4 })
        );
        assert_eq!(
            parse_percent("12.30000000"),
            Ok(Ratio::new(123, 1000).unwrap())
        );
    }

    #[test]
    fn amounts() {
        assert_eq!(parse_amount("3,000,000"), Ok(Ratio::from_int(3_000_000)));
        assert_eq!(parse_amount("300万"), Ok(Ratio::from_int(3_000_000)));
        assert_eq!(parse_amount("1.5万"), Ok(Ratio::from_int(15_000)));
        assert_eq!(parse_amount("2.4m"), Ok(Ratio::from_int(2_400_000)));
        assert_eq!(parse_amount("20k"), Ok(Ratio::from_int(20_000)));
        assert_eq!(parse_amount("0"), Err(InputError::Zero));
        assert_eq!(parse_amount("-100"), Err(InputError::Negative));
        assert_eq!(
            parse_amount("1e30"),
            Err(InputError::NotANumber("1e30".into()))
        );
        assert_eq!(parse_amount("10000000000亿"), Err(InputError::TooLarge));
        assert_eq!(
            parse_amount("99999999999999999999999999999999999999999"),
            Err(InputError::TooLarge)
        );
        assert_eq!(parse_amount("万"), Err(InputError::NotANumber("万".into())));
    }

    #[test]
    fn counts() {
        assert_eq!(parse_count("30", false), Ok(30));
        assert_eq!(parse_count("1,000", false), Ok(1000));
        assert_eq!(parse_count("30.0", false), Ok(30));
        assert_eq!(parse_count("2.5", false), Err(InputError::NotWhole));
        assert_eq!(parse_count("0", false), Err(InputError::Zero));
        assert_eq!(parse_count("0", true), Ok(0));
        assert_eq!(parse_count("-3", false), Err(InputError::Negative));
        assert_eq!(
            parse_count("10000000000000", false),
            Err(InputError::TooLarge)
        );
    }

    #[test]
    fn dates() {
        let d = chrono::NaiveDate::from_ymd_opt(2028, 2, 29).unwrap();
        assert_eq!(parse_date("2028-02-29"), Ok(d));
        assert_eq!(parse_date("2028/2/29"), Ok(d));
        assert_eq!(parse_date("2028年2月29日"), Ok(d));
        assert_eq!(parse_date(" ２０２８－０２－２９ "), Ok(d));
        assert_eq!(
            parse_date("2027-02-29"),
            Err(InputError::NotADate("2027-02-29".into()))
        );
        assert_eq!(
            parse_date("29.02.2028"),
            Err(InputError::NotADate("29.02.2028".into()))
        );
        assert_eq!(
            parse_date("tomorrow"),
            Err(InputError::NotADate("tomorrow".into()))
        );
        assert_eq!(parse_date(""), Err(InputError::Empty));
    }

    #[test]
    fn confidence() {
        assert_eq!(parse_confidence("90"), Ok(Ratio::new(9, 10).unwrap()));
        assert_eq!(parse_confidence("100"), Err(InputError::NotBelowHundred));
        assert_eq!(parse_confidence("0"), Err(InputError::Zero));
    }
}
