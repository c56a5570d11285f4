//! The Pipeline screen: the deal list, the forecast for the plan's period,
//! the funnel's health, the observed win rates and the forecast's spread.

pub mod deals;
pub mod forecast;
pub mod import;
pub mod spread;
pub mod stages;

use crate::i18n::pipeline::{p, P};
use crate::state::use_app;
use deals::DealList;
use forecast::ForecastFigures;
use import::ImportExport;
use leptos::prelude::*;
use spread::Spread;
use stages::{BalanceTable, ObservedRates, PipelineByStage};

/// The whole Pipeline screen.
#[component]
pub fn PipelineScreen() -> impl IntoView {
    let app = use_app();
    let tr = move |k: P| p(app.lang(), k);
    view! {
        <main class="pipeline">
            <section class="card forecast" aria-labelledby="forecast-h">
                <h2 id="forecast-h">{move || tr(P::ForecastHeading)}</h2>
                <p class="explain period-line">{move || {
                    let (period, today) = app.eval.with(|e| (e.time.period.map(|r| (r.start, r.end)), e.time.today));
                    crate::i18n::pipeline::period_line(app.lang(), period, today)
                }}</p>
                <ForecastFigures />
            </section>
            <section class="card spread-card" aria-labelledby="spread-h">
                <h2 id="spread-h">{move || tr(P::SpreadHeading)}</h2>
                <Spread />
            </section>
            <section class="card deals-card wide" aria-labelledby="deals-h">
                <h2 id="deals-h">{move || tr(P::DealsHeading)}</h2>
                <ImportExport />
                <DealList />
            </section>
            <section class="card by-stage-card" aria-labelledby="by-stage-h">
                <h2 id="by-stage-h">{move || tr(P::ByStage)}</h2>
                <PipelineByStage />
            </section>
            <section class="card balance-card" aria-labelledby="balance-h">
                <h2 id="balance-h">{move || tr(P::Balance)}</h2>
                <BalanceTable />
            </section>
            <section class="card observed-card wide" aria-labelledby="observed-h">
                <h2 id="observed-h">{move || tr(P::ObservedHeading)}</h2>
                <ObservedRates />
            </section>
        </main>
    }
}
