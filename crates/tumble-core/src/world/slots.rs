//! A generational table: stable slot indices, reused after removal with a bumped generation.
//!
//! Removing an entry never moves another one, so a renderer indexing frame buffers by slot keeps
//! drawing every other body where it was. The price is holes: a removed body leaves an empty
//! slot (flagged in the body-state buffer) until the next insertion reuses it.

use serde::{Deserialize, Serialize};

use crate::id::MAX_GENERATION;

#[derive(Debug, Clone, Serialize, Deserialize)]
struct Slot<T> {
    generation: u32,
    value: Option<T>,
}

/// Entries addressed by `(index, generation)`.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub(crate) struct Slots<T> {
    slots: Vec<Slot<T>>,
    /// Empty slots available for reuse, most recently freed last.
    free: Vec<u32>,
    len: usize,
}

impl<T> Default for Slots<T> {
    fn default() -> Self {
        Slots {
            slots: Vec::new(),
            free: Vec::new(),
            len: 0,
        }
    }
}

impl<T> Slots<T> {
    /// Number of live entries.
    pub fn len(&self) -> usize {
        self.len
    }

    /// Number of slots, live or empty: the length of every per-slot frame buffer.
    pub fn capacity(&self) -> usize {
        self.slots.len()
    }

    /// The `(index, generation)` the next [`Slots::insert`] will use.
    pub fn next_key(&self) -> (u32, u32) {
        match self.free.last() {
            Some(&index) => (index, self.slots[index as usize].generation),
            None => (self.slots.len() as u32, 0),
        }
    }

    /// Stores `value` and returns its `(index, generation)`.
    pub fn insert(&mut self, value: T) -> (u32, u32) {
        self.len += 1;
        if let Some(index) = self.free.pop() {
            let slot = &mut self.slots[index as usize];
            slot.value = Some(value);
            (index, slot.generation)
        } else {
            self.slots.push(Slot {
                generation: 0,
                value: Some(value),
            });
            (self.slots.len() as u32 - 1, 0)
        }
    }

    /// The live entry at `(index, generation)`, if any.
    pub fn get(&self, index: u32, generation: u32) -> Option<&T> {
        let slot = self.slots.get(index as usize)?;
        if slot.generation == generation {
            slot.value.as_ref()
        } else {
            None
        }
    }

    /// Mutable access to the live entry at `(index, generation)`, if any.
    pub fn get_mut(&mut self, index: u32, generation: u32) -> Option<&mut T> {
        let slot = self.slots.get_mut(index as usize)?;
        if slot.generation == generation {
            slot.value.as_mut()
        } else {
            None
        }
    }

    /// The live entry in slot `index`, whatever its generation.
    pub fn at(&self, index: usize) -> Option<&T> {
        self.slots.get(index)?.value.as_ref()
    }

    /// Generation of slot `index` (meaningful only while it is live).
    pub fn generation_at(&self, index: usize) -> u32 {
        self.slots[index].generation
    }

    /// Removes and returns the entry at `(index, generation)`. The slot's generation is bumped;
    /// a slot whose generation would pass [`MAX_GENERATION`] is retired instead of reused.
    pub fn remove(&mut self, index: u32, generation: u32) -> Option<T> {
        let slot = self.slots.get_mut(index as usize)?;
        if slot.generation != generation {
            return None;
        }
        let value = slot.value.take()?;
        self.len -= 1;
        if slot.generation < MAX_GENERATION {
            slot.generation += 1;
            self.free.push(index);
        }
        Some(value)
    }

    /// Live entries with their `(index, generation)`, in slot order.
    pub fn iter(&self) -> impl Iterator<Item = (u32, u32, &T)> {
        self.slots.iter().enumerate().filter_map(|(i, slot)| {
            slot.value
                .as_ref()
                .map(|value| (i as u32, slot.generation, value))
        })
    }

    /// Mutable live entries in slot order.
    pub fn iter_mut(&mut self) -> impl Iterator<Item = (u32, u32, &mut T)> {
        self.slots.iter_mut().enumerate().filter_map(|(i, slot)| {
            let generation = slot.generation;
            slot.value
                .as_mut()
                .map(|value| (i as u32, generation, value))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn removing_an_entry_does_not_move_the_others() {
        let mut slots = Slots::default();
        let a = slots.insert('a');
        let b = slots.insert('b');
        let c = slots.insert('c');
        assert_eq!(slots.remove(b.0, b.1), Some('b'));
        assert_eq!(slots.get(a.0, a.1), Some(&'a'));
        assert_eq!(slots.get(c.0, c.1), Some(&'c'));
        assert_eq!(slots.capacity(), 3);
        assert_eq!(slots.len(), 2);
    }

    #[test]
    fn a_reused_slot_does_not_answer_to_the_old_id() {
        let mut slots = Slots::default();
        let old = slots.insert(1);
        slots.remove(old.0, old.1);
        let new = slots.insert(2);
        assert_eq!(new.0, old.0);
        assert_ne!(new.1, old.1);
        assert_eq!(slots.get(old.0, old.1), None);
        assert_eq!(slots.remove(old.0, old.1), None);
        assert_eq!(slots.get(new.0, new.1), Some(&2));
    }

    #[test]
    fn a_slot_at_the_last_generation_is_retired() {
        let mut slots = Slots::default();
        let k = slots.insert(0);
        slots.slots[0].generation = MAX_GENERATION;
        slots.remove(k.0, MAX_GENERATION);
        let next = slots.insert(1);
        assert_eq!(next, (1, 0));
    }
}
