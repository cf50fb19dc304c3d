//! The JSON Schema (draft 2020-12) of `kehoach extract`'s JSON output,
//! generated from the model types so that it cannot drift from them.
//!
//! The committed copy is `schema/kehoach.schema.json`; a test fails when it
//! differs from [`render`]'s output.

use crate::model::{Plan, SCHEMA_VERSION};
use schemars::generate::SchemaSettings;
use serde_json::Value;

/// The schema as a JSON value. It describes the output as serialized
/// (`Option` fields are required and may be null), and it allows fields it
/// does not name, so that output with a newer minor version still validates.
pub fn schema() -> Value {
    let generator = SchemaSettings::draft2020_12()
        .for_serialize()
        .into_generator();
    let mut schema = generator.into_root_schema_for::<Plan>();
    schema.insert("title".into(), "kehoach plan".into());
    schema.insert(
        "description".into(),
        format!(
            "One Vietnamese government plan as extracted by kehoach (`kehoach extract`), \
             schema_version {SCHEMA_VERSION}. Every record carries a span into the source as given."
        )
        .into(),
    );
    schema.to_value()
}

/// The schema as pretty-printed JSON with a final newline, as committed in
/// `schema/kehoach.schema.json`.
pub fn render() -> String {
    let mut text = serde_json::to_string_pretty(&schema())
        .unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"));
    text.push('\n');
    text
}
