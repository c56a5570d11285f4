//! Deals from and to CSV, from the files people really have: CRM exports
//! (Salesforce reports, HubSpot), Excel's "CSV (逗号分隔)" in GB18030, files
//! with title lines above the header and totals below the data.
//!
//! The import runs in steps so the UI can show a preview and a mapping
//! before anything is applied, and chunk a big import with progress:
//!
//! 1. [`decode`] the bytes: strict UTF-8 (a BOM is stripped) first, else
//!    GB18030 through the caller's decoder (the browser's
//!    `TextDecoder("gb18030")` in the app; `encoding_rs` in the tests).
//! 2. [`read_sheet`] finds the header row and the data rows.
//! 3. [`guess_mapping`] guesses what each column holds, each date column's
//!    day-month order, the amount column's decimal mark, the probability
//!    column's scale and which plan stage each CRM stage is. The user may
//!    change any of it ([`guess_for_columns`] redoes the guesses after a
//!    column is re-assigned).
//! 4. [`import_rows`] turns a range of rows into deals, listing every bad
//!    row with its line number and reason.
//!
//! [`export`] writes a deal list back; importing what it wrote gives the
//! same list.
//!
//! # Layout rules (decided here; the tests hold them)
//!
//! - **Delimiter**: comma, semicolon or tab, sniffed from the header line:
//!   each is tried and the one whose header row comes first (then: matches
//!   more header names) wins. Quoted fields may hold delimiters, doubled
//!   quotes and line breaks; CRLF and LF both end a line.
//! - **A quote never closed** (`Deal two,"Acme, Inc,2000,…` with no
//!   closing `"`) would make the rest of the file one cell, or the lines
//!   up to the next quoted cell; instead its row, up to the end of the
//!   line the quote opens on, is a bad row
//!   ([`RowProblemKind::UnclosedQuote`]; never a header, blank or footer
//!   row) and the lines after it are read as rows of their own. As in the
//!   `csv` crate, only a quote that begins a cell opens a quoted cell, in
//!   which a doubled quote `""` is one quote and any other quote closes
//!   it. A quoted cell is taken as never closed when it runs to the end of
//!   the file, or when it runs over a line break and then closes at a
//!   quote followed by neither a delimiter nor a line break nor the end
//!   (so never in a well-formed file: there the stray quote met the
//!   opening quote of a later cell).
//! - **Header row**: the first row, among the first [`MAX_TITLE_ROWS`]
//!   non-blank rows, in which at least two cells name two different known
//!   columns (see [`header_column`]; three required columns means a usable
//!   file always has two). Non-blank rows above it are title lines,
//!   counted in [`Sheet::skipped_above`]. No such row (a pivot table saved
//!   as CSV, a list without headers) is [`CsvError::NoHeader`].
//! - **Header names** ([`header_column`]): case, spaces and full-width
//!   brackets ignored; a unit in brackets after a known name allowed
//!   (`Amount (USD)`, `金额(万元)`, `赢率(%)`). Besides the plain English and
//!   Chinese names, the exports of Salesforce, HubSpot (`Deal Name`,
//!   `Create Date`, `Associated Company`), Pipedrive (every header prefixed
//!   with its entity: `Deal - Title`, `Deal - Value`, `Deal - Expected
//!   close date`, `Deal - Deal created`, `Deal - Organization`,
//!   `Organization - Name`; the `Deal - `/`Deal: ` prefix is dropped, and
//!   under `Organization - ` only the name counts, as the account), Zoho
//!   (`Closing Date`, `Created Time`, `Account Name`; `Expected Revenue` is
//!   amount × probability, not the amount, and `Deal Owner` no column) and
//!   销售易/纷享销客 (`商机金额`, `商机阶段`, `客户名称`, `结单日期`,
//!   `预计结单日期`, `赢率(%)`, `创建时间`) are known.
//! - **Blank lines** are no rows at all; rows whose every cell is empty
//!   (`,,,,` as Excel leaves them) are dropped wherever they are and
//!   counted in [`Sheet::blank_rows`].
//! - **Footer rows**: walking up from the last row, a row is a footer while
//!   it has at most one non-empty cell ("Confidential - Internal Use
//!   Only", "Copyright © 2027 …"), or its first non-empty cell starts with a
//!   footer word (Total, Subtotal, Grand Total(s), Sum, Count, 合计, 总计,
//!   小计, Confidential, Copyright, ©, (c), Generated, Report generated,
//!   机密) and its stage cell (when the header names a stage column) is
//!   empty — so a deal named "Total rebuild" is never cut. Footers are
//!   counted in [`Sheet::skipped_below`], never imported. A row with an
//!   unclosed quote ends the walk.
//! - **Row cap**: at most [`MAX_IMPORT_ROWS`] data rows are kept; the rest
//!   are counted in [`Sheet::beyond_cap`].
//!
//! # Cell rules
//!
//! - **Amounts** go through the planner's one parser
//!   [`read_amount`](super::number::read_amount) with the column's decimal
//!   mark decided once ([`guess_amount_mark`]): `1.355,90` in a column
//!   makes it a decimal-comma column, so `3.000` there is three thousand.
//!   A currency other than the plan's (`元` on a USD plan) is
//!   `WrongCurrency`, a bad row.
//! - **Amount unit in the header** ([`header_amount_unit`],
//!   [`Mapping::amount_unit`]): a multiplier in brackets after the amount
//!   header means the cells are in that unit: `商机金额(万元)`, `金额（万元）`
//!   ×10⁴; `金额(亿元)` ×10⁸; `金额(千元)`, `Amount (k)`, `Amount
//!   (thousands)`, `('000)` ×10³; `Amount (m)`, `(millions)`, `(百万)` ×10⁶.
//!   So `12.5` under `金额(万元)` is 125,000, exactly. A cell with its own
//!   multiplier (`30万`, `1.2m`) is read as written, not multiplied again;
//!   a product above [`MAX_AMOUNT`](super::number::MAX_AMOUNT) is
//!   `AtMost`, a bad row. A currency in the header (`金额（元）`,
//!   `Amount (USD k)`) is only a label: it is neither checked against the
//!   plan's currency nor applied to the cells (a currency written in a
//!   cell still is).
//! - **Dates** ([`read_date`]): year first (`2027-01-15`, `2027/1/15`,
//!   `2027.1.15`, `2027年1月15日`, `20270115`), year last (`1/15/2027`,
//!   `15/01/2027`, `15.01.2027`, `15-01-27`) read by the column's
//!   [`DateOrder`], or an Excel serial day number (1900 system, 46402 is
//!   2027-01-15). A time of day after a space or `T` is dropped: the
//!   calendar date as written, no time-zone shift. Two-digit years: 00–29
//!   are 20xx, 30–99 are 19xx (Excel's pivot: `1/1/29` is 2029, `1/1/49`
//!   is 1949). Years outside 1900–2199 are bad dates.
//! - **Date order across columns**: a file writes all its dates one way,
//!   so a date column whose cells leave the order open
//!   ([`DateBasis::Usual`]) takes the day-month order another date column's
//!   cells settle (`15.01.2027` among the close dates settles D.M.Y for a
//!   created column of `01.12.2026`), with basis [`DateBasis::Data`]. When
//!   settled columns disagree, each unsettled one keeps the usual order.
//! - **Probability**: a percentage (`35`, `35%`) or a fraction of one
//!   (`0.35`), decided once per column: fractions when no cell has `%` and
//!   every non-blank value is ≤ 1. `0` is a real 0 %; a blank is `None` (the
//!   stage's win rate); a header with `%` ("Probability (%)") makes the
//!   column percent whatever its values; a won or lost deal's probability
//!   is `None` whatever the column says (it is 100 % or 0 % by its status).
//! - **Status**: Won / Closed Won / closedwon / 赢单 / 成交 (and a few
//!   spellings more) are won; Lost / Closed Lost / closedlost / 输单 / 丢单
//!   lost; anything else open. With no status column or a blank status,
//!   a stage text that is itself a won/lost word, else the role of the
//!   plan stage it maps to, decides.
//! - **Gaps**: an open deal without a close date is imported (it counts in
//!   no period) and counted in [`ImportNotes`]; a won deal without an
//!   amount likewise (it counts in win rates, not revenue), and an open
//!   deal without an amount (it counts as a deal in the balance, not in
//!   revenue; the Pipeline screen says so). A row without a stage is a
//!   bad row. The notes count only deals imported, never a bad row.
//! - **Names** and accounts are one line: each run of whitespace holding
//!   a line break, tab or other control whitespace (a quoted `"Multi
//!   line"`) is one space, and the text is trimmed, so the app's one-line
//!   inputs show it as written and [`export`] writes the space. Longer than
//!   [`MAX_NAME_CHARS`](super::limits::MAX_NAME_CHARS) characters they are
//!   cut and counted in [`ImportNotes::names_cut`].
//! - **A leading apostrophe** on a name, account or stage is dropped when
//!   what follows it (past any further apostrophes) begins with `=`, `+`,
//!   `-`, `@`, a tab or a CR: `'=SUM(A1)` is the name `=SUM(A1)`. That is
//!   how [`export`] escapes formulas (below); `'twas` stays as written.
//!
//! # Export and formula injection (CSV injection)
//!
//! Excel, LibreOffice and Google Sheets evaluate a cell that begins with
//! `=`, `+`, `-` or `@` (and, after a tab or CR, some of them too) as a
//! formula, whatever the quoting, so a deal named `=HYPERLINK(…)` from a
//! CRM could run in the spreadsheet of whoever opens the export (OWASP,
//! "CSV Injection"). [`export`] writes such a name, account or stage name
//! with one apostrophe before it (`'=SUM(A1)`), as does a text that
//! begins with apostrophes followed by such a character (`'=x` is written
//! `''=x`), so import's rule above gives back exactly the text exported.
//! Numbers and dates are the export's own and need no escaping.

