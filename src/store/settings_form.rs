//! The settings form as text (pure, native too): the config shown as the fields an admin edits,
//! each field's parser with the error the form shows under it, and the config JSON the fields
//! describe. The form (`ui::settings`) holds this text in signals; the engine parses and checks
//! the JSON before anything is stored (`AppState::save_config`).

use serde_json::{json, Value};

use crate::engine::bundle::{ClockTime, Config, WeekdayKey};
use crate::engine::embed_protocol::parse_origin;

/// The week as the form lists it: the day, its key in `business_hours`, its label.
pub const DAYS: [(WeekdayKey, &str, &str); 7] = [
    (WeekdayKey::Mon, "mon", "Monday"),
    (WeekdayKey::Tue, "tue", "Tuesday"),
    (WeekdayKey::Wed, "wed", "Wednesday"),
    (WeekdayKey::Thu, "thu", "Thursday"),
    (WeekdayKey::Fri, "fri", "Friday"),
    (WeekdayKey::Sat, "sat", "Saturday"),
    (WeekdayKey::Sun, "sun", "Sunday"),
];

#[derive(Debug, Clone, PartialEq, Default)]
pub struct SourceRow {
    pub number: String,
    pub name: String,
    pub campaign: String,
    pub service_line: String,
    pub owner: String,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct OwnerRow {
    pub id: String,
    pub name: String,
    pub service_lines: String,
    pub territories: String,
    pub backup: String,
    pub available: bool,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct TemplateRow {
    pub id: String,
    pub text: String,
}

/// Every field of the settings form, as the admin sees and types it.
#[derive(Debug, Clone, PartialEq)]
pub struct SettingsText {
    pub timezone: String,
    /// In the order of `DAYS`.
    pub hours: [String; 7],
    pub holidays: String,
    pub sources: Vec<SourceRow>,
    pub owners: Vec<OwnerRow>,
    pub default_owner: String,
    pub after_hours_owner: String,
    /// Emergency, urgent, routine, unknown.
    pub sla: [String; 4],
    pub high_value: String,
    pub repeat_window: String,
    pub sms_enabled: bool,
    pub templates: Vec<TemplateRow>,
    /// The origins allowed to embed the sidebar, one per line.
    pub origins: String,
}

fn joined(items: &[String]) -> String {
    items.join(", ")
}

fn split_list(text: &str) -> Vec<String> {
    text.split([',', '\n']).map(str::trim).filter(|s| !s.is_empty()).map(str::to_owned).collect()
}

fn optional(text: &str) -> Value {
    let text = text.trim();
    if text.is_empty() {
        Value::Null
    } else {
        json!(text)
    }
}

impl SettingsText {
    pub fn from_config(config: &Config, origins: &[String]) -> SettingsText {
        let hours = DAYS.map(|(day, _, _)| {
            config
                .business_hours
                .on(day)
                .iter()
                .map(|i| format!("{}-{}", i.opens, i.closes))
                .collect::<Vec<_>>()
                .join(", ")
        });
        let sla = config.sla.callback_minutes;
        SettingsText {
            timezone: config.timezone.clone(),
            hours,
            holidays: config.holidays.iter().map(|d| d.0.to_string()).collect::<Vec<_>>().join("\n"),
            sources: config
                .sources
                .iter()
                .map(|s| SourceRow {
                    number: s.number.clone(),
                    name: s.name.clone(),
                    campaign: s.campaign.clone().unwrap_or_default(),
                    service_line: s.service_line.clone().unwrap_or_default(),
                    owner: s.owner.clone().unwrap_or_default(),
                })
                .collect(),
            owners: config
                .owners
                .iter()
                .map(|o| OwnerRow {
                    id: o.id.clone(),
                    name: o.name.clone(),
                    service_lines: joined(&o.service_lines),
                    territories: joined(&o.territories),
                    backup: o.backup.clone().unwrap_or_default(),
                    available: o.available,
                })
                .collect(),
            default_owner: config.routing.default_owner.clone().unwrap_or_default(),
            after_hours_owner: config.routing.after_hours_owner.clone().unwrap_or_default(),
            sla: [sla.emergency, sla.urgent, sla.routine, sla.unknown].map(|m| m.to_string()),
            high_value: config.high_value_amount.map(|a| a.to_string()).unwrap_or_default(),
            repeat_window: config.repeat_window_minutes.to_string(),
            sms_enabled: config.sms.enabled,
            templates: config
                .sms
                .templates
                .iter()
                .map(|t| TemplateRow { id: t.id.clone(), text: t.text.clone() })
                .collect(),
            origins: origins.join("\n"),
        }
    }

    /// The config JSON the form describes, over the current config (keeps fields the form does
    /// not show, such as the lexicon and the default country). `Err` names the first bad field.
    pub fn config_json(&self, current: &Config) -> Result<Value, String> {
        let mut config = serde_json::to_value(current).map_err(|e| e.to_string())?;
        let mut hours = serde_json::Map::new();
        for (i, (_, key, label)) in DAYS.iter().enumerate() {
            let day = parse_day(&self.hours[i]).map_err(|e| format!("{label}: {e}"))?;
            if day.as_array().is_some_and(|a| !a.is_empty()) {
                hours.insert((*key).to_owned(), day);
            }
        }
        let [emergency, urgent, routine, unknown] = &self.sla;
        let sla = json!({"callback_minutes": {
            "emergency": parse_minutes(emergency).map_err(|e| format!("Emergency SLA: {e}"))?,
            "urgent": parse_minutes(urgent).map_err(|e| format!("Urgent SLA: {e}"))?,
            "routine": parse_minutes(routine).map_err(|e| format!("Routine SLA: {e}"))?,
            "unknown": parse_minutes(unknown).map_err(|e| format!("Unknown SLA: {e}"))?,
        }});
        let object = config.as_object_mut().ok_or("the config is not an object")?;
        object.insert("timezone".into(), json!(self.timezone.trim()));
        object.insert("business_hours".into(), Value::Object(hours));
        object.insert("holidays".into(), parse_holidays(&self.holidays).map_err(|e| format!("Holidays: {e}"))?);
        object.insert(
            "sources".into(),
            Value::Array(
                self.sources
                    .iter()
                    .map(|s| {
                        json!({"number": s.number.trim(), "name": s.name.trim(), "campaign": optional(&s.campaign),
                               "service_line": optional(&s.service_line), "owner": optional(&s.owner)})
                    })
                    .collect(),
            ),
        );
        object.insert(
            "owners".into(),
            Value::Array(
                self.owners
                    .iter()
                    .map(|o| {
                        json!({"id": o.id.trim(), "name": o.name.trim(), "service_lines": split_list(&o.service_lines),
                               "territories": split_list(&o.territories), "backup": optional(&o.backup), "available": o.available})
                    })
                    .collect(),
            ),
        );
        object.insert(
            "routing".into(),
            json!({"default_owner": optional(&self.default_owner),
                   "after_hours_owner": optional(&self.after_hours_owner)}),
        );
        object.insert("sla".into(), sla);
        object.insert(
            "high_value_amount".into(),
            parse_amount(&self.high_value).map_err(|e| format!("High-value amount: {e}"))?,
        );
        let repeat = parse_repeat_window(&self.repeat_window).map_err(|e| format!("Repeat window: {e}"))?;
        object.insert("repeat_window_minutes".into(), json!(repeat));
        let templates: Vec<Value> = self.templates.iter().map(|t| json!({"id": t.id.trim(), "text": t.text})).collect();
        object.insert("sms".into(), json!({"enabled": self.sms_enabled, "templates": templates}));
        Ok(config)
    }
}

/// `07:00-12:00, 12:30-18:00` → `[["07:00","12:00"],["12:30","18:00"]]`; empty = closed.
pub fn parse_day(text: &str) -> Result<Value, String> {
    let mut intervals = Vec::new();
    for part in text.split(',').map(str::trim).filter(|p| !p.is_empty()) {
        let (opens, closes) =
            part.split_once('-').ok_or_else(|| format!("{part:?}: write an interval as 08:00-17:00"))?;
        let (opens, closes) = (opens.trim(), closes.trim());
        let o = ClockTime::parse(opens).ok_or_else(|| format!("{opens:?} is not HH:MM"))?;
        let c = ClockTime::parse(closes).ok_or_else(|| format!("{closes:?} is not HH:MM"))?;
        if c <= o {
            return Err(format!("{part}: closes before it opens (split overnight hours over two days)"));
        }
        intervals.push(json!([opens, closes]));
    }
    Ok(Value::Array(intervals))
}

/// One `YYYY-MM-DD` per line or comma.
pub fn parse_holidays(text: &str) -> Result<Value, String> {
    let mut days = Vec::new();
    for line in split_list(text) {
        let ok = line.len() == 10 && line.parse::<jiff::civil::Date>().is_ok();
        if !ok {
            return Err(format!("{line:?} is not a YYYY-MM-DD date"));
        }
        days.push(json!(line));
    }
    Ok(Value::Array(days))
}

/// An SLA: whole minutes, at least one.
pub fn parse_minutes(text: &str) -> Result<u32, String> {
    match text.trim().parse::<u32>() {
        Ok(0) => Err("must be at least 1 minute".into()),
        Ok(m) => Ok(m),
        Err(_) => Err(format!("{:?} is not a whole number of minutes", text.trim())),
    }
}

/// The high-value amount: empty for none, else a non-negative number (thousands commas allowed).
pub fn parse_amount(text: &str) -> Result<Value, String> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(Value::Null);
    }
    match text.replace(',', "").parse::<f64>() {
        Ok(a) if a.is_finite() && a >= 0.0 => Ok(json!(a)),
        _ => Err(format!("{text:?} is not an amount")),
    }
}

