//! An exact, non-negative rational number.
//!
//! Rates are typed as percentages with decimals and must give whole answers
//! where the arithmetic is whole: `42 ÷ 35 %` is exactly 120. Floating point
//! gives 120.00000000000001 and a ceiling of 121, so every rate and amount
//! lives here as a reduced fraction and only becomes `f64` for display.

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::cmp::Ordering;
use std::fmt;

/// A reduced fraction `num / den` with `den > 0`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Ratio {
    num: u128,
    den: u128,
}

fn gcd(mut a: u128, mut b: u128) -> u128 {
    while b != 0 {
        let t = a % b;
        a = b;
        b = t;
    }
    a
}

impl Ratio {
    pub const ZERO: Ratio = Ratio { num: 0, den: 1 };
    pub const ONE: Ratio = Ratio { num: 1, den: 1 };

    /// `num / den`, reduced; `None` when `den` is zero.
    pub fn new(num: u128, den: u128) -> Option<Ratio> {
        if den == 0 {
            return None;
        }
        if num == 0 {
            return Some(Ratio::ZERO);
        }
        let g = gcd(num, den);
        Some(Ratio {
            num: num / g,
            den: den / g,
        })
    }

    pub fn from_int(n: u128) -> Ratio {
        Ratio { num: n, den: 1 }
    }

    /// `n` percent, e.g. `percent(35)` is 7/20.
    pub fn percent(n: u128) -> Ratio {
        Ratio::new(n, 100).unwrap_or(Ratio::ZERO)
    }

    pub fn numer(self) -> u128 {
        self.num
    }

    pub fn denom(self) -> u128 {
        self.den
    }

    pub fn is_zero(self) -> bool {
        self.num == 0
    }

    pub fn is_one(self) -> bool {
        self.num == 1 && self.den == 1
    }

    pub fn is_integer(self) -> bool {
        self.den == 1
    }

    /// Product, reduced crosswise first so that intermediate values stay small;
    /// `None` only when the reduced result does not fit.
    pub fn checked_mul(self, other: Ratio) -> Option<Ratio> {
        if self.num == 0 || other.num == 0 {
            return Some(Ratio::ZERO);
        }
        let g1 = gcd(self.num, other.den);
        let g2 = gcd(other.num, self.den);
        let num = (self.num / g1).checked_mul(other.num / g2)?;
        let den = (self.den / g2).checked_mul(other.den / g1)?;
        Some(Ratio { num, den })
    }

    /// Quotient; `None` when dividing by zero or when the result does not fit.
    pub fn checked_div(self, other: Ratio) -> Option<Ratio> {
        if other.num == 0 {
            return None;
        }
        self.checked_mul(Ratio {
            num: other.den,
            den: other.num,
        })
    }

    pub fn checked_add(self, other: Ratio) -> Option<Ratio> {
        let g = gcd(self.den, other.den);
        let l = (self.den / g).checked_mul(other.den)?;
        let a = self.num.checked_mul(l / self.den)?;
        let b = other.num.checked_mul(l / other.den)?;
        Ratio::new(a.checked_add(b)?, l)
    }

    /// `self − other`, `None` when negative or on overflow.
    pub fn checked_sub(self, other: Ratio) -> Option<Ratio> {
        let g = gcd(self.den, other.den);
        let l = (self.den / g).checked_mul(other.den)?;
        let a = self.num.checked_mul(l / self.den)?;
        let b = other.num.checked_mul(l / other.den)?;
        Ratio::new(a.checked_sub(b)?, l)
    }

    /// Smallest integer ≥ self.
    pub fn ceil(self) -> u128 {
        self.num / self.den + u128::from(!self.num.is_multiple_of(self.den))
    }

    /// Largest integer ≤ self.
    pub fn floor(self) -> u128 {
        self.num / self.den
    }

    /// Nearest `f64`, for display and for the binomial search only.
    pub fn to_f64(self) -> f64 {
        self.num as f64 / self.den as f64
    }

    /// Whether writing this ratio with `places` decimals is exact.
    pub fn is_exact_at(self, places: u32) -> bool {
        10u128
            .checked_pow(places)
            .and_then(|scale| self.checked_mul(Ratio::from_int(scale)))
            .is_some_and(Ratio::is_integer)
    }

    /// Decimals a flow per week is shown with (funnel-theory.md,
    /// "Rounding"): none when whole, one from 1 up, and below 1 enough for
    /// two significant digits (1/30 → 3, "0.033"), so a non-zero flow never
    /// shows as 0. At most 20.
    pub fn flow_places(self) -> u32 {
        if self.is_integer() {
            return 0;
        }
        if self >= Ratio::ONE {
            return 1;
        }
        // The first k with self × 10^k ≥ 1 puts the first significant digit
        // at decimal k; one more place gives the second.
        let mut scaled = self;
        for k in 1..20 {
            match scaled.checked_mul(Ratio::from_int(10)) {
                Some(x) if x >= Ratio::ONE => return k + 1,
                Some(x) => scaled = x,
                None => return 20,
            }
        }
        20
    }

    /// Decimals a rate (this ratio as a percentage) is written with, by the
    /// one rule for every rate on the screen and in every field: as many as
    /// it has up to four (what a field keeps); otherwise one, two
    /// significant digits below 1 % (never "0%" for a rate above 0), and as
    /// many as it takes not to read 100 % when it is below (99.96 %). At
    /// most 20.
    pub fn percent_places(self) -> u32 {
        if let Some(d) = self.percent_decimals(4) {
            return d;
        }
        let Some(pct) = self.checked_mul(Ratio::from_int(100)) else {
            return 1;
        };
        let mut places = if pct < Ratio::ONE {
            pct.flow_places()
        } else {
            1
        };
        // Half up at `places` reaches 100 when pct ≥ 100 − ½·10^−places.
        while places < 20 && pct < Ratio::from_int(100) {
            let half = Ratio::new(1, 2 * 10u128.pow(places)).unwrap_or(Ratio::ZERO);
            match Ratio::from_int(100).checked_sub(half) {
                Some(edge) if pct >= edge => places += 1,
                _ => break,
            }
        }
        places
    }

