//! Mutations of real scene JSON: structural edits on the parsed value, then edits on the text.

use proptest::prelude::*;
use serde_json::Value;

/// Stands for a raw JSON token spliced into the text after serialization.
const RAW: &str = "@@RAW@@";

#[derive(Debug, Clone)]
enum Seg {
    Key(String),
    Index(usize),
}

fn collect(v: &Value, path: &mut Vec<Seg>, keep: &dyn Fn(&Value) -> bool, out: &mut Vec<Vec<Seg>>) {
    if keep(v) {
        out.push(path.clone());
    }
    match v {
        Value::Object(map) => {
            for (k, child) in map {
                path.push(Seg::Key(k.clone()));
                collect(child, path, keep, out);
                path.pop();
            }
        }
        Value::Array(items) => {
            for (i, child) in items.iter().enumerate() {
                path.push(Seg::Index(i));
                collect(child, path, keep, out);
                path.pop();
            }
        }
        _ => {}
    }
}

fn get_mut<'a>(v: &'a mut Value, path: &[Seg]) -> Option<&'a mut Value> {
    let mut cur = v;
    for seg in path {
        cur = match seg {
            Seg::Key(k) => cur.as_object_mut()?.get_mut(k)?,
            Seg::Index(i) => cur.as_array_mut()?.get_mut(*i)?,
        };
    }
    Some(cur)
}

/// Paths of the nodes that satisfy `keep`, in document order.
fn paths(v: &Value, keep: impl Fn(&Value) -> bool) -> Vec<Vec<Seg>> {
    let mut out = Vec::new();
    collect(v, &mut Vec::new(), &keep, &mut out);
    out
}

/// A value to put in place of another, with its label.
fn replacement() -> impl Strategy<Value = (Value, &'static str)> {
    use serde_json::json;
    let raw = |t: &str| Value::String(format!("{RAW}{t}"));
    prop::sample::select(vec![
        (Value::Null, "null"),
        (json!(true), "bool"),
        (json!("text"), "string"),
        (json!("NaN"), "\"NaN\" string"),
        (json!(""), "empty string"),
        (json!(1.0e39), "1e39 (past f32)"),
        (json!(-1.0e39), "-1e39 (past f32)"),
        (json!(1.0e30), "1e30"),
        (json!(-1.0e30), "-1e30"),
        (json!(1.0e-30), "1e-30"),
        (json!(-1.0e-30), "-1e-30"),
        (json!(1.0e-50), "1e-50 (f32 underflow)"),
        (json!(-0.0), "-0.0"),
        (json!(0), "0"),
        (json!(-1), "-1"),
        (json!(0.5), "0.5 (fraction)"),
        (json!(1.0e6), "1e6 (limit)"),
        (json!(1000001.0), "just past 1e6"),
        (json!(u64::MAX), "u64::MAX"),
        (json!(i64::MIN), "i64::MIN"),
        (json!(4294967296u64), "2^32"),
        (json!(1.0e308), "1e308"),
        (json!([]), "empty array"),
        (json!({}), "empty object"),
        (json!([1, 2, 3]), "array of 3"),
        (json!({"type": "circle", "radius": 1}), "a shape object"),
        (
            json!([[[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]]]),
            "nested arrays",
        ),
        (Value::String("x".repeat(100_000)), "100k string"),
        (raw("NaN"), "raw NaN token"),
        (raw("Infinity"), "raw Infinity token"),
        (raw("-Infinity"), "raw -Infinity token"),
        (raw("1e400"), "raw 1e400"),
        (raw("-1e400"), "raw -1e400"),
        (raw("1e-400"), "raw 1e-400"),
        (raw("01"), "raw leading zero"),
        (raw("+1"), "raw +1"),
        (raw(".5"), "raw .5"),
        (raw("0x10"), "raw hex"),
        (raw("\"\\ud800\""), "raw lone surrogate"),
        (raw(&"[".repeat(10_000)), "raw 10000 open brackets"),
        (
            raw(&format!("{}1{}", "[".repeat(127), "]".repeat(127))),
            "raw 127 nested arrays",
        ),
        (
            raw(&format!("{}1{}", "[".repeat(129), "]".repeat(129))),
            "raw 129 nested arrays",
        ),
    ])
}

