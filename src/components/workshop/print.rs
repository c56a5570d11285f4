//! The printed page: the open scenario on one sheet of A4 or US Letter.
//!
//! Whatever screen is open, Print prints this summary of the open scenario
//! (its chart, stage table with the four notes, targets and assumptions,
//! and the date), and nothing else: a Pipeline or Compare screen does not
//! fit one page, and a handout should look the same whichever tab was open.
//! On screen it is `display: none`; the `@media print` block of
//! style/main.css shows it and hides every other child of `<body>`.
//!
//! One page is kept by layout, not by measuring: the summary carries a size
//! class from the number of stages, and the stylesheet gives each class a
//! type size and a number of lines a note may take (a longer note ends in
//! "…"; names always wrap whole). Every figure comes from the model's
//! evaluation and is formatted by the i18n helpers.

use crate::domain::{Role, Target};
use crate::i18n::print::{numbered, p, printed_on, P};
use crate::i18n::workshop::note_label;
use crate::i18n::{self, fmt_date, fmt_int, Lang, Unit, K};
use crate::model::{Evaluation, NoteKind, PlanInput, StageId, StageNotes};
use crate::state::use_app;
use leptos::prelude::*;

const DASH: &str = "—";

/// Width of the chart's bar area in SVG units (its height is [`BAR_H`]).
const BAR_W: u64 = 1000;
const BAR_H: u64 = 24;
/// The narrowest bar drawn, so a small count still shows.
const MIN_BAR: u64 = 12;

/// One stage of the printed chart and table.
#[derive(Clone, Debug, PartialEq)]
struct StageLine {
    id: StageId,
    /// "3. Proposal".
    name: String,
    win: String,
    conversion: String,
    required: String,
    dwell: String,
    notes: StageNotes,
    won: bool,
    /// Bar width in [`BAR_W`] units, scaled to the widest count; `None`
    /// when the stage has no count (a blocked plan or a 0 % stage).
    bar: Option<u64>,
}

/// The stages as printed: those the plan covers (open and won; the lost
/// stage is not planned), or every stage while the funnel has errors.
fn stage_lines(
    e: &Evaluation,
    names: &[(StageId, String)],
    notes: impl Fn(StageId) -> StageNotes,
    l: Lang,
) -> Vec<StageLine> {
    let f = e.funnel.as_ref();
    let plan = e.plan.as_ref().ok();
    let shown = f.map_or(names.len(), |f| (f.won_index() + 1).min(names.len()));
    let widest = u128::from(plan.map_or(0, |pl| pl.widest()).max(1));
    names
        .iter()
        .take(shown)
        .enumerate()
        .map(|(k, (id, name))| {
            let required = plan
                .and_then(|pl| pl.stages.iter().find(|s| s.index == k))
                .and_then(|s| s.required);
            StageLine {
                id: *id,
                name: numbered(k + 1, name),
                win: f
                    .map(|f| i18n::shown_percent(l, f.win_rate(k)).text)
                    .unwrap_or_else(|| DASH.into()),
                conversion: f
                    .and_then(|f| f.conversion(k))
                    .map(|c| i18n::shown_percent(l, c).text)
                    .unwrap_or_else(|| DASH.into()),
                required: required.map_or_else(|| DASH.into(), |n| fmt_int(l, n)),
                dwell: e
                    .time
                    .dwell_days
                    .get(k)
                    .copied()
                    .flatten()
                    .map_or_else(|| DASH.into(), |d| fmt_int(l, u64::from(d))),
                notes: notes(*id),
                won: f.is_some_and(|f| f.role(k) == Role::Won),
                // u128: a count times 1000 cannot overflow.
                bar: required.map(|n| {
                    u64::try_from(u128::from(BAR_W) * u128::from(n) / widest)
                        .unwrap_or(BAR_W)
                        .clamp(MIN_BAR, BAR_W)
                }),
            }
        })
        .collect()
}

