//! The target: by revenue (target and average deal size) or by deals.

use super::field::Field;
use crate::i18n::{self, CURRENCIES, K};
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
                    on:change=move |_| app.edit(|p| p.target_by = value)
                />
                <label for=id>{move || app.tr(key)}</label>
            </span>
        }
    };
    let err = move |get: fn(&crate::model::Evaluation) -> Option<crate::domain::InputError>| {
        Signal::derive(move || {
            app.eval
                .with(|e| get(e).map(|x| i18n::input_error(app.lang(), &x)))
        })
    };
    let currency = move || app.plan.with(|p| p.currency.clone());
    view! {
        <section class="card" aria-labelledby="target-h">
            <h2 id="target-h">{move || app.tr(K::TargetHeading)}</h2>
            <fieldset class="segmented">
                <legend>{move || app.tr(K::TargetBy)}</legend>
                {option(TargetBy::Revenue, K::Revenue, "by-revenue")}
                {option(TargetBy::Deals, K::Deals, "by-deals")}
            </fieldset>
            <Show
                when=move || by() == TargetBy::Revenue
                fallback=move || {
                    view! {
                        <Field
                            id="deals-target"
                            label=Signal::derive(move || app.tr(K::DealsTarget).to_string())
                            value=Signal::derive(move || app.plan.with(|p| p.deals.clone()))
                            on_input=Callback::new(move |t| app.edit(|p| p.deals = t))
                            message=err(|e| e.deals_problem.clone())
                            inputmode="numeric"
                        />
                    }
                }
            >
                <div class="field-row">
                    <Field
                        id="revenue-target"
                        label=Signal::derive(move || app.tr(K::RevenueTarget).to_string())
                        value=Signal::derive(move || app.plan.with(|p| p.revenue.clone()))
                        on_input=Callback::new(move |t| app.edit(|p| p.revenue = t))
                        message=err(|e| e.revenue_problem.clone())
                        suffix=Signal::derive(currency)
                    />
                    <Field
                        id="deal-size"
                        label=Signal::derive(move || app.tr(K::AverageDealSize).to_string())
                        value=Signal::derive(move || app.plan.with(|p| p.deal_size.clone()))
                        on_input=Callback::new(move |t| app.edit(|p| p.deal_size = t))
                        message=err(|e| e.deal_size_problem.clone())
                        suffix=Signal::derive(currency)
                    />
                    <div class="field currency">
                        <label for="currency">{move || app.tr(K::Currency)}</label>
                        <select id="currency" on:change=move |ev| app.edit(|p| p.currency = event_target_value(&ev))>
                            {CURRENCIES
                                .into_iter()
                                .map(|c| view! { <option value=c prop:selected=move || currency() == c>{c}</option> })
                                .collect_view()}
                        </select>
                    </div>
                </div>
            </Show>
        </section>
    }
}
