//! Presentation mode: full window, large type, high contrast, the funnel
//! revealed one stage at a time from the keyboard or a clicker.
//!
//! The overlay is a modal dialog over the page; a `presenting` class on
//! `<html>` hides everything else (style/main.css), so nothing editable is
//! on screen or in the tab order while it is open. Full screen is asked of
//! the browser on start and is optional: when the browser refuses (an
//! iframe, a phone, a policy) the overlay still fills the window.
//!
//! Leaving full screen leaves the presentation. In full screen the browser
//! keeps Esc for itself and only tells the page through `fullscreenchange`,
//! so treating that event as "leave" makes Esc do one thing everywhere: one
//! press ends the presentation and focus is back on "Present".
//!
//! Counts come from the app's evaluation, as the chart reads them; this
//! file does no funnel math.

use crate::i18n::present::{announcement, dialog_name, pr, progress, Pr};
use crate::i18n::workshop::{w, W};
use crate::i18n::{self, fmt_int, Lang};
use crate::model::{Blocked, NoteKind, StageId};
use crate::state::{use_app, AppState};
use leptos::html;
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen::JsValue;

/// Calls `this[method]()` and returns the promise it gives; `None` where
/// the browser lacks the method (full screen is optional) or it throws.
/// The promise is kept so a refusal is awaited, not reported as an
/// unhandled rejection.
fn call_for_promise(this: &JsValue, method: &str) -> Option<js_sys::Promise> {
    let f = js_sys::Reflect::get(this, &JsValue::from_str(method))
        .ok()?
        .dyn_into::<js_sys::Function>()
        .ok()?;
    f.call0(this).ok()?.dyn_into::<js_sys::Promise>().ok()
}

/// Awaits a promise whose outcome does not matter.
fn settle(promise: Option<js_sys::Promise>) {
    if let Some(p) = promise {
        leptos::task::spawn_local(async move {
            let _ = wasm_bindgen_futures::JsFuture::from(p).await;
        });
    }
}

/// One stage as the presentation shows it.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Slide {
    id: StageId,
    name: String,
    /// The required count as shown ("1,250"), or "—" when a 0 % stage makes
    /// it unreachable.
    count: String,
    /// Why the count is a dash.
    why_dash: Option<&'static str>,
    /// Width of the stage's bar in percent of the widest (layout only).
    width: u64,
    won: bool,
}

/// What a key does in the presentation.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Step {
    Next,
    Previous,
    First,
    Last,
    Leave,
}

/// The step a key asks for; `on_button` is true when focus is on one of
/// the overlay's buttons, where Enter and Space press the button instead.
fn step_for(key: &str, on_button: bool) -> Option<Step> {
    Some(match key {
        "ArrowRight" | "ArrowDown" | "PageDown" => Step::Next,
        " " | "Spacebar" | "Enter" if !on_button => Step::Next,
        "ArrowLeft" | "ArrowUp" | "PageUp" | "Backspace" => Step::Previous,
        "Home" => Step::First,
        "End" => Step::Last,
        "Escape" | "Esc" => Step::Leave,
        _ => return None,
    })
}

/// True when the key was typed into a text field (input, textarea, select
/// or contenteditable), where keys belong to the field.
fn in_text_field(target: Option<web_sys::EventTarget>) -> bool {
    let Some(el) = target.and_then(|t| t.dyn_into::<web_sys::Element>().ok()) else {
        return false;
    };
    matches!(
        el.tag_name().to_ascii_uppercase().as_str(),
        "INPUT" | "TEXTAREA" | "SELECT"
    ) || el
        .dyn_ref::<web_sys::HtmlElement>()
        .is_some_and(|h| h.is_content_editable())
}

/// True when the event's target is a button (Enter and Space press it).
fn on_button(target: Option<web_sys::EventTarget>) -> bool {
    target
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .is_some_and(|el| el.tag_name().eq_ignore_ascii_case("BUTTON"))
}

fn document() -> Option<web_sys::Document> {
    web_sys::window().and_then(|w| w.document())
}

/// Sets or clears the `presenting` class on `<html>`, which hides the rest
/// of the page. Done at once (not in an effect) so the "Present" button is
/// visible, and focusable, the moment the presentation ends.
fn mark_page(on: bool) {
    if let Some(root) = document().and_then(|d| d.document_element()) {
        let list = root.class_list();
        let _ = if on {
            list.add_1("presenting")
        } else {
            list.remove_1("presenting")
        };
    }
}

/// Asks for full screen on the whole document, when the browser allows it;
/// a refusal only leaves the overlay filling the window.
fn enter_fullscreen() {
    let Some(doc) = document() else { return };
    if !doc.fullscreen_enabled() || doc.fullscreen_element().is_some() {
        return;
    }
    let Some(root) = doc.document_element() else {
        return;
    };
    settle(call_for_promise(&root, "requestFullscreen"));
}

