//! One parser for every amount, rate and count field: what people type and
//! paste becomes an exact number, once, at the edge.
//!
//! Every function here is total: it returns a value or a typed
//! [`InputError`], never panics and never overflows, whatever the text.
//!
//! # What a reading says
//!
//! A successful read is a [`Reading`]: the exact value and a flag `noted`,
//! true whenever the value is not just the digits as typed, so that the field
//! can show quietly what was understood ("= 3,000,000"). A reading is noted
//! when a currency sign, code or unit was stripped; a multiplier (`k`, `m`,
//! `万`, `亿` …) was applied; grouping separators were removed; a decimal comma
//! was read as the decimal point; full-width digits, points or commas were
//! converted (a full-width `％` alone is not noted);
//! or a number such as `250.000` (1–3 digits, a single dot, exactly three
//! digits) was read with the dot as the decimal point, which a decimal-comma
//! user must see ("= 250"). Plain `3000000`, `12.5`, `35%` and ` 35 ` are not
//! noted.
//!
//! # Reading rules
//!
//! 1. **Normalise.** Surrounding whitespace is trimmed. Full-width forms from
//!    CJK input methods become ASCII: digits `０`–`９`, `．` and `。` (point),
//!    `，`, `％`, `＋`, `－`, `＄`, `（` `）`, the full-width space and full-width
//!    Latin letters. `−` (U+2212) and `–` (U+2013) are minus signs; `’`
//!    (U+2019, Swiss grouping) is an apostrophe. Invisible characters that
//!    come along with a paste (zero-width spaces and joiners, direction
//!    marks, the byte-order mark, soft hyphens) are dropped. Nothing but
//!    whitespace → `Empty`.
//! 2. **Tokens.** `[currency] [sign] number [multiplier] [currency] [%]`, with
//!    spaces allowed between tokens: `USD 1,200`, `1,200 USD`, `$1.2m`,
//!    `300万元`, `1.5 万`, `-$5`, `$-5`. The sign is `-` or `+`; accounting
//!    parentheses around the number, `(1,000)`, `($1,000)` or `$(1,000)`, are a
//!    minus (a sign inside parentheses is refused). A negative value is
//!    `Negative` unless it is 0 (`-0` is 0). Anything else — letters that are
//!    neither a multiplier nor a currency, exponents (`1e3`), `NaN`,
//!    `Infinity`, hex (`0x10`), a second sign, currency or `%`, no digits at
//!    all — is `NotANumber` quoting the original trimmed text.
//! 3. **Currency** (amounts only; in rate and count fields any currency is
//!    `NotANumber`). At most one currency token. Letters are case-insensitive.
//!    - `$` is any dollar: USD, HKD, SGD, AUD, CAD, NZD, TWD. `US$` USD, `HK$`
//!      HKD, `S$` SGD, `A$`/`AU$` AUD, `C$`/`CA$` CAD, `NZ$` NZD, `NT$` TWD.
//!    - `¥` and `￥` are CNY or JPY; `CN¥`, `RMB`, `元`, `人民币` CNY; `JP¥`,
//!      `円`, `日元` JPY; `€`/`欧元` EUR; `£`/`英镑` GBP; `₩` KRW; `₹` INR;
//!      `美元` USD; `港元`/`港币` HKD.
//!    - The ISO 4217 codes CNY USD EUR GBP JPY HKD SGD AUD CAD NZD CHF KRW INR
//!      TWD MOP SEK NOK DKK RUB BRL MXN ZAR THB MYR IDR PHP VND AED SAR, and
//!      the plan's own code whatever it is. A code is a word of its own: it
//!      may touch the digits (`1200usd`, `USD1200`) but not other letters
//!      (`1200usdx` is not a number).
//!    - Chinese words: `人民币`/`人民幣` CNY; `元` CNY, HKD, TWD or MOP;
//!      `美元`/`美金` USD; `港元`/`港币`/`港幣` HKD; `日元`/`日圆`/`円` JPY;
//!      `欧元` EUR; `英镑` GBP; `新台币`/`台币` TWD; `新加坡元`/`新币` SGD;
//!      `澳元` AUD; `加元` CAD; `韩元` KRW; `澳门元` MOP.
//!    - If the token can mean the plan's currency it is accepted (noted);
//!      otherwise `WrongCurrency { typed, expected }`. With no plan currency
//!      (`""`) any currency token is `NotANumber`. A second currency word
//!      after the number is fine when it names the same currency
//!      (`人民币 3,000,000.00 元`, `$100 USD`).
//!    - `万元`, `亿元` and `千元` are a multiplier followed by `元`, so they
//!      multiply by 10⁴, 10⁸, 10³ and say CNY.
//! 4. **Multipliers** (amounts, counts and positive numbers; not rates), right
//!    after the digits: `k` ×10³, `m`/`mn`/`mm` ×10⁶, `bn` ×10⁹ (any case, a
//!    word of its own), `千` ×10³, `万`/`萬` ×10⁴, `十万` ×10⁵, `百万` ×10⁶,
//!    `千万` ×10⁷, `亿`/`億` ×10⁸, `万亿` ×10¹². The digits are read first, then
//!    multiplied exactly: `1.5万` = 15,000, `2.4m` = 2,400,000. Limits on decimals apply
//!    to the final value (`1.23456万` = 12,345.6 is a valid amount).
//! 5. **Separators** in the number:
//!    - Spaces (also NBSP, U+2009, U+202F), `'` and `_` are grouping only.
//!    - [`DecimalMark::Point`]: `.` is the decimal point, `,` groups.
//!      [`DecimalMark::Comma`]: `,` is the decimal mark, `.` groups (`3.000`
//!      = 3000, `1.355,90` = 1355.9).
//!    - [`DecimalMark::Auto`] (typed fields): with both `.` and `,`, the last
//!      to occur is the decimal mark and must occur once; the other groups
//!      (`1,234.56`, `1.234,56`, `250.000,00` = 250,000). Only commas: several
//!      group (`1,000,000`); a single comma with 1–3 digits before it (not
//!      starting with 0) and exactly three after it groups (`3,000` = 3000);
//!      any other single comma is the decimal mark (`2,5` = 2.5, `1,2m` =
//!      1,200,000, `1234,567` = 1234.567, `0,125` = 0.125). Only dots: several
//!      group (`3.000.000`); a single dot is the decimal point (`3.000` = 3,
//!      noted).
//!    - Amounts and counts with one dot before exactly three digits
//!      (`250.000`) are `Ambiguous` in `Auto` (250 in English, 250,000 in
//!      much of Europe): refused, never guessed. Rates keep three decimals
//!      (`12.345`), and a CSV column with a known mark is read by that mark.
//!    - Grouping that is well formed so far but whose last group is still
//!      short (`3,000,0`, `3,000,`, `12 34`) is `Unfinished` in `Auto`: the
//!      field says "keep typing" as advice, not as an error. So is a text of
//!      only a sign, a currency or an opening bracket (`$`, `-`, `(¥`).
//!    - Grouping is well formed or refused with `BadSeparators`: in the whole
//!      part only, first group 1–3 digits, then groups of exactly 3, one kind
//!      of separator (`1,23,456`, `12,3456`, `1,,000`, `12 34`, `1.2.3`,
//!      `1,000 000`, a separator after the decimal mark, two decimal marks
//!      are all refused). A leading or trailing decimal mark is fine: `.5` and
//!      `,5` are 0.5; `12.` is 12 and `1,` is 1 (what a field holds halfway
//!      through typing `12.5` or `1,5`).
//! 6. **Ranges.** Amounts: greater than 0, at most [`MAX_AMOUNT`] (else
//!    `AtMost`), at most [`AMOUNT_DECIMALS`] decimals. Rates: at most one
//!    trailing `%`, 0 to 100 (anything above, however huge, is
//!    `AboveHundred`), at most [`PERCENT_DECIMALS`] decimals, returned as a
//!    fraction of one (`35` → 7/20); a confidence is strictly between 0 and
//!    100. Counts: whole (`30.0` is 30, `2.5` is `NotWhole`, `1.5k` is 1500),
//!    0 only where allowed (else `Zero`), at most the field's cap (else
//!    `AtMost(cap)`). Sizes are compared by digit count before any parsing,
//!    so `99999999999999999999999999999999999999999亿` is simply over the cap.
//!    Confidences ([`read_confidence`]) are strictly between 0 and 100.
//!    When several things are wrong, the first reported is: the shape of the
//!    text, the currency, the separators, the sign, the size, the decimals.
//!
//! Dates ([`parse_date`]) are ISO `2027-01-31`, or `2027/1/31`, `2027.1.31`,
//! `2027年1月31日`, with years 1900–2199 (else `YearOutOfRange`);
//! [`PARTIAL_DATE`] stands for a date input holding half a date.

