//! The events stage: from an analysed article (its text, mentions and time
//! expressions), the events it reports — who did what to whom, where and
//! when, with how many dead and injured — each with the sentence that says
//! so and the rule behind every field.

pub mod casualties;