use super::funnel::Role;
use super::limits::MAX_NAME_CHARS;
use super::number::{read_amount, read_percent, DecimalMark, InputError, MAX_AMOUNT};
use super::{Deal, Ratio, StageRef, Status};
use chrono::NaiveDate;

/// Most data rows one import reads; the rest are counted, not read.
pub const MAX_IMPORT_ROWS: usize = 50_000;

/// Most non-blank rows searched for the header row (title lines above it).
pub const MAX_TITLE_ROWS: usize = 100;

/// How the file's bytes were read; the preview says which.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Encoding {
    Utf8,
    /// UTF-8 with a byte-order mark (Excel's "CSV UTF-8").
    Utf8Bom,
    /// GB18030 (a superset of GBK): Chinese Excel's "CSV (逗号分隔)".
    Gb18030,
}

/// Why a file gives no rows at all. Every other problem is per row.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CsvError {
    /// Neither UTF-8 nor GB18030 text.
    NotText,
    /// A UTF-16 byte-order mark (Excel's "Unicode text"): save as CSV.
    Utf16,
    /// No cell holds anything.
    Empty,
    /// No row looks like a header row (see the module docs). `pivot` when
    /// the file shows a pivot table's words ("Row Labels", "Sum of …",
    /// "行标签", "求和项"): the message can say to export the list itself.
    NoHeader { pivot: bool },
}

/// The text of a file: strict UTF-8 (a BOM stripped) first; else
/// `gb18030(bytes)` (the browser's `TextDecoder("gb18030")` in the app);
/// `None` from it is [`CsvError::NotText`]. UTF-16 BOMs are
/// [`CsvError::Utf16`].
pub fn decode(
    bytes: &[u8],
    gb18030: impl FnOnce(&[u8]) -> Option<String>,
) -> Result<(String, Encoding), CsvError> {
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        return Err(CsvError::Utf16);
    }
    if let Some(rest) = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]) {
        if let Ok(s) = std::str::from_utf8(rest) {
            return Ok((s.to_string(), Encoding::Utf8Bom));
        }
    } else if let Ok(s) = std::str::from_utf8(bytes) {
        return Ok((s.to_string(), Encoding::Utf8));
    }
    gb18030(bytes)
        .map(|s| (s, Encoding::Gb18030))
        .ok_or(CsvError::NotText)
}

/// One data row.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Row {
    /// 1-based physical line of the file where the record starts.
    pub line: usize,
    /// The cells as written (untrimmed; a row may have fewer or more cells
    /// than the header).
    pub cells: Vec<String>,
    /// A quote opens in this row and is never closed: the cells run only to
    /// the end of the line it opens on, and the row is a bad row
    /// ([`RowProblemKind::UnclosedQuote`]); the lines after it are rows of
    /// their own.
    pub unclosed_quote: bool,
}

/// A file's table: header, data rows, and what was skipped around them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Sheet {
    /// `b','`, `b';'` or `b'\t'`, sniffed from the header line.
    pub delimiter: u8,
    /// 1-based line of the header row in the file.
    pub header_line: usize,
    pub headers: Vec<String>,
    pub rows: Vec<Row>,
    /// Non-blank rows above the header (report titles).
    pub skipped_above: usize,
    /// Footer rows below the data (totals, confidentiality, copyright).
    pub skipped_below: usize,
    /// Rows of empty cells dropped (`,,,`; empty lines are not counted).
    pub blank_rows: usize,
    /// Data rows beyond [`MAX_IMPORT_ROWS`], not read.
    pub beyond_cap: usize,
}

/// What a column holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Column {
    Name,
    Account,
    Amount,
    Stage,
    Status,
    Close,
    InStageSince,
    Probability,
    Created,
}

impl Column {
    pub const ALL: [Column; 9] = [
        Column::Name,
        Column::Account,
        Column::Amount,
        Column::Stage,
        Column::Status,
        Column::Close,
        Column::InStageSince,
        Column::Probability,
        Column::Created,
    ];

    /// Amount, stage and close date must be mapped.
    pub fn is_required(self) -> bool {
        matches!(self, Column::Amount | Column::Stage | Column::Close)
    }

    /// The header [`export`] writes.
    pub fn export_header(self) -> &'static str {
        match self {
            Column::Name => "Name",
            Column::Account => "Account",
            Column::Amount => "Amount",
            Column::Stage => "Stage",
            Column::Status => "Status",
            Column::Close => "Close date",
            Column::InStageSince => "In stage since",
            Column::Probability => "Probability",
            Column::Created => "Created",
        }
    }
}

/// Order of the parts of a date written with the year last.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DateOrder {
    /// Year first only (`2027-01-15`); year-last cells are bad dates.
    Ymd,
    /// `1/15/2027` (US).
    Mdy,
    /// `15/01/2027` (most of the world).
    Dmy,
}

/// What decided a date column's order; the mapping shows it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DateBasis {
    /// Cells settle it (a day above 12, or every cell year-first).
    Data,
    /// Some cells read differently by order and none settles it: the
    /// language's usual order is used (the preview says so).
    Usual,
    /// Cells disagree (days above 12 in both places): the majority is
    /// used, and the cells it cannot read are bad dates.
    Mixed,
    /// No cell depends on the order (serials, year-first, `1/1/2027`,
    /// blanks).
    NotNeeded,
}

/// A date column's order and what decided it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DateGuess {
    pub order: DateOrder,
    pub basis: DateBasis,
}

/// How the probability column is written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ProbabilityScale {
    /// `35` or `35%` is 35 %.
    Percent,
    /// `0.35` is 35 % (HubSpot's export).
    Fraction,
}

/// What each column means and how its cells are read. Every field is a
/// guess the user may change.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Mapping {
    /// Per sheet column (same index as [`Sheet::headers`]).
    pub columns: Vec<Option<Column>>,
    pub close_order: DateGuess,
    pub in_stage_order: DateGuess,
    pub created_order: DateGuess,
    /// [`DecimalMark::Point`] or [`DecimalMark::Comma`], for the whole
    /// amount column.
    pub amount_mark: DecimalMark,
    /// Whether some amount cell settled the mark (else Point by default).
    pub amount_mark_settled: bool,
    /// What one unit of an amount cell is worth, from the amount column's
    /// header ([`header_amount_unit`]): 10,000 for `金额(万元)`, 1 when the
    /// header states no multiplier. A cell with its own multiplier (`30万`)
    /// is read as written.
    pub amount_unit: Ratio,
    pub probability_scale: ProbabilityScale,
    /// Each distinct CRM stage of the file (trimmed, first spelling; case
    /// ignored) → the plan stage it is, or `None` until the user maps it.
    pub stage_map: Vec<(String, Option<StageRef>)>,
}

