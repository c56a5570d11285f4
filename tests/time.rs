#![cfg(not(target_arch = "wasm32"))]
use chrono::{Datelike, NaiveDate, Weekday};
use funnel_calculator::domain::limits::MAX_PERIOD_DAYS;
use funnel_calculator::domain::{ratio::Ratio, time::*};
use proptest::prelude::*;

#[track_caller]
fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).expect("valid test date")
}

#[track_caller]
fn r(n: u128, den: u128) -> Ratio {
    Ratio::new(n, den).expect("valid test ratio")
}

fn stage(percent: u128, dwell_days: u32) -> OpenStage {
    OpenStage {
        win_rate: Ratio::percent(percent),
        dwell_days,
    }
}

/// Worked example 4's open stages: 20 %, 35 %, 70 %, a week each.
fn example4_stages() -> Vec<OpenStage> {
    vec![stage(20, 7), stage(35, 7), stage(70, 7)]
}

#[track_caller]
fn resolve(p: Period, today: NaiveDate) -> ResolvedPeriod {
    p.resolve(today).expect("period resolves")
}

#[track_caller]
fn span(p: Period, today: NaiveDate) -> (NaiveDate, NaiveDate, u32) {
    let rp = resolve(p, today);
    assert_eq!(rp.weeks, r(u128::from(rp.days), 7), "weeks = days ÷ 7");
    (rp.start, rp.end, rp.days)
}

#[track_caller]
fn plan(deals: u64, stages: &[OpenStage], period: ResolvedPeriod, today: NaiveDate) -> TimePlan {
    time_plan(&TimeInput {
        deals,
        stages,
        period,
        today,
        leads_per_rep_week: None,
    })
    .expect("plan computes")
}

fn custom(start: NaiveDate, end: NaiveDate) -> ResolvedPeriod {
    resolve(Period::Custom { start, end }, start)
}

#[track_caller]
fn assert_calendar_consistent(p: &TimePlan) {
    let sum: u64 = p.calendar.iter().map(|w| w.new_leads).sum();
    assert_eq!(sum, p.total_leads, "rows sum to total leads");
    let first = p.calendar.first().expect("calendar has rows");
    let last = p.calendar.last().expect("calendar has rows");
    assert_eq!(
        first.week_start,
        p.first_leads_by.week(Weekday::Mon).first_day()
    );
    assert_eq!(last.week_start, p.last_entry.week(Weekday::Mon).first_day());
    for pair in p.calendar.windows(2) {
        assert_eq!((pair[1].week_start - pair[0].week_start).num_days(), 7);
    }
    for w in &p.calendar {
        assert_eq!(w.week_start.weekday(), Weekday::Mon);
        let iso = w.week_start.iso_week();
        assert_eq!((w.iso_year, w.iso_week), (iso.year(), iso.week()));
    }
}

// ---------- periods ----------

#[test]
fn this_month_for_several_todays() {
    assert_eq!(
        span(Period::ThisMonth, d(2027, 1, 15)),
        (d(2027, 1, 1), d(2027, 1, 31), 31)
    );
    assert_eq!(
        span(Period::ThisMonth, d(2027, 4, 30)),
        (d(2027, 4, 1), d(2027, 4, 30), 30)
    );
    assert_eq!(
        span(Period::ThisMonth, d(2026, 12, 31)),
        (d(2026, 12, 1), d(2026, 12, 31), 31)
    );
    assert_eq!(
        span(Period::ThisMonth, d(2027, 2, 1)),
        (d(2027, 2, 1), d(2027, 2, 28), 28)
    );
}

#[test]
fn leap_year_month_and_quarter() {
    assert_eq!(
        span(Period::ThisMonth, d(2028, 2, 29)),
        (d(2028, 2, 1), d(2028, 2, 29), 29)
    );
    assert_eq!(
        span(Period::ThisQuarter, d(2028, 2, 29)),
        (d(2028, 1, 1), d(2028, 3, 31), 91)
    );
    assert_eq!(
        span(Period::ThisYear, d(2028, 2, 29)),
        (d(2028, 1, 1), d(2028, 12, 31), 366)
    );
    assert_eq!(
        span(Period::NextQuarter, d(2027, 12, 1)),
        (d(2028, 1, 1), d(2028, 3, 31), 91)
    );
    // 2100 is not a leap year.
    assert_eq!(
        span(Period::ThisMonth, d(2100, 2, 10)),
        (d(2100, 2, 1), d(2100, 2, 28), 28)
    );
}

