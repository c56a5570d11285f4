//! The target: by revenue (target and average deal size) or by deals, and
//! the confidence the leads should give.

use super::field::Field;
use crate::history::{Control, Edit};
use crate::i18n::{self, CURRENCIES, K};
use crate::model::{Evaluation, TargetBy};
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
    let err = move |get: fn(&Evaluation) -> Option<crate::domain::InputError>| {
        Signal::derive(move || {
            app.eval
                .with(|e| get(e).map(|x| i18n::input_error(app.lang(), &x)))
        })
    };
    let read = move |get: fn(&Evaluation) -> Option<crate::model::Read>| {
        Signal::derive(move || {
            app.eval
                .with(|e| get(e).map(|r| i18n::reading(app.lang(), r)))
        })
    };
    let text = move |get: fn(&crate::model::PlanInput) -> &String| {
        Signal::derive(move || app.plan.with(|p| get(p).clone()))
    };
    let label = move |k: K| Signal::derive(move || app.tr(k).to_string());
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
                            <Field
                                id="deals-target"
                                label=label(K::DealsTarget)
                                value=text(|p| &p.deals)
                                on_input=Callback::new(move |t| app.edit(Edit::Typing(Control::Deals), |p| p.deals = t))
                                message=err(|e| e.deals_problem.clone())
                                reading=read(|e| e.readings.deals)
                                inputmode="numeric"
                            />
                        }
                    }
                >
                    <Field
                        id="revenue-target"
                        label=label(K::RevenueTarget)
                        value=text(|p| &p.revenue)
                        on_input=Callback::new(move |t| app.edit(Edit::Typing(Control::Revenue), |p| p.revenue = t))
                        message=err(|e| e.revenue_problem.clone())
                        reading=read(|e| e.readings.revenue)
                        suffix=Signal::derive(currency)
                    />
                    <Field
                        id="deal-size"
                        label=label(K::AverageDealSize)
                        value=text(|p| &p.deal_size)
                        on_input=Callback::new(move |t| app.edit(Edit::Typing(Control::DealSize), |p| p.deal_size = t))
                        message=err(|e| e.deal_size_problem.clone())
                        reading=read(|e| e.readings.deal_size)
                        suffix=Signal::derive(currency)
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
                <Field
                    id="confidence"
                    label=label(K::ConfidencePct)
                    value=text(|p| &p.confidence)
                    on_input=Callback::new(move |t| app.edit(Edit::Typing(Control::Confidence), |p| p.confidence = t))
                    message=err(|e| e.confidence_problem.clone())
                    reading=read(|e| e.readings.confidence)
                    class="confidence"
                />
            </div>
        </section>
    }
}
