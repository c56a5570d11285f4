//! What people type and paste into number fields: every accepted form with
//! its value and whether the field notes it, every refused form with its
//! error, and properties over random text.
#![cfg(not(target_arch = "wasm32"))]

use funnel_calculator::domain::number::{
    parse_amount, parse_date, parse_percent, read_amount, read_confidence, read_count,
    read_percent, read_positive, DecimalMark, InputError, Reading, MAX_AMOUNT, MAX_COUNT,
};
use funnel_calculator::domain::Ratio;
use proptest::prelude::*;

use DecimalMark::{Auto, Comma, Point};

// ---------------------------------------------------------------------------
// Helpers

#[track_caller]
fn r(n: u128, d: u128) -> Ratio {
    Ratio::new(n, d).expect("valid test ratio")
}

fn int(n: u128) -> Ratio {
    Ratio::from_int(n)
}

fn nan(s: &str) -> InputError {
    InputError::NotANumber(s.into())
}

fn bad(s: &str) -> InputError {
    InputError::BadSeparators(s.into())
}

fn wrong(typed: &str, expected: &str) -> InputError {
    InputError::WrongCurrency {
        typed: typed.into(),
        expected: expected.into(),
    }
}

#[track_caller]
fn ok_amount(text: &str, currency: &str, value: u128, noted: bool) {
    ok_amount_as(Auto, text, currency, int(value), noted);
}

#[track_caller]
fn ok_amount_r(text: &str, currency: &str, value: Ratio, noted: bool) {
    ok_amount_as(Auto, text, currency, value, noted);
}

#[track_caller]
fn ok_amount_as(mark: DecimalMark, text: &str, currency: &str, value: Ratio, noted: bool) {
    assert_eq!(
        read_amount(text, currency, mark),
        Ok(Reading { value, noted }),
        "{text:?} in {currency} ({mark:?})"
    );
}

#[track_caller]
fn err_amount(text: &str, currency: &str, e: InputError) {
    err_amount_as(Auto, text, currency, e);
}

#[track_caller]
fn err_amount_as(mark: DecimalMark, text: &str, currency: &str, e: InputError) {
    assert_eq!(
        read_amount(text, currency, mark),
        Err(e),
        "{text:?} in {currency} ({mark:?})"
    );
}

/// `percent` is the value as typed (2.5 for "2,5"); the reading is a
/// fraction of one.
#[track_caller]
fn ok_percent(text: &str, percent: Ratio, noted: bool) {
    ok_percent_as(Auto, text, percent, noted);
}

#[track_caller]
fn ok_percent_as(mark: DecimalMark, text: &str, percent: Ratio, noted: bool) {
    let value = percent.checked_div(int(100)).expect("test percent");
    assert_eq!(
        read_percent(text, mark),
        Ok(Reading { value, noted }),
        "{text:?} ({mark:?})"
    );
}

#[track_caller]
fn err_percent(text: &str, e: InputError) {
    err_percent_as(Auto, text, e);
}

#[track_caller]
fn err_percent_as(mark: DecimalMark, text: &str, e: InputError) {
    assert_eq!(read_percent(text, mark), Err(e), "{text:?} ({mark:?})");
}

#[track_caller]
fn ok_count(text: &str, allow_zero: bool, max: u64, value: u64, noted: bool) {
    assert_eq!(
        read_count(text, allow_zero, max),
        Ok(Reading { value, noted }),
        "{text:?}"
    );
}

#[track_caller]
fn err_count(text: &str, allow_zero: bool, max: u64, e: InputError) {
    assert_eq!(read_count(text, allow_zero, max), Err(e), "{text:?}");
}

#[track_caller]
fn ok_positive(text: &str, max: u64, decimals: u32, value: Ratio, noted: bool) {
    assert_eq!(
        read_positive(text, max, decimals),
        Ok(Reading { value, noted }),
        "{text:?}"
    );
}

#[track_caller]
fn err_positive(text: &str, max: u64, decimals: u32, e: InputError) {
    assert_eq!(read_positive(text, max, decimals), Err(e), "{text:?}");
}

// ---------------------------------------------------------------------------
// Amounts: accepted