/// The targets and assumptions, label and value, in print order.
fn targets(e: &Evaluation, input: &PlanInput, l: Lang) -> Vec<(&'static str, String)> {
    let t = |k| i18n::t(l, k);
    let money = |r| i18n::shown_money(l, &input.currency, r).text;
    let or_dash = |v: Option<String>| v.unwrap_or_else(|| DASH.into());
    let mut out = Vec::new();
    match e.target {
        Some(Target::Revenue { revenue, deal_size }) => {
            out.push((t(K::RevenueTarget), money(revenue)));
            out.push((t(K::AverageDealSize), money(deal_size)));
        }
        Some(Target::Deals(n)) => out.push((t(K::DealsTarget), i18n::count(l, n, Unit::Deal))),
        None => out.push((
            t(match input.target_by {
                crate::model::TargetBy::Revenue => K::RevenueTarget,
                crate::model::TargetBy::Deals => K::DealsTarget,
            }),
            DASH.into(),
        )),
    }
    if matches!(e.target, Some(Target::Revenue { .. }) | None) {
        out.push((
            t(K::DealsNeeded),
            or_dash(e.deals.ok().map(|d| i18n::count(l, d, Unit::Deal))),
        ));
    }
    out.push((
        t(K::LeadsNeeded),
        or_dash(e.leads().ok().map(|n| i18n::count(l, n, Unit::Lead))),
    ));
    out.push((
        t(K::CloseRatio),
        or_dash(e.close_ratio().ok().map(|r| i18n::shown_percent(l, r).text)),
    ));
    out.push((
        p(l, P::Confidence),
        or_dash(e.confidence.map(|c| i18n::shown_percent(l, c).text)),
    ));
    out.push((
        t(K::LeadsForConfidence),
        or_dash(
            e.confidence_leads
                .ok()
                .map(|n| i18n::count(l, n, Unit::Lead)),
        ),
    ));
    let period = e.time.period.as_ref().map(|pd| {
        i18n::period_summary(
            l,
            &fmt_date(l, pd.start),
            &fmt_date(l, pd.end),
            &i18n::count(l, u64::from(pd.days), Unit::Day),
            &i18n::shown_flow_count(l, pd.weeks, Unit::Week),
        )
    });
    out.push((
        t(K::Period),
        match period {
            Some(s) => format!("{} · {s}", i18n::period_name(l, input.period)),
            None => format!("{} · {DASH}", i18n::period_name(l, input.period)),
        },
    ));
    out.push((
        t(K::SalesCycleDays),
        or_dash(e.time.cycle_days.map(|d| fmt_int(l, u64::from(d)))),
    ));
    out.push((
        t(K::LeadsPerRep),
        match (e.time.per_rep, &e.time.per_rep_problem) {
            (Some(m), _) => i18n::shown_flow(l, m).text,
            (None, None) => p(l, P::NotEntered).to_string(),
            (None, Some(_)) => DASH.into(),
        },
    ));
    let time = e.time.plan.as_ref().ok();
    out.push((
        t(K::NewLeadsPerWeek),
        or_dash(time.map(|tp| i18n::shown_flow(l, tp.leads_per_week).text)),
    ));
    out.push((
        t(K::RepsNeeded),
        or_dash(time.and_then(|tp| tp.reps_needed).map(|n| fmt_int(l, n))),
    ));
    out
}

/// The size class the stylesheet fits to one page: up to 5 stages, up to
/// 8, up to 12, more.
fn size_class(stages: usize) -> &'static str {
    match stages {
        0..=5 => "print-summary fit-xs",
        6..=8 => "print-summary fit-s",
        9..=12 => "print-summary fit-m",
        _ => "print-summary fit-l",
    }
}

