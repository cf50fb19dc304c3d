//! The JSON Schema: generated from the model, committed, and the outputs
//! validate against it.

use crate::common::{SAMPLE, extract, repo};
use kehoach::export::schema;

/// Where the committed schema lives.
const COMMITTED: &str = "schema/kehoach.schema.json";

fn validator() -> jsonschema::Validator {
    jsonschema::validator_for(&schema::schema()).expect("the generated schema compiles")
}

fn errors(v: &jsonschema::Validator, instance: &serde_json::Value) -> Vec<String> {
    v.iter_errors(instance)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect()
}

#[test]
fn schema_is_draft_2020_12_and_names_the_plan() {
    let s = schema::schema();
    assert_eq!(s["$schema"], "https://json-schema.org/draft/2020-12/schema");
    assert_eq!(s["type"], "object");
    let required: Vec<&str> = s["required"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    assert!(required.contains(&"schema_version") && required.contains(&"groups"));
    // Serialized Option fields are always present (null when absent).
    let unit_required = &s["$defs"]["Unit"]["required"];
    assert!(
        unit_required
            .as_array()
            .unwrap()
            .contains(&"canonical".into()),
        "{unit_required}"
    );
    // `match` is the serde name of Unit::matched.
    assert!(s["$defs"]["Unit"]["properties"]["match"].is_object());
}

#[test]
fn committed_schema_is_the_generated_one() {
    let committed = std::fs::read_to_string(repo(COMMITTED)).unwrap_or_default();
    let generated = schema::render();
    assert!(
        committed == generated,
        "{COMMITTED} differs from the schema the model types generate.\n\
         If the model change is intended, regenerate it:\n\n    \
         cargo run -- schema > {COMMITTED}\n\n\
         and bump model::SCHEMA_VERSION (minor for a new field, major for a \
         renamed, removed or retyped one; see README, \"JSON output\")."
    );
}

#[test]
fn the_schema_command_prints_the_committed_schema() {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_kehoach"))
        .arg("schema")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(String::from_utf8(out.stdout).unwrap(), schema::render());
}

#[test]
fn the_sample_and_every_fixture_validate() {
    let v = validator();
    let mut failures = Vec::new();
    let mut inputs = vec![SAMPLE.to_string()];
    for entry in std::fs::read_dir(repo("fixtures")).unwrap() {
        let name = entry.unwrap().file_name().into_string().unwrap();
        if name.ends_with(".txt") {
            inputs.push(format!("fixtures/{name}"));
        }
    }
    assert!(inputs.len() > 3);
    for rel in &inputs {
        let value = serde_json::to_value(extract(rel)).unwrap();
        for e in errors(&v, &value) {
            failures.push(format!("{rel}: {e}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn the_schema_rejects_what_the_model_cannot_produce() {
    // Guard against a schema that accepts anything.
    let v = validator();
    let good = serde_json::to_value(extract(SAMPLE)).unwrap();
    assert!(v.is_valid(&good));

    let mut bad_kind = good.clone();
    bad_kind["groups"][0]["tasks"][0]["timeframe"]["kind"] = "sometime".into();
    assert!(!v.is_valid(&bad_kind));

    let mut missing = good.clone();
    missing["groups"][0]["tasks"][0]
        .as_object_mut()
        .unwrap()
        .remove("lead");
    assert!(!v.is_valid(&missing));

    let mut wrong_type = good.clone();
    wrong_type["groups"][0]["tasks"][0]["span"]["line"] = "76".into();
    assert!(!v.is_valid(&wrong_type));

    let mut negative = good;
    negative["source"]["bytes"] = (-1).into();
    assert!(!v.is_valid(&negative));
}

#[test]
fn a_new_field_still_validates() {
    // README: a minor version may add fields; an older schema must accept them.
    let v = validator();
    let mut value = serde_json::to_value(extract(SAMPLE)).unwrap();
    value["groups"][0]["tasks"][0]["span"]["page_in_a_future_version"] = 3.into();
    value["some_future_field"] = serde_json::json!({"x": 1});
    assert!(v.is_valid(&value), "{:?}", errors(&v, &value));
}