use super::ratio::Ratio;
use serde::{Deserialize, Serialize};

/// Why a field's text is not a usable number. Shown at the field, in words.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum InputError {
    /// Nothing typed.
    Empty,
    /// Not a number at all; carries the original trimmed text so the message
    /// can quote it.
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
    /// A date field left empty.
    NoDate,
    /// A count above the field's cap: must be at most this.
    AtMost(u64),
    /// A sign or code of another currency than the plan's: `typed` is the
    /// sign or code as typed, `expected` the plan's ISO code.
    WrongCurrency {
        typed: String,
        expected: String,
    },
    /// Separators that are neither well-formed grouping nor one decimal mark
    /// (`1,23,456`, `1.2.3,4`, `12 34`); carries the original trimmed text.
    BadSeparators(String),
    /// Grouping well formed so far with its last group still short: the
    /// user is most likely still typing (`3,000,0`).
    Unfinished(String),
    /// One dot before exactly three digits in an amount or count (`250.000`):
    /// 250 in English, 250,000 in much of Europe, so it is not guessed.
    Ambiguous(String),
    /// A year outside 1900–2199.
    YearOutOfRange,
    /// A date input holds part of a date (the browser reports it as bad
    /// input while day, month or year is missing).
    UnfinishedDate,
}

impl InputError {
    /// The text is most likely still being typed: say so as advice, not as
    /// an error.
    pub fn is_advice(&self) -> bool {
        matches!(self, InputError::Unfinished(_) | InputError::UnfinishedDate)
    }
}

