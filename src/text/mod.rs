//! Text: bytes to text, the one normalization, and passages.
pub mod decode;
pub mod normalize;
pub mod passage;
