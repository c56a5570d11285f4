//! The Compare screen's words, English and 简体中文, and the formatting of
//! its figures and differences (with the app's `Intl` formatters).

use super::{fmt_decimal, fmt_int, fmt_money, fmt_percent, pick, Lang, K};
use crate::compare::{Amount, Change, Diff, Metric, NoDiff, Value, Why};
use crate::model::TimeBlocked;

/// Keys of the Compare screen's fixed strings.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum C {
    Heading,
    LeftScenario,
    RightScenario,
    KeyFigures,
    Figure,
    Difference,
    NoDifference,
    SteadyTotal,
    NoDeals,
    Currencies,
    SameScale,
    NoChart,
}

/// A fixed string of the Compare screen in `lang`.
pub fn c(lang: Lang, key: C) -> &'static str {
    let (en, zh) = match key {
        C::Heading => ("Compare scenarios", "对比方案"),
        C::LeftScenario => ("Left scenario", "左侧方案"),
        C::RightScenario => ("Right scenario", "右侧方案"),
        C::KeyFigures => ("Key figures", "关键数据"),
        C::Figure => ("Figure", "指标"),
        C::Difference => ("Difference (right − left)", "差异（右 − 左）"),
        C::NoDifference => ("no difference", "相同"),
        C::SteadyTotal => (
            "Steady funnel (opportunities held at any time)",
            "理想状态漏斗（任一时刻的商机合计）",
        ),
        C::NoDeals => ("no deals in this scenario", "此方案没有商机"),
        C::Currencies => (
            "the scenarios use different currencies",
            "两个方案的币种不同",
        ),
        C::SameScale => (
            "Both charts are drawn to the same scale: equal widths are equal counts.",
            "两张图使用同一比例：宽度相同即数量相同。",
        ),
        C::NoChart => ("No chart", "无法绘图"),
    };
    pick(lang, en, zh)
}

/// The label of a figure's row.
pub fn metric_label(lang: Lang, m: Metric) -> &'static str {
    match m {
        Metric::Deals => super::t(lang, K::DealsNeeded),
        Metric::Leads => super::t(lang, K::LeadsNeeded),
        Metric::CloseRatio => super::t(lang, K::CloseRatio),
        Metric::CycleDays => super::t(lang, K::SalesCycleDays),
        Metric::SteadyTotal => c(lang, C::SteadyTotal),
        Metric::LeadsPerWeek => super::t(lang, K::NewLeadsPerWeek),
        Metric::Weighted => super::pipeline::p(lang, super::pipeline::P::WeightedForecast),
    }
}

/// Why a figure is a dash, in words (the same words the Plan and
/// Pipeline screens use).
pub fn why(lang: Lang, w: Why) -> String {
    match w {
        Why::Plan(b) => super::blocked(lang, b).to_string(),
        Why::Time(TimeBlocked::Plan(b)) => super::blocked(lang, b).to_string(),
        Why::Time(TimeBlocked::Dwell) => super::t(lang, K::FixDwell).to_string(),
        Why::Time(TimeBlocked::Period) => super::t(lang, K::FixPeriod).to_string(),
        Why::Time(TimeBlocked::Error(e)) => super::time_error(lang, &e),
        Why::Pipeline(b) => super::pipeline::blocked(lang, b).to_string(),
        Why::Forecast(u) => super::pipeline::unavailable(lang, u).to_string(),
    }
}

/// A figure as the table shows it: "150", "20%", "12.5", "$1,200,000".
pub fn value(lang: Lang, v: &Value) -> String {
    match v {
        Value::Count(n) => fmt_int(lang, *n),
        Value::Percent(r) => super::shown_percent(lang, *r).text,
        Value::Days(d) => fmt_int(lang, u64::from(*d)),
        Value::Flow(r) => super::shown_flow(lang, *r).text,
        Value::Money(r, cur) => fmt_money(lang, cur, *r),
    }
}

/// A difference's size without its sign: "1,350", "20 pp", "1.5".
fn amount(lang: Lang, a: &Amount) -> String {
    match a {
        Amount::Count(n) => fmt_int(lang, *n),
        Amount::Days(d) => fmt_int(lang, u64::from(*d)),
        Amount::Points(p) => {
            let n = fmt_decimal(lang, *p, 1);
            match lang {
                Lang::En => format!("{n} pp"),
                Lang::Zh => format!("{n} 个百分点"),
            }
        }
        Amount::Flow(r) => super::shown_flow(lang, *r).text,
        Amount::Money(r, cur) => fmt_money(lang, cur, *r),
    }
}

/// A difference with its sign, and as a percentage of the left figure
/// where that means something: "+1,350 (+900%)", "−20 pp", "no difference".
pub fn diff(lang: Lang, d: &Diff) -> String {
    let sign = match d.change {
        Change::Higher => "+",
        Change::Lower => "−",
        Change::Same => return c(lang, C::NoDifference).to_string(),
    };
    let main = format!("{sign}{}", amount(lang, &d.amount));
    match d.relative {
        Some(r) => format!("{main} ({sign}{})", fmt_percent(lang, r)),
        None => main,
    }
}

/// Why there is no difference, in words (`None`: the dash needs no words,
/// the side's cell has them).
pub fn no_diff(lang: Lang, n: NoDiff) -> Option<&'static str> {
    match n {
        NoDiff::Missing => None,
        NoDiff::Currencies => Some(c(lang, C::Currencies)),
    }
}

/// Why a scenario has no chart: "No chart: fix the target".
pub fn no_chart(lang: Lang, w: Why) -> String {
    let reason = why(lang, w);
    match lang {
        Lang::En => format!("{}: {reason}", c(lang, C::NoChart)),
        Lang::Zh => format!("{}：{reason}", c(lang, C::NoChart)),
    }
}

/// A compare chart's accessible sentence: "Funnel of Q1 plan, drawn to
/// the same scale as the other: A 150, B 75, …".
pub fn chart_sentence(lang: Lang, scenario: &str, parts: &[(String, Option<u64>)]) -> String {
    let scenario = &super::bidi::isolate(scenario);
    let list: Vec<String> = parts
        .iter()
        .map(|(name, n)| match n {
            Some(n) => format!("{} {}", super::bidi::isolate(name), fmt_int(lang, *n)),
            None => format!("{} —", super::bidi::isolate(name)),
        })
        .collect();
    match lang {
        Lang::En => format!(
            "Funnel of {scenario}, drawn to the same scale as the other chart: {}.",
            list.join(", ")
        ),
        Lang::Zh => format!(
            "{scenario} 的漏斗图，与另一张图比例相同：{}。",
            list.join("，")
        ),
    }
}

/// Said when there is only one scenario: how to make a second one, with
/// the header's button names.
pub fn need_two(lang: Lang) -> String {
    use super::workshop::{w, W};
    let new = w(lang, W::NewScenario);
    let dup = w(lang, W::DuplicateScenario);
    let preset = w(lang, W::FromPreset);
    match lang {
        Lang::En => format!(
            "Compare needs two scenarios, and there is only one. Make a second one with \
             “{new}”, “{dup}” or “{preset}” at the top of the page."
        ),
        Lang::Zh => format!(
            "对比需要两个方案，目前只有一个。请用页面顶部的“{new}”“{dup}”或“{preset}”再建一个。"
        ),
    }
}
