//! One Hugo config file, TOML, YAML or JSON, read into a TOML table: the form folio's
//! config is written in. A syntax error names the file, line and column.

use std::path::Path;

use toml::{Table, Value};

use super::error::{ImportError, Result};
use crate::error::{Error, Location};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Format {
    Toml,
    Yaml,
    Json,
}

impl Format {
    fn of(path: &Path) -> Format {
        let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("");
        match ext.to_ascii_lowercase().as_str() {
            "yaml" | "yml" => Format::Yaml,
            "json" => Format::Json,
            _ => Format::Toml,
        }
    }

    fn name(self) -> &'static str {
        match self {
            Format::Toml => "TOML",
            Format::Yaml => "YAML",
            Format::Json => "JSON",
        }
    }
}

pub fn read(path: &Path) -> Result<Table> {
    let text = Error::read_text(path)?;
    parse(&text, path)
}

pub fn parse(text: &str, path: &Path) -> Result<Table> {
    let format = Format::of(path);
    let syntax = |offset: Option<usize>, line_col: Option<(usize, usize)>, message: String| {
        let location = match (offset, line_col) {
            (Some(offset), _) => Location::at_offset(path, text, offset, 1),
            (None, Some((line, col))) => Location::new(path, line, col),
            (None, None) => Location::new(path, 1, 1),
        };
        ImportError::Syntax {
            location,
            format: format.name(),
            message,
        }
    };
    let value = match format {
        Format::Toml => {
            return toml::from_str(text)
                .map_err(|e| syntax(e.span().map(|s| s.start), None, e.message().trim().into()));
        }
        Format::Yaml => {
            let yaml: serde_norway::Value = serde_norway::from_str(text).map_err(|e| {
                let offset = e.location().map(|l| l.index());
                syntax(offset, None, without_position(&e.to_string()))
            })?;
            from_yaml(yaml)
        }
        Format::Json => {
            let json: serde_json::Value = serde_json::from_str(text).map_err(|e| {
                let at = Some((e.line(), e.column()));
                syntax(None, at, without_position(&e.to_string()))
            })?;
            from_json(json)
        }
    };
    match value {
        Some(Value::Table(table)) => Ok(table),
        None => Ok(Table::new()),
        Some(_) => Err(syntax(
            None,
            None,
            "the file must hold a map of settings".into(),
        )),
    }
}

/// serde's messages end in "at line L column C", which the location already says.
fn without_position(message: &str) -> String {
    match message.rfind(" at line ") {
        Some(i) => message[..i].to_string(),
        None => message.to_string(),
    }
}

/// YAML as TOML. A null becomes nothing: Hugo treats a null setting as one not given.
fn from_yaml(value: serde_norway::Value) -> Option<Value> {
    use serde_norway::Value as Y;
    Some(match value {
        Y::Null => return None,
        Y::Bool(b) => Value::Boolean(b),
        Y::Number(n) => match n.as_i64() {
            Some(i) => Value::Integer(i),
            None => Value::Float(n.as_f64()?),
        },
        Y::String(s) => Value::String(s),
        Y::Sequence(items) => Value::Array(items.into_iter().filter_map(from_yaml).collect()),
        Y::Mapping(map) => Value::Table(
            map.into_iter()
                .filter_map(|(k, v)| Some((yaml_key(k)?, from_yaml(v)?)))
                .collect(),
        ),
        Y::Tagged(tagged) => return from_yaml(tagged.value),
    })
}

fn yaml_key(key: serde_norway::Value) -> Option<String> {
    use serde_norway::Value as Y;
    match key {
        Y::String(s) => Some(s),
        Y::Bool(b) => Some(b.to_string()),
        Y::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

fn from_json(value: serde_json::Value) -> Option<Value> {
    use serde_json::Value as J;
    Some(match value {
        J::Null => return None,
        J::Bool(b) => Value::Boolean(b),
        J::Number(n) => match n.as_i64() {
            Some(i) => Value::Integer(i),
            None => Value::Float(n.as_f64()?),
        },
        J::String(s) => Value::String(s),
        J::Array(items) => Value::Array(items.into_iter().filter_map(from_json).collect()),
        J::Object(map) => Value::Table(
            map.into_iter()
                .filter_map(|(k, v)| Some((k, from_json(v)?)))
                .collect(),
        ),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn error(text: &str, name: &str) -> String {
        parse(text, Path::new(name)).unwrap_err().to_string()
    }

    #[test]
    fn the_three_forms_read_alike() {
        let toml = parse(
            "title = \"T\"\n[params]\nn = 2\nx = 1.5\n",
            Path::new("a.toml"),
        );
        let yaml = parse(
            "title: T\nparams:\n  n: 2\n  x: 1.5\n  gone: null\n",
            Path::new("a.yml"),
        );
        let json = parse(
            r#"{"title": "T", "params": {"n": 2, "x": 1.5}}"#,
            Path::new("a.json"),
        );
        assert_eq!(toml.unwrap(), yaml.unwrap());
        assert_eq!(
            parse("", Path::new("a.yaml")).unwrap(),
            Table::new(),
            "an empty YAML file has no settings"
        );
        assert_eq!(json.unwrap()["params"]["n"], Value::Integer(2));
    }

    #[test]
    fn syntax_errors_name_file_line_and_column() {
        let toml = error("title = \"T\"\nbaseURL = \n", "hugo.toml");
        assert!(
            toml.starts_with("hugo.toml:2:11: not valid TOML:"),
            "{toml}"
        );
        let yaml = error("title: T\nparams:\n  a: [1, 2\n", "hugo.yaml");
        assert!(yaml.starts_with("hugo.yaml:4:1: not valid YAML:"), "{yaml}");
        let json = error("{\n  \"title\": \"T\",\n}\n", "hugo.json");
        assert!(json.starts_with("hugo.json:3:1: not valid JSON:"), "{json}");
        assert!(!json.contains("at line"), "{json}");
        let list = error("- a\n- b\n", "hugo.yaml");
        assert!(list.contains("map of settings"), "{list}");
    }
}