#[test]
fn amounts_in_yuan() {
    ok_amount("￥3,000,000.00", "CNY", 3_000_000, true);
    ok_amount("¥250,000.00", "CNY", 250_000, true); // a deal size of 12 deals
    ok_amount("300万元", "CNY", 3_000_000, true);
    ok_amount("３００万元", "CNY", 3_000_000, true);
    ok_amount("25万", "CNY", 250_000, true);
    ok_amount("RMB 300万", "CNY", 3_000_000, true);
    ok_amount("rmb300万", "CNY", 3_000_000, true);
    ok_amount("人民币 50,000", "CNY", 50_000, true);
    ok_amount("50,000人民币", "CNY", 50_000, true);
    ok_amount("CN¥1,000", "CNY", 1_000, true);
    ok_amount("CNY 1000", "CNY", 1_000, true);
    ok_amount("1000 cny", "CNY", 1_000, true);
    ok_amount("3000元", "CNY", 3_000, true);
    ok_amount("1.5万", "CNY", 15_000, true);
    ok_amount("1.5 万", "CNY", 15_000, true);
    ok_amount("1.5万元", "CNY", 15_000, true);
    ok_amount_r("1.23456万", "CNY", r(123_456, 10), true);
    ok_amount("3亿", "CNY", 300_000_000, true);
    ok_amount("3亿元", "CNY", 300_000_000, true);
    ok_amount("5千", "CNY", 5_000, true);
    ok_amount("5千元", "CNY", 5_000, true);
    ok_amount("2十万", "CNY", 200_000, true);
    ok_amount("3百万", "CNY", 3_000_000, true);
    ok_amount("1千万", "CNY", 10_000_000, true);
    ok_amount("1千万元", "CNY", 10_000_000, true);
    ok_amount("300萬", "CNY", 3_000_000, true);
    ok_amount("2億", "CNY", 200_000_000, true);
    ok_amount("１２３", "CNY", 123, true);
    ok_amount("３，０００", "CNY", 3_000, true);
    ok_amount_r("１２．５", "CNY", r(25, 2), true);
    ok_amount_r("１２。５", "CNY", r(25, 2), true);
    ok_amount("300万", "", 3_000_000, true);
}

#[test]
fn amounts_in_dollars() {
    ok_amount("$1,200,000", "USD", 1_200_000, true);
    ok_amount("$40,000", "USD", 40_000, true);
    ok_amount("US$40,000", "USD", 40_000, true);
    ok_amount("us$40,000", "USD", 40_000, true);
    ok_amount("USD 40,000", "USD", 40_000, true);
    ok_amount("USD40000", "USD", 40_000, true);
    ok_amount("40,000 USD", "USD", 40_000, true);
    ok_amount("40,000USD", "USD", 40_000, true);
    ok_amount("1200usd", "USD", 1_200, true);
    ok_amount("40,000 美元", "USD", 40_000, true);
    ok_amount("$ 40,000", "USD", 40_000, true);
    ok_amount("＄40,000", "USD", 40_000, true);
    ok_amount("40k", "USD", 40_000, true);
    ok_amount("40K", "USD", 40_000, true);
    ok_amount("40 k", "USD", 40_000, true);
    ok_amount("４０ｋ", "USD", 40_000, true);
    ok_amount("$40k", "USD", 40_000, true);
    ok_amount("$1.2m", "USD", 1_200_000, true);
    ok_amount("1.2M", "USD", 1_200_000, true);
    ok_amount("2.4mn", "USD", 2_400_000, true);
    ok_amount("2.4MM", "USD", 2_400_000, true);
    ok_amount("1bn", "USD", 1_000_000_000, true);
    ok_amount("1.2m USD", "USD", 1_200_000, true);
    ok_amount("$40 000", "USD", 40_000, true);
    ok_amount("40 000 $", "USD", 40_000, true);
    ok_amount("$100", "usd", 100, true);
    ok_amount("$100", " USD ", 100, true);
    ok_amount("$100", "HKD", 100, true);
    ok_amount("$100", "SGD", 100, true);
    ok_amount("$100", "AUD", 100, true);
    ok_amount("$100", "CAD", 100, true);
    ok_amount("$100", "NZD", 100, true);
    ok_amount("$100", "TWD", 100, true);
    ok_amount("HK$100", "HKD", 100, true);
    ok_amount("100 港元", "HKD", 100, true);
    ok_amount("100港币", "HKD", 100, true);
    ok_amount("S$100", "SGD", 100, true);
    ok_amount("A$100", "AUD", 100, true);
    ok_amount("AU$100", "AUD", 100, true);
    ok_amount("C$100", "CAD", 100, true);
    ok_amount("CA$100", "CAD", 100, true);
    ok_amount("NZ$100", "NZD", 100, true);
    ok_amount("NT$100", "TWD", 100, true);
}

#[test]
fn amounts_in_other_currencies() {
    ok_amount("¥5000", "JPY", 5_000, true);
    ok_amount("￥5000", "JPY", 5_000, true);
    ok_amount("JP¥5000", "JPY", 5_000, true);
    ok_amount("5000円", "JPY", 5_000, true);
    ok_amount("50万日元", "JPY", 500_000, true);
    ok_amount("€250,000", "EUR", 250_000, true);
    ok_amount("250.000,00 €", "EUR", 250_000, true);
    ok_amount_r("EUR 1.234,50", "EUR", r(2_469, 2), true);
    ok_amount("£1,000", "GBP", 1_000, true);
    ok_amount("100 英镑", "GBP", 100, true);
    ok_amount("100欧元", "EUR", 100, true);
    ok_amount("₩1,000,000", "KRW", 1_000_000, true);
    ok_amount("₹1,000", "INR", 1_000, true);
    ok_amount_r("CHF 1'234.50", "CHF", r(2_469, 2), true);
    ok_amount("1’234’567 CHF", "CHF", 1_234_567, true);
    ok_amount("SEK 1 000", "SEK", 1_000, true);
    ok_amount("MXN 100", "MXN", 100, true);
    ok_amount("100 MOP", "MOP", 100, true);
    // The plan's own code is a currency even when it is not in the list.
    ok_amount("1000 PLN", "PLN", 1_000, true);
    ok_amount("pln 1000", "PLN", 1_000, true);
}

