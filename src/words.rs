//! Word-level helpers shared by the finders.