/// Leaves full screen if the page is in it.
fn leave_fullscreen() {
    let Some(doc) = document() else { return };
    if doc.fullscreen_element().is_none() {
        return;
    }
    settle(call_for_promise(&doc, "exitFullscreen"));
}

/// The stages to present, top first, from the app's evaluation; empty when
/// the funnel or the target has errors.
fn slides(app: AppState, lang: Lang) -> Vec<Slide> {
    // The end-to-end tests of the panic page over the Present overlay need
    // a real panic in its slides; only a `test-hooks` build has one.
    #[cfg(feature = "test-hooks")]
    if app.scenario_name(app.active_scenario()).as_deref() == Some(crate::model::TEST_PANIC_NAME) {
        panic!(
            "test-hooks: presenting a scenario named {:?}",
            crate::model::TEST_PANIC_NAME
        );
    }
    let names = app.stage_names();
    app.eval.with(|e| {
        let Ok(plan) = e.plan.as_ref() else {
            return Vec::new();
        };
        let wide = u128::from(plan.widest().max(1));
        plan.stages
            .iter()
            .filter_map(|s| {
                let (id, name) = names.get(s.index).cloned()?;
                Some(Slide {
                    id,
                    name,
                    count: s
                        .required
                        .map(|n| fmt_int(lang, n))
                        .unwrap_or_else(|| "—".into()),
                    why_dash: s
                        .required
                        .is_none()
                        .then(|| i18n::blocked(lang, Blocked::Unreachable)),
                    // u128: n × 100 cannot overflow for any count.
                    width: s
                        .required
                        .map_or(100, |n| {
                            u64::try_from(u128::from(n) * 100 / wide).unwrap_or(100)
                        })
                        .clamp(4, 100),
                    won: s.role == crate::domain::Role::Won,
                })
            })
            .collect()
    })
}