#[test]
fn amounts_without_notes() {
    ok_amount("3000000", "USD", 3_000_000, false);
    ok_amount("40000", "USD", 40_000, false);
    ok_amount(" 35 ", "USD", 35, false);
    ok_amount("+35", "USD", 35, false);
    ok_amount("1000000000000000", "USD", 1_000_000_000_000_000, false);
    ok_amount_r("12.5", "USD", r(25, 2), false);
    ok_amount_r("12.50", "USD", r(25, 2), false);
    ok_amount_r("0.0001", "USD", r(1, 10_000), false);
    ok_amount_r(".5", "USD", r(1, 2), false);
    ok_amount_r("0.125", "USD", r(1, 8), false);
    ok_amount_r("1234.567", "USD", r(1_234_567, 1_000), false);
    ok_amount_r("12.30000000", "USD", r(123, 10), false);
}

#[test]
fn amounts_with_separators() {
    // Auto: the last of `.` and `,` is the decimal mark.
    ok_amount_r("1,234.56", "USD", r(123_456, 100), true);
    ok_amount_r("1.234,56", "USD", r(123_456, 100), true);
    ok_amount("250.000,00", "USD", 250_000, true);
    ok_amount("1.000.000,00", "USD", 1_000_000, true);
    ok_amount("1,000,000.00", "USD", 1_000_000, true);
    // Only commas.
    ok_amount("3,000", "USD", 3_000, true);
    ok_amount("3,000,000", "USD", 3_000_000, true);
    ok_amount_r("2,5", "USD", r(5, 2), true);
    ok_amount_r("2,50", "USD", r(5, 2), true);
    ok_amount("1,2m", "USD", 1_200_000, true);
    ok_amount_r("1234,567", "USD", r(1_234_567, 1_000), true);
    ok_amount_r("0,125", "USD", r(1, 8), true);
    ok_amount_r(",5", "USD", r(1, 2), true);
    // Only dots.
    ok_amount("3.000.000", "USD", 3_000_000, true);
    // One dot before exactly three digits: 3 or 3,000? Not guessed.
    err_amount("3.000", "USD", InputError::Ambiguous("3.000".into()));
    err_amount("250.000", "USD", InputError::Ambiguous("250.000".into()));
    err_amount("€250.000", "EUR", InputError::Ambiguous("€250.000".into()));
    ok_amount_as(Comma, "250.000", "EUR", int(250_000), true);
    ok_amount_as(Point, "250.000", "USD", int(250), true);
    // Invisible characters that come with a paste are dropped.
    ok_amount("3000000\u{200b}", "USD", 3_000_000, false);
    ok_amount("\u{200e}¥3,000,000.00", "CNY", 3_000_000, true);
    ok_amount("\u{feff}3000000", "USD", 3_000_000, false);
    // Chinese currency words.
    ok_amount("300万美金", "USD", 3_000_000, true);
    ok_amount("港幣300萬", "HKD", 3_000_000, true);
    ok_amount("300萬元", "HKD", 3_000_000, true);
    ok_amount("300万日圆", "JPY", 3_000_000, true);
    ok_amount("1万亿", "CNY", 1_000_000_000_000, true);
    // Only a sign or a currency so far: the figure is still to come.
    err_amount("$", "USD", InputError::Unfinished("$".into()));
    err_amount("-", "USD", InputError::Unfinished("-".into()));
    err_amount("(¥", "CNY", InputError::Unfinished("(¥".into()));
    for text in ["¥", "+", "US$", "- $"] {
        err_amount(text, "USD", InputError::Unfinished(text.into()));
    }
    ok_amount_r("3.5", "USD", r(7, 2), false);
    // Spaces, apostrophes, underscores.
    ok_amount("1 000 000", "USD", 1_000_000, true);
    ok_amount("1\u{a0}000\u{a0}000", "USD", 1_000_000, true);
    ok_amount("1\u{202f}000\u{202f}000", "USD", 1_000_000, true);
    ok_amount("1\u{2009}000", "USD", 1_000, true);
    ok_amount_r(
        "1\u{202f}234\u{202f}567,89\u{a0}$",
        "USD",
        r(123_456_789, 100),
        true,
    );
    ok_amount_r("1 234.5", "USD", r(2_469, 2), true);
    ok_amount_r("1'234.50", "USD", r(2_469, 2), true);
    ok_amount("1_000_000", "USD", 1_000_000, true);
    // A column whose decimal mark was recognised once.
    ok_amount_as(Comma, "3.000", "USD", int(3_000), true);
    ok_amount_as(Comma, "1.355,90", "USD", r(13_559, 10), true);
    ok_amount_as(Comma, "1355,90", "USD", r(13_559, 10), true);
    ok_amount_as(Comma, "3.000.000", "USD", int(3_000_000), true);
    ok_amount_as(Comma, "2,5", "USD", r(5, 2), true);
    ok_amount_as(Comma, "250", "USD", int(250), false);
    ok_amount_as(Comma, "€1.355,90", "EUR", r(13_559, 10), true);
    ok_amount_as(Point, "1,355.90", "USD", r(13_559, 10), true);
    ok_amount_as(Point, "1,000", "USD", int(1_000), true);
    ok_amount_as(Point, "3.000", "USD", int(3), true);
    ok_amount_as(Point, "3.5", "USD", r(7, 2), false);
}