/// A plan stage as the import sees it: id, name, role.
pub type PlanStage = (StageRef, String, Role);

/// Why one row is not imported.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RowProblemKind {
    BadAmount(InputError),
    BadDate {
        column: Column,
        text: String,
    },
    BadProbability(String),
    /// A CRM stage not (yet) mapped to a plan stage.
    UnmappedStage(String),
    /// The stage cell is blank.
    NoStage,
    /// A quote (`"`) opens in the row and is never closed
    /// ([`Row::unclosed_quote`]); the row's cells are not read.
    UnclosedQuote,
}

/// One reason a row is left out; a row may have several.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RowProblem {
    /// 1-based line in the file.
    pub line: usize,
    pub kind: RowProblemKind,
}

/// Counts the preview states plainly ("45 open deals have no close date"),
/// of the deals imported only (a bad row counts in none).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ImportNotes {
    /// Open deals without a close date: they count in no period.
    pub open_without_close: usize,
    /// Won deals without an amount: they count in win rates, not revenue.
    pub won_without_amount: usize,
    /// Open deals without an amount: they count as deals, not revenue.
    pub open_without_amount: usize,
    /// Won or lost deals without a close date.
    pub closed_without_close: usize,
    /// Deals whose name or account was cut to `MAX_NAME_CHARS`.
    pub names_cut: usize,
}

/// The outcome of importing some rows.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Imported {
    /// Id 0 each: the caller assigns ids.
    pub deals: Vec<Deal>,
    /// The source line of each deal (same index).
    pub lines: Vec<usize>,
    /// In line order.
    pub problems: Vec<RowProblem>,
    pub notes: ImportNotes,
}

impl Imported {
    /// Appends the import of later rows (chunks in order give the same as
    /// one call).
    pub fn merge(&mut self, later: Imported) {
        self.deals.extend(later.deals);
        self.lines.extend(later.lines);
        self.problems.extend(later.problems);
        let (a, b) = (&mut self.notes, later.notes);
        a.open_without_close += b.open_without_close;
        a.won_without_amount += b.won_without_amount;
        a.open_without_amount += b.open_without_amount;
        a.closed_without_close += b.closed_without_close;
        a.names_cut += b.names_cut;
    }
}

// ---------------------------------------------------------------------------
// Header names

/// A header cell made comparable: lower case, full-width brackets and
/// spaces made ASCII, all whitespace and invisible marks removed.
fn header_key(text: &str) -> String {
    text.chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '\u{feff}' | '\u{200b}' | '"'))
        .map(|c| match c {
            '（' => '(',
            '）' => ')',
            '％' => '%',
            c => c,
        })
        .flat_map(char::to_lowercase)
        .collect()
}

/// Known header names, compared by [`header_key`] (so case, spaces and
/// full-width brackets do not matter).
const HEADERS: &[(Column, &[&str])] = &[
    (
        Column::Name,
        &[
            "name",
            "dealname",
            "deal",
            "opportunityname",
            "opportunity",
            "title",
            "dealtitle",
            "商机名称",
            "商机",
            "机会名称",
            "项目名称",
            "名称",
        ],
    ),
    (
        Column::Account,
        &[
            "account",
            "accountname",
            "company",
            "companyname",
            "customer",
            "customername",
            "associatedcompany",
            "organization",
            "organisation",
            "organizationname",
            "客户名称",
            "客户",
            "公司名称",
            "公司",
        ],
    ),
    (
        Column::Amount,
        &[
            "amount",
            "value",
            "dealvalue",
            "dealamount",
            "金额",
            "商机金额",
            "预计金额",
        ],
    ),
    (
        Column::Stage,
        &[
            "stage",
            "dealstage",
            "salesstage",
            "销售阶段",
            "阶段",
            "商机阶段",
        ],
    ),
    (
        Column::Status,
        &["status", "dealstatus", "状态", "商机状态"],
    ),
    (
        Column::Close,
        &[
            "close",
            "closedate",
            "closingdate",
            "expectedclosedate",
            "expectedclose",
            "预计成交日期",
            "成交日期",
            "预计结单日期",
            "结单日期",
        ],
    ),
    (
        Column::InStageSince,
        &[
            "instagesince",
            "stagedate",
            "laststagechangedate",
            "stagechangedate",
            "进入阶段日期",
        ],
    ),
    (
        Column::Probability,
        &[
            "probability",
            "dealprobability",
            "winprobability",
            "赢率",
            "成交概率",
            "概率",
        ],
    ),
    (
        Column::Created,
        &[
            "created",
            "createdate",
            "createddate",
            "createdon",
            "createdtime",
            "dealcreated",
            "创建日期",
            "创建时间",
        ],
    ),
];

/// The column a header cell names, if it is a known name (see the module
/// docs): `"Deal Stage"`, `"金额（元）"`, `"Probability (%)"`. A unit in
/// brackets after a known name (`Amount (USD)`, `金额(万元)`) is allowed.
/// Pipedrive's entity prefix is dropped: `Deal - Title` is `Title` (Name),
/// `Deal: Value` is `Value`; under `Organization - ` only the
/// organization's name counts, as the Account (`Organization - Name`).
pub fn header_column(text: &str) -> Option<Column> {
    let key = header_key(text);
    let find = |k: &str| {
        HEADERS
            .iter()
            .find(|(_, names)| names.contains(&k))
            .map(|(c, _)| *c)
    };
    let lookup = |k: &str| {
        find(k).or_else(|| {
            let base = k.strip_suffix(')')?.rsplit_once('(')?.0;
            find(base)
        })
    };
    if let Some(c) = lookup(&key) {
        return Some(c);
    }
    let after = |prefixes: &[&str]| {
        prefixes
            .iter()
            .find_map(|p| key.strip_prefix(p))
            .filter(|rest| !rest.is_empty())
    };
    if let Some(rest) = after(&["deal-", "deal:", "deal–"]) {
        return lookup(rest);
    }
    // "Organization - Name" is the account; the organization's other
    // fields (address, owner …) are no deal column, and "Name" alone
    // would wrongly be the deal's name.
    let org = after(&[
        "organization-",
        "organization:",
        "organisation-",
        "organisation:",
    ])?;
    (org == "name" || lookup(org) == Some(Column::Account)).then_some(Column::Account)
}

/// The multiplier an amount header states for its cells: 10,000 for
/// `商机金额(万元)` (see the module docs, "Amounts"). A currency in the
/// brackets is ignored (`金额（元）`, `Amount (USD k)`): 1 when the header
/// states no multiplier.
pub fn header_amount_unit(text: &str) -> Ratio {
    let key = header_key(text);
    let Some(unit) = key
        .strip_suffix(')')
        .and_then(|k| k.rsplit_once('('))
        .map(|(_, u)| u)
    else {
        return Ratio::ONE;
    };
    // Separators between a currency and the unit ("USD, thousands").
    let mut unit: String = unit
        .chars()
        .filter(|c| !matches!(c, ',' | '，' | '/' | ';' | '、' | '-'))
        .collect();
    // The currency words headers use, before or after the unit.
    const CURRENCY: &[&str] = &[
        "人民币",
        "美元",
        "美金",
        "港元",
        "港币",
        "欧元",
        "英镑",
        "日元",
        "元",
        "rmb",
        "cny",
        "usd",
        "eur",
        "gbp",
        "hkd",
        "sgd",
        "aud",
        "cad",
        "jpy",
        "us$",
        "$",
        "¥",
        "￥",
        "€",
        "£",
    ];
    loop {
        let before = unit.len();
        for c in CURRENCY {
            if let Some(rest) = unit.strip_prefix(c) {
                unit = rest.to_string();
            }
            if let Some(rest) = unit.strip_suffix(c) {
                unit = rest.to_string();
            }
        }
        if unit.len() == before {
            break;
        }
    }
    let power = match unit.as_str() {
        "k" | "千" | "thousand" | "thousands" | "'000" | "000" | "'000s" | "000s" => 3,
        "万" | "萬" => 4,
        "m" | "mn" | "mm" | "mio" | "million" | "millions" | "百万" => 6,
        "亿" | "億" => 8,
        _ => 0,
    };
    Ratio::from_int(10u128.pow(power))
}

