//! A labelled input with its message: the one field every form uses.

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
    /// A unit or hint shown right after the input.
    #[prop(optional, into)]
    suffix: Option<Signal<String>>,
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
                    id=id
                    type=input_type
                    inputmode=(input_type == "text").then_some(inputmode)
                    autocomplete="off"
                    spellcheck="false"
                    min=range.map(|r| r.0)
                    max=range.map(|r| r.1)
                    maxlength=maxlength
                    placeholder=move || placeholder.map(|p| p.get())
                    prop:value=move || value.get()
                    aria-invalid=move || if invalid() { "true" } else { "false" }
                    aria-describedby=msg_id.clone()
                    on:input=move |ev| on_input.run(event_target_value(&ev))
                    on:blur=move |_| app.seal()
                />
                {suffix.map(|s| view! { <span class="suffix">{move || s.get()}</span> })}
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