/// Largest amount accepted anywhere: far beyond any real target, small
/// enough that every product with a rate still fits exactly.
pub const MAX_AMOUNT: u128 = 1_000_000_000_000_000; // 10^15
/// Largest count of deals, leads or days accepted by the old wrappers.
pub const MAX_COUNT: u128 = 1_000_000_000_000; // 10^12
/// Decimals kept on a percentage (0.0001 %).
pub const PERCENT_DECIMALS: u32 = 4;
/// Decimals kept on an amount of money.
pub const AMOUNT_DECIMALS: u32 = 4;
/// No field keeps more decimals than this, whatever it asks for, so that
/// every accepted value is an exact [`Ratio`].
const DECIMALS_CAP: u32 = 18;

/// A value read from a field, and whether it differs from the digits typed
/// (see the module docs), so the field can show what was understood.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Reading<T> {
    pub value: T,
    pub noted: bool,
}

/// Which character is the decimal mark.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum DecimalMark {
    /// Decide from the text itself (typed fields).
    #[default]
    Auto,
    /// `,` is the decimal mark and `.` groups (a CSV column recognised once).
    Comma,
    /// `.` is the decimal point and `,` groups.
    Point,
}

// ---------------------------------------------------------------------------
// Normalising

/// The text with full-width forms and dashes made ASCII, trimmed; and whether
/// a full-width digit or mark had to be converted.
fn normalise(text: &str) -> (String, bool) {
    let text = text.trim_matches(|c: char| c.is_whitespace() || is_invisible(c));
    let mut full_width = false;
    let shift = |c: char, from: char, to: char| {
        char::from_u32(u32::from(c) - u32::from(from) + u32::from(to)).unwrap_or(c)
    };
    let s = text
        .trim()
        .chars()
        // Invisible characters that come along with pasted text: zero-width
        // spaces and joiners, direction marks, the byte-order mark, soft
        // hyphens.
        .filter(|&c| !is_invisible(c))
        .map(|c| match c {
            '０'..='９' => {
                full_width = true;
                shift(c, '０', '0')
            }
            '．' | '。' => {
                full_width = true;
                '.'
            }
            '，' => {
                full_width = true;
                ','
            }
            'Ａ'..='Ｚ' => shift(c, 'Ａ', 'A'),
            'ａ'..='ｚ' => shift(c, 'ａ', 'a'),
            '％' => '%',
            '＋' => '+',
            '－' | '−' | '–' => '-',
            '＄' => '$',
            '（' => '(',
            '）' => ')',
            '’' => '\'',
            '\u{3000}' => ' ',
            c => c,
        })
        .collect();
    (s, full_width)
}

fn is_invisible(c: char) -> bool {
    matches!(c,
        '\u{200b}'..='\u{200f}'
            | '\u{202a}'..='\u{202e}'
            | '\u{2060}'..='\u{2064}'
            | '\u{2066}'..='\u{2069}'
            | '\u{feff}'
            | '\u{00ad}')
}

/// Spaces that may group digits (Intl formats with NBSP and U+202F).
fn is_space_like(c: char) -> bool {
    matches!(c, ' ' | '\u{a0}' | '\u{2009}' | '\u{202f}')
}

fn is_body_char(c: char) -> bool {
    c.is_ascii_digit() || matches!(c, '.' | ',' | '\'' | '_') || is_space_like(c)
}

// ---------------------------------------------------------------------------
// Tokens

const DOLLARS: &[&str] = &["USD", "HKD", "SGD", "AUD", "CAD", "NZD", "TWD"];
const YEN_OR_YUAN: &[&str] = &["CNY", "JPY"];

/// ISO 4217 codes recognised as words.
const ISO_CODES: &[&str] = &[
    "CNY", "USD", "EUR", "GBP", "JPY", "HKD", "SGD", "AUD", "CAD", "NZD", "CHF", "KRW", "INR",
    "TWD", "MOP", "SEK", "NOK", "DKK", "RUB", "BRL", "MXN", "ZAR", "THB", "MYR", "IDR", "PHP",
    "VND", "AED", "SAR",
];

/// Letters before `$` that name a dollar.
const DOLLAR_PREFIXES: &[(&str, &str)] = &[
    ("US", "USD"),
    ("HK", "HKD"),
    ("S", "SGD"),
    ("A", "AUD"),
    ("AU", "AUD"),
    ("C", "CAD"),
    ("CA", "CAD"),
    ("NZ", "NZD"),
    ("NT", "TWD"),
];

/// Single-character currency signs.
const SIGNS: &[(char, &[&str])] = &[
    ('$', DOLLARS),
    ('¥', YEN_OR_YUAN),
    ('￥', YEN_OR_YUAN),
    ('€', &["EUR"]),
    ('£', &["GBP"]),
    ('₩', &["KRW"]),
    ('₹', &["INR"]),
];

enum Cjk {
    Mult(u32),
    Cur(&'static [&'static str]),
}

