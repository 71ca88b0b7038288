//! Display colours: RGBA packed into one `u32`, written `#rrggbb` or `#rrggbbaa` in scenes.

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// An RGBA colour. In memory `0xRRGGBBAA`; in scene JSON `"#rrggbbaa"` (or `"#rrggbb"`, opaque).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Color(pub u32);

impl Color {
    /// The colour a body gets when its description names none.
    pub const DEFAULT: Color = Color(0x4f8fd6ff);

    /// Builds a colour from its four channels.
    pub const fn rgba(r: u8, g: u8, b: u8, a: u8) -> Color {
        Color(((r as u32) << 24) | ((g as u32) << 16) | ((b as u32) << 8) | a as u32)
    }

    /// Parses `#rrggbb` or `#rrggbbaa` (either case).
    pub fn parse(text: &str) -> Option<Color> {
        let hex = text.strip_prefix('#')?;
        if !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
            return None;
        }
        let value = u32::from_str_radix(hex, 16).ok()?;
        match hex.len() {
            6 => Some(Color((value << 8) | 0xff)),
            8 => Some(Color(value)),
            _ => None,
        }
    }
}

impl Default for Color {
    fn default() -> Self {
        Color::DEFAULT
    }
}

impl std::fmt::Display for Color {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "#{:08x}", self.0)
    }
}

impl Serialize for Color {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Color {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        Color::parse(&text).ok_or_else(|| {
            serde::de::Error::custom(format!(
                "expected a colour like \"#ff8800\" or \"#ff8800cc\", got {text:?}"
            ))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_both_forms_and_prints_the_long_one() {
        assert_eq!(Color::parse("#FF8800"), Some(Color(0xff8800ff)));
        assert_eq!(Color::parse("#ff880080"), Some(Color(0xff880080)));
        assert_eq!(Color(0xff880080).to_string(), "#ff880080");
    }

    #[test]
    fn rejects_what_is_not_a_colour() {
        for bad in ["", "red", "#12345", "#+12345", "ff8800", "#ff8800ff00"] {
            assert_eq!(Color::parse(bad), None, "{bad}");
        }
    }
}