    /// How many decimals this ratio needs when written as a percentage, if it
    /// terminates within `max`: 7/20 → Some(0) (35 %), 1/8 → Some(1) (12.5 %),
    /// 2/7 → None.
    pub fn percent_decimals(self, max: u32) -> Option<u32> {
        let mut rem = (self.num % self.den).checked_mul(100)? % self.den;
        for d in 0..=max {
            if rem == 0 {
                return Some(d);
            }
            rem = rem.checked_mul(10)? % self.den;
        }
        None
    }
}

impl Ord for Ratio {
    /// Exact comparison without multiplying out (which could overflow):
    /// compare integer parts, then the reciprocals of the remainders.
    fn cmp(&self, other: &Ratio) -> Ordering {
        let (mut a, mut b, mut c, mut d) = (self.num, self.den, other.num, other.den);
        let mut flipped = false;
        loop {
            let (q1, r1) = (a / b, a % b);
            let (q2, r2) = (c / d, c % d);
            let ord = if q1 != q2 {
                q1.cmp(&q2)
            } else {
                match (r1 == 0, r2 == 0) {
                    (true, true) => Ordering::Equal,
                    (true, false) => Ordering::Less,
                    (false, true) => Ordering::Greater,
                    (false, false) => {
                        // r1/b vs r2/d has the opposite order of b/r1 vs d/r2.
                        (a, b, c, d) = (b, r1, d, r2);
                        flipped = !flipped;
                        continue;
                    }
                }
            };
            return if flipped { ord.reverse() } else { ord };
        }
    }
}

impl PartialOrd for Ratio {
    fn partial_cmp(&self, other: &Ratio) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl fmt::Display for Ratio {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}", self.num, self.den)
    }
}

/// Saved as the string "num/den": exact, and readable in a saved file.
impl Serialize for Ratio {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Ratio {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Ratio, D::Error> {
        let text = String::deserialize(d)?;
        // The message is formatted only if the codec keeps it.
        let bad = || serde::de::Error::custom(format_args!("not a ratio: \"{text}\""));
        let (n, m) = text.split_once('/').ok_or_else(bad)?;
        let n = n.trim().parse().map_err(|_| bad())?;
        let m = m.trim().parse().map_err(|_| bad())?;
        Ratio::new(n, m).ok_or_else(bad)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn r(n: u128, d: u128) -> Ratio {
        Ratio::new(n, d).unwrap()
    }

    #[test]
    fn reduces_and_compares_exactly() {
        assert_eq!(r(35, 100), r(7, 20));
        assert!(r(1, 3) < r(34, 100));
        assert!(r(2, 7) > r(285_714, 1_000_000));
        assert!(r(u128::MAX - 1, u128::MAX) < Ratio::ONE);
        assert_eq!(r(u128::MAX, 3).cmp(&r(u128::MAX, 3)), Ordering::Equal);
    }

    #[test]
    fn forty_two_over_thirty_five_percent_is_one_hundred_twenty() {
        let q = Ratio::from_int(42).checked_div(Ratio::percent(35)).unwrap();
        assert_eq!(q.ceil(), 120);
    }

    #[test]
    fn flow_places() {
        assert_eq!(Ratio::from_int(7).flow_places(), 0);
        assert_eq!(r(23, 10).flow_places(), 1);
        assert_eq!(r(1, 30).flow_places(), 3, "0.033");
        assert_eq!(r(1, 3).flow_places(), 2, "0.33");
        assert_eq!(
            r(999, 1000).flow_places(),
            2,
            "0.999 shows as 1.0 at two places"
        );
        assert_eq!(r(1, 10_000_000).flow_places(), 8);
        assert!(r(5, 2).is_exact_at(1));
        assert!(!r(1, 3).is_exact_at(4));
        assert!(Ratio::from_int(3).is_exact_at(0));
    }

    #[test]
    fn percent_places() {
        assert_eq!(r(7, 20).percent_places(), 0, "35%");
        assert_eq!(r(1, 8).percent_places(), 1, "12.5%");
        assert_eq!(r(2, 7).percent_places(), 1, "28.6%");
        assert_eq!(r(1, 100_000_000).percent_places(), 7, "0.000001%");
        assert_eq!(r(9_995, 9_999).percent_places(), 2, "99.96%, not 100%");
        assert_eq!(r(99_999, 100_001).percent_places(), 3, "99.998%");
        assert_eq!(r(1, 3).percent_places(), 1, "33.3%");
    }

    #[test]
    fn percent_decimals() {
        assert_eq!(r(7, 20).percent_decimals(4), Some(0));
        assert_eq!(r(1, 8).percent_decimals(4), Some(1));
        assert_eq!(r(2, 7).percent_decimals(4), None);
        assert_eq!(r(123_456, 1_000_000).percent_decimals(4), Some(4));
    }

    #[test]
    fn serde_round_trip() {
        let json = serde_json::to_string(&r(5, 8)).unwrap();
        assert_eq!(json, "\"5/8\"");
        assert_eq!(serde_json::from_str::<Ratio>(&json).unwrap(), r(5, 8));
        assert!(serde_json::from_str::<Ratio>("\"1/0\"").is_err());
    }
}
