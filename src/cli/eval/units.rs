//! quantulum3 unit names ("metre", "pound sterling") against claimmark's units ("m", "GBP").
//!
//! claimmark's `unit` is (see `quantity.rs`): the counted noun for counts ("soldiers"), an
//! ISO 4217 code for money ("USD"), "%" for percentages, and the unit as written for measures
//! ("km", "MW", "years"). Cents and pence are converted to the main currency unit.
//!
//! A predicted quantity has the gold unit when
//! 1. the gold unit is `dimensionless` and the prediction is a count (any counted noun, or
//!    none): quantulum3 has no counted nouns, "50 cars" is `50 dimensionless`;
//! 2. the gold unit is `percentage` and the prediction is a percentage;
//! 3. the predicted unit is the gold unit's name, singular or plural ("years" for "year",
//!    "soldiers" for a gold unit "soldier"), ignoring case;
//! 4. the predicted unit is one of the gold unit's aliases in [`UNIT_ALIASES`] (symbols and
//!    ISO codes), ignoring case;
//! 5. the gold unit is `X per Y` and the prediction has unit X (by 3 or 4) and a `rate` that
//!    names Y ("$15.4/hour": unit "USD", rate "/hour" or "per hour" or "an hour"); with several
//!    "per", any split counts ("joule per square metre per year": unit "J/m²", rate "per year").

use claimmark::{Quantity, QuantityKind};

/// quantulum3 unit name (lower-cased) → claimmark units that mean the same. Units that only
/// match by name (rule 3: "year", "day", "cup", "dozen", …) need no entry.
pub const UNIT_ALIASES: &[(&str, &[&str])] = &[
    // Money: ISO codes. Cents, pennies and dimes are converted to the main unit by the core
    // (see [`value_scale`]).
    ("dollar", &["USD", "$", "US$"]),
    ("pound sterling", &["GBP", "£"]),
    ("euro", &["EUR", "€"]),
    ("cent", &["USD", "EUR", "¢"]),
    ("penny", &["GBP", "p", "pence"]),
    ("dime", &["USD"]),
    ("percentage", &["%", "percent", "per cent"]),
    // quantulum3's unit of "four times per week"; claimmark counts "times".
    ("count", &["times"]),
    // Length.
    ("metre", &["m", "meter", "meters", "metres"]),
    ("kilometre", &["km", "kilometer", "kilometers", "kilometres"]),
    ("nanometre", &["nm", "nanometer", "nanometers"]),
    ("picometre", &["pm", "picometer", "picometers"]),
    ("attometre", &["am", "attometer", "attometers"]),
    ("mile", &["mi"]),
    ("inch", &["in", "inches", "\"", "″"]),
    // Area and volume.
    ("square kilometre", &["km2", "km²", "km^2", "sq km", "square kilometers", "square kilometres", "km squared"]),
    ("square mile", &["sq mi", "mi2", "mi²", "square miles"]),
    ("cubic kilometre", &["km3", "km³", "km^3", "cubic kilometers", "cubic kilometres", "km cubed"]),
    ("cubic centimetre", &["cm3", "cm³", "cc", "ml", "mL", "millilitre", "milliliter", "millilitres", "milliliters"]),
    ("litre", &["l", "L", "liter", "liters", "litres"]),
    ("centilitre", &["cl", "centiliter", "centiliters", "centilitres"]),
    ("gallon", &["gal", "gallons"]),
    ("tablespoon", &["tbsp", "tablespoons"]),
    // Mass.
    ("milligram", &["mg", "milligrams"]),
    ("kilogram", &["kg", "kilo", "kilos", "kilograms"]),
    ("pound-mass", &["lb", "lbs", "pound", "pounds"]),
    ("tonne", &["t", "tonnes", "metric ton", "metric tons"]),
    // Time.
    ("hour", &["h", "hr", "hrs", "hours"]),
    ("minute", &["min", "mins", "minutes"]),
    ("gigayear", &["Ga", "gigaannum", "gigayears"]),
    ("megayear", &["Ma", "megaannum", "megayears"]),
    // Temperature.
    ("degree celsius", &["°C", "C", "celsius", "degrees celsius", "degree celsius", "deg C"]),
    ("degree fahrenheit", &["°F", "F", "fahrenheit", "degrees fahrenheit", "degree fahrenheit", "deg F"]),
    ("kelvin", &["K", "kelvins"]),
    // Energy, power, frequency, radiation, data.
    ("electronvolt", &["eV", "electronvolts"]),
    ("teraelectronvolt", &["TeV"]),
    ("watt hour", &["Wh"]),
    ("megawatt hour", &["MWh"]),
    ("watt", &["W", "watts"]),
    ("gigahertz", &["GHz"]),
    ("milligray", &["mGy"]),
    ("gray", &["Gy"]),
    ("british thermal unit", &["BTU", "Btu", "BTUs"]),
    ("bit", &["b", "bits"]),
    ("byte", &["B", "bytes"]),
    ("kibibyte", &["KiB", "kibibytes"]),
    ("megabyte", &["MB", "megabytes"]),
    ("exabyte", &["EB", "exabytes"]),
    ("kilobit per second", &["kbps", "kb/s", "kbit/s"]),
    ("barn", &["b", "barns"]),
    ("inverse femtobarn", &["fb−1", "fb-1", "fb^-1", "/fb"]),
    ("inverse second", &["s-1", "s−1", "/s", "Hz"]),
    ("minute of arc", &["′", "'", "arcmin", "arcminutes"]),
    ("second of arc", &["″", "\"", "arcsec", "arcseconds"]),
    // Compounds written as one symbol.
    ("kilometre per hour", &["km/h", "kph", "kmh", "km/hr"]),
    ("ton per day", &["tpd"]),
    ("watt per minute", &["W/min"]),
    ("kilometre per square second", &["km/s2", "km/s²"]),
    ("kilogram per cubic centimetre", &["kg/cm³", "kg/cm3"]),
    ("litre per kilometre", &["l/km", "L/km"]),
    ("joule per square metre per year", &["J/m^2 per year"]),
    ("joule per square metre", &["J/m²", "J/m^2"]),
    ("joule second", &["Js", "J s", "J·s"]),
    ("candela second", &["cds", "cd s"]),
];