#[test]
fn this_quarter_for_several_todays() {
    assert_eq!(
        span(Period::ThisQuarter, d(2027, 1, 1)),
        (d(2027, 1, 1), d(2027, 3, 31), 90)
    );
    assert_eq!(
        span(Period::ThisQuarter, d(2027, 3, 31)),
        (d(2027, 1, 1), d(2027, 3, 31), 90)
    );
    assert_eq!(
        span(Period::ThisQuarter, d(2027, 5, 20)),
        (d(2027, 4, 1), d(2027, 6, 30), 91)
    );
    assert_eq!(
        span(Period::ThisQuarter, d(2027, 7, 1)),
        (d(2027, 7, 1), d(2027, 9, 30), 92)
    );
    assert_eq!(
        span(Period::ThisQuarter, d(2027, 12, 31)),
        (d(2027, 10, 1), d(2027, 12, 31), 92)
    );
}

#[test]
fn next_quarter_crosses_the_year_end() {
    assert_eq!(
        span(Period::NextQuarter, d(2026, 11, 15)),
        (d(2027, 1, 1), d(2027, 3, 31), 90)
    );
    assert_eq!(
        span(Period::NextQuarter, d(2027, 3, 31)),
        (d(2027, 4, 1), d(2027, 6, 30), 91)
    );
    assert_eq!(
        span(Period::NextQuarter, d(2027, 8, 8)),
        (d(2027, 10, 1), d(2027, 12, 31), 92)
    );
}

#[test]
fn this_year() {
    assert_eq!(
        span(Period::ThisYear, d(2027, 6, 15)),
        (d(2027, 1, 1), d(2027, 12, 31), 365)
    );
}

#[test]
fn custom_period_and_end_before_start() {
    assert_eq!(
        span(
            Period::Custom {
                start: d(2027, 2, 3),
                end: d(2027, 2, 3)
            },
            d(2020, 1, 1)
        ),
        (d(2027, 2, 3), d(2027, 2, 3), 1)
    );
    let bad = Period::Custom {
        start: d(2027, 2, 3),
        end: d(2027, 2, 2),
    };
    assert_eq!(bad.resolve(d(2027, 1, 1)), Err(TimeError::EndBeforeStart));
}

#[test]
fn weeks_model() {
    let p = resolve(
        Period::Weeks {
            start: d(2027, 1, 4),
            weeks: Ratio::from_int(12),
        },
        d(2000, 1, 1),
    );
    assert_eq!(
        (p.start, p.end, p.days),
        (d(2027, 1, 4), d(2027, 3, 28), 84)
    );
    assert_eq!(p.weeks, Ratio::from_int(12));

    // 1.5 weeks = 10.5 days → 11 days, but T stays 3/2.
    let p = resolve(
        Period::Weeks {
            start: d(2027, 1, 4),
            weeks: r(3, 2),
        },
        d(2000, 1, 1),
    );
    assert_eq!((p.end, p.days, p.weeks), (d(2027, 1, 14), 11, r(3, 2)));

    let zero = Period::Weeks {
        start: d(2027, 1, 4),
        weeks: Ratio::ZERO,
    };
    assert_eq!(
        zero.resolve(d(2027, 1, 1)),
        Err(TimeError::WeeksNotPositive)
    );
}

