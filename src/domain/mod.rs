//! The funnel math, pure: no leptos, web-sys, js-sys or gloo here, so all of
//! it is tested natively. Every function is total: a value or a typed error,
//! never a panic, NaN or infinity.

pub mod binomial;
pub mod deal;
pub mod deals_csv;
pub mod distribution;
pub mod funnel;
pub mod levers;
pub mod limits;
pub mod number;
pub mod pipeline;
pub mod plan;
pub mod presets;
pub mod qr;
pub mod ratio;
pub mod rounding;
pub mod share;
pub mod time;

pub use deal::{Deal, DealId, StageFacts, StageRef, Status};
pub use funnel::{Funnel, Located, RateMode, Role, StageIssue};
pub use number::InputError;
pub use plan::{ConfidenceLeads, Plan, PlanError, StagePlan, Target};
pub use presets::{PresetId, StageKey};
pub use ratio::Ratio;