// ---------------------------------------------------------------------------
// Amounts: refused

#[test]
fn amounts_in_another_currency() {
    err_amount("€250,000", "USD", wrong("€", "USD"));
    err_amount("¥5000", "USD", wrong("¥", "USD"));
    err_amount("￥5000", "USD", wrong("￥", "USD"));
    err_amount("HK$100", "USD", wrong("HK$", "USD"));
    err_amount("US$100", "HKD", wrong("US$", "HKD"));
    err_amount("EUR 100", "USD", wrong("EUR", "USD"));
    err_amount("eur 100", "USD", wrong("eur", "USD"));
    err_amount("300万元", "USD", wrong("元", "USD"));
    err_amount("RMB 300万", "USD", wrong("RMB", "USD"));
    err_amount("$100", "CNY", wrong("$", "CNY"));
    err_amount("$100", "EUR", wrong("$", "EUR"));
    err_amount("CN¥100", "JPY", wrong("CN¥", "JPY"));
    err_amount("5000円", "CNY", wrong("円", "CNY"));
    err_amount("£1", "usd", wrong("£", "USD"));
    err_amount("-€5", "USD", wrong("€", "USD"));
    // Without a plan currency no sign is accepted at all.
    err_amount("$100", "", nan("$100"));
    err_amount("300万元", "", nan("300万元"));
    // A second currency word after the number must name the same currency.
    ok_amount("$100 USD", "USD", 100, true);
    ok_amount("人民币 3,000,000.00 元", "CNY", 3_000_000, true);
    err_amount("$100 EUR", "USD", wrong("EUR", "USD"));
    err_amount("USD$100", "USD", nan("USD$100"));
    err_amount("US $100", "USD", nan("US $100"));
}

#[test]
fn amounts_with_bad_separators() {
    err_amount("1,23,456", "USD", bad("1,23,456"));
    err_amount("12,3456,789", "USD", bad("12,3456,789"));
    err_amount("1,,000", "USD", bad("1,,000"));
    err_amount("1.2.3", "USD", bad("1.2.3"));
    err_amount("1.2.3,4", "USD", bad("1.2.3,4"));
    // A last group still short is most likely being typed.
    err_amount("12 34", "USD", InputError::Unfinished("12 34".into()));
    err_amount(" 12 34 ", "USD", InputError::Unfinished("12 34".into()));
    err_amount("3,000,0", "USD", InputError::Unfinished("3,000,0".into()));
    err_amount("3,000,", "USD", InputError::Unfinished("3,000,".into()));
    err_amount("1.234.5", "USD", InputError::Unfinished("1.234.5".into()));
    err_amount("1 2 3", "USD", bad("1 2 3"));
    err_amount("1,000 000", "USD", bad("1,000 000"));
    err_amount("1'000 000", "USD", bad("1'000 000"));
    // Halfway through typing "1,5" or "1.5": a decimal mark, no decimals yet.
    ok_amount("1,", "USD", 1, true);
    ok_amount("12.", "USD", 12, false);
    err_amount(",", "USD", InputError::NotANumber(",".into()));
    err_amount("1,000,", "USD", InputError::Unfinished("1,000,".into()));
    err_amount("1.000.", "USD", InputError::Unfinished("1.000.".into()));
    err_amount("1_", "USD", InputError::Unfinished("1_".into()));
    err_amount("1__000", "USD", bad("1__000"));
    err_amount("1,234.567,89", "USD", bad("1,234.567,89"));
    err_amount("1.234,5.6", "USD", bad("1.234,5.6"));
    err_amount("1,234.5 6", "USD", bad("1,234.5 6"));
    err_amount("1 234.567,89", "USD", bad("1 234.567,89"));
    err_amount("1,2.5", "USD", bad("1,2.5"));
    err_amount("1.5.万", "CNY", bad("1.5.万"));
    err_amount("₹1,00,000", "INR", bad("₹1,00,000"));
    err_amount_as(Comma, "1,234.56", "USD", bad("1,234.56"));
    err_amount_as(Comma, "1,2,3", "USD", bad("1,2,3"));
    err_amount_as(Point, "2,5", "USD", bad("2,5"));
    err_amount_as(Point, "1.234,56", "USD", bad("1.234,56"));
    err_amount_as(Point, ",5", "USD", bad(",5"));
}

