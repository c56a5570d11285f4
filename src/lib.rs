//! 漏斗计算器 / Funnel Calculator: a sales-funnel planner that runs entirely
//! in the browser.
//!
//! Data flows one way: typed input ([`model`]) → pure funnel math
//! ([`domain`]) → derived results (the [`model::Evaluation`] memo in
//! [`state`]) → view ([`components`]). Only [`storage`] touches the
//! browser's storage and only [`i18n`] holds user-visible words.

pub mod app;
pub mod bench;
pub mod compare;
pub mod components;
pub mod crash;
pub mod domain;
pub mod examples;
pub mod history;
pub mod i18n;
pub mod model;
pub mod pipeline;
pub mod scenario;
pub mod scenario_file;
pub mod share;
pub mod state;
pub mod storage;

pub use app::{mount, App};
