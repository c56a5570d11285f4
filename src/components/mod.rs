//! One file per piece of screen. Each reads the [`AppState`](crate::state::AppState)
//! from context, renders, and sends edits back through it.

pub mod chart;
pub mod field;
pub mod focus;
pub mod header;
pub mod pipeline;
pub mod results;
pub mod stage_editor;
pub mod table;
pub mod tabs;
pub mod target_form;
pub mod time_plan;
pub mod update;
pub mod workshop;
