//! 漏斗计算器 / Funnel Calculator.

pub mod domain;
pub mod model;