/// The repeat window: whole minutes, 0 or more.
pub fn parse_repeat_window(text: &str) -> Result<u32, String> {
    text.trim().parse::<u32>().map_err(|_| format!("{text:?} is not whole minutes"))
}

/// One origin (`scheme://host[:port]`) per line.
pub fn parse_origins(text: &str) -> Result<Vec<String>, String> {
    let mut origins = Vec::new();
    for line in text.lines().map(str::trim).filter(|l| !l.is_empty()) {
        origins.push(parse_origin(line).map_err(|e| e.to_string())?.as_str().to_owned());
    }
    Ok(origins)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn demo_config() -> Config {
        crate::demo::demo_bundle("2026-11-24T22:00:00Z".parse().unwrap()).config
    }

    #[test]
    fn settings_text_round_trips_the_config() {
        let config = demo_config();
        let text = SettingsText::from_config(&config, &[]);
        let json = text.config_json(&config).unwrap();
        let back: Config = serde_json::from_value(json).unwrap();
        assert_eq!(SettingsText::from_config(&back, &[]), text);
        assert_eq!(serde_json::to_value(&back).unwrap(), serde_json::to_value(&config).unwrap());
    }

    #[test]
    fn config_json_names_the_first_bad_field() {
        let config = demo_config();
        let mut text = SettingsText::from_config(&config, &[]);
        text.sla[1] = "0".into();
        assert_eq!(text.config_json(&config).unwrap_err(), "Urgent SLA: must be at least 1 minute");
        text.hours[0] = "9-5".into();
        assert_eq!(text.config_json(&config).unwrap_err(), "Monday: \"9\" is not HH:MM");
    }

    #[test]
    fn parse_day_reads_intervals_and_refuses_overnight() {
        assert_eq!(parse_day("07:00-12:00, 12:30-18:00").unwrap(), json!([["07:00", "12:00"], ["12:30", "18:00"]]));
        assert_eq!(parse_day("  ").unwrap(), json!([]));
        assert!(parse_day("22:00-06:00").unwrap_err().contains("closes before it opens"));
        assert!(parse_day("08:00").unwrap_err().contains("write an interval"));
    }

    #[test]
    fn parse_holidays_wants_full_dates() {
        assert_eq!(parse_holidays("2026-12-25\n2027-01-01").unwrap(), json!(["2026-12-25", "2027-01-01"]));
        assert_eq!(parse_holidays("2026-1-1").unwrap_err(), "\"2026-1-1\" is not a YYYY-MM-DD date");
    }

    #[test]
    fn parse_minutes_wants_at_least_one() {
        assert_eq!(parse_minutes(" 15 "), Ok(15));
        assert_eq!(parse_minutes("0").unwrap_err(), "must be at least 1 minute");
        assert_eq!(parse_minutes("soon").unwrap_err(), "\"soon\" is not a whole number of minutes");
    }

    #[test]
    fn parse_amount_empty_is_none_commas_allowed() {
        assert_eq!(parse_amount(""), Ok(Value::Null));
        assert_eq!(parse_amount("2,500"), Ok(json!(2500.0)));
        assert!(parse_amount("-1").is_err());
    }

    #[test]
    fn parse_repeat_window_allows_zero() {
        assert_eq!(parse_repeat_window(" 0 "), Ok(0));
        assert_eq!(parse_repeat_window("ten").unwrap_err(), "\"ten\" is not whole minutes");
    }

    #[test]
    fn parse_origins_one_per_line() {
        assert_eq!(parse_origins("\nhttps://app.hubspot.com\n").unwrap(), ["https://app.hubspot.com"]);
        assert!(parse_origins("not an origin").is_err());
    }
}