/// Rates as written for the `Y` of an `X per Y` gold unit.
const RATE_ALIASES: &[(&str, &[&str])] = &[
    ("hour", &["hour", "hr", "h"]),
    ("day", &["day", "d"]),
    ("week", &["week", "wk"]),
    ("minute", &["minute", "min"]),
    ("year", &["year", "yr", "annum", "annually"]),
    ("kilogram", &["kg", "kilogram", "kilo"]),
];

/// For units the core converts to the main currency unit: gold value = predicted value × scale.
pub fn value_scale(gold_unit: &str) -> Option<f64> {
    match gold_unit.to_lowercase().as_str() {
        "cent" | "penny" | "pence" => Some(100.0),
        "dime" => Some(10.0),
        // "a dozen eggs" is 12 eggs for claimmark, 1 dozen for quantulum3
        "dozen" => Some(1.0 / 12.0),
        _ => None,
    }
}

/// Singular of an English noun, roughly (enough for unit and count nouns).
fn singular(w: &str) -> String {
    let w = w.trim().to_lowercase();
    match w.as_str() {
        "feet" => return "foot".into(),
        "inches" => return "inch".into(),
        "people" => return "person".into(),
        "men" => return "man".into(),
        "women" => return "woman".into(),
        "children" => return "child".into(),
        _ => {}
    }
    if let Some(s) = w.strip_suffix("ies") {
        return format!("{s}y");
    }
    for suffix in ["ches", "shes", "sses", "xes"] {
        if let Some(s) = w.strip_suffix(suffix) {
            return format!("{s}{}", &suffix[..suffix.len() - 2]);
        }
    }
    match w.strip_suffix('s') {
        Some(s) if !s.ends_with('s') && !s.is_empty() => s.to_string(),
        _ => w,
    }
}

/// Rules 3 and 4 for a simple (not `per`) unit.
fn simple_unit_matches(gold: &str, pred: &str) -> bool {
    if singular(gold) == singular(pred) {
        return true;
    }
    UNIT_ALIASES
        .iter()
        .find(|(name, _)| *name == gold)
        .is_some_and(|(_, aliases)| aliases.iter().any(|a| a.eq_ignore_ascii_case(pred) || *a == pred))
}

/// Whether the predicted quantity has quantulum3's `gold_unit` (rules in the module doc).
pub fn unit_matches(gold_unit: &str, q: &Quantity) -> bool {
    let gold = gold_unit.trim().to_lowercase();
    if gold == "dimensionless" {
        return q.kind == QuantityKind::Count;
    }
    if gold == "percentage" {
        return q.kind == QuantityKind::Percent;
    }
    let Some(unit) = q.unit.as_deref() else { return false };
    if simple_unit_matches(&gold, unit) {
        return true;
    }
    let Some(rate) = q.rate.as_deref() else { return false };
    let rate = rate.to_lowercase();
    let words: Vec<&str> = rate.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).collect();
    gold.match_indices(" per ").any(|(i, _)| {
        let (x, y) = (&gold[..i], &gold[i + 5..]);
        let aliases: &[&str] = RATE_ALIASES.iter().find(|(n, _)| *n == y).map(|(_, a)| *a).unwrap_or(&[]);
        let rate_ok = words.iter().any(|w| singular(w) == singular(y) || aliases.contains(w));
        rate_ok && simple_unit_matches(x, unit)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn q(kind: QuantityKind, unit: Option<&str>, rate: Option<&str>) -> Quantity {
        Quantity { kind, value: 1.0, value_max: None, unit: unit.map(str::to_string), approx: None, rate: rate.map(str::to_string) }
    }

    #[test]
    fn mapping() {
        use QuantityKind::*;
        assert!(unit_matches("dimensionless", &q(Count, Some("soldiers"), None)));
        assert!(unit_matches("dimensionless", &q(Count, None, None)));
        assert!(!unit_matches("dimensionless", &q(Measure, Some("km"), None)));
        assert!(unit_matches("metre", &q(Measure, Some("m"), None)));
        assert!(unit_matches("pound sterling", &q(Money, Some("GBP"), None)));
        assert!(unit_matches("percentage", &q(Percent, Some("%"), None)));
        assert!(unit_matches("year", &q(Measure, Some("years"), None)));
        assert!(unit_matches("inch", &q(Measure, Some("inches"), None)));
        assert!(unit_matches("dollar per hour", &q(Money, Some("USD"), Some("/hour"))));
        assert!(!unit_matches("dollar per hour", &q(Money, Some("USD"), None)));
        assert!(unit_matches("degree Celsius", &q(Measure, Some("°C"), None)));
        assert!(!unit_matches("euro", &q(Money, Some("USD"), None)));
        assert!(unit_matches("count per week", &q(Count, Some("times"), Some("per week"))));
        assert!(unit_matches("joule per square metre per year", &q(Measure, Some("J/m²"), Some("per year"))));
        assert!(unit_matches("watt per minute", &q(Measure, Some("W"), Some("/min"))));
        assert_eq!(singular("batteries"), "battery");
        assert_eq!(singular("boxes"), "box");
    }
}