#[test]
fn amounts_that_are_not_numbers() {
    for text in [
        "1e3",
        "1E3",
        "1e30",
        "NaN",
        "nan",
        "Infinity",
        "-Infinity",
        "inf",
        "0x10",
        "abc",
        "万",
        "万元",
        "%",
        "()",
        ".",
        ",",
        "--5",
        "+-5",
        "-+5",
        "(5",
        "5)",
        "(-5)",
        "-(5)",
        "5-",
        "5%",
        "8%%",
        "5kk",
        "5 k k",
        "k5",
        "40kusd",
        "1200usdx",
        "5 元 万",
        "5元5",
        "1.5x",
        "12/3",
        "'5",
        "5 5 5 USD k",
        "$$5",
        "5#",
    ] {
        err_amount(text, "USD", nan(text));
    }
    // The error quotes the original trimmed text, not a normalised one.
    err_amount(" ８%% ", "USD", nan("８%%"));
    err_amount("１e３", "USD", nan("１e３"));
}

#[test]
fn amounts_out_of_range() {
    err_amount("", "USD", InputError::Empty);
    err_amount("   ", "USD", InputError::Empty);
    err_amount("\u{3000}", "USD", InputError::Empty);
    err_amount("0", "USD", InputError::Zero);
    err_amount("0.00", "USD", InputError::Zero);
    err_amount("-0", "USD", InputError::Zero);
    err_amount("0万", "CNY", InputError::Zero);
    err_amount("$0", "USD", InputError::Zero);
    err_amount("(0)", "USD", InputError::Zero);
    err_amount("-100", "USD", InputError::Negative);
    err_amount("−100", "USD", InputError::Negative);
    err_amount("–100", "USD", InputError::Negative);
    err_amount("－１００", "USD", InputError::Negative);
    err_amount("(1,000)", "USD", InputError::Negative);
    err_amount("（1,000）", "USD", InputError::Negative);
    err_amount("($1,000)", "USD", InputError::Negative);
    err_amount("$(1,000)", "USD", InputError::Negative);
    err_amount("(1,000 USD)", "USD", InputError::Negative);
    err_amount("-$5", "USD", InputError::Negative);
    err_amount("$-5", "USD", InputError::Negative);
    err_amount("- 5", "USD", InputError::Negative);
    err_amount("-0.00001", "USD", InputError::Negative);
    err_amount("-99999999999999999999999", "USD", InputError::Negative);
    err_amount(
        "99999999999999999999999999999999999999999亿",
        "CNY",
        InputError::AtMost(MAX_AMOUNT as u64),
    );
    err_amount(
        "99999999999999999999999999999999999999999",
        "USD",
        InputError::AtMost(MAX_AMOUNT as u64),
    );
    err_amount(
        "1,000,000,000,000,001",
        "USD",
        InputError::AtMost(MAX_AMOUNT as u64),
    );
    err_amount(
        "1000000000000000.5",
        "USD",
        InputError::AtMost(MAX_AMOUNT as u64),
    );
    err_amount(
        "10000000000亿",
        "CNY",
        InputError::AtMost(MAX_AMOUNT as u64),
    );
    err_amount("1000001bn", "USD", InputError::AtMost(MAX_AMOUNT as u64));
    ok_amount("1000000bn", "USD", MAX_AMOUNT, true);
    err_amount("0.00001", "USD", InputError::TooManyDecimals { max: 4 });
    err_amount("1.23456", "USD", InputError::TooManyDecimals { max: 4 });
    ok_amount_r("1.23456789万", "CNY", r(123_456_789, 10_000), true);
    err_amount(
        "1.234567891万",
        "CNY",
        InputError::TooManyDecimals { max: 4 },
    );
}

#[test]
fn amount_wrapper_keeps_its_old_meaning() {
    assert_eq!(parse_amount("3,000,000"), Ok(int(3_000_000)));
    assert_eq!(parse_amount("2.4m"), Ok(int(2_400_000)));
    assert_eq!(parse_amount("$5"), Err(nan("$5")));
    assert_eq!(parse_amount("-5"), Err(InputError::Negative));
}

// ---------------------------------------------------------------------------
// Rates

#[test]
fn percents_accepted() {
    ok_percent("35", int(35), false);
    ok_percent("35%", int(35), false);
    ok_percent(" 35 ", int(35), false);
    ok_percent("35 %", int(35), false);
    ok_percent("+35", int(35), false);
    ok_percent("12.5", r(25, 2), false);
    ok_percent(".5", r(1, 2), false);
    ok_percent("0", int(0), false);
    ok_percent("-0", int(0), false);
    ok_percent("0%", int(0), false);
    ok_percent("100", int(100), false);
    ok_percent("100.0000", int(100), false);
    ok_percent("0.0001", r(1, 10_000), false);
    ok_percent("99.9999", r(999_999, 10_000), false);
    ok_percent("0.125", r(1, 8), false);
    ok_percent("３５％", int(35), true);
    ok_percent("35％", int(35), false);
    ok_percent("2,5", r(5, 2), true);
    ok_percent("2,5%", r(5, 2), true);
    ok_percent(",5", r(1, 2), true);
    ok_percent("0,125", r(1, 8), true);
    ok_percent("12,3456", r(123_456, 10_000), true);
    ok_percent("50.000", int(50), true);
    ok_percent_as(Comma, "2,5", r(5, 2), true);
    ok_percent_as(Comma, "12,345", r(12_345, 1_000), true);
    ok_percent_as(Point, "12.345", r(12_345, 1_000), true);
    ok_percent_as(Point, "12.5", r(25, 2), false);
}