/// An amount cell in the column's unit ([`Mapping::amount_unit`]), by the
/// column's decimal mark.
fn read_cell_amount(text: &str, currency: &str, mapping: &Mapping) -> Result<Ratio, InputError> {
    let (unit, mark) = (mapping.amount_unit, mapping.amount_mark);
    if unit.is_one() || has_multiplier(text) {
        return read_amount(text, currency, mark).map(|r| r.value);
    }
    let token = match (unit.numer(), unit.denom()) {
        (1_000, 1) => Some("k"),
        (10_000, 1) => Some("万"),
        (1_000_000, 1) => Some("m"),
        (100_000_000, 1) => Some("亿"),
        _ => None,
    };
    // The unit written after the number, so the parser's limits apply to
    // the final value as with a typed `12.34567万` (five decimals in 万 are
    // 123,456.7, a valid amount).
    let is_digit = |c: char| c.is_ascii_digit() || ('０'..='９').contains(&c);
    let end = text
        .char_indices()
        .rfind(|(_, c)| is_digit(*c))
        .map(|(i, c)| i + c.len_utf8());
    if let (Some(token), Some(end)) = (token, end) {
        let (number, rest) = text.split_at(end);
        return read_amount(&format!("{number}{token}{rest}"), currency, mark).map(|r| r.value);
    }
    // Another unit the user set: the cell's value times the unit.
    if unit.is_zero() {
        return Err(InputError::Zero);
    }
    read_amount(text, currency, mark)?
        .value
        .checked_mul(unit)
        .filter(|v| *v <= Ratio::from_int(MAX_AMOUNT))
        .ok_or(InputError::AtMost(MAX_AMOUNT as u64))
}

/// Whether an amount cell carries its own multiplier (`30万`, `1.2m`,
/// `58.8k`, `2 bn`): then the header's unit is not applied again. The
/// multiplier is what follows the last digit (see
/// [`read_amount`](super::number::read_amount)'s rule 4).
fn has_multiplier(cell: &str) -> bool {
    let is_digit = |c: char| c.is_ascii_digit() || ('０'..='９').contains(&c);
    let Some(last) = cell.rfind(is_digit) else {
        return false;
    };
    let rest = cell
        .get(last..)
        .unwrap_or("")
        .trim_start_matches(is_digit)
        .trim_start_matches(['.', ',', '．', '，'])
        .trim_start();
    if rest.starts_with(['千', '万', '萬', '亿', '億', '十', '百']) {
        return true;
    }
    let word: String = rest
        .chars()
        .take_while(|c| c.is_ascii_alphabetic())
        .flat_map(|c| c.to_lowercase())
        .collect();
    matches!(word.as_str(), "k" | "m" | "mn" | "mm" | "bn")
}

/// The columns a header row names, each column at most once (the first
/// cell naming it).
fn columns_of(headers: &[String]) -> Vec<Option<Column>> {
    let mut seen = Vec::new();
    headers
        .iter()
        .map(|h| {
            let c = header_column(h).filter(|c| !seen.contains(c))?;
            seen.push(c);
            Some(c)
        })
        .collect()
}

fn header_matches(cells: &[String]) -> usize {
    columns_of(cells).iter().flatten().count()
}

// ---------------------------------------------------------------------------
// Reading the sheet

/// Records of `text` split by `delimiter`, each a [`Row`] with its 1-based
/// start line; at most `limit`. A quote that is never closed does not
/// swallow the lines after it (see [`unclosed_quotes`]): its record, up
/// to the end of the line the quote opens on, is a row marked
/// [`Row::unclosed_quote`], and the lines after it are read as records of
/// their own.
fn records(text: &str, delimiter: u8, limit: usize) -> Vec<Row> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut lines = Lines::default();
    let mut from = 0;
    for (start, line_end) in unclosed_quotes(bytes, delimiter) {
        read_span(bytes, from..start, delimiter, limit, &mut lines, &mut out);
        if out.len() >= limit {
            return out;
        }
        let mut broken = Vec::new();
        read_span(
            bytes,
            start..line_end,
            delimiter,
            1,
            &mut lines,
            &mut broken,
        );
        out.extend(broken.into_iter().map(|r| Row {
            unclosed_quote: true,
            ..r
        }));
        from = line_end;
    }
    read_span(
        bytes,
        from..bytes.len(),
        delimiter,
        limit,
        &mut lines,
        &mut out,
    );
    out
}

/// Line numbers of byte offsets asked for in increasing order. A line
/// break is `\n`, or `\r` not followed by `\n`.
#[derive(Default)]
struct Lines {
    /// Offsets below this are counted.
    counted: usize,
    /// Line breaks below `counted`.
    breaks: usize,
}

impl Lines {
    /// The 1-based line of `bytes[at]` (`at` not below the last asked).
    fn at(&mut self, bytes: &[u8], at: usize) -> usize {
        let is_break = |i: usize| match bytes.get(i) {
            Some(b'\n') => true,
            Some(b'\r') => bytes.get(i + 1) != Some(&b'\n'),
            _ => false,
        };
        self.breaks += (self.counted..at).filter(|&i| is_break(i)).count();
        self.counted = at.max(self.counted);
        self.breaks + 1
    }
}

/// The csv crate's records of `bytes[span]` appended to `out` until it
/// holds `limit`.
fn read_span(
    bytes: &[u8],
    span: std::ops::Range<usize>,
    delimiter: u8,
    limit: usize,
    lines: &mut Lines,
    out: &mut Vec<Row>,
) {
    let base = span.start;
    let bytes_of_span = bytes.get(span).unwrap_or(&[]);
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .has_headers(false)
        .delimiter(delimiter)
        .from_reader(bytes_of_span);
    let mut record = csv::ByteRecord::new();
    // The reader's own line numbers lag behind blank lines, so the start
    // line is counted here: a record starts at the first byte after the
    // previous record that is not a line break.
    let mut end = 0usize;
    while out.len() < limit {
        // Reading from a byte slice has no I/O errors, and with `flexible`
        // no record-length errors: any error simply ends the span.
        match reader.read_byte_record(&mut record) {
            Ok(true) => {
                let mut start = end;
                while matches!(bytes_of_span.get(start), Some(b'\r' | b'\n')) {
                    start += 1;
                }
                let line = lines.at(bytes, base.saturating_add(start));
                end = usize::try_from(reader.position().byte()).unwrap_or(usize::MAX);
                let cells = record
                    .iter()
                    .map(|f| String::from_utf8_lossy(f).into_owned())
                    .collect();
                out.push(Row {
                    line,
                    cells,
                    unclosed_quote: false,
                });
            }
            Ok(false) | Err(_) => break,
        }
    }
}

