//! Whether every number in a decoded solver state is finite.
//!
//! A step keeps every body finite (the blow-up guard), and rapier keeps the rest finite (an
//! invalid bounding box is `±f32::MAX`, a free joint axis `±f32::MAX`), so a state Tumble saved
//! has no infinity or NaN anywhere. A crafted one can put one where the readable part does not
//! reach: a collider's world position, a manifold's normal, a tree node's box. parry's contact
//! tests then assert in debug builds, and release builds compute garbage contacts from it.
//!
//! serde's data model names every number, so a [`serde::Serializer`] that only looks at floats and
//! writes nothing walks the whole state without allocating.

use serde::ser::{self, Serialize};

/// Whether every `f32` and `f64` in `value`'s serde encoding is finite.
pub(super) fn all_finite<T: Serialize + ?Sized>(value: &T) -> bool {
    value.serialize(FiniteCheck).is_ok()
}

/// A serializer that fails at the first non-finite float and writes nothing.
#[derive(Clone, Copy)]
struct FiniteCheck;

/// The one failure [`FiniteCheck`] reports.
#[derive(Debug)]
struct NotFinite;

impl std::fmt::Display for NotFinite {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("a number is not finite")
    }
}

impl std::error::Error for NotFinite {}

impl ser::Error for NotFinite {
    fn custom<M: std::fmt::Display>(_: M) -> Self {
        NotFinite
    }
}

type Done = Result<(), NotFinite>;

/// Implements the methods that see no float as doing nothing.
macro_rules! ignore {
    ($($method:ident: $ty:ty),* $(,)?) => {
        $(fn $method(self, _: $ty) -> Done { Ok(()) })*
    };
}

impl ser::Serializer for FiniteCheck {
    type Ok = ();
    type Error = NotFinite;
    type SerializeSeq = Self;
    type SerializeTuple = Self;
    type SerializeTupleStruct = Self;
    type SerializeTupleVariant = Self;
    type SerializeMap = Self;
    type SerializeStruct = Self;
    type SerializeStructVariant = Self;

    ignore!(
        serialize_bool: bool, serialize_i8: i8, serialize_i16: i16, serialize_i32: i32,
        serialize_i64: i64, serialize_i128: i128, serialize_u8: u8, serialize_u16: u16,
        serialize_u32: u32, serialize_u64: u64, serialize_u128: u128, serialize_char: char,
        serialize_str: &str, serialize_bytes: &[u8], serialize_unit_struct: &'static str,
    );

    fn serialize_f32(self, v: f32) -> Done {
        v.is_finite().then_some(()).ok_or(NotFinite)
    }

    fn serialize_f64(self, v: f64) -> Done {
        v.is_finite().then_some(()).ok_or(NotFinite)
    }

    fn serialize_none(self) -> Done {
        Ok(())
    }

    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Done {
        value.serialize(self)
    }

    fn serialize_unit(self) -> Done {
        Ok(())
    }

    fn serialize_unit_variant(self, _: &'static str, _: u32, _: &'static str) -> Done {
        Ok(())
    }

    fn serialize_newtype_struct<T: Serialize + ?Sized>(self, _: &'static str, v: &T) -> Done {
        v.serialize(self)
    }

    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        value: &T,
    ) -> Done {
        value.serialize(self)
    }

    fn serialize_seq(self, _: Option<usize>) -> Result<Self, NotFinite> {
        Ok(self)
    }

    fn serialize_tuple(self, _: usize) -> Result<Self, NotFinite> {
        Ok(self)
    }

    fn serialize_tuple_struct(self, _: &'static str, _: usize) -> Result<Self, NotFinite> {
        Ok(self)
    }

    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self, NotFinite> {
        Ok(self)
    }

    fn serialize_map(self, _: Option<usize>) -> Result<Self, NotFinite> {
        Ok(self)
    }

    fn serialize_struct(self, _: &'static str, _: usize) -> Result<Self, NotFinite> {
        Ok(self)
    }

    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self, NotFinite> {
        Ok(self)
    }

    fn is_human_readable(&self) -> bool {
        // As postcard sees it, so each type serializes the fields the saved bytes hold.
        false
    }
}

/// Implements a compound serializer's element methods as checking each element.
macro_rules! elements {
    ($($trait:ident: $method:ident($($name:ident: $ty:ty),*)),* $(,)?) => {
        $(impl ser::$trait for FiniteCheck {
            type Ok = ();
            type Error = NotFinite;

            fn $method<T: Serialize + ?Sized>(&mut self, $($name: $ty,)* value: &T) -> Done {
                $(let _ = $name;)*
                value.serialize(*self)
            }

            fn end(self) -> Done {
                Ok(())
            }
        })*
    };
}

elements!(
    SerializeSeq: serialize_element(),
    SerializeTuple: serialize_element(),
    SerializeTupleStruct: serialize_field(),
    SerializeTupleVariant: serialize_field(),
    SerializeStruct: serialize_field(key: &'static str),
    SerializeStructVariant: serialize_field(key: &'static str),
);

impl ser::SerializeMap for FiniteCheck {
    type Ok = ();
    type Error = NotFinite;

    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Done {
        key.serialize(*self)
    }

    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Done {
        value.serialize(*self)
    }

    fn end(self) -> Done {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{presets, World};

    #[test]
    fn every_preset_is_finite_as_built_stepped_and_dragged() {
        for preset in presets::all() {
            let mut world = World::from_scene(&preset.build(&[]).unwrap()).unwrap();
            assert!(all_finite(&world.state), "{} as built", preset.name);
            for _ in 0..20 {
                world.step();
            }
            if let Some(&id) = world
                .body_ids()
                .iter()
                .find(|&&id| world.body_mass(id).unwrap_or(0.0) > 0.0)
            {
                let p = world.body(id).unwrap().position;
                world.grab(p).unwrap();
                world.drag_to([p[0] + 1.0, p[1]]).unwrap();
                world.step();
            }
            assert!(all_finite(&world.state), "{} stepped", preset.name);
        }
    }

    #[test]
    fn a_non_finite_number_anywhere_is_found() {
        #[derive(serde::Serialize)]
        enum Shape {
            Ball { radius: f32 },
        }
        #[derive(serde::Serialize)]
        struct Deep {
            label: String,
            ids: Vec<(u32, Option<f64>)>,
            shapes: std::collections::BTreeMap<u8, Shape>,
        }
        let deep = |x: f64, r: f32| Deep {
            label: "deep".into(),
            ids: vec![(1, None), (2, Some(x))],
            shapes: [(3, Shape::Ball { radius: r })].into(),
        };
        assert!(all_finite(&deep(1.0, 2.0)));
        assert!(!all_finite(&deep(f64::NAN, 2.0)));
        assert!(!all_finite(&deep(1.0, f32::NEG_INFINITY)));
        assert!(!all_finite(&[f32::INFINITY]));
    }
}
