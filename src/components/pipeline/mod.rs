//! The Pipeline screen: the deal list, the forecast for the plan's period,
//! the funnel's health, the observed win rates and the forecast's spread.

pub mod deals;

use crate::i18n::pipeline::{p, P};
use crate::state::use_app;
use deals::DealList;
use leptos::prelude::*;

/// The whole Pipeline screen.
#[component]
pub fn PipelineScreen() -> impl IntoView {
    let app = use_app();
    let tr = move |k: P| p(app.lang(), k);
    view! {
        <main class="pipeline">
            <section class="card deals-card wide" aria-labelledby="deals-h">
                <h2 id="deals-h">{move || tr(P::DealsHeading)}</h2>
                <DealList />
            </section>
        </main>
    }
}
