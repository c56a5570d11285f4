//! Stages, the funnel, and the two ways of stating its rates.

use super::ratio::Ratio;
use serde::{Deserialize, Serialize};

/// How the user states rates: the cumulative win rate of each stage, or the
/// conversion from each stage to the next. Both describe the same funnel.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum RateMode {
    #[default]
    WinRate,
    Conversion,
}

/// The part a stage plays, derived from the rates (see funnel-theory.md,
/// "Which stage is which").
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Role {
    /// Above the won stage: deals are still open here.
    Open,
    /// The last stage at 100 %.
    Won,
    /// A 0 % stage right after the won stage: holds lost deals, not planned.
    Lost,
}

/// Why a stage's rate does not make a funnel. Reported at that stage's field.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum StageIssue {
    /// The last stage is neither 100 % (won) nor a 0 % lost stage after a
    /// 100 % won stage.
    NoWonStage,
    /// A win rate lower than the stage above it (`above`).
    Decreasing { above: Ratio },
    /// A rate above 100 %.
    AboveHundred,
    /// The product of conversions is too fine to compute exactly.
    TooPrecise,
}

/// A stage's issue together with the stage's position in the funnel.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Located {
    pub index: usize,
    pub issue: StageIssue,
}

/// A valid funnel, held as cumulative win rates, plus the values as entered
/// (a 0 % conversion hides the conversions above it from the win rates).
#[derive(Clone, Debug)]
pub struct Funnel {
    win_rates: Vec<Ratio>,
    won: usize,
    lost: bool,
    mode: RateMode,
    entered: Vec<Ratio>,
}

/// Two funnels are equal when they plan alike, however they were entered.
impl PartialEq for Funnel {
    fn eq(&self, other: &Funnel) -> bool {
        (&self.win_rates, self.won, self.lost) == (&other.win_rates, other.won, other.lost)
    }
}

impl Eq for Funnel {}

/// Finds the won stage and the optional lost stage after it; both rate modes
/// give the won stage 100 % and the lost stage 0 %, so one rule serves both.
fn structure(rates: &[Ratio]) -> Result<(usize, bool), Located> {
    let n = rates.len();
    let no_won = Located {
        index: n.saturating_sub(1),
        issue: StageIssue::NoWonStage,
    };
    match rates {
        [] => Err(no_won),
        [.., last] if last.is_one() => Ok((n - 1, false)),
        [.., before, last] if last.is_zero() && before.is_one() => Ok((n - 2, true)),
        _ => Err(no_won),
    }
}

impl Funnel {
    /// Builds a funnel from the values a user entered in `mode`, or every
    /// issue found, each at its stage.
    pub fn new(mode: RateMode, rates: &[Ratio]) -> Result<Funnel, Vec<Located>> {
        let mut issues: Vec<Located> = rates
            .iter()
            .enumerate()
            .filter(|(_, r)| **r > Ratio::ONE)
            .map(|(index, _)| Located {
                index,
                issue: StageIssue::AboveHundred,
            })
            .collect();
        if !issues.is_empty() {
            return Err(issues);
        }
        let (won, lost) = structure(rates).map_err(|e| vec![e])?;
        let win_rates = match mode {
            RateMode::WinRate => {
                for k in 1..=won {
                    if rates[k] < rates[k - 1] {
                        issues.push(Located {
                            index: k,
                            issue: StageIssue::Decreasing {
                                above: rates[k - 1],
                            },
                        });
                    }
                }
                rates.to_vec()
            }
            RateMode::Conversion => {
                let mut p = rates.to_vec();
                for k in (0..won).rev() {
                    match rates[k].checked_mul(p[k + 1]) {
                        Some(v) => p[k] = v,
                        None => {
                            issues.push(Located {
                                index: k,
                                issue: StageIssue::TooPrecise,
                            });
                            break;
                        }
                    }
                }
                p
            }
        };
        if issues.is_empty() {
            Ok(Funnel {
                win_rates,
                won,
                lost,
                mode,
                entered: rates.to_vec(),
            })
        } else {
            Err(issues)
        }
    }

    /// Number of stages, the lost stage included.
    pub fn len(&self) -> usize {
        self.win_rates.len()
    }

    pub fn is_empty(&self) -> bool {
        self.win_rates.is_empty()
    }