/// Chinese and Japanese units; the longest match wins.
const CJK: &[(&str, Cjk)] = &[
    ("十万", Cjk::Mult(5)),
    ("百万", Cjk::Mult(6)),
    ("千万", Cjk::Mult(7)),
    ("千", Cjk::Mult(3)),
    ("万", Cjk::Mult(4)),
    ("萬", Cjk::Mult(4)),
    ("亿", Cjk::Mult(8)),
    ("万亿", Cjk::Mult(12)),
    ("萬億", Cjk::Mult(12)),
    ("億", Cjk::Mult(8)),
    ("人民币", Cjk::Cur(&["CNY"])),
    ("人民幣", Cjk::Cur(&["CNY"])),
    // 元 is the unit of the yuan, and of the Hong Kong, Taiwan and Macau
    // dollars in Chinese text.
    ("元", Cjk::Cur(&["CNY", "HKD", "TWD", "MOP"])),
    ("円", Cjk::Cur(&["JPY"])),
    ("日元", Cjk::Cur(&["JPY"])),
    ("日圆", Cjk::Cur(&["JPY"])),
    ("日圓", Cjk::Cur(&["JPY"])),
    ("美元", Cjk::Cur(&["USD"])),
    ("美金", Cjk::Cur(&["USD"])),
    ("港元", Cjk::Cur(&["HKD"])),
    ("港币", Cjk::Cur(&["HKD"])),
    ("港幣", Cjk::Cur(&["HKD"])),
    ("欧元", Cjk::Cur(&["EUR"])),
    ("歐元", Cjk::Cur(&["EUR"])),
    ("英镑", Cjk::Cur(&["GBP"])),
    ("英鎊", Cjk::Cur(&["GBP"])),
    ("新台币", Cjk::Cur(&["TWD"])),
    ("新台幣", Cjk::Cur(&["TWD"])),
    ("台币", Cjk::Cur(&["TWD"])),
    ("台幣", Cjk::Cur(&["TWD"])),
    ("新加坡元", Cjk::Cur(&["SGD"])),
    ("新币", Cjk::Cur(&["SGD"])),
    ("新幣", Cjk::Cur(&["SGD"])),
    ("澳元", Cjk::Cur(&["AUD"])),
    ("澳币", Cjk::Cur(&["AUD"])),
    ("澳幣", Cjk::Cur(&["AUD"])),
    ("加元", Cjk::Cur(&["CAD"])),
    ("韩元", Cjk::Cur(&["KRW"])),
    ("韓元", Cjk::Cur(&["KRW"])),
    ("澳门元", Cjk::Cur(&["MOP"])),
    ("澳門元", Cjk::Cur(&["MOP"])),
];

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Tok<'a> {
    /// Digits and separators.
    Body(&'a str),
    /// `-` (true) or `+` (false).
    Sign(bool),
    Open,
    Close,
    Percent,
    /// A multiplier: times ten to this power.
    Mult(u32),
    /// A currency sign or code as typed; `ok` when it can mean the plan's.
    Cur {
        typed: &'a str,
        ok: bool,
    },
}

/// Splits `s` into tokens; `None` at anything that is no token at all.
/// `plan` is the plan's currency code, upper case ("" for none).
fn tokens<'a>(s: &'a str, plan: &str) -> Option<Vec<Tok<'a>>> {
    let means_plan = |codes: &[&str]| !plan.is_empty() && codes.contains(&plan);
    let mut out = Vec::new();
    let mut rest = s;
    while let Some(c) = rest.chars().next() {
        let next_is_digit = rest.chars().nth(1).is_some_and(|d| d.is_ascii_digit());
        let (token, len) = if c.is_whitespace() {
            let end = rest
                .find(|c: char| !c.is_whitespace())
                .unwrap_or(rest.len());
            (None, end)
        } else if c.is_ascii_digit() || (matches!(c, '.' | ',') && next_is_digit) {
            let end = rest.find(|c: char| !is_body_char(c)).unwrap_or(rest.len());
            let body = rest
                .get(..end)
                .unwrap_or("")
                .trim_end_matches(is_space_like);
            (Some(Tok::Body(body)), body.len())
        } else if c.is_ascii_alphabetic() {
            let end = rest
                .find(|c: char| !c.is_ascii_alphabetic())
                .unwrap_or(rest.len());
            let word = rest.get(..end).unwrap_or("");
            let after = rest.get(end..).unwrap_or("");
            let upper = word.to_ascii_uppercase();
            let compound = match after.chars().next() {
                Some('$') => DOLLAR_PREFIXES
                    .iter()
                    .find(|(p, _)| *p == upper)
                    .map(|&(_, code)| (code, '$')),
                Some(y @ ('¥' | '￥')) => match upper.as_str() {
                    "CN" => Some(("CNY", y)),
                    "JP" => Some(("JPY", y)),
                    _ => None,
                },
                _ => None,
            };
            if let Some((code, sign)) = compound {
                let len = end + sign.len_utf8();
                let typed = rest.get(..len).unwrap_or("");
                let ok = means_plan(&[code]);
                (Some(Tok::Cur { typed, ok }), len)
            } else {
                let token = match word.to_ascii_lowercase().as_str() {
                    "k" => Tok::Mult(3),
                    "m" | "mn" | "mm" => Tok::Mult(6),
                    "bn" => Tok::Mult(9),
                    _ if upper == "RMB" => Tok::Cur {
                        typed: word,
                        ok: means_plan(&["CNY"]),
                    },
                    _ if ISO_CODES.contains(&upper.as_str())
                        || (!plan.is_empty() && upper == plan) =>
                    {
                        Tok::Cur {
                            typed: word,
                            ok: upper == plan,
                        }
                    }
                    _ => return None,
                };
                (Some(token), end)
            }
        } else if let Some(&(_, codes)) = SIGNS.iter().find(|(sign, _)| *sign == c) {
            let typed = rest.get(..c.len_utf8()).unwrap_or("");
            let ok = means_plan(codes);
            (Some(Tok::Cur { typed, ok }), c.len_utf8())
        } else {
            match c {
                '-' => (Some(Tok::Sign(true)), 1),
                '+' => (Some(Tok::Sign(false)), 1),
                '(' => (Some(Tok::Open), 1),
                ')' => (Some(Tok::Close), 1),
                '%' => (Some(Tok::Percent), 1),
                _ => {
                    let (word, unit) = CJK
                        .iter()
                        .filter(|(w, _)| rest.starts_with(*w))
                        .max_by_key(|(w, _)| w.len())?;
                    let token = match unit {
                        Cjk::Mult(p) => Tok::Mult(*p),
                        Cjk::Cur(codes) => Tok::Cur {
                            typed: word,
                            ok: means_plan(codes),
                        },
                    };
                    (Some(token), word.len())
                }
            }
        };
        if len == 0 {
            return None;
        }
        out.extend(token);
        rest = rest.get(len..)?;
    }
    Some(out)
}

