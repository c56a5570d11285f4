use leptos::prelude::*;

/// A labelled text input for a number, with its message beside it.
///
/// The text stays exactly as typed; a bad value is marked `aria-invalid` and
/// explained in the message, which the input names with `aria-describedby`.
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
    /// A unit shown right after the input.
    #[prop(optional, into)]
    suffix: Option<Signal<String>>,
    /// `inputmode` for on-screen keyboards.
    #[prop(default = "decimal")]
    inputmode: &'static str,
    /// Extra classes on the wrapper.
    #[prop(optional)]
    class: &'static str,
    /// Shown while the field is empty.
    #[prop(optional, into)]
    placeholder: Option<Signal<String>>,
) -> impl IntoView {
    let msg_id = format!("{id}-msg");
    let invalid = move || message.with(Option::is_some) && !warning.get();
    view! {
        <div class=format!("field {class}")>
            <label for=id.clone()>{move || label.get()}</label>
            <div class="field-input">
                <input
                    id=id
                    type="text"
                    inputmode=inputmode
                    autocomplete="off"
                    spellcheck="false"
                    placeholder=move || placeholder.map(|p| p.get())
                    prop:value=move || value.get()
                    aria-invalid=move || if invalid() { "true" } else { "false" }
                    aria-describedby=msg_id.clone()
                    on:input=move |ev| on_input.run(event_target_value(&ev))
                />
                {suffix.map(|s| view! { <span class="suffix">{move || s.get()}</span> })}
            </div>
            <p id=msg_id class="field-msg" class:warn=move || warning.get() aria-live="polite">
                {move || message.get()}
            </p>
        </div>
    }
}