/// Quotes the csv crate would never see closed, read with `delimiter`:
/// for each, the byte offsets of its record's start and of the end of the
/// line it opens on (the first line break after it, or the end of the
/// text), in order.
///
/// The csv crate opens a quoted cell only at a quote that begins a cell (a
/// quote inside an unquoted cell is text). Inside, a doubled quote is one
/// quote, and a quote not followed by another closes the cell: in a
/// well-formed file the closing quote is followed by a delimiter, a line
/// break or the end. A quote is taken as never closed when its cell runs
/// to the end of the text, or when its cell runs over a line break and
/// then "closes" at a quote followed by anything else: a stray quote that
/// met the opening quote of a later cell (`"Acme, Inc,…` some lines above
/// `…,"Globex, Ltd",…`). The reading then starts again on the next line.
/// A cell on one line closed so (`"24" monitor`) is the csv crate's
/// (`24 monitor`).
fn unclosed_quotes(bytes: &[u8], delimiter: u8) -> Vec<(usize, usize)> {
    #[derive(Clone, Copy, PartialEq)]
    enum State {
        RecordStart,
        FieldStart,
        Unquoted,
        Quoted,
        QuoteInQuoted,
    }
    let is_term = |b: u8| b == b'\n' || b == b'\r';
    let line_end = |from: usize| {
        bytes
            .get(from..)
            .and_then(|b| b.iter().position(|&b| is_term(b)))
            .map_or(bytes.len(), |n| from + n)
    };
    let mut out = Vec::new();
    let mut state = State::RecordStart;
    // The current record's start; the open quote and whether its cell has
    // run over a line break.
    let (mut record_start, mut open_at, mut multi_line) = (0, 0, false);
    // The csv crate skips a UTF-8 byte-order mark at the very start.
    let mut i = if bytes.starts_with(&[0xEF, 0xBB, 0xBF]) {
        3
    } else {
        0
    };
    while let Some(&b) = bytes.get(i) {
        state = match state {
            State::RecordStart if is_term(b) => State::RecordStart,
            State::RecordStart | State::FieldStart => {
                if state == State::RecordStart {
                    record_start = i;
                }
                if b == b'"' {
                    (open_at, multi_line) = (i, false);
                    State::Quoted
                } else if b == delimiter {
                    State::FieldStart
                } else if is_term(b) {
                    State::RecordStart
                } else {
                    State::Unquoted
                }
            }
            State::Quoted => {
                multi_line |= is_term(b);
                if b == b'"' {
                    State::QuoteInQuoted
                } else {
                    State::Quoted
                }
            }
            State::QuoteInQuoted if b == b'"' => State::Quoted,
            State::QuoteInQuoted if multi_line && b != delimiter && !is_term(b) => {
                let end = line_end(open_at);
                out.push((record_start, end));
                // `end` is a line break before `i`: read on from there.
                i = end;
                state = State::RecordStart;
                continue;
            }
            State::Unquoted | State::QuoteInQuoted => {
                if b == delimiter {
                    State::FieldStart
                } else if is_term(b) {
                    State::RecordStart
                } else {
                    State::Unquoted
                }
            }
        };
        i += 1;
    }
    if state == State::Quoted {
        out.push((record_start, line_end(open_at)));
    }
    out
}

fn is_blank(cells: &[String]) -> bool {
    cells.iter().all(|c| c.trim().is_empty())
}

/// Index (among all records) of the header row, and how many known
/// columns it names.
fn find_header(records: &[Row]) -> Option<(usize, usize)> {
    records
        .iter()
        .enumerate()
        .filter(|(_, r)| !is_blank(&r.cells))
        .take(MAX_TITLE_ROWS)
        .map(|(i, r)| {
            (
                i,
                if r.unclosed_quote {
                    0
                } else {
                    header_matches(&r.cells)
                },
            )
        })
        .find(|&(_, m)| m >= 2)
}

const PIVOT_WORDS: &[&str] = &[
    "row labels",
    "column labels",
    "sum of",
    "count of",
    "average of",
    "行标签",
    "列标签",
    "求和项",
    "计数项",
    "平均值项",
];

const FOOTER_WORDS: &[&str] = &[
    "total",
    "subtotal",
    "grand total",
    "sum",
    "count",
    "合计",
    "总计",
    "小计",
    "confidential",
    "copyright",
    "©",
    "(c)",
    "generated",
    "report generated",
    "机密",
];

/// Reads a decoded file's table (see the module docs for the rules).
pub fn read_sheet(text: &str) -> Result<Sheet, CsvError> {
    let sniff_limit = MAX_TITLE_ROWS.saturating_mul(4);
    let mut best: Option<(u8, usize, usize)> = None;
    let any_cell = !text
        .chars()
        .all(|c| c.is_whitespace() || matches!(c, ',' | ';' | '"' | '\u{feff}'));
    let mut pivot = false;
    for delimiter in [b',', b';', b'\t'] {
        let recs = records(text, delimiter, sniff_limit);
        pivot |= recs.iter().flat_map(|r| &r.cells).any(|c| {
            let c = c.trim().to_lowercase();
            PIVOT_WORDS.iter().any(|w| c.starts_with(w))
        });
        if let Some((at, matches)) = find_header(&recs) {
            let better = match best {
                None => true,
                Some((_, b_at, b_matches)) => at < b_at || (at == b_at && matches > b_matches),
            };
            if better {
                best = Some((delimiter, at, matches));
            }
        }
    }
    let Some((delimiter, header_at, _)) = best else {
        return Err(if any_cell {
            CsvError::NoHeader { pivot }
        } else {
            CsvError::Empty
        });
    };
    let recs = records(text, delimiter, usize::MAX);
    let mut blank_rows = 0;
    let mut skipped_above = 0;
    for r in recs.iter().take(header_at) {
        if is_blank(&r.cells) && !r.unclosed_quote {
            blank_rows += 1;
        } else {
            skipped_above += 1;
        }
    }
    let mut rest = recs.into_iter().skip(header_at);
    let Some(Row {
        line: header_line,
        cells: headers,
        ..
    }) = rest.next()
    else {
        return Err(CsvError::Empty);
    };
    let stage_col = columns_of(&headers)
        .iter()
        .position(|c| *c == Some(Column::Stage));
    let mut rows: Vec<Row> = Vec::new();
    for row in rest {
        if is_blank(&row.cells) && !row.unclosed_quote {
            blank_rows += 1;
        } else {
            rows.push(row);
        }
    }
    // A row with an unclosed quote is a bad row, never a footer.
    let footers = rows
        .iter()
        .rev()
        .take_while(|r| !r.unclosed_quote && is_footer(&r.cells, stage_col))
        .count();
    rows.truncate(rows.len().saturating_sub(footers));
    let beyond_cap = rows.len().saturating_sub(MAX_IMPORT_ROWS);
    rows.truncate(MAX_IMPORT_ROWS);
    Ok(Sheet {
        delimiter,
        header_line,
        headers,
        rows,
        skipped_above,
        skipped_below: footers,
        blank_rows,
        beyond_cap,
    })
}

fn is_footer(cells: &[String], stage_col: Option<usize>) -> bool {
    let mut filled = cells.iter().map(|c| c.trim()).filter(|c| !c.is_empty());
    let Some(first) = filled.next() else {
        return true;
    };
    if filled.next().is_none() {
        return true;
    }
    let first = first.to_lowercase();
    let word = FOOTER_WORDS.iter().any(|w| first.starts_with(w));
    let no_stage = stage_col
        .and_then(|i| cells.get(i))
        .is_none_or(|c| c.trim().is_empty());
    word && no_stage
}

// ---------------------------------------------------------------------------
// Guessing the mapping

/// Everything guessed from the header names and the cells: the columns,
/// then [`guess_for_columns`].
pub fn guess_mapping(sheet: &Sheet, plan_stages: &[PlanStage], usual_order: DateOrder) -> Mapping {
    guess_for_columns(sheet, columns_of(&sheet.headers), plan_stages, usual_order)
}

/// The guesses that follow from a column assignment (after the user
/// changed one): date orders, decimal mark, probability scale, stage map.
pub fn guess_for_columns(
    sheet: &Sheet,
    columns: Vec<Option<Column>>,
    plan_stages: &[PlanStage],
    usual_order: DateOrder,
) -> Mapping {
    let col = |c: Column| columns.iter().position(|x| *x == Some(c));
    let cells = |c: Column| column_cells(sheet, col(c));
    let date = |c: Column| guess_date_order(cells(c), usual_order);
    let (amount_mark, amount_mark_settled) = guess_amount_mark(cells(Column::Amount));
    let mut orders = [
        date(Column::Close),
        date(Column::InStageSince),
        date(Column::Created),
    ];
    // A file writes all its dates one way: a column its cells leave open
    // takes the year-last order another column's cells settle (when the
    // settled columns agree).
    let settled: Vec<DateOrder> = orders
        .iter()
        .filter(|g| g.basis == DateBasis::Data && g.order != DateOrder::Ymd)
        .map(|g| g.order)
        .collect();
    if let Some(&first) = settled.first() {
        if settled.iter().all(|&o| o == first) {
            for g in orders.iter_mut().filter(|g| g.basis == DateBasis::Usual) {
                *g = DateGuess {
                    order: first,
                    basis: DateBasis::Data,
                };
            }
        }
    }
    let [close_order, in_stage_order, created_order] = orders;
    Mapping {
        close_order,
        in_stage_order,
        created_order,
        amount_mark,
        amount_mark_settled,
        amount_unit: col(Column::Amount)
            .and_then(|i| sheet.headers.get(i))
            .map_or(Ratio::ONE, |h| header_amount_unit(h)),
        probability_scale: match col(Column::Probability).and_then(|i| sheet.headers.get(i)) {
            // "Probability (%)" says it is in percent, whatever the values.
            Some(h) if h.contains(['%', '％']) => ProbabilityScale::Percent,
            _ => guess_probability_scale(cells(Column::Probability)),
        },
        stage_map: guess_stage_map(cells(Column::Stage).map(unescape), plan_stages),
        columns,
    }
}

