//! The answers: key figures and the per-stage table.
//!
//! Show working prints each figure's arithmetic with the user's numbers,
//! computed from the exact values; a figure whose text is rounded carries
//! "≈" there, so every equation is true as shown.

use super::table::{Cell, KeyedTable, Row};
use crate::domain::{Funnel, RateMode, Ratio, Role, Target};
use crate::i18n::{self, fmt_int, Lang, Unit, K};
use crate::model::{Blocked, Evaluation};
use crate::state::use_app;
use leptos::prelude::*;

const DASH: &str = "—";

/// "50% × 80% × 62.5% × 80%": the conversions from stage `from` to the won stage.
fn conversion_chain(lang: Lang, f: &Funnel, from: usize) -> String {
    (from..f.won_index())
        .filter_map(|k| f.conversion(k))
        .map(|c| i18n::shown_percent(lang, c).working())
        .collect::<Vec<_>>()
        .join(" × ")
}

/// "⌈30 ÷ 20%⌉ = 150".
fn ceil_working(lang: Lang, deals: u64, p: Ratio, n: u64) -> String {
    format!(
        "⌈{} ÷ {}⌉ = {}",
        fmt_int(lang, deals),
        i18n::shown_percent(lang, p).working(),
        fmt_int(lang, n)
    )
}

/// One figure: a label tied to an `<output>`, an explanation, and the working.
#[component]
pub fn Figure(
    /// Id of the `<output>`; the explanation gets `{id}-why`.
    id: &'static str,
    /// The label, which names the output.
    #[prop(into)]
    label: Signal<String>,
    /// The value, starting with the figure ("150 leads"), or a dash.
    #[prop(into)]
    value: Signal<String>,
    /// One line on what the figure means, or why it is a dash.
    #[prop(into)]
    explain: Signal<String>,
    /// How it was computed with the user's numbers.
    #[prop(into)]
    working: Signal<Option<String>>,
    /// The answer a rep came for: the largest figure.
    #[prop(optional)]
    hero: bool,
) -> impl IntoView {
    let app = use_app();
    let why = format!("{id}-why");
    view! {
        <dl class="figure" class:hero=hero>
            <dt>
                <label for=id>{move || label.get()}</label>
            </dt>
            <dd>
                <output id=id aria-describedby=why.clone()>{move || value.get()}</output>
                <p id=why class="explain">{move || explain.get()}</p>
                <Show when=move || app.show_working() && working.with(Option::is_some)>
                    <p class="working">{move || working.get()}</p>
                </Show>
            </dd>
        </dl>
    }
}

/// Leads, deals, close ratio and leads for the confidence.
#[component]
pub fn KeyFigures() -> impl IntoView {
    let app = use_app();
    let lang = move || app.lang();
    let with = move |f: fn(&Evaluation, Lang) -> String| {
        Signal::derive(move || app.eval.with(|e| f(e, lang())))
    };
    let with_opt = move |f: fn(&Evaluation, Lang) -> Option<String>| {
        Signal::derive(move || app.eval.with(|e| f(e, lang())))
    };
    let label = move |k: K| Signal::derive(move || app.tr(k).to_string());

    let leads_value = with(|e, l| match e.leads() {
        Ok(n) => i18n::count(l, n, Unit::Lead),
        Err(_) => DASH.to_string(),
    });
    let leads_explain = with(|e, l| match (e.leads(), e.close_ratio()) {
        (Ok(_), Ok(p)) => i18n::leads_explained(l, p),
        (Err(b), _) | (_, Err(b)) => i18n::blocked(l, b).to_string(),
    });
    let leads_working = with_opt(|e, l| {
        let p = e.plan.as_ref().ok()?;
        Some(ceil_working(l, p.deals, p.close_ratio, p.leads?))
    });

    let deals_value = with(|e, l| match e.deals {
        Ok(d) => i18n::count(l, d, Unit::Deal),
        Err(_) => DASH.to_string(),
    });
    let deals_explain = Signal::derive(move || {
        let l = lang();
        let currency = app.plan.with(|p| p.currency.clone());
        app.eval.with(|e| match (e.deals, e.target) {
            (Ok(_), Some(Target::Revenue { revenue, deal_size })) => i18n::deals_explained(
                l,
                &i18n::shown_money(l, &currency, revenue).working(),
                &i18n::shown_money(l, &currency, deal_size).working(),
            ),
            (Ok(_), _) => i18n::t(l, K::DealsEnteredDirectly).to_string(),
            (Err(b), _) => i18n::blocked(l, b).to_string(),
        })
    });
    let deals_working = Signal::derive(move || {
        let l = lang();
        let currency = app.plan.with(|p| p.currency.clone());
        app.eval.with(|e| match (e.deals, e.target) {
            (Ok(d), Some(Target::Revenue { revenue, deal_size })) => Some(format!(
                "⌈{} ÷ {}⌉ = {}",
                i18n::shown_money(l, &currency, revenue).working(),
                i18n::shown_money(l, &currency, deal_size).working(),
                fmt_int(l, d)
            )),
            _ => None,
        })
    });

    let ratio_value = with(|e, l| match e.close_ratio() {
        Ok(p) => i18n::shown_percent(l, p).text,
        Err(_) => DASH.to_string(),
    });
    let ratio_explain = with(|e, l| match e.close_ratio() {
        Ok(p) if p.is_zero() => i18n::blocked(l, Blocked::Unreachable).to_string(),
        Ok(p) => i18n::close_ratio_explained(l, p),
        Err(b) => i18n::blocked(l, b).to_string(),
    });
    let ratio_working = with_opt(|e, l| {
        let f = e.funnel.as_ref()?;
        let chain = conversion_chain(l, f, 0);
        let p = i18n::shown_percent(l, f.close_ratio());
        (f.won_index() > 1).then(|| format!("{chain} {}", p.result()))
    });

    let conf_value = with(|e, l| match e.confidence_leads {
        Ok(n) => i18n::count(l, n, Unit::Lead),
        Err(_) => DASH.to_string(),
    });
    let conf_explain =
        with(
            |e, l| match (&e.plan, e.confidence, e.confidence_leads, e.average_chance) {
                (Ok(p), Some(c), Ok(_), Some(chance)) => {
                    i18n::confidence_explained(l, c, p.deals, p.leads.unwrap_or(0), chance)
                }
                (_, _, Err(b), _) => i18n::blocked(l, b).to_string(),
                _ => String::new(),
            },
        );
    let conf_working = with_opt(|e, l| {
        let p = e.plan.as_ref().ok()?;
        Some(i18n::confidence_working(
            l,
            p.deals,
            p.close_ratio,
            e.confidence?,
            e.confidence_leads.ok()?,
        ))
    });

    view! {
        <div class="figures">
            <Figure id="out-leads" label=label(K::LeadsNeeded) value=leads_value explain=leads_explain working=leads_working hero=true />
            <Figure id="out-deals" label=label(K::DealsNeeded) value=deals_value explain=deals_explain working=deals_working />
            <Figure id="out-ratio" label=label(K::CloseRatio) value=ratio_value explain=ratio_explain working=ratio_working />
            <Figure id="out-confidence" label=label(K::LeadsForConfidence) value=conf_value explain=conf_explain working=conf_working />
        </div>
    }
}