#[test]
fn percents_refused() {
    err_percent("8%%", nan("8%%"));
    err_percent("８％％", nan("８％％"));
    err_percent("%5", nan("%5"));
    err_percent("5k", nan("5k"));
    err_percent("5万", nan("5万"));
    err_percent("$5", nan("$5"));
    err_percent("5 USD", nan("5 USD"));
    err_percent("abc", nan("abc"));
    err_percent("NaN", nan("NaN"));
    err_percent("Infinity", nan("Infinity"));
    err_percent("1e3", nan("1e3"));
    err_percent("0x10", nan("0x10"));
    err_percent(".", nan("."));
    err_percent("1.2.3", bad("1.2.3"));
    err_percent("1,2,3", bad("1,2,3"));
    err_percent("", InputError::Empty);
    err_percent("  ", InputError::Empty);
    err_percent("-5", InputError::Negative);
    err_percent("(5)", InputError::Negative);
    err_percent("(5%)", InputError::Negative);
    err_percent("(5)%", InputError::Negative);
    err_percent("100.5", InputError::AboveHundred);
    err_percent("100.00001", InputError::AboveHundred);
    err_percent("12,500", InputError::AboveHundred); // grouping, 12500 %
    err_percent("12,345", InputError::AboveHundred); // grouping: one comma, three digits
    err_percent("1,000", InputError::AboveHundred);
    err_percent(
        "99999999999999999999999999999999999999999999",
        InputError::AboveHundred,
    );
    err_percent("12.34567", InputError::TooManyDecimals { max: 4 });
    err_percent("-12.34567", InputError::Negative);
    err_percent_as(Comma, "1.000", InputError::AboveHundred);
    err_percent_as(Point, "2,5", bad("2,5"));
}

#[test]
fn confidences() {
    let c = |t| read_confidence(t, Auto).map(|r| r.value);
    assert_eq!(c("90"), Ok(r(9, 10)));
    assert_eq!(c("95%"), Ok(r(19, 20)));
    assert_eq!(c("99,9"), Ok(r(999, 1_000)));
    assert_eq!(c("100"), Err(InputError::NotBelowHundred));
    assert_eq!(c("0"), Err(InputError::Zero));
    assert_eq!(c("101"), Err(InputError::NotBelowHundred));
    assert_eq!(parse_percent("35"), Ok(r(7, 20)));
}

// ---------------------------------------------------------------------------
// Counts and positive numbers

#[test]
fn counts() {
    let max = 1_000_000;
    ok_count("30", false, max, 30, false);
    ok_count("30.0", false, max, 30, false);
    ok_count("+30", false, max, 30, false);
    ok_count("1,000", false, max, 1_000, true);
    ok_count("1 000", false, max, 1_000, true);
    ok_count("1.000.000", false, max, 1_000_000, true);
    ok_count("1.5k", false, max, 1_500, true);
    ok_count("2万", false, max, 20_000, true);
    ok_count("1m", false, max, 1_000_000, true);
    ok_count("３０", false, max, 30, true);
    err_count("3.000", false, max, InputError::Ambiguous("3.000".into()));
    ok_count("0", true, max, 0, false);
    ok_count("-0", true, max, 0, false);
    ok_count("1000000", false, max, 1_000_000, false);
    err_count("0", false, max, InputError::Zero);
    err_count("0k", false, max, InputError::Zero);
    err_count("2.5", false, max, InputError::NotWhole);
    err_count("1.2345k", false, max, InputError::NotWhole);
    err_count("1,23", false, max, InputError::NotWhole);
    err_count("-3", false, max, InputError::Negative);
    err_count("(3)", false, max, InputError::Negative);
    err_count("1000001", false, max, InputError::AtMost(max));
    err_count("1.1m", false, max, InputError::AtMost(max));
    err_count(
        "99999999999999999999999999999亿",
        false,
        max,
        InputError::AtMost(max),
    );
    err_count("1,2,3", false, max, bad("1,2,3"));
    err_count("$5", false, max, nan("$5"));
    err_count("5元", false, max, nan("5元"));
    err_count("5%", false, max, nan("5%"));
    err_count("1e3", false, max, nan("1e3"));
    err_count("", false, max, InputError::Empty);
    let top = u64::try_from(MAX_COUNT).unwrap();
    ok_count(&MAX_COUNT.to_string(), false, top, top, false);
    err_count("10000000000000", false, top, InputError::AtMost(top));
}