/// The trimmed non-blank cells of column `index`.
fn column_cells(sheet: &Sheet, index: Option<usize>) -> impl Iterator<Item = &str> + Clone {
    sheet
        .rows
        .iter()
        .filter(|r| !r.unclosed_quote)
        .filter_map(move |r| r.cells.get(index?))
        .map(|c| c.trim())
        .filter(|c| !c.is_empty())
}

/// Amount, stage and close date, when not mapped.
pub fn missing_required(mapping: &Mapping) -> Vec<Column> {
    Column::ALL
        .into_iter()
        .filter(|c| c.is_required() && !mapping.columns.contains(&Some(*c)))
        .collect()
}

/// The decimal mark of an amount column, and whether a cell settled it:
/// the mark most cells show unambiguously (`1.355,90`, `1355,9`, `1.000.000`
/// show a comma; `1,020,000.00`, `58.8k`, `1,000,000` a point; `3.000` and
/// `3,000` show nothing). Nothing shown: Point.
pub fn guess_amount_mark<'a>(cells: impl Iterator<Item = &'a str>) -> (DecimalMark, bool) {
    let (mut point, mut comma) = (0usize, 0usize);
    for cell in cells {
        match shown_mark(cell) {
            Some(DecimalMark::Comma) => comma += 1,
            Some(_) => point += 1,
            None => {}
        }
    }
    if comma > point {
        (DecimalMark::Comma, true)
    } else {
        (DecimalMark::Point, point > 0)
    }
}

fn shown_mark(cell: &str) -> Option<DecimalMark> {
    let num: String = cell
        .chars()
        .skip_while(|c| !c.is_ascii_digit())
        .take_while(|c| c.is_ascii_digit() || matches!(c, '.' | ','))
        .collect();
    let num = num.trim_end_matches(['.', ',']);
    let dots = num.matches('.').count();
    let commas = num.matches(',').count();
    let after = |sep: char| num.rsplit(sep).next().map_or(0, str::len);
    match (dots, commas) {
        (0, 0) => None,
        (_, 0) if dots > 1 => Some(DecimalMark::Comma),
        (0, _) if commas > 1 => Some(DecimalMark::Point),
        (1, 0) if after('.') != 3 => Some(DecimalMark::Point),
        (0, 1) if after(',') != 3 => Some(DecimalMark::Comma),
        (0, 1) | (1, 0) => None,
        _ => {
            let last_dot = num.rfind('.');
            let last_comma = num.rfind(',');
            if last_comma > last_dot {
                Some(DecimalMark::Comma)
            } else {
                Some(DecimalMark::Point)
            }
        }
    }
}

/// (A header with `%`, "Probability (%)", makes it percent whatever the
/// cells: [`guess_for_columns`] checks that.) Fractions when no cell has `%` and every cell that is a number is at
/// most 1 (and there is at least one); else percentages.
pub fn guess_probability_scale<'a>(cells: impl Iterator<Item = &'a str>) -> ProbabilityScale {
    let mut any = false;
    for cell in cells {
        if cell.contains(['%', '％']) {
            return ProbabilityScale::Percent;
        }
        if let Ok(r) = read_percent(cell, DecimalMark::Auto) {
            if r.value > Ratio::percent(1) {
                return ProbabilityScale::Percent;
            }
            any = true;
        }
    }
    if any {
        ProbabilityScale::Fraction
    } else {
        ProbabilityScale::Percent
    }
}

/// How a date cell's parts can be read.
enum DateShape {
    /// The same whatever the order (year first, serial, `1/1/2027`, bad).
    Fixed,
    /// Year last, readable in only this order (a part above 12).
    Only(DateOrder),
    /// Year last, readable either way with different results.
    Either,
}

fn date_shape(cell: &str) -> DateShape {
    let Some(Split::YearLast(a, b, _)) = split_date(cell) else {
        return DateShape::Fixed;
    };
    match (a > 12, b > 12) {
        (true, false) => DateShape::Only(DateOrder::Dmy),
        (false, true) => DateShape::Only(DateOrder::Mdy),
        _ if a == b => DateShape::Fixed,
        (false, false) => DateShape::Either,
        (true, true) => DateShape::Fixed,
    }
}

/// A date column's order (see [`DateBasis`]). A usual order of `Ymd` reads
/// unsettled year-last cells as `Mdy` (year-last dates in a year-first
/// language mostly come from US exports).
pub fn guess_date_order<'a>(cells: impl Iterator<Item = &'a str>, usual: DateOrder) -> DateGuess {
    let (mut mdy, mut dmy, mut either, mut year_last, mut year_first) = (0, 0, 0, 0, 0);
    for cell in cells {
        match split_date(cell) {
            Some(Split::YearFirst(..)) => year_first += 1,
            Some(Split::YearLast(..)) => year_last += 1,
            _ => {}
        }
        match date_shape(cell) {
            DateShape::Only(DateOrder::Mdy) => mdy += 1,
            DateShape::Only(_) => dmy += 1,
            DateShape::Either => either += 1,
            DateShape::Fixed => {}
        }
    }
    let usual_year_last = match usual {
        DateOrder::Ymd => DateOrder::Mdy,
        o => o,
    };
    let guess = |order, basis| DateGuess { order, basis };
    match (mdy, dmy) {
        (0, 0) if either > 0 => guess(usual_year_last, DateBasis::Usual),
        (0, 0) if year_last == 0 && year_first > 0 => guess(DateOrder::Ymd, DateBasis::Data),
        (0, 0) if year_last == 0 => guess(usual, DateBasis::NotNeeded),
        (0, 0) => guess(usual_year_last, DateBasis::NotNeeded),
        (_, 0) => guess(DateOrder::Mdy, DateBasis::Data),
        (0, _) => guess(DateOrder::Dmy, DateBasis::Data),
        (m, d) if m > d => guess(DateOrder::Mdy, DateBasis::Mixed),
        (m, d) if d > m => guess(DateOrder::Dmy, DateBasis::Mixed),
        _ => guess(usual_year_last, DateBasis::Mixed),
    }
}

/// CRM stage → plan stage: the same name (case and surrounding spaces
/// ignored); else a won word ("Closed Won", "closedwon", "赢单" …) → the
/// plan's won stage, a lost word → its lost stage (if it has one); else
/// `None`.
pub fn guess_stage_map<'a>(
    cells: impl Iterator<Item = &'a str>,
    plan_stages: &[PlanStage],
) -> Vec<(String, Option<StageRef>)> {
    let mut map: Vec<(String, Option<StageRef>)> = Vec::new();
    for cell in cells {
        if map.iter().any(|(s, _)| same_name(s, cell)) {
            continue;
        }
        let by_name = plan_stages
            .iter()
            .find(|(_, name, _)| same_name(name, cell))
            .map(|s| s.0);
        let by_role = || {
            let role = match status_word(cell)? {
                Status::Won => Role::Won,
                Status::Lost => Role::Lost,
                Status::Open => return None,
            };
            plan_stages.iter().find(|s| s.2 == role).map(|s| s.0)
        };
        map.push((cell.to_string(), by_name.or_else(by_role)));
    }
    map
}