fn rows(e: &Evaluation, names: &[(u32, String)], mode: RateMode, l: Lang) -> Vec<Row> {
    let Some(f) = e.funnel.as_ref() else {
        return Vec::new();
    };
    let plan = e.plan.as_ref().ok();
    (0..=f.won_index())
        .filter_map(|k| {
            let (id, name) = names.get(k)?.clone();
            let p = f.win_rate(k);
            let conversion = f.conversion(k);
            let required = plan.and_then(|pl| pl.stages.get(k)?.required);
            let open = f.role(k) == Role::Open;
            let win_working =
                (mode == RateMode::Conversion && open && f.won_index() > k + 1).then(|| {
                    format!(
                        "{} {}",
                        conversion_chain(l, f, k),
                        i18n::shown_percent(l, p).result()
                    )
                });
            let conversion_working = (mode == RateMode::WinRate && open).then(|| {
                format!(
                    "{} ÷ {} {}",
                    i18n::shown_percent(l, p).working(),
                    i18n::shown_percent(l, f.win_rate(k + 1)).working(),
                    conversion
                        .map(|c| i18n::shown_percent(l, c).result())
                        .unwrap_or_default()
                )
            });
            Some(Row {
                key: u64::from(id),
                head: name,
                cells: vec![
                    Cell::num(i18n::shown_percent(l, p).text).with_working(win_working),
                    Cell::num(
                        conversion
                            .map(|c| i18n::shown_percent(l, c).text)
                            .unwrap_or_else(|| DASH.into()),
                    )
                    .with_working(conversion_working),
                    Cell::num(
                        required
                            .map(|n| fmt_int(l, n))
                            .unwrap_or_else(|| DASH.into()),
                    )
                    .with_working(plan.and_then(|pl| Some(ceil_working(l, pl.deals, p, required?))))
                    .strong(),
                ],
                class: "",
            })
        })
        .collect()
}

/// The table "Required per stage": stage, win rate, conversion, required.
#[component]
pub fn RequiredTable() -> impl IntoView {
    let app = use_app();
    let data = Memo::new(move |_| {
        let l = app.lang();
        let names: Vec<(u32, String)> = app.stage_names();
        let mode = app.mode();
        app.eval.with(|e| rows(e, &names, mode, l))
    });
    let note = move || {
        app.eval.with(|e| match (&e.funnel, &e.plan) {
            (None, _) => Some(i18n::blocked(app.lang(), Blocked::Funnel).to_string()),
            (Some(_), Err(b)) => Some(i18n::blocked(app.lang(), *b).to_string()),
            (Some(f), Ok(_)) if f.has_lost_stage() => Some(app.tr(K::LostNotPlanned).to_string()),
            _ => None,
        })
    };
    let columns = Signal::derive(move || {
        vec![
            (app.tr(K::ColStage).to_string(), ""),
            (app.tr(K::ColWinRate).to_string(), "num"),
            (app.tr(K::ColConversion).to_string(), "num"),
            (app.tr(K::ColRequired).to_string(), "num"),
        ]
    });
    view! {
        <KeyedTable
            caption=Signal::derive(move || app.tr(K::RequiredPerStage).to_string())
            columns=columns
            rows=data
            class="required"
        />
        <p class="note">{note}</p>
        <p class="note quiet">{move || app.tr(K::RoundingNote)}</p>
    }
}
