// PLACEHOLDER until the decode helper delivers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding { Utf8, Utf8Bom, Utf16Le, Utf16Be, Gb18030 }
impl Encoding { pub fn name(self) -> &'static str { "utf-8" } }
#[derive(Debug)]
pub struct Decoded<'a> { pub text: std::borrow::Cow<'a, str>, pub encoding: Encoding, pub replaced: usize }
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DecodeError { Binary { reason: String } }
impl std::fmt::Display for DecodeError { fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result { match self { DecodeError::Binary { reason } => f.write_str(reason) } } }
impl std::error::Error for DecodeError {}
pub fn decode(bytes: &[u8]) -> Result<Decoded<'_>, DecodeError> { Ok(Decoded { text: String::from_utf8_lossy(bytes), encoding: Encoding::Utf8, replaced: 0 }) }