#[test]
fn huge_periods_are_typed_errors() {
    let max = NaiveDate::MAX;
    let min = NaiveDate::MIN;
    assert_eq!(
        Period::NextQuarter.resolve(max),
        Err(TimeError::DateOutOfRange)
    );
    assert!(Period::ThisMonth.resolve(max).is_ok());
    assert!(Period::ThisQuarter.resolve(max).is_ok());
    assert!(Period::ThisYear.resolve(min).is_ok());
    let huge_weeks = Period::Weeks {
        start: d(2027, 1, 1),
        weeks: Ratio::from_int(u128::MAX),
    };
    assert_eq!(huge_weeks.resolve(min), Err(TimeError::TooLarge));
    let long_weeks = Period::Weeks {
        start: d(2027, 1, 1),
        weeks: Ratio::from_int(u128::from(u32::MAX / 7)),
    };
    assert_eq!(long_weeks.resolve(min), Err(TimeError::DateOutOfRange));
    let whole_calendar = Period::Custom {
        start: min,
        end: max,
    };
    assert_eq!(whole_calendar.resolve(min), Err(TimeError::PeriodTooLong));
    // The longest custom period, and one day more.
    let start = d(2027, 1, 1);
    let last = start + chrono::Days::new(u64::from(MAX_PERIOD_DAYS) - 1);
    let p = Period::Custom { start, end: last }.resolve(min).unwrap();
    assert_eq!(p.days, MAX_PERIOD_DAYS);
    let plan = time_plan(&TimeInput {
        deals: 1,
        stages: &example4_stages(),
        period: p,
        today: min,
        leads_per_rep_week: None,
    })
    .unwrap();
    assert_calendar_consistent(&plan);
    assert_eq!(
        Period::Custom {
            start,
            end: last + chrono::Days::new(1)
        }
        .resolve(min),
        Err(TimeError::PeriodTooLong)
    );
    // A period starting at the first representable day: start − 21 days is
    // before it, a typed error.
    let early = Period::Custom {
        start: min,
        end: min + chrono::Days::new(30),
    }
    .resolve(min)
    .unwrap();
    let result = time_plan(&TimeInput {
        deals: 1,
        stages: &example4_stages(),
        period: early,
        today: min,
        leads_per_rep_week: None,
    });
    assert_eq!(result, Err(TimeError::DateOutOfRange));
}

#[test]
fn period_kind_order_and_default() {
    assert_eq!(PeriodKind::default(), PeriodKind::ThisQuarter);
    assert_eq!(
        PeriodKind::ALL,
        [
            PeriodKind::ThisMonth,
            PeriodKind::ThisQuarter,
            PeriodKind::ThisYear,
            PeriodKind::NextQuarter,
            PeriodKind::Custom,
            PeriodKind::Weeks
        ]
    );
    assert_eq!(Period::NextQuarter.kind(), PeriodKind::NextQuarter);
    let json = serde_json::to_string(&PeriodKind::Weeks).unwrap();
    assert_eq!(
        serde_json::from_str::<PeriodKind>(&json).unwrap(),
        PeriodKind::Weeks
    );
}

// ---------- worked examples ----------

#[test]
fn worked_example_4() {
    let deals = 2_400_000u64 / 20_000;
    assert_eq!(deals, 120);
    let period = resolve(
        Period::Weeks {
            start: d(2027, 1, 4),
            weeks: Ratio::from_int(12),
        },
        d(2026, 12, 1),
    );
    let stages = example4_stages();
    let p = time_plan(&TimeInput {
        deals,
        stages: &stages,
        period,
        today: d(2026, 12, 1),
        leads_per_rep_week: Some(Ratio::from_int(5)),
    })
    .unwrap();
    assert_eq!(p.sales_cycle_days, 21);
    assert_eq!(p.wins_per_week, Ratio::from_int(10));
    assert_eq!(p.leads_per_week, Ratio::from_int(50));
    assert_eq!(p.reps_needed, Some(10));
    let standing: Vec<_> = p.ideal.iter().map(|s| s.standing).collect();
    assert_eq!(standing, vec![Ratio::from_int(50), r(200, 7), r(100, 7)]);
    let rounded: Vec<_> = p.ideal.iter().map(|s| s.standing_rounded).collect();
    assert_eq!(rounded, vec![50, 29, 15]);
    assert_eq!(p.total_leads, 600);
    assert_eq!(p.first_leads_by, d(2026, 12, 14));
    assert_eq!(p.last_entry, d(2027, 3, 7));
    assert_eq!(p.late, Lateness::OnTime);
    assert!(!p.period_shorter_than_cycle);
    // The window starts on a Monday and is 12 whole weeks: 50 a week.
    assert_eq!(p.calendar.len(), 12);
    assert!(p.calendar.iter().all(|w| w.new_leads == 50));
    assert!(p.calendar.iter().all(|w| w.catch_up.is_none() && !w.past));
    assert_calendar_consistent(&p);
}

#[test]
fn q1_2027_is_twelve_and_six_sevenths_weeks() {
    let period = resolve(Period::ThisQuarter, d(2027, 2, 1));
    assert_eq!(period.days, 90);
    assert_eq!(period.weeks, r(90, 7));
    assert_eq!(
        period.weeks,
        Ratio::from_int(12).checked_add(r(6, 7)).unwrap()
    );
    let p = plan(90, &example4_stages(), period, d(2026, 1, 1));
    assert_eq!(p.wins_per_week, Ratio::from_int(7));
    assert_eq!(p.leads_per_week, Ratio::from_int(35));
}

