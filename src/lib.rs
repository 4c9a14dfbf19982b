//! diplo: turn a folder of diplomatic readouts into a searchable, structured corpus.
//!
//! The pipeline: [`walk`] finds files, [`loader`] turns each into a [`record::Record`],
//! [`index`] stores records in tantivy, [`query`] and [`search`] answer questions, and
//! [`output`] prints answers. [`commands`] wires one subcommand each; [`cli`] declares flags.

pub mod cli;
pub mod commands;
pub mod contacts;
pub mod corpus;
pub mod data;
pub mod generate;
pub mod index;
pub mod loader;
pub mod memory;
pub mod output;
pub mod query;
pub mod record;
pub mod search;
pub mod serve;
pub mod views;
pub mod walk;