fn same_name(a: &str, b: &str) -> bool {
    let (a, b) = (a.trim(), b.trim());
    a == b || a.to_lowercase() == b.to_lowercase()
}

/// Won or lost when the text is a common status word; `None` otherwise.
pub fn status_word(text: &str) -> Option<Status> {
    let key: String = text
        .chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect();
    const WON: &[&str] = &[
        "won",
        "closedwon",
        "win",
        "赢单",
        "成交",
        "已成交",
        "赢",
        "签约",
    ];
    const LOST: &[&str] = &["lost", "closedlost", "lose", "输单", "丢单", "已丢单", "输"];
    if WON.contains(&key.as_str()) {
        Some(Status::Won)
    } else if LOST.contains(&key.as_str()) {
        Some(Status::Lost)
    } else {
        None
    }
}

// ---------------------------------------------------------------------------
// Dates

enum Split {
    YearFirst(u32, u32, u32),
    /// The two leading parts and the year (already widened to four digits).
    YearLast(u32, u32, u32),
    Serial(u32),
}

/// The date part of a cell: a time of day after a space or `T` dropped.
fn date_part(cell: &str) -> Option<String> {
    let cell: String = cell
        .trim()
        .chars()
        .map(|c| match c {
            '０'..='９' => char::from_u32(u32::from(c) - 0xFF10 + 0x30).unwrap_or(c),
            '／' => '/',
            '－' => '-',
            '．' => '.',
            '\u{3000}' => ' ',
            c => c,
        })
        .collect();
    let cut = cell.find(|c: char| c.is_whitespace() || c == 'T' || c == 't');
    match cut {
        None => Some(cell),
        Some(i) => {
            let (date, time) = cell.split_at(i);
            let time = time.get(1..).unwrap_or("").trim_start();
            time.starts_with(|c: char| c.is_ascii_digit())
                .then(|| date.to_string())
        }
    }
}

fn split_date(cell: &str) -> Option<Split> {
    let s = date_part(cell)?;
    let s = s.trim_end_matches('日');
    if s.is_empty() {
        return None;
    }
    let num = |p: &str| -> Option<u32> {
        (!p.is_empty() && p.len() <= 9 && p.bytes().all(|b| b.is_ascii_digit()))
            .then(|| p.parse().ok())
            .flatten()
    };
    // An Excel serial, perhaps with a fraction of a day (the time).
    let (whole, frac) = s.split_once('.').unwrap_or((s, ""));
    if (frac.is_empty() || num(frac).is_some()) && num(whole).is_some() {
        if whole.len() == 8 {
            let p = |r: std::ops::Range<usize>| whole.get(r).and_then(num);
            return Some(Split::YearFirst(p(0..4)?, p(4..6)?, p(6..8)?));
        }
        if whole.len() <= 6 {
            return Some(Split::Serial(num(whole)?));
        }
        return None;
    }
    let parts: Vec<&str> = s.split(['-', '/', '.', '年', '月']).collect();
    let [a, b, c] = parts.as_slice() else {
        return None;
    };
    let (x, y, z) = (num(a)?, num(b)?, num(c)?);
    if b.len() > 2 {
        return None;
    }
    match (a.len(), c.len()) {
        (4, 1..=2) => Some(Split::YearFirst(x, y, z)),
        (1..=2, 4) => Some(Split::YearLast(x, y, z)),
        // Two-digit years: 00–29 are 20xx, 30–99 are 19xx (Excel's pivot).
        (1..=2, 2) => Some(Split::YearLast(
            x,
            y,
            if z < 30 { 2000 + z } else { 1900 + z },
        )),
        _ => None,
    }
}

/// A date cell that is no calendar date in 1900–2199 (the row's problem
/// quotes the cell: [`RowProblemKind::BadDate`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct NotADate;

/// A date cell read by `order` (see the module docs); `Ok(None)` when blank.
pub fn read_date(cell: &str, order: DateOrder) -> Result<Option<NaiveDate>, NotADate> {
    if cell.trim().is_empty() {
        return Ok(None);
    }
    let ymd = |y: u32, m: u32, d: u32| {
        let y = i32::try_from(y)
            .ok()
            .filter(|y| (1900..=2199).contains(y))?;
        NaiveDate::from_ymd_opt(y, m, d)
    };
    let date = match split_date(cell).ok_or(NotADate)? {
        Split::YearFirst(y, m, d) => ymd(y, m, d),
        Split::YearLast(a, b, y) => match order {
            DateOrder::Ymd => None,
            DateOrder::Mdy => ymd(y, a, b),
            DateOrder::Dmy => ymd(y, b, a),
        },
        // The 1900 system counts the fake 29 February 1900 (serial 60), so
        // from serial 61 on day 0 is 1899-12-30.
        Split::Serial(n) => match n {
            0 | 60 => None,
            1..=59 => NaiveDate::from_ymd_opt(1899, 12, 31)
                .and_then(|d| d.checked_add_days(chrono::Days::new(n.into()))),
            _ => NaiveDate::from_ymd_opt(1899, 12, 30)
                .and_then(|d| d.checked_add_days(chrono::Days::new(n.into())))
                .filter(|d| ymd(1900, 1, 1) <= Some(*d) && Some(*d) <= ymd(2199, 12, 31)),
        },
    };
    date.map(Some).ok_or(NotADate)
}

// ---------------------------------------------------------------------------
// Importing

/// Turns `sheet.rows[range]` into deals by `mapping` (a range beyond the
/// rows is cut to them). Each bad row is listed with its line and every
/// reason; amounts are read in `currency` (the plan's ISO code). Chunks
/// merged in order ([`Imported::merge`]) equal one call over their union.
pub fn import_rows(
    sheet: &Sheet,
    mapping: &Mapping,
    plan_stages: &[PlanStage],
    currency: &str,
    range: std::ops::Range<usize>,
) -> Imported {
    let mut out = Imported::default();
    let rows = sheet
        .rows
        .get(range.start.min(sheet.rows.len())..range.end.min(sheet.rows.len()))
        .unwrap_or(&[]);
    let col = |c: Column| mapping.columns.iter().position(|x| *x == Some(c));
    let cols: Vec<(Column, Option<usize>)> = Column::ALL.iter().map(|&c| (c, col(c))).collect();
    for row in rows {
        if row.unclosed_quote {
            out.problems.push(RowProblem {
                line: row.line,
                kind: RowProblemKind::UnclosedQuote,
            });
            continue;
        }
        let cell = |c: Column| -> &str {
            cols.iter()
                .find(|(x, _)| *x == c)
                .and_then(|(_, i)| row.cells.get((*i)?))
                .map_or("", |s| s.trim())
        };
        let before = out.problems.len();
        let mut problem = |kind| {
            out.problems.push(RowProblem {
                line: row.line,
                kind,
            })
        };

        let stage_text = unescape(cell(Column::Stage));
        let stage = if stage_text.is_empty() {
            problem(RowProblemKind::NoStage);
            None
        } else {
            let mapped = mapping
                .stage_map
                .iter()
                .find(|(s, _)| same_name(s, stage_text))
                .and_then(|(_, r)| *r)
                .filter(|r| plan_stages.iter().any(|s| s.0 == *r));
            if mapped.is_none() {
                problem(RowProblemKind::UnmappedStage(stage_text.to_string()));
            }
            mapped
        };
        let status_text = cell(Column::Status);
        let status = if !status_text.is_empty() {
            status_word(status_text).unwrap_or(Status::Open)
        } else if let Some(s) = status_word(stage_text) {
            s
        } else {
            match stage.and_then(|r| plan_stages.iter().find(|s| s.0 == r)) {
                Some((_, _, Role::Won)) => Status::Won,
                Some((_, _, Role::Lost)) => Status::Lost,
                _ => Status::Open,
            }
        };

        let amount_text = cell(Column::Amount);
        let amount = if amount_text.is_empty() {
            None
        } else {
            match read_cell_amount(amount_text, currency, mapping) {
                Ok(v) => Some(v),
                Err(e) => {
                    problem(RowProblemKind::BadAmount(e));
                    None
                }
            }
        };

        let mut date = |c: Column, order: DateGuess| match read_date(cell(c), order.order) {
            Ok(d) => d,
            Err(NotADate) => {
                problem(RowProblemKind::BadDate {
                    column: c,
                    text: cell(c).to_string(),
                });
                None
            }
        };
        let close = date(Column::Close, mapping.close_order);
        let in_stage_since = date(Column::InStageSince, mapping.in_stage_order);
        let created = date(Column::Created, mapping.created_order);

        let probability = if status == Status::Open {
            read_probability(cell(Column::Probability), mapping.probability_scale).unwrap_or_else(
                |()| {
                    problem(RowProblemKind::BadProbability(
                        cell(Column::Probability).to_string(),
                    ));
                    None
                },
            )
        } else {
            None
        };

        if out.problems.len() > before {
            continue;
        }
        let Some(stage) = stage else { continue };
        let (name, cut_name) = cut(&one_line(unescape(cell(Column::Name))));
        let (account, cut_account) = cut(&one_line(unescape(cell(Column::Account))));
        let notes = &mut out.notes;
        notes.names_cut += usize::from(cut_name || cut_account);
        match status {
            Status::Open if close.is_none() => notes.open_without_close += 1,
            Status::Won | Status::Lost if close.is_none() => notes.closed_without_close += 1,
            _ => {}
        }
        match status {
            Status::Won if amount.is_none() => notes.won_without_amount += 1,
            // Imported and noted: it counts as a deal (balance, conversion)
            // but adds no revenue, as in the forecast.
            Status::Open if amount.is_none() => notes.open_without_amount += 1,
            _ => {}
        }
        out.deals.push(Deal {
            id: 0,
            name,
            account,
            amount,
            stage,
            status,
            close,
            in_stage_since,
            created,
            probability,
        });
        out.lines.push(row.line);
    }
    out
}