#[test]
fn positive_numbers() {
    let max = 1_000;
    ok_positive("2.5", max, 4, r(5, 2), false);
    ok_positive("2,5", max, 4, r(5, 2), true);
    ok_positive("0.0001", max, 4, r(1, 10_000), false);
    ok_positive("1k", max, 4, int(1_000), true);
    ok_positive("1000", max, 4, int(1_000), false);
    ok_positive("3", 3, 4, int(3), false);
    err_positive("3.0001", 3, 4, InputError::AtMost(3));
    err_positive("1000.0001", max, 4, InputError::AtMost(1_000));
    err_positive("0", max, 4, InputError::Zero);
    err_positive("-1", max, 4, InputError::Negative);
    err_positive("0.00001", max, 4, InputError::TooManyDecimals { max: 4 });
    err_positive("1.5", max, 0, InputError::TooManyDecimals { max: 0 });
    // No field keeps more than 18 decimals, whatever it asks for.
    ok_positive(
        "0.000000000000000001",
        max,
        40,
        r(1, 1_000_000_000_000_000_000),
        false,
    );
    err_positive(
        "0.0000000000000000001",
        max,
        40,
        InputError::TooManyDecimals { max: 18 },
    );
    err_positive("5%", max, 4, nan("5%"));
    err_positive("$5", max, 4, nan("$5"));
}

// ---------------------------------------------------------------------------
// Dates

#[test]
fn dates() {
    let d = chrono::NaiveDate::from_ymd_opt(2027, 1, 31).unwrap();
    for text in [
        "2027-01-31",
        "2027-1-31",
        "2027/1/31",
        "2027.1.31",
        "2027年1月31日",
        "2027年1月31",
        " ２０２７－０１－３１ ",
        "2027 年 1 月 31 日",
    ] {
        assert_eq!(parse_date(text), Ok(d), "{text:?}");
    }
    for text in [
        "31.01.2027",
        "01/31/2027",
        "2027-02-30",
        "27-01-31",
        "2027-001-31",
        "tomorrow",
    ] {
        assert_eq!(
            parse_date(text),
            Err(InputError::NotADate(text.into())),
            "{text:?}"
        );
    }
    for text in ["0999-12-31", "0002-12-31", "0000-01-01"] {
        assert_eq!(
            parse_date(text),
            Err(InputError::UnfinishedDate),
            "{text:?}: a year being typed"
        );
    }
    for text in ["1899-12-31", "2200-01-01"] {
        assert_eq!(
            parse_date(text),
            Err(InputError::YearOutOfRange),
            "{text:?}"
        );
    }
    assert_eq!(parse_date("…"), Err(InputError::UnfinishedDate));
    assert!(parse_date("1900-01-01").is_ok());
    assert!(parse_date("2199-12-31").is_ok());
    assert_eq!(parse_date(""), Err(InputError::NoDate));
}

// ---------------------------------------------------------------------------
// Properties

/// Characters people type or paste into number fields, digits most often.
const CHARS: &[char] = &[
    '0', '1', '2', '3', '4', '5', '6', '7', '8', '9', '0', '1', '2', '5', '9', '0', '.', ',', '.',
    ',', '\'', ' ', ' ', '%', '$', '¥', '￥', '€', '万', '亿', '元', 'k', 'm', 'K', 'M', '-', '(',
    ')', '+', '_', 'e', 'E', 'x', 'a', 'n', 'b', 'U', 'S', 'D', 'u', 's', 'd', 'H', 'R', '\u{a0}',
    '\u{202f}', '０', '５', '．', '，', '％', '−', '十', '百', '千', '年', '月', '日', '/', 'ｋ',
];

fn typed_text() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(CHARS), 0..=24)
        .prop_map(|cs| cs.into_iter().collect())
}

/// Any error that quotes text quotes the original trimmed text.
fn quotes_original(text: &str, e: &InputError) -> bool {
    match e {
        InputError::NotANumber(s) | InputError::BadSeparators(s) | InputError::NotADate(s) => {
            s == text.trim()
        }
        _ => true,
    }
}

/// Digits of `n` grouped in threes with `sep`.
fn grouped(n: u128, sep: &str) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push_str(sep);
        }
        out.push(c);
    }
    out
}

