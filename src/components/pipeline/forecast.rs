//! The forecast for the plan's period: realised, weighted forecast, gap,
//! coverage, new leads still needed, overdue and stalled deals, velocity
//! and the health figures. Every figure is computed exactly in the domain;
//! only its text is rounded.

use crate::components::results::Figure;
use crate::domain::pipeline::{Figure as Fig, Forecast, Gap};
use crate::domain::Ratio;
use crate::i18n::pipeline::{self as words, p, P};
use crate::i18n::{self, fmt_int, Lang};
use crate::pipeline::PipelineEval;
use crate::state::{use_app, AppState};
use leptos::prelude::*;

const DASH: &str = "—";

fn money(app: AppState, lang: Lang, r: Ratio) -> String {
    let currency = app.plan.with(|pl| pl.currency.clone());
    i18n::shown_money(lang, &currency, r).text
}

/// "2.1×": a coverage, one decimal (two below 1).
pub fn times(lang: Lang, r: Ratio) -> String {
    let places = if r < Ratio::ONE { 2 } else { 1 };
    format!("{}×", i18n::fmt_decimal(lang, r, places))
}

/// A figure from the forecast: its text, or a dash and the reason.
fn figure<T>(
    app: AppState,
    f: impl Fn(&Forecast) -> Fig<T> + Copy + Send + Sync + 'static,
    show: impl Fn(Lang, T) -> String + Copy + Send + Sync + 'static,
) -> (Signal<String>, Signal<Option<&'static str>>) {
    let value = Signal::derive(move || {
        let lang = app.lang();
        app.pipeline_eval.with(|e| match &e.forecast {
            Ok(fc) => match f(fc) {
                Ok(v) => show(lang, v),
                Err(_) => DASH.into(),
            },
            Err(_) => DASH.into(),
        })
    });
    let why = Signal::derive(move || {
        let lang = app.lang();
        app.pipeline_eval.with(|e| match &e.forecast {
            Ok(fc) => f(fc).err().map(|u| words::unavailable(lang, u)),
            Err(b) => Some(words::blocked(lang, *b)),
        })
    });
    (value, why)
}

/// Reads the evaluation for an explanation.
fn explain(
    app: AppState,
    why: Signal<Option<&'static str>>,
    f: impl Fn(Lang, &PipelineEval, &Forecast) -> String + Send + Sync + 'static,
) -> Signal<String> {
    Signal::derive(move || {
        if let Some(w) = why.get() {
            return w.to_string();
        }
        let lang = app.lang();
        app.pipeline_eval.with(|e| match &e.forecast {
            Ok(fc) => f(lang, e, fc),
            Err(_) => String::new(),
        })
    })
}

