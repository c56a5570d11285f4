//! A labelled input with its message: the one field every form uses.

use super::focus::control_id;
use crate::domain::limits::{MAX_DATE, MIN_DATE};
use crate::domain::number::PARTIAL_DATE;
use crate::domain::InputError;
use crate::history::{Control, Edit};
use crate::i18n::{self, Lang, K};
use crate::model::{Evaluation, PlanInput, Read};
use crate::state::use_app;
use leptos::prelude::*;

/// A labelled text (or date) input, with its message beside it.
///
/// The text stays exactly as typed; a bad value is marked `aria-invalid` and
/// explained in the message, which the input names with `aria-describedby`.
/// When the value was read as something other than the digits typed (a
/// currency sign, `万`, grouping …) and is fine, the same place says quietly
/// how it was read ("= 3,000,000"). The input itself never moves or goes
/// away while its value is invalid: only the line below it changes.
#[component]
pub fn Field(
    /// Id of the `<input>`; its message gets `{id}-msg`.
    #[prop(into)]
    id: String,
    /// The visible label, which is also the field's accessible name.
    #[prop(into)]
    label: Signal<String>,
    /// The text in the field.
    #[prop(into)]
    value: Signal<String>,
    /// Receives the text on every keystroke.
    #[prop(into)]
    on_input: Callback<String>,
    /// What is wrong with the text, in words; `None` when it is fine.
    #[prop(into)]
    message: Signal<Option<String>>,
    /// The message warns without marking the value invalid.
    #[prop(into, default = Signal::stored(false))]
    warning: Signal<bool>,
    /// How the value was read ("= 3,000,000"), when that is not just the
    /// digits typed; shown only while there is no message.
    #[prop(into, default = Signal::stored(None))]
    reading: Signal<Option<String>>,
    /// A unit or hint shown right after the input (nothing when empty).
    #[prop(into, default = Signal::stored(String::new()))]
    suffix: Signal<String>,
    /// `inputmode` for on-screen keyboards (text inputs only).
    #[prop(default = "decimal")]
    inputmode: &'static str,
    /// `text` or `date`.
    #[prop(default = "text")]
    input_type: &'static str,
    /// Earliest and latest date a date input offers (`YYYY-MM-DD`).
    #[prop(default = None)]
    range: Option<(&'static str, &'static str)>,
    /// Most characters the field takes.
    #[prop(optional)]
    maxlength: Option<u32>,
    /// Extra classes on the wrapper.
    #[prop(optional)]
    class: &'static str,
    /// Shown while the field is empty.
    #[prop(optional, into)]
    placeholder: Option<Signal<String>>,
) -> impl IntoView {
    let app = use_app();
    let input = NodeRef::<leptos::html::Input>::new();
    // Written only when it differs from what the input holds: a date input
    // reports "" while a date is half typed, and writing that "" back would
    // wipe the parts already typed.
    Effect::new(move |_| {
        let text = value.get();
        if let Some(el) = input.get() {
            // A reset or an undo to "" also clears a half-typed date, whose
            // value already reads "".
            let half_typed = text.is_empty() && el.validity().bad_input();
            if (el.value() != text && text != PARTIAL_DATE) || half_typed {
                el.set_value(&text);
            }
        }
    });
    // A date input says "" both when empty and when half typed; the
    // browser's validity tells them apart, so a half-typed date is not
    // taken for an empty one (which "Today" reads as the browser's date).
    // Event handlers below can run after an undo has taken the field off
    // the page (a `blur` fires then), when its signals are gone: every read
    // in them is a `try_`.
    let typed = move |ev: leptos::ev::Event| {
        let text = event_target_value(&ev);
        let partial = input_type == "date"
            && text.is_empty()
            && input
                .try_get_untracked()
                .flatten()
                .is_some_and(|el| el.validity().bad_input());
        on_input.run(if partial { PARTIAL_DATE.into() } else { text });
    };
    // The browser sends no `input` while a date is only partly typed (its
    // value stays ""), so a date field also looks after each key and on
    // leaving it.
    let check_partial = move || {
        if input_type != "date" {
            return;
        }
        let (Some(Some(el)), Some(held)) = (input.try_get_untracked(), value.try_get_untracked())
        else {
            return;
        };
        let partial = el.value().is_empty() && el.validity().bad_input();
        if partial && held != PARTIAL_DATE {
            on_input.run(PARTIAL_DATE.into());
        } else if !partial && el.value().is_empty() && held == PARTIAL_DATE {
            on_input.run(String::new());
        }
    };
    let msg_id = format!("{id}-msg");
    let invalid = move || message.with(Option::is_some) && !warning.get();
    let note = move || match message.get() {
        Some(m) => Some(m),
        None => reading.get(),
    };
    let quiet = move || message.with(Option::is_none);
    view! {
        <div class=format!("field {class}")>
            <label for=id.clone()>{move || label.get()}</label>
            <div class="field-input">
                <input
                    node_ref=input
                    id=id
                    type=input_type
                    value=value.get_untracked()
                    inputmode=(input_type == "text").then_some(inputmode)
                    autocomplete="off"
                    spellcheck="false"
                    min=range.map(|r| r.0)
                    max=range.map(|r| r.1)
                    maxlength=maxlength
                    placeholder=move || placeholder.map(|p| p.get())
                    aria-invalid=move || if invalid() { "true" } else { "false" }
                    aria-describedby=msg_id.clone()
                    on:input=typed
                    on:keyup=move |_| check_partial()
                    on:blur=move |_| {
                        check_partial();
                        app.seal();
                    }
                />
                <Show when=move || suffix.with(|s| !s.is_empty())>
                    <span class="suffix">{move || suffix.get()}</span>
                </Show>
            </div>
            <p
                id=msg_id
                class="field-msg"
                class:warn=move || warning.get()
                class:reading=quiet
                aria-live="polite"
            >
                {note}
            </p>
        </div>
    }
}