fn marks() -> impl Strategy<Value = DecimalMark> {
    prop::sample::select(vec![Auto, Comma, Point])
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2_000))]

    #[test]
    fn any_text_gives_a_value_in_range_or_an_error(
        text in typed_text(),
        mark in marks(),
        currency in prop::sample::select(vec!["USD", "CNY", "JPY", "EUR", ""]),
        allow_zero in any::<bool>(),
        max in prop_oneof![Just(0u64), 1u64..=1_000_000, Just(u64::MAX)],
    ) {
        match read_amount(&text, currency, mark) {
            Ok(r) => {
                prop_assert!(!r.value.is_zero());
                prop_assert!(r.value <= Ratio::from_int(MAX_AMOUNT));
                prop_assert_eq!(10_000 % r.value.denom(), 0, "at most 4 decimals");
            }
            Err(e) => prop_assert!(quotes_original(&text, &e), "{:?}", e),
        }
        match read_percent(&text, mark) {
            Ok(r) => prop_assert!(r.value <= Ratio::ONE),
            Err(e) => prop_assert!(quotes_original(&text, &e), "{:?}", e),
        }
        match read_count(&text, allow_zero, max) {
            Ok(r) => prop_assert!(r.value <= max && (allow_zero || r.value > 0)),
            Err(e) => prop_assert!(quotes_original(&text, &e), "{:?}", e),
        }
        match read_positive(&text, max, 4) {
            Ok(r) => {
                prop_assert!(!r.value.is_zero());
                prop_assert!(r.value <= Ratio::from_int(u128::from(max)));
            }
            Err(e) => prop_assert!(quotes_original(&text, &e), "{:?}", e),
        }
        if let Err(e) = parse_date(&text) {
            prop_assert!(quotes_original(&text, &e), "{:?}", e);
        }
        let _ = read_confidence(&text, mark);
    }

    #[test]
    fn any_unicode_text_gives_a_value_or_an_error(text in "\\PC{0,24}") {
        let _ = read_amount(&text, "USD", Auto);
        let _ = read_percent(&text, Auto);
        let _ = read_count(&text, true, u64::MAX);
        let _ = read_positive(&text, u64::MAX, u32::MAX);
        let _ = parse_date(&text);
    }

    #[test]
    fn amounts_read_back_as_written(
        whole in prop_oneof![1u128..1_000, 0u128..1_000_000, 0u128..MAX_AMOUNT],
        cents in 0u128..100,
        with_cents in any::<bool>(),
    ) {
        let cents = if with_cents { cents } else { 0 };
        let v = r(whole * 100 + cents, 100);
        prop_assume!(!v.is_zero());
        let tail = |mark: &str| {
            if with_cents { format!("{mark}{cents:02}") } else { String::new() }
        };
        let english = format!("{}{}", grouped(whole, ","), tail("."));
        let european = format!("{}{}", grouped(whole, "."), tail(","));
        let plain = format!("{whole}{}", tail("."));
        let mut forms = vec![
            (english.clone(), Auto),
            (english.clone(), Point),
            (european.clone(), Comma),
            (format!("{}{}", grouped(whole, " "), tail(".")), Auto),
            (format!("{}{}", grouped(whole, "\u{a0}"), tail(",")), Auto),
            (format!("{}{}", grouped(whole, "\u{202f}"), tail(",")), Comma),
            (format!("{}{}", grouped(whole, "'"), tail(".")), Auto),
            (format!("${english}"), Auto),
            (format!("US${english}"), Auto),
            (format!("USD {english}"), Auto),
            (format!("{english} USD"), Auto),
            (format!("{european} $"), Comma),
            (plain.clone(), Auto),
            (plain.clone(), Point),
            (format!("$ {plain}"), Auto),
        ];
        if with_cents {
            // With two decimals the European form is unambiguous.
            forms.push((european.clone(), Auto));
            forms.push((format!("${european}"), Auto));
        }
        for (text, mark) in forms {
            let read = read_amount(&text, "USD", mark).map(|r| r.value);
            prop_assert_eq!(read, Ok(v), "{:?} ({:?})", text, mark);
        }
    }

    #[test]
    fn percents_read_back_as_written(
        whole in 0u128..=100,
        decimals in 0usize..=4,
        frac in 0u128..10_000,
        sign in any::<bool>(),
    ) {
        let scale = 10u128.pow(decimals as u32);
        let frac = if whole == 100 { 0 } else { frac % scale };
        let expected = r(whole * scale + frac, scale * 100);
        let frac_text = format!("{frac:0decimals$}");
        let suffix = if sign { "%" } else { "" };
        let (point, comma) = if decimals == 0 {
            (format!("{whole}{suffix}"), format!("{whole}{suffix}"))
        } else {
            (
                format!("{whole}.{frac_text}{suffix}"),
                format!("{whole},{frac_text}{suffix}"),
            )
        };
        let mut forms = vec![(point.clone(), Auto), (point, Point), (comma.clone(), Comma)];
        // One comma and exactly three digits is grouping in Auto (documented).
        if decimals != 3 {
            forms.push((comma, Auto));
        }
        for (text, mark) in forms {
            let read = read_percent(&text, mark).map(|r| r.value);
            prop_assert_eq!(read, Ok(expected), "{:?} ({:?})", text, mark);
        }
    }

    #[test]
    fn counts_at_their_limits(
        max in prop_oneof![
            Just(0u64),
            Just(1u64),
            1u64..=1_000,
            any::<u64>(),
            Just(u64::try_from(MAX_COUNT).unwrap()),
            Just(u64::MAX),
        ],
        allow_zero in any::<bool>(),
    ) {
        let max128 = u128::from(max);
        let mut around = vec![0u128, 1, max128, max128 + 1];
        if max128 > 0 {
            around.push(max128 - 1);
        }
        for n in around {
            for text in [n.to_string(), grouped(n, ","), grouped(n, " ")] {
                let got = read_count(&text, allow_zero, max).map(|r| r.value);
                let want = if n > max128 {
                    Err(InputError::AtMost(max))
                } else if n == 0 && !allow_zero {
                    Err(InputError::Zero)
                } else {
                    Ok(u64::try_from(n).unwrap())
                };
                prop_assert_eq!(got, want, "{:?} with max {}", text, max);
            }
        }
    }
}