/// The parts of a number as typed.
#[derive(Debug, Default)]
struct Shape<'a> {
    negative: bool,
    body: &'a str,
    /// Power of ten of the multiplier, 0 for none.
    mult: u32,
    currency: Option<(&'a str, bool)>,
    /// A second currency word after the number was seen.
    suffix_currency: bool,
    percent: bool,
}

/// `[( currency sign] body [multiplier] [currency ) %]`, each at most once
/// and in any order on its side of the number; `None` for anything else.
fn shape<'a>(tokens: &[Tok<'a>]) -> Option<Shape<'a>> {
    let mut shape = Shape::default();
    let (mut open, mut closed, mut sign) = (false, false, None);
    let mut it = tokens.iter().peekable();
    while let Some(t) = it.next_if(|t| !matches!(t, Tok::Body(_))) {
        match *t {
            Tok::Open if !open => open = true,
            Tok::Sign(negative) if sign.is_none() => sign = Some(negative),
            Tok::Cur { typed, ok } if shape.currency.is_none() => {
                shape.currency = Some((typed, ok))
            }
            _ => return None,
        }
    }
    shape.body = match it.next() {
        Some(&Tok::Body(b)) => b,
        _ => return None,
    };
    if let Some(Tok::Mult(p)) = it.next_if(|t| matches!(t, Tok::Mult(_))) {
        shape.mult = *p;
    }
    for t in it {
        match *t {
            Tok::Close if open && !closed => closed = true,
            Tok::Percent if !shape.percent => shape.percent = true,
            Tok::Cur { typed, ok } if shape.currency.is_none() => {
                shape.currency = Some((typed, ok))
            }
            // "人民币 3,000,000.00 元": a second word for the same currency;
            // the one that is not the plan's is what gets reported.
            Tok::Cur { typed, ok } if !shape.suffix_currency => {
                shape.suffix_currency = true;
                if !ok {
                    shape.currency = Some((typed, ok));
                }
            }
            _ => return None,
        }
    }
    if open != closed || (open && sign.is_some()) {
        return None;
    }
    shape.negative = open || sign == Some(true);
    Some(shape)
}

// ---------------------------------------------------------------------------
// Separators

/// The digits of a number body, and what reading them took.
#[derive(Debug)]
struct Digits<'a> {
    int: String,
    frac: &'a str,
    grouped: bool,
    decimal_comma: bool,
    dot_three: bool,
}

fn all_digits(s: &str) -> bool {
    s.bytes().all(|b| b.is_ascii_digit())
}

/// 1–3 digits, not starting with 0: could be the first group of a number.
fn first_group(s: &str) -> bool {
    (1..=3).contains(&s.len()) && all_digits(s) && !s.starts_with('0')
}

/// Why the separators of a number cannot be read.
#[derive(Debug, PartialEq, Eq)]
enum SepError {
    /// Not well formed.
    Bad,
    /// Well formed so far, with the last group of digits not yet complete
    /// ("3,000,0" on the way to "3,000,000").
    Unfinished,
}

