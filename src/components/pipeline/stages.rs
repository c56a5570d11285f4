//! Stage by stage: the period's pipeline per stage (the quick forecast's
//! inputs when there is no deal list), the balance of ideal and actual
//! counts, and the observed win rates that can replace the plan's.

use super::forecast::times;
use crate::components::table::{Cell, KeyedTable, Row};
use crate::domain::rounding::apportion;
use crate::domain::{RateMode, Ratio, Role};
use crate::history::{Control, Edit};
use crate::i18n::pipeline::{self as words, p, P};
use crate::i18n::{self, fmt_decimal, fmt_int};
use crate::model::rate_text;
use crate::state::use_app;
use leptos::prelude::*;

const DASH: &str = "—";

/// One row as shown: stage id, name, win rate, open deals, open amount,
/// expected wins, weighted.
type ShownRow = (u32, String, String, String, String, String, String);
/// The totals as shown: open deals, open amount, expected wins, weighted,
/// revenue already won, weighted forecast.
type ShownTotal = (String, String, String, String, String, String);

/// Decimals a column of amounts is shown with: none when every value is
/// whole, else cents.
fn money_places(values: &[Ratio]) -> u32 {
    if values.iter().all(|v| v.is_integer()) {
        0
    } else {
        2
    }
}

/// "Pipeline by stage": per open stage, the open deals closing in the
/// period, their amount, expected wins and weighted amount, with a total
/// row. Without a deal list its counts and amounts are inputs (the quick
/// forecast, worked examples 5 and 6); with one they show the list's
/// totals, read-only. Each column's rows add up to its total as shown.
#[component]
pub fn PipelineByStage() -> impl IntoView {
    let app = use_app();
    let tr = move |k: P| p(app.lang(), k);
    let from_deals = Memo::new(move |_| app.pipeline_eval.with(|e| e.quick.from_deals));
    // Rows shown: (stage, name, deals, amount, expected wins, weighted), as text.
    let table = Memo::new(move |_| {
        let lang = app.lang();
        let currency = app.plan.with(|pl| pl.currency.clone());
        let names = app.stage_names();
        app.pipeline_eval.with(|e| {
            // (stage, win rate, deals, amount, expected wins, weighted), the
            // revenue already won, and the weighted forecast. From a deal
            // list the rows are the forecast's own (each deal weighted by
            // its probability), so they add up to its weighted forecast.
            let (lines, realised, forecast) = if e.quick.from_deals {
                let fc = e.forecast.as_ref().ok()?;
                let per = fc.per_stage.as_ref().ok()?;
                let lines: Vec<_> = per
                    .iter()
                    .map(|s| {
                        let rate = e
                            .stages
                            .iter()
                            .find(|f| f.id == s.stage)
                            .map(|f| f.win_rate)
                            .unwrap_or(Ratio::ZERO);
                        (
                            s.stage,
                            rate,
                            s.deals,
                            s.amount,
                            s.expected_wins,
                            s.weighted,
                        )
                    })
                    .collect();
                (lines, fc.realised.ok()?, fc.weighted.ok()?)
            } else {
                let q = e.quick.result.as_ref()?;
                let lines: Vec<_> = q
                    .stages
                    .iter()
                    .map(|s| {
                        (
                            s.stage,
                            s.win_rate,
                            s.open_deals,
                            s.open_amount,
                            s.expected_wins,
                            s.weighted,
                        )
                    })
                    .collect();
                (lines, q.realised, q.weighted)
            };
            let amounts: Vec<Ratio> = lines.iter().map(|l| l.3).collect();
            let weighted: Vec<Ratio> = lines.iter().map(|l| l.5).collect();
            let wins: Vec<Ratio> = lines.iter().map(|l| l.4).collect();
            let (w_rows, w_total) = apportion(&weighted, money_places(&weighted))?;
            let (e_rows, e_total) = apportion(&wins, 2)?;
            let money = |r: Ratio| i18n::fmt_money(lang, &currency, r);
            let rows = lines
                .iter()
                .zip(w_rows.iter().zip(&e_rows))
                .map(|(l, (w, ew))| {
                    let name = names
                        .iter()
                        .find(|(id, _)| *id == l.0)
                        .map(|(_, n)| n.clone())
                        .unwrap_or_default();
                    (
                        l.0,
                        name,
                        i18n::shown_percent(lang, l.1).text,
                        fmt_int(lang, l.2),
                        money(l.3),
                        fmt_decimal(lang, *ew, 2),
                        money(*w),
                    )
                })
                .collect::<Vec<_>>();
            let amount_total: Ratio = amounts
                .iter()
                .try_fold(Ratio::ZERO, |a, &b| a.checked_add(b))?;
            let deals_total: u64 = lines.iter().map(|l| l.2).sum();
            Some((
                rows,
                (
                    fmt_int(lang, deals_total),
                    money(amount_total),
                    fmt_decimal(lang, e_total, 2),
                    money(w_total),
                    money(realised),
                    money(forecast),
                ),
            ))
        })
    });
    let open_stages = Memo::new(move |_| {
        app.pipeline_eval.with(|e| {
            e.stages
                .iter()
                .filter(|s| s.role == Role::Open)
                .map(|s| s.id)
                .collect::<Vec<_>>()
        })
    });
    let row = move |id: u32| {
        let cell = move |f: fn(&ShownRow) -> String| {
            move || {
                table.with(|t| {
                    t.as_ref()
                        .and_then(|(rows, _)| rows.iter().find(|r| r.0 == id))
                        .map(f)
                        .unwrap_or_else(|| DASH.into())
                })
            }
        };
        let problem = move |which: usize| {
            app.pipeline_eval.with(|e| {
                e.quick
                    .problems
                    .iter()
                    .find(|(s, _, _)| *s == id)
                    .and_then(|(_, d, a)| if which == 0 { d.clone() } else { a.clone() })
            })
        };
        let input = move |which: usize| {
            let (ctl, key, field_id) = if which == 0 {
                (
                    Control::QuickDeals(id),
                    P::OpenDeals,
                    format!("quick-{id}-deals"),
                )
            } else {
                (
                    Control::QuickAmount(id),
                    P::OpenAmount,
                    format!("quick-{id}-amount"),
                )
            };
            let msg_id = format!("{field_id}-msg");
            let value = move || {
                if from_deals.get() {
                    // The list's totals, read-only.
                    table.with(|t| {
                        t.as_ref()
                            .and_then(|(rows, _)| rows.iter().find(|r| r.0 == id))
                            .map(|r| if which == 0 { r.3.clone() } else { r.4.clone() })
                            .unwrap_or_default()
                    })
                } else {
                    app.pipeline.with(|pi| {
                        let q = pi.quick_for(id);
                        if which == 0 {
                            q.open_deals
                        } else {
                            q.open_amount
                        }
                    })
                }
            };
            view! {
                <td class="num">
                    <input
                        type="text"
                        inputmode="decimal"
                        id=field_id
                        aria-label=move || tr(key)
                        readonly=move || from_deals.get()
                        aria-invalid=move || problem(which).is_some().then_some("true")
                        aria-describedby=format!("{msg_id} quick-{id}-stage")
                        prop:value=value
                        on:input=move |ev| {
                            let text = event_target_value(&ev);
                            app.edit_pipeline(Edit::Typing(ctl), |pi| {
                                pi.set_quick(id, |q| {
                                    if which == 0 { q.open_deals = text } else { q.open_amount = text }
                                })
                            });
                        }
                        on:blur=move |_| app.seal()
                    />
                    <span class="msg error" id=msg_id>
                        {move || problem(which).map(|e| i18n::input_error(app.lang(), &e))}
                    </span>
                </td>
            }
        };
        view! {
            <tr>
                <th scope="row" id=format!("quick-{id}-stage")>
                    {move || app.stage_names().into_iter().find(|(s, _)| *s == id).map(|(_, n)| n).unwrap_or_default()}
                    " "
                    <span class="rate">
                        {move || {
                            let lang = app.lang();
                            app.pipeline_eval.with(|e| {
                                e.stages
                                    .iter()
                                    .find(|s| s.id == id)
                                    .map(|s| i18n::shown_percent(lang, s.win_rate).text)
                                    .unwrap_or_default()
                            })
                        }}
                    </span>
                </th>
                {input(0)}
                {input(1)}
                <td class="num">{cell(|r| r.5.clone())}</td>
                <td class="num">{cell(|r| r.6.clone())}</td>
            </tr>
        }
    };
    let total = move |f: fn(&ShownTotal) -> String| {
        move || {
            table.with(|t| {
                t.as_ref()
                    .map(|(_, tot)| f(tot))
                    .unwrap_or_else(|| DASH.into())
            })
        }
    };
    let won_problem = move || app.pipeline_eval.with(|e| e.quick.won_problem.clone());
    view! {
        <p class="explain">
            {move || if from_deals.get() { tr(P::FromDeals) } else { tr(P::QuickHelp) }}
        </p>
        <div class="table-wrap" tabindex="0" role="region" aria-labelledby="by-stage-caption">
            <table class="by-stage">
                <caption id="by-stage-caption">{move || tr(P::ByStage)}</caption>
                <thead>
                    <tr>
                        <th scope="col">{move || tr(P::Stage)}</th>
                        <th scope="col" class="num">{move || tr(P::OpenDeals)}</th>
                        <th scope="col" class="num">{move || tr(P::OpenAmount)}</th>
                        <th scope="col" class="num">{move || tr(P::ExpectedWins)}</th>
                        <th scope="col" class="num">{move || tr(P::Weighted)}</th>
                    </tr>
                </thead>
                <tbody>
                    <For each=move || open_stages.get() key=|id| *id children=row />
                </tbody>
                <tfoot>
                    <tr>
                        <th scope="row">{move || tr(P::Total)}</th>
                        <td class="num">{total(|t| t.0.clone())}</td>
                        <td class="num">{total(|t| t.1.clone())}</td>
                        <td class="num">{total(|t| t.2.clone())}</td>
                        <td class="num strong">{total(|t| t.3.clone())}</td>
                    </tr>
                </tfoot>
            </table>
        </div>
        <div class="quick-won">
            <div class="field">
                <label for="quick-won">{move || tr(P::QuickWon)}</label>
                <input
                    type="text"
                    inputmode="decimal"
                    id="quick-won"
                    readonly=move || from_deals.get()
                    aria-invalid=move || won_problem().is_some().then_some("true")
                    aria-describedby="quick-won-msg quick-total"
                    prop:value=move || {
                        if from_deals.get() {
                            total(|t| t.4.clone())()
                        } else {
                            app.pipeline.with(|pi| pi.quick_won.clone())
                        }
                    }
                    on:input=move |ev| {
                        let text = event_target_value(&ev);
                        app.edit_pipeline(Edit::Typing(Control::QuickWon), |pi| pi.quick_won = text);
                    }
                    on:blur=move |_| app.seal()
                />
                <span class="field-msg" id="quick-won-msg">
                    {move || won_problem().map(|e| i18n::input_error(app.lang(), &e))}
                </span>
            </div>
            <p id="quick-total" class="quick-total">
                {move || words::quick_total(app.lang(), &total(|t| t.5.clone())())}
            </p>
        </div>
    }
}

