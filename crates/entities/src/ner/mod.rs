//! The learned name recogniser.