/// Reads the separators of `body`.
fn digits(body: &str, mark: DecimalMark) -> Result<Digits<'_>, SepError> {
    use SepError::Bad;
    let dots = body.matches('.').count();
    let commas = body.matches(',').count();
    let decimal = match mark {
        DecimalMark::Point => (dots > 0).then_some('.'),
        DecimalMark::Comma => (commas > 0).then_some(','),
        DecimalMark::Auto => match (dots, commas) {
            (0, 0) => None,
            (0, 1) => {
                let (before, after) = body.split_once(',').ok_or(Bad)?;
                let grouping = first_group(before) && after.len() == 3 && all_digits(after);
                (!grouping).then_some(',')
            }
            (0, _) => None,
            (1, 0) => Some('.'),
            (_, 0) => None,
            _ => body
                .rfind(['.', ','])
                .and_then(|i| body.get(i..)?.chars().next()),
        },
    };
    let (int, frac) = match decimal {
        Some(d) => {
            let (int, frac) = body.split_once(d).ok_or(Bad)?;
            // "12." and "1," are what a field holds halfway through typing
            // "12.5" or "1,5": a decimal mark with no decimals yet.
            if !all_digits(frac) || (frac.is_empty() && int.is_empty()) {
                return Err(Bad);
            }
            (int, frac)
        }
        None => (body, ""),
    };
    let grouped = !all_digits(int);
    let int_digits = if grouped {
        // One kind of separator, first group 1–3 digits, then threes.
        let kind = |c: char| if is_space_like(c) { ' ' } else { c };
        let mut seps = int.chars().filter(|c| !c.is_ascii_digit()).map(kind);
        let sep = seps.next().ok_or(Bad)?;
        if seps.any(|c| c != sep) {
            return Err(Bad);
        }
        let groups: Vec<&str> = int.split(|c: char| !c.is_ascii_digit()).collect();
        let (first, rest) = groups.split_first().ok_or(Bad)?;
        if !(1..=3).contains(&first.len()) {
            return Err(Bad);
        }
        if let Some((last, middle)) = rest.split_last() {
            if middle.iter().any(|g| g.len() != 3) {
                return Err(Bad);
            }
            if last.len() < 3 && decimal.is_none() && mark == DecimalMark::Auto {
                return Err(SepError::Unfinished);
            }
            if last.len() != 3 {
                return Err(Bad);
            }
        }
        groups.concat()
    } else {
        int.to_string()
    };
    Ok(Digits {
        dot_three: decimal == Some('.') && first_group(int) && frac.len() == 3,
        decimal_comma: decimal == Some(','),
        grouped,
        int: int_digits,
        frac,
    })
}

// ---------------------------------------------------------------------------
// Reading

#[derive(Clone, Copy, PartialEq, Eq)]
enum Field<'a> {
    /// Money in the plan's currency (upper-case ISO code, "" for none).
    Amount(&'a str),
    Percent,
    /// Counts and positive numbers: multipliers, no currency, no `%`.
    Quantity,
}

/// A number read from text, before its field's range: whole digits and
/// decimal digits with the multiplier applied, leading and trailing zeros
/// removed.
#[derive(Debug)]
struct Read {
    int: String,
    frac: String,
    noted: bool,
}

fn read(text: &str, field: Field<'_>, mark: DecimalMark) -> Result<Read, InputError> {
    let original = text.trim();
    let not_a_number = || InputError::NotANumber(original.to_string());
    let (s, full_width) = normalise(text);
    if s.is_empty() {
        return Err(InputError::Empty);
    }
    let plan = match field {
        Field::Amount(code) => code,
        _ => "",
    };
    let toks = tokens(&s, plan).ok_or_else(not_a_number)?;
    // Only a sign, a currency or an opening bracket so far ("$", "-", "(¥"):
    // the number is still to come.
    if toks
        .iter()
        .all(|t| matches!(t, Tok::Sign(_) | Tok::Open | Tok::Cur { .. }))
    {
        return Err(InputError::Unfinished(original.into()));
    }
    let shape = shape(&toks).ok_or_else(not_a_number)?;
    let allowed = match field {
        Field::Amount(_) => !shape.percent,
        Field::Percent => shape.currency.is_none() && shape.mult == 0,
        Field::Quantity => shape.currency.is_none() && !shape.percent,
    };
    if !allowed {
        return Err(not_a_number());
    }
    if let Some((typed, ok)) = shape.currency {
        if plan.is_empty() {
            return Err(not_a_number());
        }
        if !ok {
            return Err(InputError::WrongCurrency {
                typed: typed.to_string(),
                expected: plan.to_string(),
            });
        }
    }
    let d = digits(shape.body, mark).map_err(|e| match e {
        SepError::Bad => InputError::BadSeparators(original.into()),
        SepError::Unfinished => InputError::Unfinished(original.into()),
    })?;
    // "250.000" is 250 in English and 250,000 in much of Europe: in money
    // and counts (where three decimals are rare) it is refused, not guessed.
    // Rates keep their decimals ("12.345"), and a CSV column whose decimal
    // mark is known is not ambiguous.
    if d.dot_three && mark == DecimalMark::Auto && field != Field::Percent {
        return Err(InputError::Ambiguous(original.into()));
    }
    // Move the decimal point right by the multiplier's power of ten.
    let p = usize::try_from(shape.mult).unwrap_or(0);
    let (moved, frac) = d.frac.split_at_checked(p).unwrap_or((d.frac, ""));
    let mut int = d.int;
    int.push_str(moved);
    int.extend(std::iter::repeat_n('0', p.saturating_sub(moved.len())));
    let int = int.trim_start_matches('0').to_string();
    let frac = frac.trim_end_matches('0').to_string();
    if shape.negative && !(int.is_empty() && frac.is_empty()) {
        return Err(InputError::Negative);
    }
    let noted = full_width
        || shape.currency.is_some()
        || shape.mult > 0
        || d.grouped
        || d.decimal_comma
        || d.dot_three;
    Ok(Read { int, frac, noted })
}

/// Why a read number is out of its field's range.
enum Over {
    Above,
    Decimals(u32),
}