/// A name or account on one line (see the module docs, "Names"): each run
/// of whitespace holding a line break, tab or other control whitespace
/// (`\n`, `\r`, `\t`, VT, FF, NEL, U+2028, U+2029) is one space; trimmed.
fn one_line(text: &str) -> String {
    let breaks =
        |c: char| c.is_whitespace() && (c.is_control() || matches!(c, '\u{2028}' | '\u{2029}'));
    if !text.contains(breaks) {
        return text.trim().to_string();
    }
    let mut out = String::with_capacity(text.len());
    let mut run = String::new();
    for c in text.chars() {
        if c.is_whitespace() {
            run.push(c);
            continue;
        }
        if run.contains(breaks) {
            out.push(' ');
        } else {
            out.push_str(&run);
        }
        run.clear();
        out.push(c);
    }
    out.trim().to_string()
}

/// At most `MAX_NAME_CHARS` characters, and whether it was cut.
fn cut(text: &str) -> (String, bool) {
    match text.char_indices().nth(MAX_NAME_CHARS) {
        Some((i, _)) => (text.get(..i).unwrap_or(text).trim_end().to_string(), true),
        None => (text.to_string(), false),
    }
}

/// A probability cell as a fraction of one: `Ok(None)` when blank.
fn read_probability(cell: &str, scale: ProbabilityScale) -> Result<Option<Ratio>, ()> {
    if cell.is_empty() {
        return Ok(None);
    }
    let pct = read_percent(cell, DecimalMark::Auto).map_err(|_| ())?.value;
    if scale == ProbabilityScale::Percent || cell.contains(['%', '％']) {
        return Ok(Some(pct));
    }
    // As a fraction of one, "0.35" read as a percentage is 0.0035: × 100.
    let value = pct.checked_mul(Ratio::from_int(100)).ok_or(())?;
    if value > Ratio::ONE {
        return Err(());
    }
    Ok(Some(value))
}

// ---------------------------------------------------------------------------
// Export

/// Whether a spreadsheet would take a cell beginning so for a formula
/// (OWASP's list for CSV injection: `=`, `+`, `-`, `@`, tab, CR).
fn starts_formula(text: &str) -> bool {
    text.starts_with(['=', '+', '-', '@', '\t', '\r'])
}

/// A text cell as [`export`] escaped it: one leading apostrophe dropped
/// when what follows it, past any further apostrophes, would start a
/// formula (`'=SUM(A1)` is `=SUM(A1)`, `''=x` is `'=x`); any other text
/// as it is (`'twas`, `'` alone).
fn unescape(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest) if starts_formula(rest.trim_start_matches('\'')) => rest,
        _ => cell,
    }
}

/// `value` as a plain decimal: exact when it terminates within `places`,
/// else rounded half up to `places`.
fn decimal(value: Ratio, places: u32) -> String {
    let (num, den) = (value.numer(), value.denom());
    let whole = num / den;
    let mut rem = num % den;
    let mut digits = String::new();
    for _ in 0..places {
        if rem == 0 {
            break;
        }
        // rem < den, so rem × 10 may overflow only for dens near u128::MAX:
        // then the digits stop (a rounding far beyond any shown place).
        let Some(r) = rem.checked_mul(10) else { break };
        digits.push(char::from(b'0' + u8::try_from(r / den).unwrap_or(0)));
        rem = r % den;
    }
    let round_up = rem.checked_mul(2).is_some_and(|r| r >= den);
    if round_up {
        // Carry through the decimals, then into the whole part.
        let mut bytes = digits.into_bytes();
        let mut carry = true;
        for b in bytes.iter_mut().rev() {
            if *b == b'9' {
                *b = b'0';
            } else {
                *b += 1;
                carry = false;
                break;
            }
        }
        digits = String::from_utf8(bytes).unwrap_or_default();
        let whole = if carry {
            whole.saturating_add(1)
        } else {
            whole
        };
        let digits = digits.trim_end_matches('0');
        return if digits.is_empty() {
            whole.to_string()
        } else {
            format!("{whole}.{digits}")
        };
    }
    if digits.is_empty() {
        whole.to_string()
    } else {
        format!("{whole}.{digits}")
    }
}

/// The deal list as CSV (UTF-8, no BOM, CRLF as the `csv` crate writes):
/// a header row of the deal list's column names, `Name,Account,Amount,Stage,
/// Status,Close date,In stage since,Probability,Created`, dates `YYYY-MM-DD`,
/// amounts plain numbers (exact decimal, no grouping, `1355.9`; at most four
/// decimals, rounded half up beyond), probability in percent with its sign
/// (`35%`, `12.5%`: the sign settles the scale on import even when every
/// probability is at most 1 %) or empty, status
/// `Open`/`Won`/`Lost`. A name, account or stage name that a spreadsheet
/// would take for a formula gets one leading apostrophe (see the module
/// docs on formula injection); import drops it again.
pub fn export(deals: &[Deal], stage_name: impl Fn(StageRef) -> String) -> String {
    let mut w = csv::WriterBuilder::new().from_writer(Vec::new());
    // `Display` of a date is ISO `YYYY-MM-DD`, without chrono's formatter.
    let date = |d: Option<NaiveDate>| d.map_or(String::new(), |d| d.to_string());
    // Writing to a Vec cannot fail; a failed row would only be missing.
    let _ = w.write_record(Column::ALL.map(Column::export_header));
    let text = |s: &str| {
        if starts_formula(s.trim_start_matches('\'')) {
            format!("'{s}")
        } else {
            s.to_string()
        }
    };
    for d in deals {
        let probability = d
            .probability
            .and_then(|p| p.checked_mul(Ratio::from_int(100)))
            .map_or(String::new(), |p| format!("{}%", decimal(p, 4)));
        let status = match d.status {
            Status::Open => "Open",
            Status::Won => "Won",
            Status::Lost => "Lost",
        };
        let _ = w.write_record([
            text(&d.name),
            text(&d.account),
            d.amount.map_or(String::new(), |a| decimal(a, 4)),
            text(&stage_name(d.stage)),
            status.to_string(),
            date(d.close),
            date(d.in_stage_since),
            probability,
            date(d.created),
        ]);
    }
    let bytes = w.into_inner().unwrap_or_default();
    String::from_utf8(bytes).unwrap_or_default()
}
