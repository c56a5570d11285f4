//! Rounding a column so that its rows add up to its total as shown.
//!
//! Rounding each row on its own can leave the shown rows a cent away from
//! the shown total ($0.335 + $0.335 → $0.34 + $0.34 ≠ $0.67). The largest
//! remainder (Hamilton) method rounds the rows so that they sum exactly to
//! the exact total rounded half up: every row is its exact value rounded
//! down or up (never further than one unit of the last place), and the
//! units the total needs go to the rows with the largest remainders.

use super::Ratio;

/// `values` rounded to `places` decimals so that they sum to their exact
/// sum rounded half up to `places` decimals; returned with that total.
/// Ties among remainders go to the earlier row. `None` when a figure does
/// not fit (beyond 128 bits) or `places` > 18.
pub fn apportion(values: &[Ratio], places: u32) -> Option<(Vec<Ratio>, Ratio)> {
    if places > 18 {
        return None;
    }
    let scale = Ratio::from_int(10u128.pow(places));
    let mut floors = Vec::with_capacity(values.len());
    let mut rests = Vec::with_capacity(values.len());
    let mut total = Ratio::ZERO;
    for v in values {
        let scaled = v.checked_mul(scale)?;
        let floor = scaled.floor();
        floors.push(floor);
        rests.push(scaled.checked_sub(Ratio::from_int(floor))?);
        total = total.checked_add(scaled)?;
    }
    // Half up: ⌊total + ½⌋.
    let target = total.checked_add(Ratio::new(1, 2)?)?.floor();
    let floor_sum = floors.iter().try_fold(0u128, |a, &f| a.checked_add(f))?;
    let extra = usize::try_from(target.checked_sub(floor_sum)?).ok()?;
    let mut order: Vec<usize> = (0..values.len()).collect();
    // Largest remainder first; a stable sort keeps ties in row order.
    order.sort_by(|&a, &b| rests.get(b).cmp(&rests.get(a)));
    for &i in order.iter().take(extra) {
        if let Some(f) = floors.get_mut(i) {
            *f = f.checked_add(1)?;
        }
    }
    let den = 10u128.pow(places);
    let rows = floors
        .into_iter()
        .map(|f| Ratio::new(f, den))
        .collect::<Option<Vec<_>>>()?;
    Some((rows, Ratio::new(target, den)?))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn r(n: u128, d: u128) -> Ratio {
        Ratio::new(n, d).unwrap()
    }

    #[test]
    fn rows_add_up_to_the_rounded_total() {
        let (rows, total) = apportion(&[r(335, 1000), r(335, 1000)], 2).unwrap();
        assert_eq!(total, r(67, 100));
        assert_eq!(rows, vec![r(34, 100), r(33, 100)]);
        let (rows, total) = apportion(&[r(1, 3), r(1, 3), r(1, 3)], 2).unwrap();
        assert_eq!(total, Ratio::ONE);
        assert_eq!(rows, vec![r(34, 100), r(33, 100), r(33, 100)]);
    }

    #[test]
    fn exact_values_are_kept() {
        let v = [r(5, 2), Ratio::from_int(7), r(1, 4)];
        let (rows, total) = apportion(&v, 2).unwrap();
        assert_eq!(rows, v.to_vec());
        assert_eq!(total, r(39, 4));
        assert_eq!(apportion(&[], 2), Some((vec![], Ratio::ZERO)));
    }

    #[test]
    fn every_row_is_within_one_unit() {
        let v: Vec<Ratio> = (1..50u128).map(|i| r(i * 7919 % 1000, 7)).collect();
        let (rows, total) = apportion(&v, 0).unwrap();
        let sum = rows
            .iter()
            .fold(Ratio::ZERO, |a, &b| a.checked_add(b).unwrap());
        assert_eq!(sum, total);
        for (x, y) in v.iter().zip(&rows) {
            let d = if x > y {
                x.checked_sub(*y)
            } else {
                y.checked_sub(*x)
            }
            .unwrap();
            assert!(d < Ratio::ONE);
        }
    }

    #[test]
    fn too_large_is_none_not_a_panic() {
        assert_eq!(apportion(&[Ratio::from_int(u128::MAX)], 2), None);
        assert_eq!(apportion(&[Ratio::ONE], 19), None);
    }
}