/// A [`Field`] bound to one text of the plan: it shows that text, stores
/// what is typed as an undoable step of its own, and says what is wrong with
/// it or how it was read. Every input of the target and period cards is one.
#[component]
pub fn PlanField(
    /// Which control this is (its element id and its undo step).
    control: Control,
    /// The label.
    label: K,
    /// The text the field shows.
    get: fn(&PlanInput) -> &String,
    /// Stores the text typed.
    set: fn(&mut PlanInput, String),
    /// What is wrong with its text, if anything; advice (a value that looks
    /// half typed) is shown as such, not as an error.
    error: fn(&Evaluation) -> Option<&InputError>,
    /// What else is wrong with it once the text is fine, in words (a period
    /// that ends before it starts).
    #[prop(optional)]
    also: Option<fn(&Evaluation, Lang) -> Option<String>>,
    /// How the value was read, when that is not just the digits typed.
    #[prop(optional)]
    reading: Option<fn(&Evaluation) -> Option<Read>>,
    /// A unit after the input, from the plan (e.g. its currency).
    #[prop(optional)]
    suffix: Option<fn(&PlanInput) -> String>,
    /// A date (`type="date"`) rather than a number.
    #[prop(optional)]
    date: bool,
    /// `inputmode` for on-screen keyboards.
    #[prop(default = "decimal")]
    inputmode: &'static str,
    /// Extra classes on the wrapper.
    #[prop(optional)]
    class: &'static str,
) -> impl IntoView {
    let app = use_app();
    let reading = Signal::derive(move || {
        let r = reading?;
        app.eval
            .with(|e| r(e).map(|x| i18n::reading(app.lang(), x)))
    });
    let suffix = Signal::derive(move || suffix.map(|f| app.plan.with(f)).unwrap_or_default());
    view! {
        <Field
            id=control_id(control)
            label=Signal::derive(move || app.tr(label).to_string())
            value=Signal::derive(move || app.plan.with(|p| get(p).clone()))
            on_input=Callback::new(move |t| app.edit(Edit::Typing(control), |p| set(p, t)))
            message=Signal::derive(move || {
                let l = app.lang();
                app.eval.with(|e| match error(e) {
                    Some(x) => Some(i18n::input_error(l, x)),
                    None => also.and_then(|f| f(e, l)),
                })
            })
            warning=Signal::derive(move || app.eval.with(|e| error(e).is_some_and(InputError::is_advice)))
            reading=reading
            suffix=suffix
            input_type=if date { "date" } else { "text" }
            inputmode=inputmode
            range=date.then_some((MIN_DATE, MAX_DATE))
            class=if date { "date" } else { class }
        />
    }
}