// ---------- calendar ----------

#[test]
fn custom_period_starting_mid_week_across_the_year_end() {
    // 2027-01-20 is a Wednesday; one 14-day stage puts first leads on Wed 2027-01-06.
    let stages = [stage(50, 14)];
    let period = custom(d(2027, 1, 20), d(2027, 2, 28));
    let p = plan(20, &stages, period, d(2026, 1, 1));
    assert_eq!(p.first_leads_by, d(2027, 1, 6));
    assert_eq!(p.calendar[0].week_start, d(2027, 1, 4));
    assert_eq!((p.calendar[0].iso_year, p.calendar[0].iso_week), (2027, 1));
    assert_calendar_consistent(&p);

    // A 21-day cycle before 2027-01-13 (Wed) starts the window on Wed 2026-12-23.
    let period = custom(d(2027, 1, 13), d(2027, 3, 31));
    let p = plan(120, &example4_stages(), period, d(2026, 1, 1));
    assert_eq!(p.first_leads_by, d(2026, 12, 23));
    let weeks: Vec<_> = p
        .calendar
        .iter()
        .take(3)
        .map(|w| (w.week_start, w.iso_year, w.iso_week))
        .collect();
    assert_eq!(
        weeks,
        vec![
            (d(2026, 12, 21), 2026, 52),
            (d(2026, 12, 28), 2026, 53),
            (d(2027, 1, 4), 2027, 1),
        ]
    );
    assert_calendar_consistent(&p);
}

#[test]
fn partial_weeks_get_their_share_and_rows_sum_exactly() {
    // Window Wed 2026-12-23 .. Wed 2027-03-10: 78 days, 600 leads.
    let period = custom(d(2027, 1, 13), d(2027, 3, 31));
    let p = plan(120, &example4_stages(), period, d(2026, 1, 1));
    assert_eq!(p.last_entry, d(2027, 3, 10));
    assert_eq!(p.total_leads, 600);
    // First row covers Wed..Sun = 5 days: ceil(600 × 5 ÷ 78) = 39.
    assert_eq!(p.calendar[0].new_leads, 39);
    // Second row through day 12: ceil(600 × 12 ÷ 78) − 39 = 93 − 39 = 54.
    assert_eq!(p.calendar[1].new_leads, 54);
    let last = p.calendar.last().unwrap();
    assert_eq!(last.week_start, d(2027, 3, 8));
    // Last row covers Mon..Wed = 3 days: 600 − ceil(600 × 75 ÷ 78) = 600 − 577.
    assert_eq!(last.new_leads, 23);
    assert_calendar_consistent(&p);
}

#[test]
fn zero_deals_gives_an_all_zero_calendar() {
    let period = resolve(Period::ThisQuarter, d(2027, 2, 1));
    let p = plan(0, &example4_stages(), period, d(2027, 2, 1));
    assert_eq!(p.wins_per_week, Ratio::ZERO);
    assert_eq!(p.leads_per_week, Ratio::ZERO);
    assert_eq!(p.total_leads, 0);
    assert!(p
        .ideal
        .iter()
        .all(|s| s.standing.is_zero() && s.standing_rounded == 0));
    assert!(!p.calendar.is_empty());
    assert!(p.calendar.iter().all(|w| w.new_leads == 0));
    assert!(p
        .calendar
        .iter()
        .all(|w| w.catch_up.is_none() || w.catch_up == Some(0)));
    assert_calendar_consistent(&p);
}

// ---------- today against the window ----------