/// The "Present" button, and the presentation it starts.
#[component]
pub fn PresentButton() -> impl IntoView {
    let app = use_app();
    let presenting = RwSignal::new(false);
    // The stage revealed last, from 1; kept within the funnel when it shrinks.
    let step = RwSignal::new(1usize);
    // The page went full screen during this presentation.
    let was_fullscreen = StoredValue::new(false);
    let button = NodeRef::<html::Button>::new();
    let dialog = NodeRef::<html::Div>::new();

    let all = Memo::new(move |_| slides(app, app.lang()));
    let count = move || all.with(Vec::len);
    let at = Memo::new(move |_| step.get().clamp(1, count().max(1)));

    let start = move || {
        step.set(1);
        was_fullscreen.set_value(false);
        mark_page(true);
        presenting.set(true);
        enter_fullscreen();
    };
    let leave = move || {
        if !presenting.get_untracked() {
            return;
        }
        presenting.set(false);
        mark_page(false);
        leave_fullscreen();
        if let Some(b) = button.get_untracked() {
            let _ = b.focus();
        }
    };
    let go = move |s: Step| {
        let n = count();
        match s {
            Step::Next => step.set((at.get_untracked() + 1).min(n.max(1))),
            Step::Previous => step.set(at.get_untracked().saturating_sub(1).max(1)),
            Step::First => step.set(1),
            Step::Last => step.set(n.max(1)),
            Step::Leave => leave(),
        }
    };

    // Focus moves into the dialog once it is on the page.
    Effect::new(move |_| {
        if let Some(d) = dialog.get() {
            let _ = d.focus();
        }
    });

    let keys = window_event_listener(leptos::ev::keydown, move |ev| {
        if !presenting.get_untracked()
            || ev.is_composing()
            || ev.key_code() == 229
            || ev.ctrl_key()
            || ev.alt_key()
            || ev.meta_key()
            || in_text_field(ev.target())
        {
            return;
        }
        if let Some(s) = step_for(&ev.key(), on_button(ev.target())) {
            ev.prevent_default();
            go(s);
        }
    });
    let screen = window_event_listener_untyped("fullscreenchange", move |_| {
        if !presenting.get_untracked() {
            return;
        }
        if document().is_some_and(|d| d.fullscreen_element().is_some()) {
            was_fullscreen.set_value(true);
        } else if was_fullscreen.get_value() {
            leave();
        }
    });
    on_cleanup(move || {
        keys.remove();
        screen.remove();
        mark_page(false);
    });

    let lang = move || app.lang();
    let shown = move || all.with(|a| a.iter().take(at.get()).cloned().collect::<Vec<_>>());
    let current = move || all.with(|a| a.get(at.get().saturating_sub(1)).cloned());
    let name = move || {
        let id = app.active_scenario();
        dialog_name(lang(), &app.scenario_name(id).unwrap_or_default())
    };
    let title = move || app.scenario_name(app.active_scenario()).unwrap_or_default();
    let live =
        move || current().map(|s| announcement(lang(), at.get(), count(), &s.name, &s.count));
    let notes = move || {
        let s = current()?;
        let n = app.stage_notes(s.id);
        Some(
            NoteKind::ALL
                .into_iter()
                .filter(|k| !n.get(*k).trim().is_empty())
                .map(|k| {
                    let label = match k {
                        NoteKind::Purpose => W::Purpose,
                        NoteKind::Milestone => W::Milestone,
                        NoteKind::Evidence => W::Evidence,
                        NoteKind::Actions => W::Actions,
                    };
                    view! {
                        <dt>{w(lang(), label)}</dt>
                        <dd>{n.get(k).to_string()}</dd>
                    }
                })
                .collect_view(),
        )
    };
    let at_start = move || at.get() <= 1;
    let at_end = move || at.get() >= count();

    view! {
        <button type="button" id="present" node_ref=button on:click=move |_| start()>
            {move || w(app.lang(), W::Present)}
        </button>
        <Show when=move || presenting.get()>
            <div
                class="present-overlay"
                role="dialog"
                aria-modal="true"
                aria-label=name
                tabindex="-1"
                node_ref=dialog
            >
                <header class="present-top">
                    <h2 class="present-title">{title}</h2>
                    <p class="present-progress">
                        {move || (count() > 0).then(|| progress(lang(), at.get(), count()))}
                    </p>
                </header>
                <Show
                    when=move || { count() > 0 }
                    fallback=move || view! { <p class="present-empty">{move || pr(lang(), Pr::CannotPresent)}</p> }
                >
                    <div class="present-body">
                        <ol class="present-funnel" aria-label=move || pr(lang(), Pr::Funnel)>
                            <For
                                each=shown
                                key=|s| (s.id, s.name.clone(), s.count.clone(), s.width)
                                children=move |s| {
                                    let id = s.id;
                                    let is_current = move || current().is_some_and(|c| c.id == id);
                                    view! {
                                        <li
                                            class:current=is_current
                                            class:won=s.won
                                            aria-current=move || is_current().then_some("step")
                                        >
                                            <bdi class="present-stage-name">{s.name.clone()}</bdi>
                                            <span class="present-stage-count">{s.count.clone()}</span>
                                            <span
                                                class="present-bar"
                                                aria-hidden="true"
                                                // Set through the CSSOM (`style:`), which the
                                                // Content-Security-Policy allows; a `style`
                                                // attribute would be refused.
                                                style:width=format!("{}%", s.width)
                                            ></span>
                                        </li>
                                    }
                                }
                            />
                        </ol>
                        <section class="present-stage" aria-labelledby="present-stage-name">
                            <h3 id="present-stage-name">{move || current().map(|s| s.name)}</h3>
                            <p class="present-count">
                                <span class="present-number">{move || current().map(|s| s.count)}</span>
                                " "
                                <span class="present-needed">
                                    {move || {
                                        current()
                                            .and_then(|s| s.why_dash)
                                            .unwrap_or_else(|| pr(lang(), Pr::Needed))
                                    }}
                                </span>
                            </p>
                            <dl class="present-notes">{notes}</dl>
                        </section>
                    </div>
                </Show>
                <p class="visually-hidden" aria-live="polite">{live}</p>
                <div class="present-controls">
                    <button
                        type="button"
                        aria-disabled=move || at_start().then_some("true")
                        on:click=move |_| go(Step::Previous)
                    >
                        {move || pr(lang(), Pr::Previous)}
                    </button>
                    <button
                        type="button"
                        aria-disabled=move || at_end().then_some("true")
                        on:click=move |_| go(Step::Next)
                    >
                        {move || pr(lang(), Pr::Next)}
                    </button>
                    <button type="button" class="present-exit" on:click=move |_| leave()>
                        {move || pr(lang(), Pr::Exit)}
                    </button>
                </div>
            </div>
        </Show>
    }
}

#[cfg(test)]
mod tests {
    use super::{step_for, Step};

    #[test]
    fn clicker_and_arrow_keys_step() {
        assert_eq!(step_for("PageDown", false), Some(Step::Next));
        assert_eq!(step_for("PageUp", false), Some(Step::Previous));
        assert_eq!(step_for("ArrowRight", true), Some(Step::Next));
        assert_eq!(step_for("Backspace", false), Some(Step::Previous));
        assert_eq!(step_for("Escape", true), Some(Step::Leave));
        assert_eq!(step_for("a", false), None);
    }

    #[test]
    fn enter_and_space_press_a_focused_button_instead() {
        assert_eq!(step_for("Enter", false), Some(Step::Next));
        assert_eq!(step_for(" ", false), Some(Step::Next));
        assert_eq!(step_for("Enter", true), None);
        assert_eq!(step_for(" ", true), None);
    }
}