/// The open scenario's one-page summary, shown only in print.
#[component]
pub fn PrintSummary() -> impl IntoView {
    let app = use_app();
    let lang = move || app.lang();
    let lines = Memo::new(move |_| {
        let l = lang();
        let names = app.stage_names();
        app.eval
            .with(|e| stage_lines(e, &names, |id| app.stage_notes(id), l))
    });
    let line = move |id: StageId| {
        move || {
            lines.with(|ls| {
                ls.iter()
                    .position(|x| x.id == id)
                    .and_then(|i| ls.get(i).cloned())
            })
        }
    };
    let name = move || app.scenario_name(app.active_scenario()).unwrap_or_default();
    let date = move || {
        let l = lang();
        printed_on(l, &fmt_date(l, app.browser_today.get()))
    };
    let list = move || {
        let l = lang();
        app.plan.with(|pl| app.eval.with(|e| targets(e, pl, l)))
    };
    let ids = move || lines.with(|ls| ls.iter().map(|x| x.id).collect::<Vec<_>>());
    let bar_row = move |id: StageId| {
        let this = line(id);
        move || {
            let s = this()?;
            let (fill, stroke) = if s.won {
                ("#b7e2c6", "#1d7a46")
            } else {
                ("#b9d0f5", "#1f5fbf")
            };
            let bar = match s.bar {
                Some(w) => view! {
                    <rect x=(BAR_W - w) / 2 y="1" width=w height=BAR_H - 2
                        fill=fill stroke=stroke stroke-width="1.5"
                        vector-effect="non-scaling-stroke" />
                }
                .into_any(),
                None => view! {
                    <rect x="0" y="1" width=BAR_W height=BAR_H - 2 fill="none"
                        stroke="#b3261e" stroke-width="1" stroke-dasharray="4 3"
                        vector-effect="non-scaling-stroke" />
                }
                .into_any(),
            };
            Some(view! {
                <li class="p-row" class:won=s.won>
                    <bdi class="p-name">{s.name}</bdi>
                    <svg class="p-bar" viewBox=format!("0 0 {BAR_W} {BAR_H}")
                        preserveAspectRatio="none" aria-hidden="true">
                        {bar}
                    </svg>
                    <span class="p-count">{s.required}</span>
                </li>
            })
        }
    };
    let table_row = move |id: StageId| {
        let this = line(id);
        move || {
            let s = this()?;
            let notes = NoteKind::ALL
                .into_iter()
                .map(|k| {
                    view! { <td class="p-note-cell"><div class="p-note">{s.notes.get(k).to_string()}</div></td> }
                })
                .collect_view();
            Some(view! {
                <tr class:won=s.won>
                    <th scope="row">{s.name}</th>
                    <td class="num">{s.win}</td>
                    <td class="num">{s.conversion}</td>
                    <td class="num strong">{s.required}</td>
                    <td class="num">{s.dwell}</td>
                    {notes}
                </tr>
            })
        }
    };
    let head = move |k: K| move || app.tr(k);
    let note_head = move |k: NoteKind| move || note_label(lang(), k);
    view! {
        <section
            class=move || lines.with(|ls| size_class(ls.len()))
            aria-label=move || p(lang(), P::Summary)
        >
            <header class="p-head">
                <h2 class="p-title">{name}</h2>
                <p class="p-date">{date}</p>
                <p class="p-app">{move || app.tr(K::AppTitle)}</p>
            </header>
            <div class="p-top">
                <figure class="p-chart">
                    <figcaption>{move || p(lang(), P::Chart)}</figcaption>
                    <Show
                        when=move || lines.with(|ls| ls.iter().any(|x| x.bar.is_some()))
                        fallback=move || view! { <p class="p-empty">{move || app.tr(K::ChartEmpty)}</p> }
                    >
                        <ol class="p-bars">
                            <For each=ids key=|id| *id children=move |id| bar_row(id) />
                        </ol>
                    </Show>
                </figure>
                <section class="p-targets">
                    <h3>{move || p(lang(), P::Targets)}</h3>
                    <dl>
                        {move || {
                            list()
                                .into_iter()
                                .map(|(label, value)| view! { <dt>{label}</dt><dd>{value}</dd> })
                                .collect_view()
                        }}
                    </dl>
                </section>
            </div>
            <table class="p-stages">
                <caption>{move || p(lang(), P::Stages)}</caption>
                <colgroup>
                    <col class="c-stage" />
                    <col class="c-num" />
                    <col class="c-num c-wide" />
                    <col class="c-num c-req" />
                    <col class="c-num c-narrow" />
                    <col /><col /><col /><col />
                </colgroup>
                <thead>
                    <tr>
                        <th scope="col">{head(K::ColStage)}</th>
                        <th scope="col" class="num">{head(K::ColWinRate)}</th>
                        <th scope="col" class="num">{head(K::ColConversion)}</th>
                        <th scope="col" class="num">{head(K::ColRequired)}</th>
                        <th scope="col" class="num">{move || p(lang(), P::Dwell)}</th>
                        <th scope="col">{note_head(NoteKind::Purpose)}</th>
                        <th scope="col">{note_head(NoteKind::Milestone)}</th>
                        <th scope="col">{note_head(NoteKind::Evidence)}</th>
                        <th scope="col">{note_head(NoteKind::Actions)}</th>
                    </tr>
                </thead>
                <tbody>
                    <For each=ids key=|id| *id children=move |id| table_row(id) />
                </tbody>
            </table>
        </section>
    }
}
