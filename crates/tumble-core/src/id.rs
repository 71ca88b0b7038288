//! Generational ids for bodies and joints.
//!
//! An id is a slot index plus a generation that increases every time the slot is reused, so a
//! removed body's id is detected as stale instead of silently naming whatever took its slot.
//! Ids cross into JavaScript as plain numbers: `generation * 2^32 + index`, with the generation
//! kept below 2^21 so that the whole value is an exact integer in an `f64`.

use serde::{Deserialize, Serialize};

/// Largest generation a slot may reach; a slot that would pass it is retired, never reused.
pub const MAX_GENERATION: u32 = (1 << 21) - 1;

macro_rules! generational_id {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        pub struct $name {
            /// The slot this id names.
            pub index: u32,
            /// How many times that slot had been reused when this id was issued.
            pub generation: u32,
        }

        impl $name {
            /// The id as one exact JavaScript number.
            pub fn to_f64(self) -> f64 {
                self.generation as f64 * 4_294_967_296.0 + self.index as f64
            }

            /// Reads an id back from a JavaScript number; `None` for anything that cannot be an
            /// id (negative, fractional, NaN, too large).
            pub fn from_f64(value: f64) -> Option<Self> {
                if !(value.is_finite() && value >= 0.0 && value.fract() == 0.0) {
                    return None;
                }
                if value >= (MAX_GENERATION as f64 + 1.0) * 4_294_967_296.0 {
                    return None;
                }
                let bits = value as u64;
                Some(Self {
                    index: bits as u32,
                    generation: (bits >> 32) as u32,
                })
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                write!(f, "{}", self.to_f64())
            }
        }
    };
}

generational_id!(
    /// Names one body of a [`crate::World`].
    BodyId
);
generational_id!(
    /// Names one joint of a [`crate::World`].
    JointId
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_round_trip_through_js_numbers() {
        let id = BodyId {
            index: 123_456,
            generation: MAX_GENERATION,
        };
        assert_eq!(BodyId::from_f64(id.to_f64()), Some(id));
        assert!(id.to_f64() < 2f64.powi(53));
    }

    #[test]
    fn non_ids_are_rejected() {
        for bad in [-1.0, 0.5, f64::NAN, f64::INFINITY, 2f64.powi(60)] {
            assert_eq!(JointId::from_f64(bad), None, "{bad}");
        }
    }
}