#[test]
fn today_before_inside_and_after_the_window() {
    // Q1 2027 with a 21-day cycle: window 2026-12-11 .. 2027-03-10 (90 days).
    let period = resolve(Period::ThisQuarter, d(2027, 1, 1));
    let stages = example4_stages();

    let on_time = plan(90, &stages, period, d(2026, 12, 11));
    assert_eq!(on_time.first_leads_by, d(2026, 12, 11));
    assert_eq!(on_time.last_entry, d(2027, 3, 10));
    assert_eq!(on_time.late, Lateness::OnTime);
    assert!(on_time.calendar.iter().all(|w| w.catch_up.is_none()));

    // 2027-01-01 is a Friday, 21 days late; 69 days left for 450 leads.
    let late = plan(90, &stages, period, d(2027, 1, 1));
    assert_eq!(late.total_leads, 450);
    assert_eq!(
        late.late,
        Lateness::Late {
            days_late: 21,
            weeks_late: Ratio::from_int(3),
            remaining_days: 69,
            catch_up_per_week: r(450 * 7, 69),
        }
    );
    // Steady figures are unchanged by lateness.
    assert_eq!(late.leads_per_week, Ratio::from_int(35));
    let catch: u64 = late.calendar.iter().filter_map(|w| w.catch_up).sum();
    assert_eq!(catch, 450);
    for w in &late.calendar {
        let overlaps = w.week_start + chrono::Days::new(6) >= d(2027, 1, 1);
        assert_eq!(w.catch_up.is_some(), overlaps, "{:?}", w.week_start);
        assert_eq!(w.past, !overlaps);
    }
    // Today's week (Mon 2026-12-28) holds Fri..Sun = 3 remaining days: ceil(450 × 3 ÷ 69) = 20.
    let this_week = late
        .calendar
        .iter()
        .find(|w| w.week_start == d(2026, 12, 28))
        .unwrap();
    assert_eq!(this_week.catch_up, Some(20));
    assert_calendar_consistent(&late);

    let last_day = plan(90, &stages, period, d(2027, 3, 10));
    assert!(matches!(
        last_day.late,
        Lateness::Late {
            remaining_days: 1,
            ..
        }
    ));
    assert_eq!(last_day.calendar.last().unwrap().catch_up, Some(450));

    let too_late = plan(90, &stages, period, d(2027, 3, 15));
    assert_eq!(
        too_late.late,
        Lateness::TooLate {
            days_past_last_entry: 5
        }
    );
    assert!(too_late
        .calendar
        .iter()
        .all(|w| w.catch_up.is_none() && w.past));
}

#[test]
fn period_shorter_than_cycle_is_a_warning() {
    let stages = [stage(50, 40)];
    let period = resolve(Period::ThisMonth, d(2027, 2, 10));
    let p = plan(10, &stages, period, d(2026, 1, 1));
    assert!(p.period_shorter_than_cycle);
    assert!(p.last_entry < period.start);
    assert_eq!(p.total_leads, 20);
    assert_calendar_consistent(&p);

    let p = plan(10, &[stage(50, 27)], period, d(2026, 1, 1));
    assert!(!p.period_shorter_than_cycle);
}

// ---------- errors ----------

#[test]
fn input_errors() {
    let period = resolve(Period::ThisQuarter, d(2027, 1, 1));
    let today = d(2027, 1, 1);
    let run = |stages: &[OpenStage], m: Option<Ratio>| {
        time_plan(&TimeInput {
            deals: 10,
            stages,
            period,
            today,
            leads_per_rep_week: m,
        })
    };
    assert_eq!(run(&[], None), Err(TimeError::NoOpenStages));
    let dwell = [stage(20, 7), stage(35, 0), stage(70, 0)];
    assert_eq!(run(&dwell, None), Err(TimeError::ZeroDwell { stage: 1 }));
    assert_eq!(check_dwell(&dwell), vec![1, 2]);
    assert!(check_dwell(&example4_stages()).is_empty());
    let zero_rate = [stage(0, 7), stage(35, 7)];
    assert_eq!(
        run(&zero_rate, None),
        Err(TimeError::Unreachable { stage: 0 })
    );
    let zero_later = [stage(20, 7), stage(0, 7)];
    assert_eq!(
        run(&zero_later, None),
        Err(TimeError::Unreachable { stage: 1 })
    );
    assert_eq!(
        run(&example4_stages(), Some(Ratio::ZERO)),
        Err(TimeError::RepCapacityNotPositive)
    );
    // 10 wins in 90 days at 20 % is 35/9 leads a week; ÷ 2.5 per rep = 14/9 → 2 reps.
    let fractional = run(&example4_stages(), Some(r(5, 2))).unwrap();
    assert_eq!(fractional.leads_per_week, r(35, 9));
    assert_eq!(fractional.reps_needed, Some(2));

    let mut backwards = period;
    backwards.end = d(2026, 12, 1);
    let r1 = time_plan(&TimeInput {
        deals: 1,
        stages: &example4_stages(),
        period: backwards,
        today,
        leads_per_rep_week: None,
    });
    assert_eq!(r1, Err(TimeError::EndBeforeStart));
    let mut no_weeks = period;
    no_weeks.weeks = Ratio::ZERO;
    let r2 = time_plan(&TimeInput {
        deals: 1,
        stages: &example4_stages(),
        period: no_weeks,
        today,
        leads_per_rep_week: None,
    });
    assert_eq!(r2, Err(TimeError::WeeksNotPositive));
}