/// The exact value of `int.frac`, at most `limit` and with at most
/// `max_decimals` decimals (never more than [`DECIMALS_CAP`]). `int` has no
/// leading zeros and `frac` no trailing ones. Sizes are compared by digit
/// count before parsing, and size is checked before decimals; a value that
/// cannot be held exactly is `Above`.
fn exact(int: &str, frac: &str, max_decimals: u32, limit: Ratio) -> Result<Ratio, Over> {
    let cap = limit.floor();
    if int.len() > cap.to_string().len() {
        return Err(Over::Above);
    }
    let whole: u128 = if int.is_empty() {
        0
    } else {
        int.parse().map_err(|_| Over::Above)?
    };
    if whole > cap {
        return Err(Over::Above);
    }
    // Enough decimals to compare with the limit; the rest only matters as
    // "more than that".
    let kept = frac.get(..DECIMALS_CAP as usize).unwrap_or(frac);
    let places = u32::try_from(kept.len()).unwrap_or(DECIMALS_CAP);
    let scale = 10u128.checked_pow(places).ok_or(Over::Above)?;
    let part: u128 = if kept.is_empty() {
        0
    } else {
        kept.parse().map_err(|_| Over::Above)?
    };
    let num = whole
        .checked_mul(scale)
        .and_then(|n| n.checked_add(part))
        .ok_or(Over::Above)?;
    let value = Ratio::new(num, scale).ok_or(Over::Above)?;
    if value > limit || (value == limit && kept.len() < frac.len()) {
        return Err(Over::Above);
    }
    let max_decimals = max_decimals.min(DECIMALS_CAP);
    if frac.len() > max_decimals as usize {
        return Err(Over::Decimals(max_decimals));
    }
    Ok(value)
}

/// An amount of money in the plan's `currency` (ISO code; "" allows no
/// currency sign at all): greater than 0, at most [`MAX_AMOUNT`], at most
/// [`AMOUNT_DECIMALS`] decimals. `"$1.2m"` on a USD plan is 1,200,000, noted.
pub fn read_amount(
    text: &str,
    currency: &str,
    mark: DecimalMark,
) -> Result<Reading<Ratio>, InputError> {
    let plan = currency.trim().to_ascii_uppercase();
    let r = read(text, Field::Amount(&plan), mark)?;
    let value = exact(
        &r.int,
        &r.frac,
        AMOUNT_DECIMALS,
        Ratio::from_int(MAX_AMOUNT),
    )
    .map_err(|e| match e {
        Over::Above => InputError::AtMost(MAX_AMOUNT as u64),
        Over::Decimals(max) => InputError::TooManyDecimals { max },
    })?;
    if value.is_zero() {
        return Err(InputError::Zero);
    }
    Ok(Reading {
        value,
        noted: r.noted,
    })
}

/// A percentage from 0 to 100 with at most [`PERCENT_DECIMALS`] decimals, as
/// a fraction of one: `"35"` → 7/20, `"2,5"` → 1/40 (noted).
pub fn read_percent(text: &str, mark: DecimalMark) -> Result<Reading<Ratio>, InputError> {
    let r = read(text, Field::Percent, mark)?;
    let value = exact(&r.int, &r.frac, PERCENT_DECIMALS, Ratio::from_int(100))
        .map_err(|e| match e {
            Over::Above => InputError::AboveHundred,
            Over::Decimals(max) => InputError::TooManyDecimals { max },
        })?
        .checked_div(Ratio::from_int(100))
        .ok_or(InputError::AboveHundred)?;
    Ok(Reading {
        value,
        noted: r.noted,
    })
}

/// A confidence level: a percentage strictly between 0 and 100 (certainty
/// would need unlimited leads, so 100 and above are `NotBelowHundred`).
pub fn read_confidence(text: &str, mark: DecimalMark) -> Result<Reading<Ratio>, InputError> {
    let r = read_percent(text, mark).map_err(|e| match e {
        InputError::AboveHundred => InputError::NotBelowHundred,
        e => e,
    })?;
    if r.value.is_zero() {
        Err(InputError::Zero)
    } else if r.value.is_one() {
        Err(InputError::NotBelowHundred)
    } else {
        Ok(r)
    }
}

/// A whole count (deals, days, leads), at most `max` (else `AtMost(max)`);
/// zero only if `allow_zero`. Multipliers apply: `"1.5k"` is 1500.
pub fn read_count(text: &str, allow_zero: bool, max: u64) -> Result<Reading<u64>, InputError> {
    let r = read(text, Field::Quantity, DecimalMark::Auto)?;
    let value =
        exact(&r.int, &r.frac, 0, Ratio::from_int(u128::from(max))).map_err(|e| match e {
            Over::Above => InputError::AtMost(max),
            Over::Decimals(_) => InputError::NotWhole,
        })?;
    let value = u64::try_from(value.floor()).map_err(|_| InputError::AtMost(max))?;
    if value == 0 && !allow_zero {
        return Err(InputError::Zero);
    }
    Ok(Reading {
        value,
        noted: r.noted,
    })
}

/// A number greater than 0 that may have decimals (leads one rep opens a
/// week): at most `max` (else `AtMost(max)`), at most `max_decimals`
/// decimals (never more than 18).
pub fn read_positive(
    text: &str,
    max: u64,
    max_decimals: u32,
) -> Result<Reading<Ratio>, InputError> {
    let r = read(text, Field::Quantity, DecimalMark::Auto)?;
    let cap = Ratio::from_int(u128::from(max));
    let value = exact(&r.int, &r.frac, max_decimals, cap).map_err(|e| match e {
        Over::Above => InputError::AtMost(max),
        Over::Decimals(max) => InputError::TooManyDecimals { max },
    })?;
    if value.is_zero() {
        return Err(InputError::Zero);
    }
    Ok(Reading {
        value,
        noted: r.noted,
    })
}