    /// Position of the won stage.
    pub fn won_index(&self) -> usize {
        self.won
    }

    pub fn has_lost_stage(&self) -> bool {
        self.lost
    }

    pub fn role(&self, index: usize) -> Role {
        use std::cmp::Ordering::*;
        match index.cmp(&self.won) {
            Less => Role::Open,
            Equal => Role::Won,
            Greater => Role::Lost,
        }
    }

    /// Cumulative win rate `p_k`.
    pub fn win_rate(&self, index: usize) -> Ratio {
        self.win_rates.get(index).copied().unwrap_or(Ratio::ZERO)
    }

    /// Conversion `c_k = p_k ÷ p_{k+1}` from an open stage to the next;
    /// `None` for the won and lost stages. A stage below a 0 % stage
    /// can only be 0 % itself (rates never fall), so 0 ÷ 0 reads as 0.
    pub fn conversion(&self, index: usize) -> Option<Ratio> {
        if index >= self.won {
            return None;
        }
        if self.mode == RateMode::Conversion {
            return Some(self.entered[index]);
        }
        let next = self.win_rates[index + 1];
        Some(
            self.win_rates[index]
                .checked_div(next)
                .unwrap_or(Ratio::ZERO),
        )
    }

    /// The value of every stage as entered in `mode`: what the rate fields
    /// show after switching mode. The won stage is 100 % and the lost stage
    /// 0 % in either mode.
    pub fn rates_in(&self, mode: RateMode) -> Vec<Ratio> {
        if mode == self.mode {
            return self.entered.clone();
        }
        (0..self.len())
            .map(|k| match (mode, self.role(k)) {
                (RateMode::WinRate, _) => self.win_rates[k],
                (RateMode::Conversion, Role::Open) => self.conversion(k).unwrap_or(Ratio::ZERO),
                (RateMode::Conversion, Role::Won) => Ratio::ONE,
                (RateMode::Conversion, Role::Lost) => Ratio::ZERO,
            })
            .collect()
    }

    /// Overall close ratio `p_1`: won ÷ all who enter at the top.
    pub fn close_ratio(&self) -> Ratio {
        self.win_rate(0)
    }

    /// Open stages whose entered value is 0 % in `mode`: each makes every
    /// target unreachable, and the user is told at that field.
    pub fn zero_causes(&self, mode: RateMode) -> Vec<usize> {
        let rates = self.rates_in(mode);
        (0..self.won).filter(|&k| rates[k].is_zero()).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pct(v: &[u128]) -> Vec<Ratio> {
        v.iter().map(|&x| Ratio::percent(x)).collect()
    }

    #[test]
    fn finds_won_and_lost() {
        let f = Funnel::new(RateMode::WinRate, &pct(&[10, 35, 65, 75, 100, 0])).unwrap();
        assert_eq!(f.won_index(), 4);
        assert!(f.has_lost_stage());
        assert_eq!(f.role(5), Role::Lost);
        let f = Funnel::new(RateMode::WinRate, &pct(&[100])).unwrap();
        assert_eq!(f.won_index(), 0);
        assert_eq!(f.close_ratio(), Ratio::ONE);
    }

    #[test]
    fn rejects_bad_structures() {
        let e = Funnel::new(RateMode::WinRate, &pct(&[10, 50])).unwrap_err();
        assert_eq!(
            e[0],
            Located {
                index: 1,
                issue: StageIssue::NoWonStage
            }
        );
        let e = Funnel::new(RateMode::WinRate, &pct(&[10, 100, 0, 0])).unwrap_err();
        assert_eq!(e[0].index, 3);
        let e = Funnel::new(RateMode::WinRate, &pct(&[50, 40, 30, 100])).unwrap_err();
        assert_eq!(e.len(), 2);
        assert_eq!(
            e[0],
            Located {
                index: 1,
                issue: StageIssue::Decreasing {
                    above: Ratio::percent(50)
                }
            }
        );
        assert!(Funnel::new(RateMode::WinRate, &[]).is_err());
        let e = Funnel::new(RateMode::WinRate, &[Ratio::from_int(2), Ratio::ONE]).unwrap_err();
        assert_eq!(e[0].issue, StageIssue::AboveHundred);
    }
}
