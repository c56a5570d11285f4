//! Several named scenarios (funnel, target, period and deals), one of them
//! open, as a plain type with methods; `state` wraps it in a signal.
//!
//! The open scenario's inputs live in `state`'s `plan` and `pipeline`
//! signals while it is open; its entry here is brought up to date
//! ([`Scenarios::store`]) before the list is saved, switched or copied.

use crate::model::{cut_name, PlanInput};
use crate::pipeline::PipelineInput;

/// A scenario's stable id: the select, saves and deal keys use it.
pub type ScenarioId = u32;

/// Most scenarios kept: a workshop's worth, each with a deal list of its own.
pub const MAX_SCENARIOS: usize = 50;

/// One scenario.
#[derive(Clone, Debug, PartialEq)]
pub struct Scenario {
    pub id: ScenarioId,
    /// As typed; empty shows the default name ("Scenario 2").
    pub name: String,
    pub plan: PlanInput,
    pub pipeline: PipelineInput,
}

/// Every scenario, in the order the picker lists them, and the open one.
#[derive(Clone, Debug, PartialEq)]
pub struct Scenarios {
    list: Vec<Scenario>,
    active: ScenarioId,
    next_id: ScenarioId,
}

impl Default for Scenarios {
    fn default() -> Scenarios {
        Scenarios::single(PlanInput::default(), PipelineInput::default())
    }
}

impl Scenarios {
    /// One scenario (id 1), open: what a first visit or an old save holds.
    pub fn single(plan: PlanInput, pipeline: PipelineInput) -> Scenarios {
        Scenarios {
            list: vec![Scenario {
                id: 1,
                name: String::new(),
                plan,
                pipeline,
            }],
            active: 1,
            next_id: 2,
        }
    }

    /// Scenarios from outside (a save): ids made unique and non-zero, the
    /// next id above them all, names cut, at most [`MAX_SCENARIOS`], at
    /// least one, and the open one among them.
    pub fn from_parts(list: Vec<Scenario>, active: ScenarioId, next_id: ScenarioId) -> Scenarios {
        let mut s = Scenarios {
            list,
            active,
            next_id,
        };
        s.normalise();
        s
    }

    /// The one normalising function of a scenario list from outside: at
    /// most [`MAX_SCENARIOS`] (none gives the default one), ids unique and
    /// non-zero with the next id above them all (renumbered from 1 when one
    /// is above [`crate::model::MAX_LOADED_ID`]), names cut, the open one
    /// among them, and each plan and deal list normalised, the deals
    /// following their plan's renumbered stages.
    fn normalise(&mut self) {
        self.list.truncate(MAX_SCENARIOS);
        if self.list.is_empty() {
            *self = Scenarios::default();
            return;
        }
        // Just above the ids in use: a save's own next id could sit at the
        // top of the range and stop every later add. Ids of scenarios
        // deleted before this load are free again (their deal keys were
        // removed when it loaded).
        let ids: Vec<ScenarioId> = self.list.iter().map(|s| s.id).collect();
        let (ids, next) = crate::model::unique_ids(&ids, 0);
        let active = self
            .list
            .iter()
            .zip(&ids)
            .find(|(s, _)| s.id == self.active)
            .map(|(_, id)| *id);
        for (s, id) in self.list.iter_mut().zip(ids) {
            s.id = id;
            s.name = cut_name(&s.name);
            let renames = s.plan.sanitise();
            s.pipeline.rename_stages(&renames);
            s.pipeline.sanitise();
        }
        self.next_id = next;
        self.active = active.unwrap_or(self.list[0].id);
    }

    /// The open scenario's id.
    pub fn active(&self) -> ScenarioId {
        self.active
    }

    /// Every scenario, in order (the open one's inputs as last stored).
    pub fn list(&self) -> &[Scenario] {
        &self.list
    }

    pub fn get(&self, id: ScenarioId) -> Option<&Scenario> {
        self.list.iter().find(|s| s.id == id)
    }

    /// Position in the list, from 1 (the number in a default name).
    pub fn number(&self, id: ScenarioId) -> Option<u32> {
        self.list
            .iter()
            .position(|s| s.id == id)
            .map(|i| i as u32 + 1)
    }

    /// Brings a scenario's stored inputs up to date (the open one's, from
    /// the screen's signals).
    pub fn store(&mut self, id: ScenarioId, plan: &PlanInput, pipeline: &PipelineInput) {
        if let Some(s) = self.list.iter_mut().find(|s| s.id == id) {
            if s.plan != *plan {
                s.plan = plan.clone();
            }
            if s.pipeline != *pipeline {
                s.pipeline = pipeline.clone();
            }
        }
    }

    /// Adds a scenario after the open one and opens it; `None` when the
    /// list is full ([`MAX_SCENARIOS`]) or ids ran out.
    pub fn add(
        &mut self,
        name: &str,
        plan: PlanInput,
        pipeline: PipelineInput,
    ) -> Option<ScenarioId> {
        if self.list.len() >= MAX_SCENARIOS || self.next_id == ScenarioId::MAX {
            return None;
        }
        let id = self.next_id;
        self.next_id += 1;
        let at = self
            .list
            .iter()
            .position(|s| s.id == self.active)
            .map_or(self.list.len(), |i| i + 1);
        let (mut plan, mut pipeline) = (plan, pipeline);
        let renames = plan.sanitise();
        pipeline.rename_stages(&renames);
        pipeline.sanitise();
        self.list.insert(
            at,
            Scenario {
                id,
                name: cut_name(name),
                plan,
                pipeline,
            },
        );
        self.active = id;
        Some(id)
    }

    /// Renames a scenario (cut to the longest name kept).
    pub fn rename(&mut self, id: ScenarioId, name: &str) {
        if let Some(s) = self.list.iter_mut().find(|s| s.id == id) {
            s.name = cut_name(name.trim());
        }
    }

    /// Removes a scenario; the last one stays (there is always one open).
    /// When the open one goes, the one after it opens (else the one before).
    pub fn remove(&mut self, id: ScenarioId) -> bool {
        if self.list.len() <= 1 {
            return false;
        }
        let Some(i) = self.list.iter().position(|s| s.id == id) else {
            return false;
        };
        self.list.remove(i);
        if self.active == id {
            let j = i.min(self.list.len() - 1);
            self.active = self.list[j].id;
        }
        true
    }

    /// Opens a scenario; `false` when there is none with that id.
    pub fn open(&mut self, id: ScenarioId) -> bool {
        let found = self.list.iter().any(|s| s.id == id);
        if found {
            self.active = id;
        }
        found
    }

    /// The next id to be given (saved, so ids are never reused).
    pub fn next_id(&self) -> ScenarioId {
        self.next_id
    }
}
