//! The workshop's screens and controls: the scenario picker, the Compare and
//! What-if screens, presentation mode, print and sharing.

pub mod compare;
pub mod compare_chart;
pub mod levers;
pub mod notes;
pub mod present;
pub mod print;
pub mod scenarios;
pub mod share;
