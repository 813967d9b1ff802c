//! Text: bytes to text ([`decode`]), the one normalization that index and
//! queries share ([`normalize`]), character classes ([`chars`]), the
//! cutting of a report into passages ([`passage`]), and what a reader is
//! shown of a passage ([`reading`], [`snippet`]).

pub mod chars;
pub mod decode;
pub mod headline;
pub mod normalize;
pub mod passage;
pub mod reading;
pub mod snippet;

pub use chars::{is_cjk, is_han};
pub use decode::{decode, DecodeError, Decoded, Encoding};
pub use headline::{first_line_title, text_title};
pub use normalize::{display_text, normalize, normalize_with_map, Normalized};
pub use passage::{cut_all, Passage, SourcePos, OVERLAP_CHARS};
pub use reading::reading_text;
pub use snippet::{snippet, Snippet};