/// "Balance": per open stage, the ideal standing count beside the actual
/// open deals now in it, and their ratio (the stage ratio of health).
#[component]
pub fn BalanceTable() -> impl IntoView {
    let app = use_app();
    let rows = Memo::new(move |_| {
        let lang = app.lang();
        let names = app.stage_names();
        app.pipeline_eval.with(|e| {
            let Ok(fc) = &e.forecast else {
                return Vec::new();
            };
            fc.balance
                .iter()
                .map(|b| {
                    let name = names
                        .iter()
                        .find(|(id, _)| *id == b.stage)
                        .map(|(_, n)| n.clone())
                        .unwrap_or_default();
                    let ideal = b
                        .ideal
                        .map(|i| fmt_int(lang, i.standing_rounded))
                        .unwrap_or_else(|| DASH.into());
                    let ratio = match b.ratio {
                        Ok(r) => times(lang, r),
                        Err(u) => format!("{DASH} {}", words::unavailable(lang, u)),
                    };
                    Row {
                        key: u64::from(b.stage),
                        head: name,
                        cells: vec![
                            Cell::num(ideal),
                            Cell::num(fmt_int(lang, b.actual)),
                            Cell::num(ratio).strong(),
                        ],
                        class: "",
                    }
                })
                .collect()
        })
    });
    let columns = Signal::derive(move || {
        let lang = app.lang();
        vec![
            (p(lang, P::Stage).to_string(), ""),
            (p(lang, P::Ideal).to_string(), "num"),
            (p(lang, P::Actual).to_string(), "num"),
            (p(lang, P::Ratio).to_string(), "num"),
        ]
    });
    view! {
        <KeyedTable caption=Signal::derive(move || p(app.lang(), P::Balance).to_string()) columns=columns rows=rows class="balance" wide=true />
        <p class="note">{move || {
            let lang = app.lang();
            // An empty table says why.
            app.pipeline_eval.with(|e| match &e.forecast {
                Err(b) => format!("{DASH} {}", words::blocked(lang, *b)),
                Ok(_) => words::balance_note(lang).to_string(),
            })
        }}</p>
    }
}