#[test]
fn huge_values_give_typed_errors() {
    let period = resolve(Period::ThisQuarter, d(2027, 1, 1));
    let today = d(2027, 1, 1);
    let tiny = [OpenStage {
        win_rate: r(1, u128::MAX),
        dwell_days: 1,
    }];
    let run = |deals, stages: &[OpenStage], period, m| {
        time_plan(&TimeInput {
            deals,
            stages,
            period,
            today,
            leads_per_rep_week: m,
        })
    };
    assert_eq!(run(u64::MAX, &tiny, period, None), Err(TimeError::TooLarge));
    // u64::MAX deals at 100 % fit: total leads is exactly u64::MAX.
    let p = run(u64::MAX, &[stage(100, 1)], period, None).unwrap();
    assert_eq!(p.total_leads, u64::MAX);
    assert_calendar_consistent(&p);
    // …but at 50 % they do not.
    assert_eq!(
        run(u64::MAX, &[stage(50, 1)], period, None),
        Err(TimeError::TooLarge)
    );
    let long_dwell = [stage(50, u32::MAX), stage(60, u32::MAX)];
    assert_eq!(run(1, &long_dwell, period, None), Err(TimeError::TooLarge));
    assert_eq!(
        run(1, &[stage(50, u32::MAX)], period, None),
        Err(TimeError::DateOutOfRange)
    );
    assert_eq!(
        run(1, &[stage(50, 7)], period, Some(r(1, u128::MAX))),
        Err(TimeError::TooLarge)
    );
    // A custom period is at most ten years; a longer one is refused before
    // any calendar is laid out.
    assert_eq!(
        Period::Custom {
            start: d(2000, 1, 1),
            end: d(2500, 1, 1)
        }
        .resolve(today),
        Err(TimeError::PeriodTooLong)
    );
    // A hand-made resolved period that long still gives a typed error.
    let long = ResolvedPeriod {
        start: d(2000, 1, 1),
        end: d(2500, 1, 1),
        days: 182_623,
        weeks: r(182_623, 7),
    };
    assert_eq!(
        run(1, &[stage(50, 7)], long, None),
        Err(TimeError::TooLarge)
    );
    let tiny_weeks = ResolvedPeriod {
        weeks: r(1, u128::MAX),
        ..period
    };
    assert_eq!(
        run(u64::MAX, &[stage(1, 7)], tiny_weeks, None),
        Err(TimeError::TooLarge)
    );
}

// ---------- properties ----------

fn any_date() -> impl Strategy<Value = NaiveDate> {
    (NaiveDate::MIN.num_days_from_ce()..=NaiveDate::MAX.num_days_from_ce())
        .prop_map(|n| NaiveDate::from_num_days_from_ce_opt(n).expect("in range"))
}

fn near_date() -> impl Strategy<Value = NaiveDate> {
    (d(2020, 1, 1).num_days_from_ce()..=d(2035, 12, 31).num_days_from_ce())
        .prop_map(|n| NaiveDate::from_num_days_from_ce_opt(n).expect("in range"))
}

fn any_ratio() -> impl Strategy<Value = Ratio> {
    (any::<u128>(), 1..=u128::MAX).prop_map(|(n, den)| Ratio::new(n, den).expect("den > 0"))
}

fn any_period() -> impl Strategy<Value = Period> {
    prop_oneof![
        Just(Period::ThisMonth),
        Just(Period::ThisQuarter),
        Just(Period::ThisYear),
        Just(Period::NextQuarter),
        (any_date(), any_date()).prop_map(|(start, end)| Period::Custom { start, end }),
        (any_date(), any_ratio()).prop_map(|(start, weeks)| Period::Weeks { start, weeks }),
        (any_date(), 0u128..2000, 1u128..50).prop_map(|(start, n, den)| Period::Weeks {
            start,
            weeks: Ratio::new(n, den).expect("den > 0"),
        }),
    ]
}