// ---------------------------------------------------------------------------
// The earlier API, kept as thin wrappers.

/// A percentage between 0 and 100 as a fraction of one: "35" → 7/20.
pub fn parse_percent(text: &str) -> Result<Ratio, InputError> {
    read_percent(text, DecimalMark::Auto).map(|r| r.value)
}

/// An amount of money greater than zero, e.g. "3,000,000", "300万", "3m";
/// no currency sign is accepted here (see [`read_amount`]).
pub fn parse_amount(text: &str) -> Result<Ratio, InputError> {
    read_amount(text, "", DecimalMark::Auto).map(|r| r.value)
}

/// What a date field holds while the browser reports a half-typed date.
pub const PARTIAL_DATE: &str = "…";

/// A calendar date typed as ISO `2027-01-31`; also `2027/1/31`, `2027.1.31`
/// and `2027年1月31日`; years 1900–2199.
pub fn parse_date(text: &str) -> Result<chrono::NaiveDate, InputError> {
    let (s, _) = normalise(text);
    let s: String = s.chars().filter(|c| !c.is_whitespace()).collect();
    if s.is_empty() {
        return Err(InputError::NoDate);
    }
    if s == PARTIAL_DATE {
        return Err(InputError::UnfinishedDate);
    }
    let bad = || InputError::NotADate(text.trim().to_string());
    let parts: Vec<&str> = s
        .trim_end_matches('日')
        .split(['-', '/', '.', '年', '月'])
        .collect();
    let [y, m, d] = parts.as_slice() else {
        return Err(bad());
    };
    let digits = |p: &str, max: usize| !p.is_empty() && p.len() <= max && all_digits(p);
    if !(digits(y, 4) && y.len() == 4 && digits(m, 2) && digits(d, 2)) {
        return Err(bad());
    }
    let (y, m, d): (i32, u32, u32) = (
        y.parse().map_err(|_| bad())?,
        m.parse().map_err(|_| bad())?,
        d.parse().map_err(|_| bad())?,
    );
    // A date input reports "0002-12-31" while its year is typed digit by
    // digit: a year of fewer than four digits is unfinished, not wrong.
    if y < 1000 {
        return Err(InputError::UnfinishedDate);
    }
    if !(1900..=2199).contains(&y) {
        return Err(InputError::YearOutOfRange);
    }
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
            Err(InputError::BadSeparators("1.2.3".into()))
        );
        assert_eq!(
            parse_percent("8%%"),
            Err(InputError::NotANumber("8%%".into()))
        );
        assert_eq!(
            parse_percent("12.34567"),
            Err(InputError::TooManyDecimals { max: 4 })
        );
        assert_eq!(
            parse_percent("12.30000000"),
            Ok(Ratio::new(123, 1000).unwrap())
        );
        assert_eq!(parse_percent("2,5"), Ok(Ratio::new(1, 40).unwrap()));
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
        assert_eq!(
            parse_amount("10000000000亿"),
            Err(InputError::AtMost(MAX_AMOUNT as u64))
        );
        assert_eq!(
            parse_amount("99999999999999999999999999999999999999999"),
            Err(InputError::AtMost(MAX_AMOUNT as u64))
        );
        assert_eq!(parse_amount("万"), Err(InputError::NotANumber("万".into())));
        assert_eq!(parse_amount("$5"), Err(InputError::NotANumber("$5".into())));
    }

    #[test]
    fn counts() {
        let c = |t| read_count(t, false, 1_000_000).map(|r| r.value);
        assert_eq!(c("30"), Ok(30));
        assert_eq!(c("1,000"), Ok(1000));
        assert_eq!(c("30.0"), Ok(30));
        assert_eq!(c("2.5"), Err(InputError::NotWhole));
        assert_eq!(c("0"), Err(InputError::Zero));
        assert_eq!(read_count("0", true, 10).map(|r| r.value), Ok(0));
        assert_eq!(c("-3"), Err(InputError::Negative));
        assert_eq!(c("10000000000000"), Err(InputError::AtMost(1_000_000)));
    }

    #[test]
    fn dates() {
        let d = chrono::NaiveDate::from_ymd_opt(2028, 2, 29).unwrap();
        assert_eq!(parse_date("2028-02-29"), Ok(d));
        assert_eq!(parse_date("2028/2/29"), Ok(d));
        assert_eq!(parse_date("2028.2.29"), Ok(d));
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
        assert_eq!(parse_date(""), Err(InputError::NoDate));
        assert!(parse_date("1900-01-01").is_ok());
        assert!(parse_date("2199-12-31").is_ok());
        assert_eq!(parse_date("1899-12-31"), Err(InputError::YearOutOfRange));
        assert_eq!(parse_date("2200-01-01"), Err(InputError::YearOutOfRange));
    }

    #[test]
    fn confidence() {
        let c = |t| read_confidence(t, DecimalMark::Auto).map(|r| r.value);
        assert_eq!(c("90"), Ok(Ratio::new(9, 10).unwrap()));
        assert_eq!(c("100"), Err(InputError::NotBelowHundred));
        assert_eq!(c("100.5"), Err(InputError::NotBelowHundred));
        assert_eq!(c("0"), Err(InputError::Zero));
    }
}