/// The forecast's key figures.
#[component]
pub fn ForecastFigures() -> impl IntoView {
    let app = use_app();
    let tr = move |k: P| Signal::derive(move || p(app.lang(), k).to_string());
    let m = move |lang, r| money(app, lang, r);
    let p1_text = move |lang: Lang, fc: &Forecast| {
        fc.p1
            .map(|r| i18n::shown_percent(lang, r).text)
            .unwrap_or_else(|_| DASH.into())
    };

    let (weighted, weighted_why) = figure(app, |f| f.weighted, m);
    let weighted_explain = explain(app, weighted_why, move |lang, _, fc| {
        let realised = fc
            .realised
            .map(|r| m(lang, r))
            .unwrap_or_else(|_| DASH.into());
        let open = fc
            .weighted_open
            .map(|r| m(lang, r))
            .unwrap_or_else(|_| DASH.into());
        words::weighted_explained(lang, &realised, &open)
    });
    let (realised, realised_why) = figure(app, |f| f.realised, m);
    let realised_explain = explain(app, realised_why, move |lang, _, _| {
        words::realised_explained(lang)
    });
    let (gap, gap_why) = figure(
        app,
        |f| f.gap,
        move |l, g| match g {
            Gap::Short(x) => words::gap_value(l, &m(l, x), true),
            Gap::Met(x) if x.is_zero() => words::on_target(l),
            Gap::Met(x) => words::gap_value(l, &m(l, x), false),
        },
    );
    let gap_explain = explain(app, gap_why, move |lang, e, _| {
        words::gap_explained(
            lang,
            &e.target.map(|t| m(lang, t)).unwrap_or_else(|| DASH.into()),
        )
    });
    let (coverage, coverage_why) = figure(app, |f| f.coverage, times);
    let coverage_explain = explain(app, coverage_why, move |lang, _, fc| {
        let open = fc
            .open_in_period
            .map(|r| m(lang, r))
            .unwrap_or_else(|_| DASH.into());
        let remaining = fc
            .remaining
            .map(|g| m(lang, g.short_by()))
            .unwrap_or_else(|_| DASH.into());
        words::coverage_explained(lang, &open, &remaining)
    });
    let (required, required_why) = figure(app, |f| f.required_coverage, times);
    let required_explain = explain(app, required_why, move |lang, _, fc| {
        words::required_coverage_explained(lang, &p1_text(lang, fc))
    });
    let (leads, leads_why) = figure(
        app,
        |f| f.new_leads,
        move |l, n| i18n::count(l, n, i18n::Unit::Lead),
    );
    let leads_explain = explain(app, leads_why, move |lang, e, fc| {
        if matches!(fc.gap, Ok(Gap::Met(_))) {
            return p(lang, P::TargetMet).to_string();
        }
        let deal = e
            .avg_deal
            .map(|d| m(lang, d))
            .unwrap_or_else(|| DASH.into());
        words::new_leads_explained(lang, &deal, &p1_text(lang, fc))
    });
    let (per_week, per_week_why) = figure(
        app,
        |f| f.leads_per_week,
        move |l, r| {
            // The Plan's rule for flows (one decimal from 1 up), as its catch-up shows.
            words::per_week_value(l, &i18n::shown_flow_count(l, r, i18n::Unit::Lead).text)
        },
    );
    let per_week_explain = explain(app, per_week_why, move |lang, _, fc| {
        if matches!(fc.gap, Ok(Gap::Met(_))) {
            return p(lang, P::TargetMet).to_string();
        }
        let days = fc
            .days_left
            .map(|d| fmt_int(lang, u64::from(d)))
            .unwrap_or_else(|_| DASH.into());
        words::per_week_explained(lang, &days, fc.days_left == Ok(1))
    });
    let (overdue, overdue_why) = figure(
        app,
        |f| Ok(f.overdue),
        move |l, o| {
            words::overdue_value(l, &fmt_int(l, o.count), &m(l, o.amount), &m(l, o.weighted))
        },
    );
    let overdue_explain = explain(app, overdue_why, move |lang, _, _| {
        words::overdue_explained(lang).to_string()
    });
    let (stalled, stalled_why) = figure(app, |f| Ok(f.stalled), fmt_int);
    let stalled_explain = explain(app, stalled_why, move |lang, _, _| {
        words::stalled_explained(lang).to_string()
    });
    let (velocity, velocity_why) = figure(app, |f| f.velocity, m);
    let velocity_explain = explain(app, velocity_why, move |lang, _, fc| {
        let cycle = app
            .eval
            .with(|e| e.time.cycle_days)
            .map(|c| fmt_int(lang, u64::from(c)))
            .unwrap_or_else(|| DASH.into());
        words::velocity_explained(lang, &m(lang, fc.open_amount), &p1_text(lang, fc), &cycle)
    });
    let (bottleneck, bottleneck_why) = figure(
        app,
        |f| Ok(f.bottleneck),
        move |l, b| match b {
            Some(id) => app
                .stage_names()
                .into_iter()
                .find(|(s, _)| *s == id)
                .map(|(_, n)| n)
                .unwrap_or_else(|| DASH.into()),
            None => words::no_bottleneck(l).to_string(),
        },
    );
    let bottleneck_explain = explain(app, bottleneck_why, move |lang, _, _| {
        words::bottleneck_explained(lang).to_string()
    });
    let (win_ach, win_ach_why) = figure(
        app,
        |f| f.win_rate_achievement,
        |l, r| i18n::shown_percent(l, r).text,
    );
    let win_ach_explain = explain(app, win_ach_why, move |lang, _, _| {
        words::win_rate_achievement_explained(lang).to_string()
    });
    let (cycle_ach, cycle_ach_why) = figure(
        app,
        |f| f.cycle_achievement,
        |l, r| i18n::shown_percent(l, r).text,
    );
    let cycle_ach_explain = explain(app, cycle_ach_why, move |lang, _, _| {
        words::cycle_achievement_explained(lang).to_string()
    });
    let notes = move || {
        let lang = app.lang();
        app.pipeline_eval.with(|e| match &e.forecast {
            Ok(fc) => words::gap_notes(
                lang,
                fc.open_without_close,
                fc.won_without_amount.unwrap_or(0),
                fc.unknown_stage,
                fc.open_without_amount,
            ),
            Err(_) => Vec::new(),
        })
    };
    let none = Signal::stored(None::<String>);
    view! {
        <div class="figures">
            <Figure id="out-weighted" label=tr(P::WeightedForecast) value=weighted explain=weighted_explain working=none hero=true />
            <Figure id="out-realised" label=tr(P::Realised) value=realised explain=realised_explain working=none />
            <Figure id="out-gap" label=tr(P::Gap) value=gap explain=gap_explain working=none />
            <Figure id="out-coverage" label=tr(P::Coverage) value=coverage explain=coverage_explain working=none />
            <Figure id="out-required-coverage" label=tr(P::RequiredCoverage) value=required explain=required_explain working=none />
            <Figure id="out-new-leads" label=tr(P::NewLeads) value=leads explain=leads_explain working=none />
            <Figure id="out-new-leads-week" label=tr(P::NewLeadsPerWeek) value=per_week explain=per_week_explain working=none />
            <Figure id="out-overdue" label=tr(P::OverdueDeals) value=overdue explain=overdue_explain working=none />
            <Figure id="out-stalled" label=tr(P::StalledDeals) value=stalled explain=stalled_explain working=none />
        </div>
        <ul class="notes">
            {move || notes().into_iter().map(|n| view! { <li>{n}</li> }).collect_view()}
        </ul>
        <h3 class="sub">{move || p(app.lang(), P::HealthHeading)}</h3>
        <div class="figures">
            <Figure id="out-velocity" label=tr(P::Velocity) value=velocity explain=velocity_explain working=none />
            <Figure id="out-bottleneck" label=tr(P::Bottleneck) value=bottleneck explain=bottleneck_explain working=none />
            <Figure id="out-win-achievement" label=tr(P::WinRateAchievement) value=win_ach explain=win_ach_explain working=none />
            <Figure id="out-cycle-achievement" label=tr(P::CycleAchievement) value=cycle_ach explain=cycle_ach_explain working=none />
        </div>
    }
}