#[derive(Debug, Clone)]
pub enum Mutation {
    Delete(u64),
    Rename(u64, &'static str),
    Replace(u64, Value, &'static str),
    Number(u64, u8),
    ArrayDuplicate(u64, u64, u8),
    ArrayRemove(u64, u64),
    ArraySwap(u64, u64, u64),
    ArrayTruncate(u64, u64),
    StringSwap(u64, &'static str),
    DuplicateKey(&'static str, u64),
    Truncate(f64),
    FlipByte(f64, u8),
    InsertBytes(f64, Vec<u8>),
    DeleteRange(f64, u16),
    Garbage(Vec<u8>),
    Bom,
}

impl Mutation {
    /// The class of input this mutation makes, for the tally.
    pub fn label(&self) -> String {
        match self {
            Mutation::Delete(_) => "delete a key or element".into(),
            Mutation::Rename(_, n) => format!("rename a key to {n:?}"),
            Mutation::Replace(_, _, l) => format!("replace a value with {l}"),
            Mutation::Number(_, k) => {
                format!("number {}", NUMBER_EDITS[*k as usize % NUMBER_EDITS.len()])
            }
            Mutation::ArrayDuplicate(_, _, n) => {
                format!("duplicate an array element ×{}", 1 + *n as usize % 40)
            }
            Mutation::ArrayRemove(..) => "remove an array element".into(),
            Mutation::ArraySwap(..) => "swap array elements".into(),
            Mutation::ArrayTruncate(..) => "truncate an array".into(),
            Mutation::StringSwap(_, s) => format!("string value := {s:?}"),
            Mutation::DuplicateKey(k, _) => format!("duplicate key {k:?}"),
            Mutation::Truncate(_) => "truncate the text".into(),
            Mutation::FlipByte(..) => "flip a byte".into(),
            Mutation::InsertBytes(..) => "insert random bytes".into(),
            Mutation::DeleteRange(..) => "delete a byte range".into(),
            Mutation::Garbage(_) => "random bytes only".into(),
            Mutation::Bom => "leading BOM".into(),
        }
    }
}

const NUMBER_EDITS: &[&str] = &[
    "negated",
    "×1e30",
    "×1e-30",
    "+0.5",
    "set to 0",
    "×1e6",
    "+1",
    "-1",
    "×-1e38",
    "to next f32 above 1e6",
];

const NAMES: &[&str] = &[
    "Position",
    "colour",
    "",
    "type ",
    "shapes",
    "body_a",
    "bodyB",
    "radius",
    "format",
    "version",
    "solverState",
    "__proto__",
    "x\u{0}y",
    "ünïcode",
];

const KEYS: &[&str] = &[
    "format",
    "version",
    "bodies",
    "joints",
    "shape",
    "type",
    "position",
    "radius",
    "settings",
    "hz",
    "bodyA",
    "bodyB",
    "solverState",
    "checksum",
    "data",
    "clock",
    "camera",
];

const STRINGS: &[&str] = &[
    "circle",
    "box",
    "capsule",
    "polygon",
    "segment",
    "polyline",
    "dynamic",
    "static",
    "kinematic",
    "revolute",
    "prismatic",
    "weld",
    "rope",
    "spring",
    "Dynamic",
    "CIRCLE",
    "tumble-scene",
    "tumble-scene-v2",
    "#ff8800",
    "#ff880",
    "#gg0000",
    "red",
    "",
    "postcard-base64",
    "msgpack-base64",
    "json",
    "0000000000000000",
    "AAAA",
    "!!notbase64!!",
];

pub fn mutation() -> impl Strategy<Value = Mutation> {
    let sel = any::<u64>;
    let frac = || 0.0f64..1.0;
    prop_oneof![
        3 => sel().prop_map(Mutation::Delete),
        2 => (sel(), prop::sample::select(NAMES)).prop_map(|(s, n)| Mutation::Rename(s, n)),
        6 => (sel(), replacement()).prop_map(|(s, (v, l))| Mutation::Replace(s, v, l)),
        5 => (sel(), any::<u8>()).prop_map(|(s, k)| Mutation::Number(s, k)),
        2 => (sel(), sel(), any::<u8>()).prop_map(|(a, i, n)| Mutation::ArrayDuplicate(a, i, n)),
        2 => (sel(), sel()).prop_map(|(a, i)| Mutation::ArrayRemove(a, i)),
        1 => (sel(), sel(), sel()).prop_map(|(a, i, j)| Mutation::ArraySwap(a, i, j)),
        1 => (sel(), sel()).prop_map(|(a, n)| Mutation::ArrayTruncate(a, n)),
        2 => (sel(), prop::sample::select(STRINGS)).prop_map(|(s, v)| Mutation::StringSwap(s, v)),
        1 => (prop::sample::select(KEYS), sel()).prop_map(|(k, n)| Mutation::DuplicateKey(k, n)),
        1 => frac().prop_map(Mutation::Truncate),
        2 => (frac(), 1u8..=255).prop_map(|(f, x)| Mutation::FlipByte(f, x)),
        1 => (frac(), prop::collection::vec(any::<u8>(), 1..8)).prop_map(|(f, b)| Mutation::InsertBytes(f, b)),
        1 => (frac(), any::<u16>()).prop_map(|(f, n)| Mutation::DeleteRange(f, n)),
        1 => prop::collection::vec(any::<u8>(), 0..64).prop_map(Mutation::Garbage),
        1 => Just(Mutation::Bom),
    ]
}

fn pick(items: &[Vec<Seg>], sel: u64) -> Option<&Vec<Seg>> {
    if items.is_empty() {
        None
    } else {
        Some(&items[(sel % items.len() as u64) as usize])
    }
}

/// Applies the structural mutations to `value` (returns false for a text mutation).
fn apply_value(value: &mut Value, m: &Mutation) -> bool {
    match m {
        Mutation::Delete(sel) => {
            let all = paths(value, |_| true);
            let non_root: Vec<_> = all.into_iter().filter(|p| !p.is_empty()).collect();
            if let Some(p) = pick(&non_root, *sel) {
                let (last, parent) = p.split_last().unwrap();
                if let Some(parent) = get_mut(value, parent) {
                    match (parent, last) {
                        (Value::Object(map), Seg::Key(k)) => {
                            map.remove(k);
                        }
                        (Value::Array(items), Seg::Index(i)) => {
                            items.remove(*i);
                        }
                        _ => {}
                    }
                }
            }
        }
        Mutation::Rename(sel, name) => {
            let keyed: Vec<_> = paths(value, |_| true)
                .into_iter()
                .filter(|p| matches!(p.last(), Some(Seg::Key(_))))
                .collect();
            if let Some(p) = pick(&keyed, *sel) {
                let (last, parent) = p.split_last().unwrap();
                if let (Some(Value::Object(map)), Seg::Key(k)) = (get_mut(value, parent), last) {
                    if let Some(v) = map.remove(k) {
                        map.insert(name.to_string(), v);
                    }
                }
            }
        }
        Mutation::Replace(sel, new, _) => {
            let all = paths(value, |_| true);
            if let Some(p) = pick(&all, *sel) {
                if let Some(node) = get_mut(value, p) {
                    *node = new.clone();
                }
            }
        }
        Mutation::Number(sel, kind) => {
            let nums = paths(value, |v| v.is_number());
            if let Some(p) = pick(&nums, *sel) {
                if let Some(node) = get_mut(value, p) {
                    let x = node.as_f64().unwrap_or(0.0);
                    let y = match *kind as usize % NUMBER_EDITS.len() {
                        0 => -x,
                        1 => x * 1e30,
                        2 => x * 1e-30,
                        3 => x + 0.5,
                        4 => 0.0,
                        5 => x * 1e6,
                        6 => x + 1.0,
                        7 => x - 1.0,
                        8 => x * -1e38,
                        _ => f64::from(f32::from_bits(1.0e6f32.to_bits() + 1)),
                    };
                    if let Some(n) = serde_json::Number::from_f64(y) {
                        *node = if y.fract() == 0.0 && y.abs() < 9.0e15 {
                            serde_json::json!(y as i64)
                        } else {
                            Value::Number(n)
                        };
                    }
                }
            }
        }
        Mutation::ArrayDuplicate(a, i, n) => {
            let arrays = paths(value, |v| v.as_array().is_some_and(|a| !a.is_empty()));
            if let Some(p) = pick(&arrays, *a) {
                if let Some(Value::Array(items)) = get_mut(value, p) {
                    let i = (*i % items.len() as u64) as usize;
                    let copy = items[i].clone();
                    for _ in 0..1 + *n as usize % 40 {
                        items.insert(i, copy.clone());
                    }
                }
            }
        }
        Mutation::ArrayRemove(a, i) => {
            let arrays = paths(value, |v| v.as_array().is_some_and(|a| !a.is_empty()));
            if let Some(p) = pick(&arrays, *a) {
                if let Some(Value::Array(items)) = get_mut(value, p) {
                    let i = (*i % items.len() as u64) as usize;
                    items.remove(i);
                }
            }
        }
        Mutation::ArraySwap(a, i, j) => {
            let arrays = paths(value, |v| v.as_array().is_some_and(|a| a.len() > 1));
            if let Some(p) = pick(&arrays, *a) {
                if let Some(Value::Array(items)) = get_mut(value, p) {
                    let n = items.len() as u64;
                    items.swap((*i % n) as usize, (*j % n) as usize);
                }
            }
        }
        Mutation::ArrayTruncate(a, n) => {
            let arrays = paths(value, |v| v.as_array().is_some_and(|a| !a.is_empty()));
            if let Some(p) = pick(&arrays, *a) {
                if let Some(Value::Array(items)) = get_mut(value, p) {
                    let keep = (*n % items.len() as u64) as usize;
                    items.truncate(keep);
                }
            }
        }
        Mutation::StringSwap(sel, s) => {
            let strings = paths(value, |v| v.is_string());
            if let Some(p) = pick(&strings, *sel) {
                if let Some(node) = get_mut(value, p) {
                    *node = Value::String(s.to_string());
                }
            }
        }
        _ => return false,
    }
    true
}

fn at(text: &[u8], f: f64) -> usize {
    ((text.len() as f64 * f) as usize).min(text.len())
}

/// Applies a text mutation to the serialized scene.
fn apply_text(text: &mut Vec<u8>, m: &Mutation) {
    match m {
        Mutation::DuplicateKey(key, nth) => {
            let needle = format!("\"{key}\":");
            let s = String::from_utf8_lossy(text).into_owned();
            let hits: Vec<usize> = s.match_indices(&needle).map(|(i, _)| i).collect();
            if !hits.is_empty() {
                let i = hits[(*nth % hits.len() as u64) as usize];
                let mut out = s[..i].to_string();
                out.push_str(&format!("{needle}0,"));
                out.push_str(&s[i..]);
                *text = out.into_bytes();
            }
        }
        Mutation::Truncate(f) => {
            let n = at(text, *f);
            text.truncate(n);
        }
        Mutation::FlipByte(f, x) if !text.is_empty() => {
            let i = at(text, *f).min(text.len() - 1);
            text[i] ^= x;
        }
        Mutation::FlipByte(..) => {}
        Mutation::InsertBytes(f, bytes) => {
            let i = at(text, *f);
            text.splice(i..i, bytes.iter().copied());
        }
        Mutation::DeleteRange(f, n) => {
            let i = at(text, *f);
            let j = (i + *n as usize % 200).min(text.len());
            text.drain(i..j);
        }
        Mutation::Garbage(bytes) => *text = bytes.clone(),
        Mutation::Bom => {
            text.splice(0..0, "\u{feff}".bytes());
        }
        _ => {}
    }
}

/// Mutates `scene` (parsed JSON) and returns the text to load, pretty or compact.
pub fn mutate(scene: &Value, mutations: &[Mutation], pretty: bool) -> String {
    let mut value = scene.clone();
    let mut text_mutations = Vec::new();
    for m in mutations {
        if !apply_value(&mut value, m) {
            text_mutations.push(m);
        }
    }
    let text = if pretty {
        serde_json::to_string_pretty(&value).unwrap()
    } else {
        serde_json::to_string(&value).unwrap()
    };
    let text = splice_raw(text);
    let mut bytes = text.into_bytes();
    for m in text_mutations {
        apply_text(&mut bytes, m);
    }
    String::from_utf8_lossy(&bytes).into_owned()
}

/// Replaces every `"@@RAW@@token"` string with the bare token.
fn splice_raw(mut text: String) -> String {
    let marker = format!("\"{RAW}");
    while let Some(start) = text.find(&marker) {
        // The token ends at the closing quote of the string (tokens contain escaped quotes only
        // as `\"`, which serde_json writes as `\\\"`).
        let body_start = start + marker.len();
        let mut end = body_start;
        let bytes = text.as_bytes();
        while end < bytes.len() {
            if bytes[end] == b'\\' {
                end += 2;
                continue;
            }
            if bytes[end] == b'"' {
                break;
            }
            end += 1;
        }
        let token: String =
            serde_json::from_str(&format!("\"{}\"", &text[body_start..end])).unwrap_or_default();
        text.replace_range(start..=end.min(text.len() - 1), &token);
    }
    text
}

/// The checksum a save's `solverState` carries, so the harness can forge a matching one after
/// editing the readable part, as an attacker could.
pub use tumble_core::scene::solver_state::checksum;

/// A mutation of the postcard bytes inside `solverState.data`. postcard is positional and has no
/// type tags, so mutations work on bytes: integers are LEB128 varints (lengths, handle indices,
/// generations, counts), floats are 4 or 8 raw little-endian bytes.
#[derive(Debug, Clone)]
pub enum StateMutation {
    /// XOR bytes at fractions of the length.
    Flip(Vec<(f64, u8)>),
    /// Set bytes to a boundary value (0x00, 0x01, 0x7f, 0x80, 0xff).
    Set(Vec<(f64, u8)>),
    /// Cut the data short.
    Truncate(f64),
    /// Write a varint (a huge length, a far handle index, zero) over the bytes at a fraction of
    /// the length.
    Varint(f64, u64),
    /// Write a float's 4 bytes (NaN, ±inf, huge) at a fraction of the length.
    Float(f64, f32),
    /// Remove `n` bytes at a fraction of the length (a shifted stream).
    Remove(f64, u8),
    /// Duplicate `n` bytes at a fraction of the length.
    Duplicate(f64, u8),
}

impl StateMutation {
    pub fn label(&self) -> &'static str {
        match self {
            StateMutation::Flip(_) => "solverState: flipped bytes",
            StateMutation::Set(_) => "solverState: bytes set to boundary values",
            StateMutation::Truncate(_) => "solverState: truncated",
            StateMutation::Varint(..) => "solverState: a varint written over",
            StateMutation::Float(..) => "solverState: a float written over",
            StateMutation::Remove(..) => "solverState: bytes removed",
            StateMutation::Duplicate(..) => "solverState: bytes duplicated",
        }
    }
}

pub fn state_mutation() -> impl Strategy<Value = StateMutation> {
    let spots = || prop::collection::vec((0.0f64..1.0, any::<u8>()), 1..6);
    prop_oneof![
        2 => spots().prop_map(StateMutation::Flip),
        2 => spots().prop_map(|v| StateMutation::Set(
            v.into_iter()
                .map(|(f, b)| (f, [0x00, 0x01, 0x7f, 0x80, 0xff][b as usize % 5]))
                .collect()
        )),
        1 => (0.0f64..1.0).prop_map(StateMutation::Truncate),
        4 => (0.0f64..1.0, prop::sample::select(vec![
            0u64, 1, 2, 3, 7, 255, 65_535, 1 << 20, 4_294_967_295, 4_294_967_296, u64::MAX
        ])).prop_map(|(f, v)| StateMutation::Varint(f, v)),
        3 => (0.0f64..1.0, prop::sample::select(vec![
            f32::NAN, f32::INFINITY, f32::NEG_INFINITY, 1.0e30, -1.0e30, 1.0e-30, 0.0, -1.0, 1.0e6
        ])).prop_map(|(f, v)| StateMutation::Float(f, v)),
        1 => (0.0f64..1.0, 1u8..16).prop_map(|(f, n)| StateMutation::Remove(f, n)),
        1 => (0.0f64..1.0, 1u8..16).prop_map(|(f, n)| StateMutation::Duplicate(f, n)),
    ]
}

/// `v` as a LEB128 varint, as postcard writes every integer wider than a byte.
fn varint(mut v: u64) -> Vec<u8> {
    let mut out = Vec::new();
    loop {
        let byte = (v & 0x7f) as u8;
        v >>= 7;
        if v == 0 {
            out.push(byte);
            return out;
        }
        out.push(byte | 0x80);
    }
}

/// Applies a state mutation to the decoded bytes; `None` if it could not be made.
pub fn mutate_state(bytes: &[u8], m: &StateMutation) -> Option<Vec<u8>> {
    if bytes.is_empty() {
        return None;
    }
    let mut out = bytes.to_vec();
    let at = |f: f64, len: usize| ((len as f64 * f) as usize).min(len.saturating_sub(1));
    let overwrite = |out: &mut Vec<u8>, i: usize, with: &[u8]| {
        for (k, &b) in with.iter().enumerate() {
            if let Some(slot) = out.get_mut(i + k) {
                *slot = b;
            }
        }
    };
    match m {
        StateMutation::Flip(spots) => {
            for &(f, x) in spots {
                let i = at(f, out.len());
                out[i] ^= x.max(1);
            }
        }
        StateMutation::Set(spots) => {
            for &(f, b) in spots {
                let i = at(f, out.len());
                out[i] = b;
            }
        }
        StateMutation::Truncate(f) => out.truncate(at(*f, out.len())),
        StateMutation::Varint(f, v) => overwrite(&mut out, at(*f, bytes.len()), &varint(*v)),
        StateMutation::Float(f, v) => overwrite(&mut out, at(*f, bytes.len()), &v.to_le_bytes()),
        StateMutation::Remove(f, n) => {
            let i = at(*f, bytes.len());
            out.drain(i..(i + *n as usize).min(bytes.len()));
        }
        StateMutation::Duplicate(f, n) => {
            let i = at(*f, bytes.len());
            let piece = bytes[i..(i + *n as usize).min(bytes.len())].to_vec();
            out.splice(i..i, piece);
        }
    }
    Some(out)
}