/// Funnels with non-decreasing win rates in (0, 1] and dwell ≥ 1.
fn funnel() -> impl Strategy<Value = Vec<OpenStage>> {
    prop::collection::vec((1u128..=100, 1u32..40), 1..5).prop_map(|mut v| {
        v.sort_by_key(|&(p, _)| p);
        v.into_iter()
            .map(|(p, dwell_days)| OpenStage {
                win_rate: Ratio::percent(p),
                dwell_days,
            })
            .collect()
    })
}

proptest! {
    #[test]
    fn resolve_never_panics(period in any_period(), today in any_date()) {
        if let Ok(rp) = period.resolve(today) {
            prop_assert!(rp.start <= rp.end);
            prop_assert_eq!(
                (rp.end - rp.start).num_days() + 1,
                i64::from(rp.days)
            );
            prop_assert!(rp.weeks > Ratio::ZERO);
            if !matches!(period, Period::Weeks { .. }) {
                prop_assert_eq!(rp.weeks, r(u128::from(rp.days), 7));
            }
        }
    }

    #[test]
    fn calendar_properties(
        deals in prop_oneof![0u64..2000, any::<u64>()],
        stages in funnel(),
        start in near_date(),
        len in 1u64..400,
        today in near_date(),
        m in prop::option::of(1u128..20),
    ) {
        let period = custom(start, start + chrono::Days::new(len - 1));
        let result = time_plan(&TimeInput {
            deals,
            stages: &stages,
            period,
            today,
            leads_per_rep_week: m.map(Ratio::from_int),
        });
        let p = match result {
            Ok(p) => p,
            Err(e) => {
                // Only an astronomically large deal count may fail.
                prop_assert_eq!(e, TimeError::TooLarge);
                prop_assert!(deals > u64::MAX / 100);
                return Ok(());
            }
        };
        assert_calendar_consistent(&p);
        for (ideal, s) in p.ideal.iter().zip(&stages) {
            prop_assert!(Ratio::from_int(u128::from(ideal.standing_rounded)) >= ideal.standing);
            prop_assert_eq!(u128::from(ideal.standing_rounded), ideal.standing.ceil());
            let exact = p.wins_per_week
                .checked_div(s.win_rate).unwrap()
                .checked_mul(r(u128::from(s.dwell_days), 7)).unwrap();
            prop_assert_eq!(ideal.standing, exact);
        }
        match p.late {
            Lateness::OnTime => {
                prop_assert!(today <= p.first_leads_by);
                prop_assert!(p.calendar.iter().all(|w| w.catch_up.is_none()));
            }
            Lateness::Late { remaining_days, .. } => {
                prop_assert!(p.first_leads_by < today && today <= p.last_entry);
                prop_assert_eq!(
                    i64::from(remaining_days),
                    (p.last_entry - today).num_days() + 1
                );
                let catch: u64 = p.calendar.iter().filter_map(|w| w.catch_up).sum();
                prop_assert_eq!(catch, p.total_leads);
                for w in &p.calendar {
                    let ends_before_today = w.week_start + chrono::Days::new(6) < today;
                    prop_assert_eq!(w.catch_up.is_none(), ends_before_today);
                    prop_assert_eq!(w.past, ends_before_today);
                }
            }
            Lateness::TooLate { days_past_last_entry } => {
                prop_assert_eq!(
                    i64::from(days_past_last_entry),
                    (today - p.last_entry).num_days()
                );
                prop_assert!(days_past_last_entry > 0);
            }
        }
    }

    #[test]
    fn time_plan_never_panics(
        deals in any::<u64>(),
        rates in prop::collection::vec((any_ratio(), any::<u32>()), 0..4),
        start in any_date(),
        end in any_date(),
        days in any::<u32>(),
        weeks in any_ratio(),
        today in any_date(),
        m in prop::option::of(any_ratio()),
    ) {
        let stages: Vec<_> = rates
            .into_iter()
            .map(|(win_rate, dwell_days)| OpenStage { win_rate, dwell_days })
            .collect();
        let _ = time_plan(&TimeInput {
            deals,
            stages: &stages,
            period: ResolvedPeriod { start, end, days, weeks },
            today,
            leads_per_rep_week: m,
        });
    }
}