/// "Observed win rates" from the closed deals, beside the plan's, with a
/// button that copies them into the plan (one undoable step).
#[component]
pub fn ObservedRates() -> impl IntoView {
    let app = use_app();
    let rows = Memo::new(move |_| {
        let lang = app.lang();
        let names = app.stage_names();
        app.pipeline_eval.with(|e| {
            e.observed
                .iter()
                .map(|o| {
                    let name = names
                        .iter()
                        .find(|(id, _)| *id == o.stage)
                        .map(|(_, n)| n.clone())
                        .unwrap_or_default();
                    let planned = e
                        .stages
                        .iter()
                        .find(|s| s.id == o.stage)
                        .map(|s| i18n::shown_percent(lang, s.win_rate).text)
                        .unwrap_or_else(|| DASH.into());
                    let observed = match o.rate {
                        Some(r) => {
                            let t = i18n::shown_percent(lang, r).text;
                            if o.too_few {
                                format!("{t} *")
                            } else {
                                t
                            }
                        }
                        None => DASH.into(),
                    };
                    let interval = o
                        .interval
                        .map(|(lo, hi)| words::interval(lang, lo, hi))
                        .unwrap_or_else(|| DASH.into());
                    Row {
                        key: u64::from(o.stage),
                        head: name,
                        cells: vec![
                            Cell::num(planned),
                            Cell::num(observed).strong(),
                            Cell::num(interval),
                            Cell::num(fmt_int(lang, o.closed)),
                        ],
                        class: if o.too_few { "too-few" } else { "" },
                    }
                })
                .collect()
        })
    });
    let columns = Signal::derive(move || {
        let lang = app.lang();
        vec![
            (p(lang, P::Stage).to_string(), ""),
            (p(lang, P::Planned).to_string(), "num"),
            (p(lang, P::Observed).to_string(), "num"),
            (p(lang, P::Interval).to_string(), "num"),
            (p(lang, P::ClosedDeals).to_string(), "num"),
        ]
    });
    let refused = Memo::new(move |_| app.pipeline_eval.with(|e| e.observed_funnel.clone().err()));
    let too_few = Memo::new(move |_| {
        app.pipeline_eval
            .with(|e| e.observed.iter().any(|o| o.too_few))
    });
    let names = move |id| {
        app.stage_names()
            .into_iter()
            .find(|(s, _)| *s == id)
            .map(|(_, n)| n)
            .unwrap_or_default()
    };
    let use_them = move |_| {
        let Ok(rates) = app
            .pipeline_eval
            .with_untracked(|e| e.observed_funnel.clone())
        else {
            return;
        };
        app.edit_both(Edit::ObservedRates, |plan, _| {
            plan.mode = RateMode::WinRate;
            for (s, r) in plan.stages.iter_mut().zip(rates) {
                s.rate = rate_text(r);
                s.exact = Some(r);
            }
            plan.preset = None;
        });
    };
    view! {
        <KeyedTable caption=Signal::derive(move || p(app.lang(), P::ObservedRates).to_string()) columns=columns rows=rows class="observed" wide=true />
        <p class="note">{move || too_few.get().then(|| format!("* {}", p(app.lang(), P::TooFew)))}</p>
        <div class="observed-actions">
            <button
                type="button"
                id="use-observed"
                disabled=move || refused.with(Option::is_some)
                aria-describedby="use-observed-why"
                on:click=use_them
            >
                {move || p(app.lang(), P::UseObserved)}
            </button>
            <span class="explain" id="use-observed-why">
                {move || refused.get().map(|r| words::observed_refused(app.lang(), r, &names))}
            </span>
        </div>
    }
}
