//! The target: by revenue (target and average deal size) or by deals, and
//! the confidence the leads should give.

use super::field::PlanField;
use crate::history::{Control, Edit};
use crate::i18n::{CURRENCIES, K};
use crate::model::TargetBy;
use crate::state::use_app;
use leptos::prelude::*;

/// The target form.
#[component]
pub fn TargetForm() -> impl IntoView {
    let app = use_app();
    let by = move || app.plan.with(|p| p.target_by);
    let option = move |value: TargetBy, key: K, id: &'static str| {
        view! {
            <span class="radio">
                <input
                    type="radio"
                    id=id
                    name="target-by"
                    prop:checked=move || by() == value
                    on:change=move |_| app.edit(Edit::Choice(Control::TargetBy), |p| p.target_by = value)
                />
                <label for=id>{move || app.tr(key)}</label>
            </span>
        }
    };
    let currency = move || app.plan.with(|p| p.currency.clone());
    view! {
        <section class="card target" aria-labelledby="target-h">
            <h2 id="target-h">{move || app.tr(K::TargetHeading)}</h2>
            <fieldset class="segmented">
                <legend>{move || app.tr(K::TargetBy)}</legend>
                {option(TargetBy::Revenue, K::Revenue, "by-revenue")}
                {option(TargetBy::Deals, K::Deals, "by-deals")}
            </fieldset>
            <div class="field-row target-row">
                <Show
                    when=move || by() == TargetBy::Revenue
                    fallback=move || {
                        view! {
                            <PlanField
                                control=Control::Deals
                                label=K::DealsTarget
                                get=|p| &p.deals
                                set=|p, t| p.deals = t
                                error=|e| e.deals_problem.as_ref()
                                reading=|e| e.readings.deals
                                inputmode="numeric"
                            />
                        }
                    }
                >
                    <PlanField
                        control=Control::Revenue
                        label=K::RevenueTarget
                        get=|p| &p.revenue
                        set=|p, t| p.revenue = t
                        error=|e| e.revenue_problem.as_ref()
                        reading=|e| e.readings.revenue
                        suffix=|p| p.currency.clone()
                    />
                    <PlanField
                        control=Control::DealSize
                        label=K::AverageDealSize
                        get=|p| &p.deal_size
                        set=|p, t| p.deal_size = t
                        error=|e| e.deal_size_problem.as_ref()
                        reading=|e| e.readings.deal_size
                        suffix=|p| p.currency.clone()
                    />
                    <div class="field currency">
                        <label for="currency">{move || app.tr(K::Currency)}</label>
                        <select
                            id="currency"
                            on:change=move |ev| app.edit(Edit::Choice(Control::Currency), |p| p.currency = event_target_value(&ev))
                        >
                            {CURRENCIES
                                .into_iter()
                                .map(|c| view! { <option value=c prop:selected=move || currency() == c>{c}</option> })
                                .collect_view()}
                        </select>
                    </div>
                </Show>
                <PlanField
                    control=Control::Confidence
                    label=K::ConfidencePct
                    get=|p| &p.confidence
                    set=|p, t| p.confidence = t
                    error=|e| e.confidence_problem.as_ref()
                    reading=|e| e.readings.confidence
                    class="confidence"
                />
            </div>
        </section>
    }
}
