//! Concepts a voicemail describes, in whatever words the caller uses (issue 11, rule 5).
//!
//! A phrase list only knows the phrases it lists; callers describe dangers instead of naming
//! them. A concept is a few *slots* that must all be said in one clause, in any order, within
//! a few words of each other: a hazard object and a hazard state ({panel, outlet, meter,
//! wires} × {hot, buzzing, crackling, sparking, smoking}), a smell and a gas, a vulnerable
//! person and a failed heater. Each slot lists normal words (see `spoken.rs`) in English
//! and Spanish, misheard forms included. Whether the caller affirms a concept now (negation,
//! past, hypothetical) is judged afterwards by the same cues as every other signal.
//!
//! Temperatures are read here too: a number with its unit or its place ("thirty four in
//! here", "the thermostat says 38", "down to fifteen tonight", "a hundred and six outside").

use std::sync::OnceLock;

use super::decision::CategoryName;
use super::guards::GuardedSpans;
use super::harmless::HARMLESS_TO_EVERY_READER;
use super::phrases::{PhraseHit, PhraseSet};
use super::spoken::SpokenWords;
use super::transcript::Span;

/// What a recognised concept is evidence of.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Meaning {
    /// A present danger, with its signal name.
    Danger(&'static str),
    /// The heating has failed: an emergency in the cold or with a vulnerable occupant.
    HeatOutage,
    /// The cooling has failed: an emergency in extreme heat with a vulnerable occupant.
    CoolingOutage,
    /// Something else stopped working, without danger.
    Outage,
    /// The power is out: no heat in freezing weather.
    PowerOutage,
    /// A deadline or repeated attempts, with its signal name.
    TimePressure(&'static str),
    Category(CategoryName),
    /// An infant, an elderly parent, someone recovering.
    Vulnerable,
    /// Someone on powered medical equipment (oxygen, dialysis): vulnerable, and in danger
    /// without power.
    OnPoweredCare,
    /// Freezing weather said in words ("hace mucho frio", "single digits").
    Cold,
    /// Extreme heat said in words ("heat wave", "mucho calor").
    Hot,
}

struct Concept {
    meaning: Meaning,
    /// Every slot must be said; each lists its normal phrases.
    slots: Vec<&'static [&'static str]>,
    /// The most word positions the whole concept may span.
    reach: u32,
    /// Words that, near the concept, show it is harmless ("battery" by a beeping detector).
    vetoes: Vec<&'static str>,
    /// Whether the slots must share a clause or may be told over a few.
    scope: Scope,
}

/// How far apart a concept's slots may be said.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Scope {
    /// One clause, or a pronoun in the next for the thing named before (`refers_back`).
    Clause,
    /// A story told over this many clauses: a complaint names the visit in one ("your tech
    /// came out on the 3rd to fix zone four") and what is wrong with it in a later one ("and
    /// it's still not coming on"). The reach still counts the words between.
    Story { clauses: u32 },
}

// ------------------------------------------------------------------------------------------
// Vocabulary. Normal words, as transcripts are read (`spoken.rs`; a test checks): lower case,
// no accents, no apostrophes ("its", "wont"), "someone" for "somebody", "you" for "you guys".

const ELECTRICAL_OBJECTS: &[&str] = &[
    "panel",
    "breaker",
    "breakers",
    "breaker box",
    "breaker panel",
    "electrical panel",
    "electric panel",
    "fuse box",
    "fuse",
    "panels",
    "switches",
    "plugs",
    "cords",
    "meters",
    "outlet",
    "outlets",
    "socket",
    "sockets",
    "plug",
    "receptacle",
    "meter",
    "electric meter",
    "wire",
    "wires",
    "wiring",
    "cord",
    "extension cord",
    "switch",
    "light switch",
    "junction box",
    "transformer",
    "wall",
    "enchufe",
    "enchufes",
    "contacto",
    "tomacorriente",
    "cables",
    "cable",
    "medidor",
    "alambres",
    "alambre",
    "caja de breakers",
    "panel electrico",
    "dimmer",
    "service panel",
    "subpanel",
];
const ELECTRICAL_STATES: &[&str] = &[
    "hot",
    "really hot",
    "hot to the touch",
    "warm to the touch",
    "too hot to touch",
    "buzzing",
    "buzz",
    "buzzes",
    "humming",
    "hums",
    "crackling",
    "crackle",
    "crackles",
    "sparking",
    "sparks",
    "spark",
    "sparked",
    "sparkling",
    "smoking",
    "smoke",
    "smoked",
    "flashing",
    "flashes",
    "flash",
    "arcing",
    "arc",
    "arcs",
    "burning",
    "burnt",
    "burned",
    "burn marks",
    "scorch",
    "scorched",
    "scorch marks",
    "melted",
    "melting",
    "sizzling",
    "zapping",
    "zapping noise",
    "zapping sound",
    "zap",
    "zaps",
    "cant touch",
    "cant hardly touch",
    "cant even touch",
    "blackened",
    "black above",
    "black around",
    "sizzle",
    "charred",
    "turning black",
    "turning brown",
    "black marks",
    "popping sound",
    "popping noise",
    "loud pop",
    "pop sound",
    "loud popping",
    "pop pop",
    "going pop",
    "firecracker",
    "firecrackers",
    "like gunshots",
    "keeps popping like",
    "chispas",
    "chispa",
    // Round 47: the diminutive of an understater, "el enchufe echa chispitas ... no es gran cosa".
    "chispitas",
    "chispita",
    "chispeando",
    "humo",
    "quemado",
    "quemada",
    "quemando",
    "caliente",
    "bien caliente",
    "zumbando",
    "zumbido",
    "zumba",
    "tronando",
    "truena",
    "echando chispas",
    "echando humo",
];
const SMELLS: &[&str] = &[
    "smell", "smells", "smelled", "smelling", "smellin", "odor", "odour", "stink", "stinks", "whiff", "huele", "olor",
    "oler", "oliendo", "apesta",
];
const GAS_WORDS: &[&str] = &[
    "skunky",
    "eggs",
    "egg",
    "eggy",
    "like eggs",
    "struck match",
    "a struck match",
    "huevo",
    "huevos",
    "azufre",
    "gas",
    // Round 28: speech-to-text's "smell of gaz".
    "gaz",
    "propane",
    "natural gas",
    "gas line",
    "gas meter",
    "propano",
    "rotten egg",
    "rotten eggs",
    "sulfur",
    "skunk",
    "a skunk",
    "sulfury",
    "sulfur smell",
    "sulphur",
    "sulphury",
    "rotten egg smell",
    // A gas smell told by its source: "smells like the stove was left on".
    "stove was left on",
    "stove left on",
    "left the stove on",
    "burner was left on",
    "burner left on",
    "stove was on",
    "huevo podrido",
    "huevos podridos",
];
const GAS_LEAKING: &[&str] =
    &["leak", "leaking", "leaks", "leaked", "hissing", "hiss", "hisses", "fuga", "escape", "escapando", "se sale"];
const BURNING_SMELL: &[&str] = &[
    "burning",
    "burnt",
    "burned",
    "smoke",
    "electrical",
    "melting",
    "plastic",
    "quemado",
    "a quemado",
    "quemando",
    "humo",
    "something burning",
    "somethings burning",
];
const CO_SOURCES: &[&str] = &["co", "co2", "carbon monoxide", "monoxide", "monoxido", "monoxido de carbono", "carbon"];
const CO_DEVICES: &[&str] = &[
    "thing",
    "thingy",
    "unit",
    "plug in",
    "alarm",
    "alarms",
    "detector",
    "detectors",
    "monitor",
    "sensor",
    "alarma",
    "detector de",
];
const CO_ALARMING: &[&str] = &[
    "flashing",
    "flashing red",
    "blinking",
    "blinking red",
    "lit up",
    "parpadeando",
    "going off",
    "goes off",
    "went off",
    "keeps going off",
    "beeping",
    "beeps",
    "sounding",
    "screaming",
    "reading",
    "reads",
    "says",
    "showing",
    "shows",
    "ppm",
    "alarming",
    "is at",
    "levels",
    "level is",
    "reading of",
    "numbers",
    "sonando",
    "suena",
    "pitando",
    "dice",
    "marca",
];
const WATER: &[&str] = &["water", "waters", "hot water", "agua", "el agua"];
/// Water a machine leaves in itself is a drain to clear, not a flood: "an inch of water at the
/// bottom after it runs", "left at the bottom after every cycle" (a dishwasher, rounds 11-12).
const WATER_LEFT_IN_A_MACHINE: &[&str] = &[
    "after it runs",
    "after every cycle",
    "after each cycle",
    "after the cycle",
    "left at the bottom",
    "at the bottom after",
    "in the drum",
];
const WATER_ESCAPING: &[&str] = &[
    "llego hasta",
    "todo mojado",
    "coming up",
    "coming up through",
    "comes up through",
    "up the floor drain",
    "up through the floor",
    "seeping in",
    "coming in under",
    "under the door",
    "lleno de",
    "everywhere",
    "all over",
    "all over the floor",
    "pouring",
    "pours",
    "gushing",
    "spraying",
    "sprays",
    "dumping",
    "river",
    "inches",
    "an inch",
    "ankle deep",
    "rising",
    "flooding",
    "through the ceiling",
    "out the ceiling",
    "out of the ceiling",
    "from the ceiling",
    "dripping through",
    "coming through",
    "leaking through",
    "light fixture",
    "coming in",
    "por todas partes",
    "por todo el piso",
    "por todo el",
    "por toda la",
    "from the light",
    "out of the light",
    "through the light",
    "del foco",
    "de la lampara",
    "por todos lados",
    "por el techo",
    "del techo",
    "cayendo",
    "chorreando",
    "entrando",
    "filling up",
    "filling up with",
    "filling with",
    "taking on",
    "inches deep",
    "feet of",
    "standing in",
    "se esta llenando",
    "se llena",
];
const PIPES: &[&str] = &[
    "pipe",
    "pipes",
    "water line",
    "supply line",
    "sprinkler line",
    "main line",
    "water main",
    "tubo",
    "tuberia",
    "pipa",
    "caneria",
    "manguera",
];
const BURST: &[&str] = &[
    "burst",
    "bursted",
    "busted",
    "broke",
    "split",
    "exploded",
    "blew",
    // Round 47: "a pipe under the kitchen sink kind of popped ... the bucket's filling up fast".
    "popped",
    "reventado",
    "revento",
    "se revento",
    "roto",
    "rota",
    "se rompio",
    "rompio",
    "exploto",
];
const WATER_HEATERS: &[&str] =
    &["water heater", "hot water heater", "hot water tank", "tank", "water tank", "calentador", "boiler"];
const DUMPING: &[&str] = &[
    "tirando agua",
    "tirando",
    "saliendo el agua",
    "se esta saliendo",
    "todo mojado",
    "all over",
    "dumping",
    "pouring",
    "gushing",
    "spraying",
    "flooding",
    "all over the floor",
    "everywhere",
    "leaking everywhere",
    "river",
    "burst",
];
const SEWAGE: &[&str] = &[
    "sewage",
    "sewer",
    "sewer water",
    "poop",
    "feces",
    "toilet water",
    "black water",
    "aguas negras",
    "drenaje",
    "caca",
    "waste water",
    "wastewater",
    "toilet paper",
    "brown water",
    "dirty water",
    "gross water",
    "nasty water",
    "agua sucia",
    "agua negra",
];
const COMING_UP: &[&str] = &[
    "coming up",
    "comes up",
    "came up",
    "backing up",
    "backs up",
    "backed up",
    "bubbling up",
    "overflowing",
    "in the tub",
    "in the shower",
    "into the tub",
    "out of the tub",
    "tub drain",
    "all over",
    "sube",
    "subiendo",
    "regadera",
    "tina",
    "se regresa",
    "floor drain",
    "comes up in",
    "coming up in",
    "coming up through",
    "comes up through",
    "up the drain",
    "up through the drain",
    "out of the drain",
    "sitting in the tub",
    "in the bathtub",
    "into the shower",
    "sacando",
    "esta sacando",
    "saliendo",
    "echando",
];
const FLUSHING: &[&str] =
    &["flush", "flushes", "flushing", "flushed", "jalamos la cadena", "jalo la cadena", "le jalamos"];
const DRAINS: &[&str] = &["tub", "shower", "bathtub", "floor drain", "regadera", "tina", "drain"];
const RISING: &[&str] =
    &["coming up", "comes up", "bubbling up", "backing up", "backs up", "fills up", "sube", "se regresa", "comes out"];
const BURNED: &[&str] = &[
    "boiling water",
    "scalding water",
    "agua hirviendo",
    "hirviendo",
    "burned",
    "burnt",
    "scalded",
    "got burned",
    "burned bad",
    "se quemo",
    "quemo",
    "blistered",
    "ampollas",
    "ampollada",
];
const CUT: &[&str] = &["cut", "sliced", "broke", "sprained", "gashed", "se corto", "se rompio"];
const LIMBS: &[&str] = &[
    "arm", "hand", "hands", "leg", "foot", "finger", "fingers", "head", "wrist", "ankle", "la mano", "el brazo",
    "mano", "brazo", "pierna", "dedo",
];
const BODY: &[&str] = &[
    "husband", "wife", "esposo", "esposa", "hijo", "hija", "nino", "nina", "bebe", "mama", "papa", "arm", "hand",
    "hands", "leg", "foot", "face", "skin", "himself", "herself", "myself", "son", "daughter", "boy", "girl", "kid",
    "kids", "baby", "she", "he", "i", "la mano", "el brazo", "mano", "brazo", "piel",
];
const HEATING: &[&str] = &[
    "calenton",
    "el calenton",
    "heat",
    "heater",
    "heating",
    "furnace",
    "boiler",
    "heat pump",
    "heats",
    "calefaccion",
    "calefactor",
    "radiator",
    "radiators",
    "baseboard heat",
    "la calefaccion",
];
const FAILED: &[&str] = &[
    "went down",
    "is down",
    "been down",
    "are down",
    "out",
    "went out",
    "is out",
    "been out",
    "not working",
    "isnt working",
    "is not working",
    "stopped working",
    "stopped",
    "quit",
    "died",
    "broke",
    "broken",
    "broke down",
    "wont turn on",
    "wont kick on",
    "isnt kicking on",
    "not kicking on",
    "wont come on",
    "wont start",
    "doesnt work",
    "not heating",
    "isnt heating",
    "blowing cold",
    "blowing cold air",
    "quit on us",
    "gave out",
    "no funciona",
    "no sirve",
    "no prende",
    "no enciende",
    "se descompuso",
    "descompuesta",
    "descompuesto",
    "se apago",
    "no calienta",
    "dejo de funcionar",
    "no jala",
    "not turning on",
    "wont fire",
    "wont ignite",
    "keeps shutting off",
    "shut off",
    "nothing happens",
    "isnt coming on",
    "isnt come on",
    "isnt turning on",
    "isnt turn on",
    "isnt kicking in",
    "isnt kick in",
    "isnt running",
    "isnt starting",
    "isnt firing",
    "isnt lighting",
    "isnt igniting",
    "isnt blowing",
    "isnt staying on",
    "isnt stay on",
    "not coming on",
    "not come on",
    "not turn on",
    "not kicking in",
    "not kick in",
    "not running",
    "not starting",
    "not firing",
    "not lighting",
    "not igniting",
    "not blowing",
    "not staying on",
    "not stay on",
    "wont coming on",
    "wont turning on",
    "wont kicking in",
    "wont kick in",
    "wont running",
    "wont starting",
    "wont firing",
    "wont lighting",
    "wont igniting",
    "wont blowing",
    "wont working",
    "wont staying on",
    "wont stay on",
    "doesnt coming on",
    "doesnt come on",
    "doesnt turning on",
    "doesnt turn on",
    "doesnt kicking in",
    "doesnt kick in",
    "doesnt running",
    "doesnt starting",
    "doesnt firing",
    "doesnt lighting",
    "doesnt igniting",
    "doesnt blowing",
    "doesnt working",
    "doesnt staying on",
    "doesnt stay on",
    "wouldnt coming on",
    "wouldnt come on",
    "wouldnt turning on",
    "wouldnt turn on",
    "wouldnt kicking in",
    "wouldnt kick in",
    "wouldnt running",
    "wouldnt starting",
    "wouldnt firing",
    "wouldnt lighting",
    "wouldnt igniting",
    "wouldnt blowing",
    "wouldnt working",
    "wouldnt staying on",
    "wouldnt stay on",
    "stopped running",
    "quit working",
    "is dead",
    "conked out",
    "konked out",
    "crapped out",
    "gave up",
    "keeps going out",
    "shut down",
    "went off and",
    "no arranca",
    "no quiere prender",
    "is off",
    "shuts off",
    "shutting off",
    "se apaga",
    "blowing lukewarm",
    "blowing cool",
    "blows cold",
    "blows lukewarm",
    "lukewarm air",
    // Round 16: "his heat's been off since yesterday afternoon".
    "been off",
];
const WITHOUT: &[&str] = &[
    "no hay",
    "no tenemos",
    "no tengo",
    "sin",
    "no hay nada de",
    "without",
    "dont have",
    "dont have any",
    // Round 42: someone else's place ("mi hermana ... no tiene agua caliente desde ayer").
    "no tiene",
    "no tienen",
    "doesnt have",
    "doesnt have any",
];
const COOLING: &[&str] = &[
    "ac",
    "air conditioner",
    "air conditioning",
    "central air",
    "cooling",
    "aire",
    "aire acondicionado",
    "camara fria",
    "minisplit",
    "mini split",
    // Round 43: commercial cooling ("the split unit in our server room died").
    "split unit",
    "split system",
    "rooftop unit",
    "rtu",
    "clima",
    "el aire",
    "el ac",
    "the air",
    "our air",
    "my air",
];
const COOLING_FAILED: &[&str] = &[
    // Round 20: "la camara fria no esta enfriando".
    "no esta enfriando",
    "out",
    "went out",
    "quit",
    "died",
    "stopped",
    "stopped working",
    "not working",
    "isnt working",
    "broke",
    "broken",
    "not cooling",
    "isnt cooling",
    "wont cool",
    "blowing warm",
    "blowing warm air",
    "blowing hot",
    "blowing hot air",
    // Round 50: "the AC runs but the house keeps getting hotter".
    "keeps getting hotter",
    "getting hotter and hotter",
    "stopped blowing cold",
    "no enfria",
    "no esta enfriando",
    "no funciona",
    "no sirve",
    "no prende",
    "se descompuso",
    "dejo de funcionar",
    "no echa aire frio",
    "echando aire caliente",
    "isnt coming on",
    "isnt come on",
    "isnt turning on",
    "isnt turn on",
    "isnt kicking on",
    "isnt kick on",
    "isnt running",
    "isnt starting",
    "isnt blowing cold",
    "not coming on",
    "not come on",
    "not turning on",
    "not turn on",
    "not kicking on",
    "not kick on",
    "not running",
    "not starting",
    "not blowing cold",
    "wont coming on",
    "wont come on",
    "wont turning on",
    "wont turn on",
    "wont kicking on",
    "wont kick on",
    "wont running",
    "wont starting",
    "wont blowing cold",
    "wont working",
    "wont cooling",
    "doesnt coming on",
    "doesnt come on",
    "doesnt turning on",
    "doesnt turn on",
    "doesnt kicking on",
    "doesnt kick on",
    "doesnt running",
    "doesnt starting",
    "doesnt blowing cold",
    "doesnt working",
    "doesnt cooling",
    "wouldnt coming on",
    "wouldnt come on",
    "wouldnt turning on",
    "wouldnt turn on",
    "wouldnt kicking on",
    "wouldnt kick on",
    "wouldnt running",
    "wouldnt starting",
    "wouldnt blowing cold",
    "wouldnt working",
    "wouldnt cooling",
    "stopped running",
    "quit working",
    "is dead",
    "conked out",
    "gave up",
];
const HOT_WATER: &[&str] = &["agua caliente", "hot water"];
const HOT_WATER_SOURCE: &[&str] = &["water heater", "hot water heater", "calentador", "boiler", "tankless"];
const HOT_WATER_FAILED: &[&str] = &[
    "no prende",
    "no calienta",
    "no funciona",
    "no sirve",
    // Round 55: "el calentador de agua dejo de funcionar esta manana".
    "dejo de funcionar",
    "se descompuso",
    "no enciende",
    "not working",
    "isnt working",
    "stopped working",
    "went out",
    "wont light",
    "not heating",
    "isnt heating",
    // Round 25: "the water he'd her is not making any hot water".
    "not making hot water",
    "not making any hot water",
    "isnt making hot water",
    "isnt making any hot water",
    // Round 50: "the water heater in the basement isn't putting out hot water".
    "not putting out",
    "isnt putting out",
    "wont put out",
    "doesnt put out",
    "went cold",
    "died",
    "quit",
    "se apago",
    "out",
];
const TOILETS: &[&str] = &["toilet", "inodoro", "excusado", "taza", "bano"];
const TOILET_FAILED: &[&str] = &[
    "wont flush",
    "will not flush",
    "not flushing",
    "doesnt flush",
    "no baja",
    "no jala",
    "se tapo",
    "tapado",
    "no le baja",
    "no le jala",
];
const EVENTS: &[&str] = &[
    // Round 50: a house going on the market ("we're listing the house next tuesday", "a listing
    // that goes live monday", "the photographer's coming saturday"), a tenant moving in ("el
    // inquilino nuevo se muda el sabado").
    "listing the house",
    "listing our house",
    "list the house",
    "list our house",
    "goes live",
    "going live",
    "photographer",
    "photographers",
    "photo shoot",
    "se muda",
    "se mudan",
    "nos mudamos",
    "moving truck",
    // Round 32: "the new tenant moves in tomorrow".
    "moves in",
    "moving in",
    "move in",
    "the movers",
    "movers",
    "moving day",
    "lease ends",
    "lease is up",
    "lease runs out",
    "my lease",
    "walkthrough",
    "walk through",
    "final walkthrough",
    "appraisal",
    "appraiser",
    "inspeccion",
    "la inspeccion",
    "el cierre",
    "invitados",
    "la boda",
    "el inspector",
    "nos mudamos",
    "se acaba el contrato",
    "fly out",
    "flying out",
    "flying in",
    "fly in",
    "leaving town",
    "leave town",
    "leaving for",
    "our trip",
    "a trip",
    "road trip",
    "vacation",
    "guests",
    "guest",
    "company coming",
    "people coming",
    "folks coming",
    "relatives coming",
    "everyone coming",
    "kids coming home",
    "viene la familia",
    "viene gente",
    "family coming",
    "coming over",
    "in laws",
    "inlaws",
    "visitors",
    "visita",
    "hosting",
    "party",
    "fiesta",
    "wedding",
    "boda",
    "baby shower",
    "graduation",
    "thanksgiving",
    "christmas",
    "holiday",
    "inspection",
    "inspector",
    "closing",
    "close on",
    "move in",
    "moving in",
    "move out",
    "moving out",
    "a showing",
    "the showing",
    "open house",
    "court date",
    "court hearing",
    "viaje",
    "de viaje",
    "nos vamos",
    "mudanza",
    "storm",
    // Rounds 18-19: "the hurricane's supposed to hit by sunday", "she has school pictures friday".
    "hurricane",
    // Rounds 22-23: "the auction this saturday", "a hearing next tuesday", "the county fair".
    "auction",
    "a hearing",
    "the hearing",
    "county fair",
    "hurricanes",
    "huracan",
    "tropical storm",
    "school pictures",
    "picture day",
    "storm coming",
    "house sitter",
    "arrive",
    "arriving",
    // Round 45: "my mother in law is coming to stay saturday ... before she gets here saturday".
    "coming to stay",
    "come to stay",
    "gets here",
    "llega",
    "llegan",
    "we leave",
    // Round 17: a trip ("flying to Denver on Friday ... before I go", "i fly out on the twelfth").
    "flying",
    "fly out",
    "flying out",
    "my flight",
    "our flight",
    "leaving town",
    "leave town",
    "we close",
    "rain",
    "heavy rain",
    "snow",
    "snowstorm",
    "hard freeze",
    "freeze",
    "lluvia",
    "tormenta",
    "nevada",
];
const DAYS: &[&str] = &[
    "today",
    "tonight",
    "tomorrow",
    "this weekend",
    "the weekend",
    "weekend",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "lunes",
    "martes",
    "miercoles",
    "jueves",
    "viernes",
    "sabado",
    "domingo",
    "manana",
    "this week",
    "in two days",
    "in three days",
    "en dos dias",
    "en tres dias",
    "in a couple days",
    "fin de semana",
    "el sabado",
    "el viernes",
    "the 1st",
    "the first",
    "1st",
    "2nd",
    "3rd",
    "4th",
    "5th",
    "6th",
    "7th",
    "8th",
    "9th",
    "10th",
    "11th",
    "12th",
    "13th",
    "14th",
    "15th",
    "16th",
    "17th",
    "18th",
    "19th",
    "20th",
    "21st",
    "22nd",
    "23rd",
    "24th",
    "25th",
    "26th",
    "27th",
    "28th",
    "29th",
    "30th",
    "31st",
    "the twentieth",
    "twentieth",
    "thirtieth",
    "the second",
    "the third",
    "the fourth",
    "the fifth",
    "the sixth",
    "the seventh",
    "the eighth",
    "the ninth",
    "the tenth",
    "the eleventh",
    "the twelfth",
    "the thirteenth",
    "the fourteenth",
    "the fifteenth",
    "the sixteenth",
    "the seventeenth",
    "the eighteenth",
    "the nineteenth",
    "the twenty first",
    "the twenty second",
    "the twenty third",
    "the twenty fourth",
    "the twenty fifth",
    "the twenty sixth",
    "the twenty seventh",
    "the twenty eighth",
    "the twenty ninth",
    "the thirtieth",
    "the thirty first",
    "tomorrow afternoon",
    "tomorrow morning",
    "tomorrow night",
    "this afternoon",
    "this evening",
    "before then",
    "before that",
    "thanksgiving",
    "christmas",
    "christmas eve",
    "the holidays",
    "las fiestas",
    "new years",
    "new years eve",
    "easter",
    "navidad",
    "noche buena",
];
/// Where a house's power is used: said dead, they are out (round 50).
const POWER_POINTS: &[&str] =
    &["outlet", "outlets", "plug", "plugs", "receptacle", "receptacles", "lights", "enchufes", "contactos"];
const POWER_POINTS_DEAD: &[&str] =
    &["is dead", "are dead", "went dead", "just dead", "all dead", "completely dead", "totally dead", "estan muertos"];
/// Shut in, for a person who cannot get out alone.
const TRAPPED: &[&str] = &["locked", "trapped", "shut in", "encerrado", "encerrada", "atrapado", "atrapada"];
/// Those who cannot get out of a car on their own (not a son who locked his keys in it).
const CHILDREN: &[&str] =
    &["baby", "babies", "infant", "toddler", "newborn", "little one", "bebe", "bebito", "bebita", "nene", "nena"];
const VEHICLES: &[&str] = &["car", "car seat", "truck", "van", "suv", "carro", "coche", "camioneta"];
const LIGHTS: &[&str] = &[
    "light",
    "lights",
    "light fixture",
    "ceiling light",
    "can light",
    "recessed light",
    "fixture",
    "lamp",
    "foco",
    "lampara",
];
const WATER_OUT_OF: &[&str] = &[
    "dripping out",
    "dripping from",
    "leaking out",
    "leaking from",
    "pouring out",
    "coming out",
    "running out",
    "out of it",
    "goteando",
    "saliendo",
    "chorreando",
];
const RELATIVES: &[&str] = &[
    "mom", "mommy", "dad", "daddy", "uncle", "auntie", "aunt", "aunty", "cousin", "grandma", "grandpa", "granny",
    "nana", "sis", "bro", "babe", "honey", "sweetie", "tia", "tio", "prima", "primo", "abuela", "abuelo", "mami",
    "papi", "mija", "mijo", "comadre", "compadre",
];
/// What the business's people do at a place, said as done: "you treated", "you sprayed".
const WORK_DONE: &[&str] = &[
    "treated",
    "sprayed",
    "serviced",
    "cleaned",
    "installed",
    "replaced",
    "fixed",
    "repaired",
    "patched",
    "pumped",
    "snaked",
    "rewired",
    "inspected",
    "tarped",
    // "you put in" is in EXISTING_JOB; here "put" would also be asking ("could you put in a
    // new outlet on saturday"), and these words veto asking when the business works.
    "came out",
    "came by",
    "were out",
    "were here",
    "did the",
    "did our",
    "did my",
    // A move the business made: "you moved us on saturday" (movers; a booking moved too).
    "moved us",
    "moved me",
    "moved our",
    "moved my",
    "quoted",
    "sent",
    "instalaron",
    "pusieron",
    "arreglaron",
    "vinieron",
    "cambiaron",
];

/// Appliances that heat something other than the house: "the dryer won't heat" is no heat for
/// nobody.
pub(crate) const APPLIANCES: &[&str] = &[
    "dryer",
    "clothes dryer",
    "dryers",
    "ovens",
    "stoves",
    "oven",
    "stove",
    "range",
    "cooktop",
    "pool",
    "pool heater",
    "hot tub",
    "spa",
    "jacuzzi",
    "dishwasher",
    "iron",
    "griddle",
    "secadora",
    "horno",
    "estufa",
    "alberca",
    "piscina",
];
const NEEDED_BY: &[&str] = &[
    // Round 7: a deadline of the caller's ("bids are due this friday", "the lender needs it by").
    "needs it",
    "needs them",
    "are due",
    "is due",
    "due by",
    "need it",
    "need this",
    "need that",
    "need them",
    "needs to be",
    "need it done",
    "have it done",
    "lo necesito",
    "lo necesitamos",
    "tiene que estar",
    // Round 16: a letter to answer, a shop to open ("respond by the fifteenth which is this
    // friday", "replaced before we open monday morning").
    "respond by",
    // Round 19: "el papel dice que tengo hasta el jueves", "I have until Friday".
    "tengo hasta",
    // Round 21: "la ropa ... que necesito para el lunes".
    "necesito para",
    "necesitamos para",
    "tenemos hasta",
    "i have until",
    "we have until",
    "before we open",
    "before we reopen",
    "before i open",
    // Round 42: what runs out on a day ("he needs a refill ... and he runs out tomorrow").
    "runs out",
    "run out",
    "running out",
    "se acaba",
    "se le acaba",
    "se me acaba",
];
const VISITORS: &[&str] = &[
    "you",
    "your",
    "tech",
    "techs",
    "technician",
    "guy",
    "guys",
    "someone",
    "they",
    "plumber",
    "electrician",
    "crew",
    "installer",
    "installers",
];
const WORKERS: &[&str] = &[
    "guy",
    "guys",
    "crew",
    "worker",
    "workers",
    "installer",
    "installers",
    "tech",
    "techs",
    "technician",
    "technicians",
    "employee",
    "employees",
    "men",
    "plumber",
    "electrician",
    "tecnico",
    "trabajadores",
];
const WANTING: &[&str] = &[
    "id like",
    "i would like",
    "wed like",
    "we would like",
    "want",
    "wanted",
    "need",
    "looking to",
    "quisiera",
    "quiero",
    "queremos",
    "necesito",
    "necesitamos",
];
const FITTING: &[&str] = &[
    "put in",
    "installed",
    "install",
    "hooked up",
    "mounted",
    "swapped out",
    "instalar",
    "instalado",
    "instalen",
    "poner",
];
/// Businesses no home-service company is: asking for one is a wrong number.
const OTHER_BUSINESSES: &[&str] = &[
    // Round 8: offices of another kind ("is this the county clerk's office").
    "clerk",
    "county clerk",
    "clerks",
    "clerks office",
    "water department",
    "water company",
    "gas company",
    "electric company",
    "cable company",
    "city hall",
    "animal hospital",
    "vet",
    // Round 7: a public office ("is this the dmv").
    "dmv",
    "post office",
    "pizza",
    "pizzeria",
    "pharmacy",
    "restaurant",
    "bank",
    "school",
    "tire shop",
    "tire place",
    "hotel",
    "salon",
    "barber",
    "barbershop",
    "car wash",
    "farmacia",
    "restaurante",
    "banco",
    "escuela",
];
/// Asking whether the business works at a time (round 7).
const ASKING_WHEN_OPEN: &[&str] = &[
    "are you",
    "you",
    "do you",
    "can you",
    "could you",
    "trabajan",
    "abren",
    "atienden",
    "trabaja",
    "abiertos",
    "abierto",
];
const WORKING_TIMES: &[&str] = &[
    "saturday",
    "saturdays",
    "sunday",
    "sundays",
    "weekend",
    "weekends",
    "weekdays",
    "evening",
    "evenings",
    "nights",
    "after hours",
    "after five",
    "after work",
    "sabado",
    "sabados",
    "domingo",
    "domingos",
    "fin de semana",
    "fines de semana",
    "en la tarde",
    "por la tarde",
    "en la noche",
];
/// A question or a request that a day can complete into asking for a time.
const ASKING_FOR_A_TIME: &[&str] = &[
    "can you",
    "could you",
    "can someone",
    "could someone",
    "can anyone",
    "could anyone",
    "would you",
    "is there",
    "do you have",
    "any chance",
    "possible",
    "are you",
    "what time",
    "what day",
    "how soon",
    "puede",
    "pueden",
    "podrian",
    "podria",
    "hay alguien",
    "tienen",
    "a que hora",
    "que dia",
];
/// The listener's own order, vehicle or booking, as another business speaks of it.
const SOMEONES_BOOKING_OR_ORDER: &[&str] = &[
    "your appointment",
    "your appt",
    "your truck",
    "your trucks",
    "your car",
    "your cars",
    "your vehicle",
    "your order",
    "your orders",
    "your prescription",
    "your refill",
    "your glasses",
    "your results",
    "your package",
    "tu cita",
    "su cita",
    "tu receta",
    "su receta",
    "tu carro",
    "su carro",
    "tu pedido",
    "su pedido",
];
/// What the business that has it tells its customer.
const READY_OR_MOVED: &[&str] = &[
    "is ready",
    "are ready",
    "s ready",
    "all set",
    "got moved",
    "has been moved",
    "was moved",
    "ready for pickup",
    "ready for pick up",
    "ready to pick up",
    "esta lista",
    "esta listo",
    "estan listos",
    "ya esta",
];
/// Changing the time of a booking.
const MOVING_A_BOOKING: &[&str] =
    &["move", "cancel", "reschedule", "push", "change", "switch", "cancelar", "cambiar", "mover"];
/// A time asked for in place of the booked one, still to be found.
const A_NEW_TIME: &[&str] = &[
    "instead",
    "sometime",
    "some time",
    "another day",
    "another time",
    "anything later",
    "do you have anything",
    "if you have",
    "any morning",
    "any afternoon",
    "any day",
    "whatever you have",
    "next available",
    "otro dia",
    "otra fecha",
    "otra hora",
];
/// Asking to be called back at a time is not asking for a visit at that time.
const CALLING_BACK: &[&str] = &[
    "call me back",
    "call back",
    "callback",
    "call us back",
    "reach me",
    "text me",
    "llamame",
    "llameme",
    "me llame",
    "me llamen",
    "regresar la llamada",
];
/// The business's coming visit, spoken of as settled (round 15): "when you come to sweep the
/// chimney next month". Without a day it is as often the visit being asked for ("add a couple
/// more while you're here"). "you are coming" needs no day: it is in EXISTING_JOB.
const A_VISIT_AHEAD: &[&str] = &[
    "when you come",
    "when youre here",
    "when you are here",
    "when youre out",
    "while youre here",
    "while youre out",
    "when youre coming",
];
const WEEKS_AHEAD: &[&str] = &["next week", "next month", "next time"];
/// Offices that call their own patients, pupils and customers (round 7).
const OTHER_OFFICES: &[&str] = &[
    "office",
    "dentistry",
    "pediatric",
    "pediatrics",
    "dental",
    "dentist",
    "pharmacy",
    "farmacia",
    "clinic",
    "clinica",
    "school",
    "elementary",
    "doctors",
    "dr",
    "medical",
    "consultorio",
    "escuela",
];
const OVERFLOWING_FIXTURES: &[&str] =
    &["toilet", "toilets", "tub", "bathtub", "sink", "inodoro", "excusado", "tina", "lavabo", "fregadero"];
const SPILLING_OVER: &[&str] = &[
    "running over",
    "runs over",
    "ran over",
    "spilling over",
    "spills over",
    "se desborda",
    "desbordando",
    "se esta desbordando",
    "se tira",
];
const CEILINGS: &[&str] = &["ceiling", "ceilings", "techo", "cielo raso", "plafon"];
const BULGING: &[&str] = &[
    "soft",
    "spongy",
    "soggy",
    "mushy",
    "squishy",
    "caving in",
    "falling in",
    "blando",
    "aguado",
    "bulging",
    "bulge",
    "ballooning",
    "sagging",
    "bowing",
    "abombado",
    "pandeado",
    "pandeando",
    "colgando",
];
const ATTEMPTS: &[&str] = &[
    "called",
    "calling",
    "tried calling",
    "trying to reach",
    "tried to reach",
    "trying to call",
    "tried to call",
    "trying to get through",
    "left a message",
    "left messages",
    "ive left",
    "left you",
    "message",
    "messages",
    "voicemail",
    "voicemails",
    "llamo",
    "llamado",
    "llamando",
    "mensaje",
    "mensajes",
    "reach you",
    "get through",
    "get a hold",
];
const SEVERAL: &[&str] = &[
    "three times",
    "3 times",
    "twice",
    "two times",
    "several times",
    "multiple times",
    "a few times",
    "couple times",
    "a couple times",
    "second message",
    "third message",
    "segundo mensaje",
    "tercer mensaje",
    "two messages",
    "three messages",
    "since monday",
    "since tuesday",
    "since wednesday",
    "since thursday",
    "since friday",
    "since yesterday",
    "tres veces",
    "dos veces",
    "varias veces",
    "tercera vez",
    "segunda vez",
    "la tercera vez",
    "four times",
    "five times",
    "bunch of times",
    "so many times",
    "fourth time",
    "third time",
    "second time",
    "a couple messages",
    "couple messages",
    "a couple of messages",
    "a few messages",
    "several messages",
    "a couple voicemails",
    "varios mensajes",
    "fourth",
    "fifth",
    "sixth",
    "second call",
    "third call",
    "second voicemail",
    "third voicemail",
    "cuarta vez",
    "and again",
];
const VULNERABLE: &[&str] = &[
    "chemo",
    "chemotherapy",
    "quimio",
    "quimioterapia",
    "surgery",
    "had surgery",
    "just had surgery",
    "recovering",
    "post op",
    "had a stroke",
    "stroke",
    "cancer",
    "special needs",
    "hospital bed",
    "home health",
    "cirugia",
    "operada",
    "operado",
    "recien operada",
    "recien operado",
    "dementia",
    "alzheimers",
    "bed bound",
    "bedbound",
    "immunocompromised",
    "abuelita",
    "abuelito",
    "persona mayor",
    "tercera edad",
    "mayor de edad",
    "baby",
    "babies",
    "infant",
    "infants",
    "newborn",
    "toddler",
    "week old",
    "weeks old",
    "month old",
    "months old",
    "elderly",
    "grandma",
    "grandmother",
    "grandpa",
    "grandfather",
    "wheelchair",
    "bedridden",
    "hospice",
    "chemo",
    "disabled",
    "pregnant",
    "embarazada",
    "recien nacido",
    "bebe",
    "bebes",
    "anciano",
    "anciana",
    "ancianos",
    "abuela",
    "abuelo",
    "senior citizen",
    "heart condition",
    "heart problems",
    "heart problem",
    "heart trouble",
    "bad heart",
    "copd",
    "lung disease",
    "emphysema",
    "del corazon",
    "asma",
    "asthma",
    "sick",
    "enfermo",
    "enferma",
    "medically fragile",
    "my elderly",
    "frail",
    "ninos chiquitos",
    "chiquitos",
    "bebita",
];
/// Someone whose life runs on power: without it they are in danger whatever the weather
/// (round 12's "my dad's on oxygen, the concentrator's on the side that's out"). Also
/// vulnerable occupants.
const ON_POWERED_CARE: &[&str] = &[
    "oxygen",
    "on oxygen",
    "oxygen machine",
    "oxygen concentrator",
    "concentrator",
    "breathing machine",
    "cpap",
    "bipap",
    "dialysis",
    "ventilator",
    "on a ventilator",
    "feeding pump",
    "medical equipment",
    "oxigeno",
    "maquina de oxigeno",
    "concentrador",
    "dialisis",
];
const COLD_WORDS: &[&str] = &[
    "hace mucho frio",
    "mucho frio",
    "bien fria",
    "bien frio",
    "muy fria",
    "muy frio",
    "helando",
    "congelando",
    "bajo cero",
    "single digits",
    "the teens",
    "in the teens",
    "below freezing",
    "freezing",
    "frozen",
    "temblando",
    "shivering",
    "ice cold",
    "frio",
    "the 20s",
    "the 30s",
    "low 30s",
    "low 20s",
    "the twenties",
    "the thirties",
    "below zero",
];
const HOT_WORDS: &[&str] = &[
    "heat wave",
    "heatwave",
    "extreme heat",
    "sweltering",
    "scorching",
    "boiling",
    "triple digits",
    "mucho calor",
    "hace calor",
    "calor",
    "so hot",
    "really hot",
    "getting hot",
    "getting real hot",
    "real hot",
    "very hot",
    "in the heat",
    "hot inside",
    "hot in here",
];
const AVAILABILITY: &[&str] = &[
    // How soon, how full, whether free (written from common wording, not from any one
    // voicemail): "how far out are you", "are you free thursday", "pencil me in".
    "when are you available",
    "when is the earliest",
    "are you free",
    "you free",
    "any slots",
    "open slots",
    "a slot",
    "have any time",
    "got any time",
    "how far out",
    "how long is the wait",
    "wait list",
    "waiting list",
    "pencil me in",
    "pencil us in",
    "book me in",
    "tienen tiempo",
    "tienen espacio",
    "hay espacio",
    "hay citas",
    "para cuando",
    "que dias",
    // Round 8: when the business works or could come ("what your hours are", "how fast can you get here").
    "your hours",
    "what time do you open",
    "how fast can",
    "might be out",
    // Round 7: how full the calendar is ("how booked up are you", "what your schedule's like").
    "booked up",
    "how booked",
    "your schedule",
    "schedules like",
    "schedule looks like",
    "whats your schedule",
    // Round 6, asked in plain words: "cuando tienen citas disponibles", "what day works".
    "citas disponibles",
    "cuando tienen",
    "what day works",
    "come look at it today",
    "can someone come today",
    "something you can come look at",
    "any chance",
    "swing it",
    "if you can swing",
    "first opening",
    "your first opening",
    "first available",
    "earliest opening",
    "bring her in",
    "bring him in",
    "bring them in",
    "bring it in",
    "can we bring",
    "could we bring",
    "can i bring",
    "could i bring",
    "can we come in",
    "could we come in",
    "disponibilidad",
    "tienen disponibilidad",
    "swing by",
    "come by",
    "stop by",
    "come out",
    "get someone out",
    "someone out",
    "anyone out",
    "send someone",
    "send anyone",
    "get in today",
    "can i get in",
    "fit us in",
    "fit me in",
    "are you open",
    "you open",
    "open on",
    "do you work",
    "are you available",
    "anyone available",
    "someone available",
    "availability",
    "disponible",
    "pueden venir",
    "puede venir",
    "podrian venir",
    "podria venir",
    "venga",
    "vengan",
    "mandar a alguien",
    "manden a alguien",
    "mande a alguien",
    "cuando pueden",
    "cuando puedan",
    "cuando podrian",
    "when could you",
    "when can you",
    "what dates",
    "dates you have",
    "any way someone",
    "any chance someone",
    "can someone",
    "could someone",
    "can you send",
    "could you send",
    "get someone",
    "need someone out",
    "someone come",
    "if you can do it",
    "can you do it this week",
    "earliest",
    "how soon",
    "next available",
    "this week",
    "any openings",
    "squeeze",
    "someone can come",
    "can come first thing",
    "first thing",
    "fit it in",
    "fit them in",
    "could see me",
    "see me",
    "get me in",
    "get us in",
    // Round 17: "what days do you have", "what you have open", "aceptando pacientes nuevos",
    // "pueden verlo hoy" (a pet).
    "what days do you",
    "what days you have",
    "what you have open",
    // Round 21: "sometime in January if she has anything".
    "if she has anything",
    // Rounds 22-23: "when is the lawyer available", "whenever you've got something", "if doc could
    // come look at her today", "get us a price and a date".
    "is the lawyer available",
    "youve got something",
    "could come look",
    "a price and a date",
    "if he has anything",
    "if you have anything",
    "aceptando pacientes nuevos",
    "aceptan pacientes nuevos",
    "reciben pacientes nuevos",
    "pueden verlo",
    "pueden verla",
    "puede verlo",
    "puede verla",
    "lo pueden ver",
    "la pueden ver",
    "if you can come",
    "when you can schedule",
    // Round 16: "see if i can get in again sometime next week", "whenever you have a free day".
    "i can get in",
    "we can get in",
    "i could get in",
    "a free day",
    // A pet or a child brought to a clinic: "could we get her in before then".
    "get her in",
    "get him in",
    "get them in",
    "fit her in",
    "fit him in",
    "taking new patients",
    "accepting new patients",
    "new patients",
    "have an opening",
    "an opening",
    "any availability",
    "when you could",
    "whats the soonest",
    "the soonest",
    "soonest",
    "how soon can",
    "any way you",
    "is there any way",
    "anything open",
    "anything available",
    "next opening",
    "your next opening",
    "whats your next",
    "any time this week",
    "have anything",
];
const SERVICE: &[&str] = &[
    // Round 7: work asked for in passing ("somebody to look before it turns into a flood", "locked out", "do you take cases like that").
    "someone to look",
    "cleaned out",
    "get it cleaned",
    "locked out",
    "on the books",
    "take cases",
    "take my case",
    "take a case",
    "rekeyed",
    "rekey",
    // Round 6: work asked for without "fix" or "repair".
    "someone to come",
    // Rounds 18-19: "looking for anyone who can do a three bedroom move", "I need the locks
    // changed", "come set some traps", "I need proof of insurance emailed".
    "looking for anyone",
    // Rounds 22-23: "put us on the list for a fill", "we'd like somebody to put a cap on it",
    // "we'd like to sit down about the paperwork", "can your guy swap it out", "a bill of sale
    // drawn up", "i need to talk to somebody before then".
    "on the list for",
    "like someone to",
    "like to sit down",
    "swap it out",
    "drawn up",
    "need to talk to someone",
    "locks changed",
    "change the locks",
    "set some traps",
    "proof of insurance",
    "come set traps",
    "set traps",
    "need the plumber to come",
    "whenever you can get to it",
    "que revisen",
    "quiero que revisen",
    "sell and install",
    "need a",
    "need an",
    "looking for a",
    "looking for an",
    "get on the schedule",
    "set up",
    "book",
    "booking",
    "schedule",
    "consultation",
    "consult",
    "appointment",
    "cleaning",
    "check",
    "checked",
    "look at",
    "looked at",
    "take a look",
    "come look",
    "inspect",
    "inspected",
    "replace",
    "replaced",
    "treatment",
    "tarp",
    "pumped",
    "hooked up",
    "install",
    "installed",
    "repair",
    "fix",
    "fixed",
    "lawyer",
    "attorney",
    // Round 17: "necesito hablar con un abogado", "we'd like to update our living trust".
    "abogado",
    "living trust",
    "update our will",
    "update my will",
    "update our trust",
    "new patient",
    "new patients",
    "tune up",
    "tuneup",
    "service",
    "serviced",
    "help with",
    "quisiera",
    "necesito",
    "necesitamos",
    "ocupamos",
    "ocupo",
    "arreglar",
    "reparar",
    "revisar",
    "revise",
    "instalar",
    "cambiar",
    "servicio",
    "cita",
    "consulta",
    "limpieza",
    "plomero",
    "electricista",
    "tecnico",
    "mantenimiento",
    "need someone",
    "need it",
    "get it fixed",
    "wants to",
    "want to get",
    "would like to",
    "id like to",
    "estimate",
    "quote",
    "a plumber",
    "an electrician",
    "a technician",
    "exterminator",
    "treat",
    "removal",
    "remove",
    "pump",
    "unclog",
    "clean",
    "hardwired",
    "sign off",
    "looked at",
    "come out",
    "send someone",
    "ustedes hacen",
    "hacen eso",
    "do you do",
    "can you fix",
    "can you do",
    "need it fixed",
    "get it patched",
    "patched",
    "tarped",
    "repairs done",
    "need the repairs",
];
const PRICING: &[&str] = &[
    // Rounds 18-19: "what that'd run", "wondered what that'd run me".
    "what thatd run",
    "what that would run",
    "what itd run",
    "what it would run",
    // Round 7: a price asked sideways ("what's the damage on", "do you do free consultations").
    "whats the damage",
    "free consultation",
    "free consultations",
    "trip fee",
    "what do they run",
    "what does it run",
    // What a job "would run": "what a sump pump install would run", "what's that run".
    "would run",
    "whats that run",
    "what does that run",
    "what would that run",
    "what would it run",
    "proposal",
    "a proposal",
    "cuanto me cobran",
    "cuanto costaria",
    "cuanto me costaria",
    "how much",
    "what would it cost",
    "what does it cost",
    "cost",
    "price",
    "pricing",
    "quote",
    "estimate",
    "rates",
    "cotizacion",
    "presupuesto",
    "cuanto cobran",
    // Round 20: "cuanto nos cobraria por venir a ver".
    "cuanto nos cobraria",
    "cuanto me cobraria",
    "cuanto cobraria",
    "cuanto cuesta",
    "cuanto sale",
    "cuanto me cobraria",
    "precio",
    "precios",
    "estimado",
    "financing",
    "cheaper",
    "run me",
    "what would something like that run",
    "ballpark",
    "what do you charge",
    "do you charge",
    "cuanto seria",
    "cuanto es",
    "what that might run",
    "what that might cost",
    "what it might cost",
    "what it might run",
    "what itd cost",
    "what that would cost",
    "what that would run",
    "what it would run",
    "give us a price",
    "give me a price",
    "a price on",
    "cuanto me cobrarian",
    "cuanto cobrarian",
];
const EXISTING_JOB: &[&str] = &[
    // A client or patient of the business already: "i'm a client of ms okafor's", "you all are
    // handling my divorce", "my cat biscuit is a patient", "soy clienta de ella" (law firms,
    // clinics; a "new patient" is not one).
    "client of",
    "im a client",
    "im a current client",
    "existing client",
    "current client",
    "clienta de",
    "cliente de",
    "soy cliente",
    "soy clienta",
    "is a patient",
    "a patient of",
    "im a patient",
    "existing patient",
    "current patient",
    "paciente de",
    "soy paciente",
    "handling my",
    "representing me",
    "retainer agreement",
    "draft i sent",
    "papers i sent",
    "paperwork i sent",
    "forms i sent",
    "make sure it came through",
    "make sure you got",
    // Round 8: a booked visit moved or awaited, a part on order, a visit already made ("i gotta cancel the tree job", "checking if the glass came in yet").
    "need to cancel",
    "got to cancel",
    "have to cancel",
    "need to move it",
    "want to move it",
    "have to move it",
    "are coming out on",
    "youre coming out",
    "you are coming",
    "came in yet",
    "come in yet",
    "i was seen",
    "was seen last week",
    // Round 7: a booked visit or a quote of the business's own, said plainly ("i got a quote from you guys", "tengo una cita el jueves").
    "quote from you",
    "estimate from you",
    "quote you sent",
    "estimate you sent",
    "quote you gave",
    "tengo una cita",
    "cambiarla",
    "cambiar mi cita",
    "cancelar la cita",
    "cancelar mi cita",
    "my refund",
    "the refund",
    "a refund",
    "reembolso",
    "i have the consultation",
    "my consultation",
    "our consultation",
    "you put a",
    "you put the",
    "you put on",
    "you put",
    "youve put",
    "you have put",
    "quedaron de venir",
    "quedaron en venir",
    "dijeron que venian",
    "iban a venir",
    "youve fixed",
    "you have fixed",
    "youve been out",
    "youve replaced",
    "youve come out",
    // Round 10: the business's people named as the customer's own, and results awaited.
    "the crew",
    "your crew",
    "your electrician",
    "your plumber",
    "the guy you sent",
    "results back",
    "results are back",
    "results came back",
    // Word back on finished work: "the new disposal works great, one question".
    "works great",
    "working great",
    "works perfectly",
    "working perfectly",
    "runs great",
    "funciona muy bien",
    "funciona perfecto",
    "el trabajo que hicieron",
    "la factura",
    "trabajo que hicieron",
    "who came",
    "was out",
    "were out",
    "was here",
    "were here",
    "came by",
    "the tech",
    "your tech",
    "technician",
    "tech said",
    "following up",
    "follow up",
    "followup",
    "checking in",
    "just checking",
    "part on order",
    "on order",
    "the part",
    "returning a call",
    "returning your call",
    "return your call",
    "you called",
    "called me",
    "left me a message",
    "got your message",
    "your message",
    "estimate you",
    "quote you",
    "quote from you",
    "estimate from you",
    "got the estimate",
    "got the quote",
    "documents you",
    "my case",
    "my bill",
    "a bill from",
    "the bill",
    "charged",
    "invoice",
    "appointment with you",
    "my appointment",
    "reschedule",
    "rescheduling",
    "move it to",
    "move my",
    "second part of the job",
    "go ahead",
    "la cita",
    "mi cita",
    "el tecnico que vino",
    "vino el tecnico",
    "le regreso la llamada",
    "me dejaron un mensaje",
    "seguimiento",
    "la cotizacion que",
    "you replaced",
    "you installed",
    "you fixed",
    "you put in",
    "last visit",
    "your work",
    "the estimate",
    "my estimate",
    "the quote",
    "go ahead with",
    "that part",
    "part came in",
    "the part came in",
    "did the part",
    "parts came in",
    "you said",
    "the guy said",
    "your guy said",
    "he said itd",
    "you told me",
    "the guy told me",
    "confirming",
    "just confirming",
    "to confirm",
    "confirm my",
    "confirm the",
    "reminder",
    "reminder text",
    "reminder texts",
    "your reminder",
    "que mandaron",
    "el tecnico que",
    "ustedes instalaron",
    "ustedes pusieron",
    "lo pusieron ustedes",
    "la pusieron ustedes",
    "cambiar mi cita",
    "cambiar la cita",
    "cambiar mi appointment",
    "mi appointment",
    "reprogramar",
    "you found",
    "you did",
    "did for us",
    "came out and measured",
    "measured last",
    "you quoted",
    "your estimate",
    "your quote",
    "the job you",
    "the work you",
    "confirmar",
    "confirmar la cita",
    "your technician",
    "the technician",
    "talked to someone",
    "spoke to someone",
    "spoke with someone",
    "you are starting",
    "youre starting",
    "start date",
    "you sent",
    "you sent over",
    "the bid",
    "your bid",
    "sent over",
    "push it to",
    "push my appointment",
    "had an appointment",
    "running late",
    "move my appointment",
    "hable con alguien",
    "la cotizacion que nos mandaron",
];
/// The business's own past work, said by the customer: a visit, a crew, an install, a bill.
const PAST_WORK: &[&str] = &[
    "youve fixed",
    "you have fixed",
    "youve replaced",
    "youve repaired",
    "youve been out",
    "youve installed",
    "you replaced",
    "you fixed",
    "you installed",
    "you repaired",
    "you put in",
    "your tech",
    "your guy",
    "your bill",
    "the guy told me",
    "you patched",
    "the tech",
    "came out last",
    "were just here",
    "was just here",
    "your technician",
    "the technician",
    "your plumber",
    "your electrician",
    "your guys",
    "the guy you sent",
    "tecnico que mandaron",
    // A visit, a crew, a bill or an appointment of the business's own (round 10).
    "your man",
    "your crew",
    "the crew",
    "mowing crew",
    "your installer",
    "the installer",
    "your people",
    "the guys you sent",
    "the man you sent",
    "had a guy out",
    "had someone out",
    "you sent",
    "came out",
    "was out",
    "were out",
    "was here",
    "were here",
    "came by",
    "installed",
    "the repair",
    "the install",
    "the installation",
    "your work",
    "the invoice",
    "the bill",
    "my bill",
    "our bill",
    "billed",
    "charged me",
    "charged us",
    "quote we signed",
    "estimate we signed",
    "we signed",
    "retained",
    "the retainer",
    "i paid",
    "we paid",
    "i was in",
    "was told someone",
    "had a filling",
    "had a crown",
    "had a cleaning",
    "had a root canal",
    "got a bill",
    "a bill for",
    "a retainer",
    "you sprayed",
    "you treated",
    "my appointment",
    "front desk",
    "receptionist",
    "el tecnico",
    "su tecnico",
    "vino",
    "vinieron",
    "instalaron",
    "arreglaron",
    "la factura",
    "me cobraron",
    "pague",
];
const COMPLAINT: &[&str] = &[
    // Displeasure in the words people use for it, whatever the trade: asking the business to
    // make it right, a job left unfinished or done badly, a no-show, a person who was rude, a
    // charge to dispute (written from common complaint wording, not from any one voicemail).
    "make this right",
    "make it right",
    "unprofessional",
    "disrespectful",
    "one star",
    "dispute the charge",
    "disputing the charge",
    "chargeback",
    "small claims",
    "expected better",
    "expect better",
    "hidden fee",
    "hidden fees",
    "no call no show",
    "stood us up",
    "stood me up",
    "never finished the",
    "didnt finish the job",
    "not done right",
    "wasnt done right",
    "didnt do it right",
    "did a bad job",
    "did a terrible job",
    "did a poor job",
    "did a lousy job",
    "hours late",
    "showed up late",
    "yelled at",
    "swore at",
    "not acceptable",
    "misled",
    "wasted my",
    "waited all day",
    "waited all morning",
    "waiting all day",
    "sat here all day",
    "no one showed",
    "nobody showed",
    "you broke",
    "cut corners",
    "careless",
    "incompetent",
    "never returned my",
    "nobody returned my",
    "no one returned my",
    "ignoring my",
    "ignored my",
    "nadie vino",
    "no han venido",
    "nadie me llamo",
    "nadie me ha llamado",
    "me dejaron esperando",
    "nos dejaron esperando",
    "pesimo servicio",
    "pesimo trabajo",
    "no estoy satisfecho",
    "no estoy satisfecha",
    "devuelvan mi dinero",
    "mi dinero de vuelta",
    "mal hecho",
    "quedo peor",
    "lo dejaron peor",
    "falta de respeto",
    "nos dejaron plantados",
    "me dejaron plantado",
    "me dejaron plantada",
    // Round 7: displeasure said politely ("kind of annoying honestly, for what we paid").
    "for what we paid",
    "for what i paid",
    "more than patient",
    "not paying this",
    "im not paying",
    "not going to pay",
    "explain this charge",
    "explain these charges",
    "explain that charge",
    "refunded",
    "double charged",
    "double billed",
    "reembolso",
    "no arreglo nada",
    "me cobro de mas",
    "me cobraron de mas",
    "no sabia lo que hacia",
    "mal educado",
    "no se presento",
    "no quedo bien",
    "sigue goteando",
    "sigue igual",
    "charged twice",
    "double charged",
    "billing issue",
    "billing issues",
    "this is your work",
    "still not working",
    "still leaking",
    "still broken",
    "never came",
    "no one came",
    "nobody came",
    "never showed",
    "not happy",
    "unhappy",
    "cobraron de mas",
    "no vino",
    "nunca vino",
    "nunca llego",
    "queja",
    "mal servicio",
    "mal trabajo",
    "waste of money",
    "very disappointed",
    "so disappointed",
    "want my money back",
    "want a refund",
    "poor job",
    "frustrating",
    "not real happy",
    "not very happy",
    "not too happy",
    "paying for the same thing twice",
    "same problem again",
    "muy molesto",
    "muy molesta",
    "grosero",
    "grosera",
    "el gerente",
    "con el dueno",
    "no estoy contento",
    "no estoy contenta",
    "dejo todo sucio",
    "explain this to me",
    "explain the bill",
    "explain this bill",
    "explain the charges",
    "explain the charge",
    "fue muy grosero",
    "muy grosero",
];
const VENDOR: &[&str] = &[
    // Round 32: selling leads ("exclusive emergency service leads ... pay per lead") and asking
    // for a job ("I also emailed my resume").
    "pay per lead",
    "per lead",
    "service leads",
    "exclusive leads",
    "my resume",
    "the position i saw",
    "the job posting",
    // The usual offers of a sales call to a small business (written from common pitch wording,
    // not from any one voicemail): robocall opt-outs, card processing and energy rates,
    // directories and ads, reviews, receptionists, payroll, leasing and wraps, buying the
    // business. Not what a customer says of the business's own ads: "saw on your website",
    // "found you in the yellow pages", "not a sales call" (a customer said it).
    "removed from our list",
    "press two",
    "press 2",
    "processing fees",
    "processing rates",
    "energy rates",
    "energy supplier",
    "ad space",
    "sponsorship",
    "our directory",
    "directory listing",
    "reputation management",
    "your online reviews",
    "virtual receptionist",
    "reaching out to local",
    "reaching out to businesses",
    "reaching out to contractors",
    "short survey",
    "quick survey",
    "payroll",
    "workers comp quote",
    "equipment financing",
    "equipment leasing",
    "truck wraps",
    "vehicle wraps",
    "selling your business",
    "buying businesses",
    "business broker",
    "free trial",
    "appointment setting",
    "homeowners in your area",
    // Suppliers' offers and ranking pitches in their usual words: "we're running a promotion on
    // nitrile gloves", "buy ten cases get one free", "your website isn't showing up when people
    // search", "get you ranked in the top three", "it pays for itself".
    "promo on",
    "promotion on",
    "running a promotion",
    // Paying for referrals is a pitch; paying an invoice ("we pay net thirty") is a customer.
    "we pay a",
    "we pay referral",
    "referral fee",
    "referral fees",
    "finders fee",
    "referral partner",
    "got a promo",
    "promo this month",
    "put some aside",
    "get one free",
    "off on orders",
    "website isnt showing",
    "when people search",
    "map pack",
    "get you ranked",
    "ranked in the top",
    "pays for itself",
    "love ten minutes",
    "have ten minutes",
    "quote i dropped off",
    "exclusive to one",
    // Round 7: pitches dressed as help ("our contractor partner program", "wanted to introduce myself", "show you how our software").
    "partner program",
    "contractors like yourself",
    "like yourself",
    "introduce myself",
    "territory rep",
    "line sheets",
    "show you how our",
    "our software",
    "scheduling software",
    "dispatch software",
    "your rating",
    "push those down",
    "jobs available in your",
    // A supplier or a biller calling the business: "calling about your order", "accounts payable".
    "calling about your order",
    "backordered",
    "back ordered",
    "accounts payable",
    "catalog",
    "our catalog",
    "new accounts",
    "for new accounts",
    "running a special",
    "spring special",
    "product line",
    "were offering",
    "we are offering",
    "businesses in your area",
    "companies in your area",
    "contractors in your area",
    "we help",
    "we specialize",
    "we offer",
    "we provide",
    "we handle",
    "we place",
    "we beat",
    "we work with",
    "running a promo",
    "contractor pricing",
    "pricing sheet",
    "open an account",
    "wholesale",
    "distributor",
    "supply house",
    "supply houses",
    "supplier",
    "staffing",
    "recruiter",
    "recruiting",
    "looking for work",
    "youre hiring",
    "if youre hiring",
    "are you hiring",
    "companies like yours",
    "businesses like yours",
    "business like yours",
    "contractors like you",
    "plumbers like you",
    "local service businesses",
    "your listing",
    "google maps",
    "first page of google",
    "top of google",
    "your google listing is",
    "verify your google",
    "google business profile",
    "google ranking",
    "seo",
    "lead generation",
    "more calls",
    "get more calls",
    "more leads",
    "more customers",
    "more jobs",
    "same week funding",
    "monthly fee",
    "flat monthly",
    "reviews on yelp",
    "respond to reviews",
    "responded to",
    "manage all that for you",
    "same day funding",
    "merchant",
    "vehicles extended warranty",
    "car warranty",
    "auto warranty",
    "courtesy call",
    "final notice",
    "press one",
    "press 1",
    "speak with a specialist",
    "publicidad",
    "anuncios",
    "su negocio",
    "para su negocio",
    "ofrecerle",
    "ofrecemos",
    "le llamamos de",
    "grow your business",
    "for your business",
    "we pay referrals",
    "our services",
    "booked right onto your calendar",
    "a few minutes of your time",
    "marketing",
    "partner with",
    "partnership",
    // Round 50: "wanted to see about partnering up on referrals with your plumbing guys".
    "partnering up",
    "partnering with",
    "partner up",
    "on referrals",
    "like yours",
    "overflow work",
    "subcontractor",
    "subcontract",
    "sub work",
    "vendemos",
    "al mayoreo",
    "mayoreo",
    "nuestro catalogo",
    "catalogo",
    "lista de precios",
    "le ofrecemos",
    "somos una empresa",
    "distribuidora",
    "distribuidor",
    "mandarles nuestro",
    "enviarles nuestro",
];
const PEOPLE: &[&str] = &[
    "he",
    "she",
    "i",
    "my dad",
    "my mom",
    "my father",
    "my mother",
    "my son",
    "my daughter",
    "my husband",
    "my wife",
    "my kid",
    "my grandma",
    "my grandpa",
    "someone",
    "my neighbor",
    "the baby",
    "mi papa",
    "mi mama",
    "mi hijo",
    "mi hija",
    "mi esposo",
    "mi esposa",
    "el",
    "ella",
];
const HURT: &[&str] = &[
    "got stung",
    "stung",
    "was stung",
    "got bit",
    "got bitten",
    "bitten",
    "swelling up",
    "puffing up",
    "breaking out in hives",
    "la pico",
    "le pico",
    "lo pico",
    "se esta hinchando",
    "fell",
    "slipped",
    "took a fall",
    "had a fall",
    "cant get up",
    "hit his head",
    "hit her head",
    "hit my head",
    "passed out",
    "fainted",
    "is bleeding",
    "bleeding",
    "unconscious",
    "got hurt",
    "hurt himself",
    "hurt herself",
    "se cayo",
    "se pego en la cabeza",
    "se desmayo",
];
const FIXTURES: &[&str] = &[
    "breaker",
    "main breaker",
    "breakers",
    "faucet",
    "sink",
    "toilet",
    "tub",
    "bathtub",
    "shower",
    "drain",
    "pipe",
    "pipes",
    "disposal",
    "dishwasher",
    "garage door",
    "opener",
    "door",
    "window",
    "gutter",
    "gutters",
    "roof",
    "shingles",
    "outlet",
    "outlets",
    "switch",
    "light",
    "lights",
    "fan",
    "thermostat",
    "water heater",
    "furnace",
    "ac",
    "heater",
    "cartridge",
    "valve",
    "spigot",
    "hose bib",
    "sump pump",
    "fridge",
    "washer",
    "dryer",
    "grifo",
    "llave",
    "lavabo",
    "fregadero",
    "regadera",
    "puerta",
    "ventana",
    "techo",
    "enchufe",
];
const FIXTURE_BROKEN: &[&str] = &[
    "wont reset",
    "will not reset",
    "doesnt reset",
    "tripped",
    "broke",
    "broken",
    "leaking",
    "leaks",
    "drips",
    "dripping",
    "clogged",
    "cracked",
    "stuck",
    "wont open",
    "wont close",
    "wont drain",
    "keeps running",
    "running constantly",
    "loose",
    "flickering",
    "tripping",
    "not working",
    "isnt working",
    "stopped working",
    "blew off",
    "fell off",
    "came off",
    "wont shut off",
    "wont turn off",
    "just clicks",
    "gotea",
    "goteando",
    "no funciona",
    "no sirve",
    "se rompio",
    "roto",
    "rota",
    "tapado",
    "making a noise",
    "making noise",
    "making the same noise",
    "making a weird noise",
    "making a loud noise",
    "rattling",
    "grinding",
    "squealing",
    "banging",
    "hace ruido",
];
/// What is wrong with that work: it failed again or never got fixed, something was damaged or
/// left behind, nobody followed up, the bill is not what was agreed, someone was rude. A plain
/// failure ("stopped working") is not one: a repair years after an install is a new request.
const GRIEVANCES: &[&str] = &[
    "still not",
    "still isnt",
    "still wont",
    "still doesnt",
    "still making",
    "still leaks",
    "still leaking",
    "still broken",
    "still the same",
    "still having",
    "still no",
    "same problem",
    "same issue",
    "same noise",
    "same thing",
    "same leak",
    "doing it again",
    "happening again",
    "broke again",
    "leaking again",
    "out again",
    "stopped again",
    "quit again",
    "ever since",
    "since then",
    "since he left",
    "since they left",
    "second visit",
    "second time",
    "third time",
    "third visit",
    "another service charge",
    "left a mess",
    "left piles",
    "left bags",
    "left trash",
    "left debris",
    "snapped",
    "damaged",
    "cracked",
    "scratched",
    "dented",
    "ran over",
    "drove the mower",
    "drove right through",
    "tracked mud",
    "no one told",
    "nobody told",
    "nobody said anything",
    "no one said anything",
    "nobody called",
    "no one called",
    "never called",
    "never heard back",
    "didnt hear back",
    "nothing happening",
    "nothings happening",
    "nothing is happening",
    "nothing filed",
    "dont remember talking",
    "dont remember calling",
    "dont remember agreeing",
    "dont remember signing",
    "not what we agreed",
    "not what i agreed",
    "was quoted",
    "were quoted",
    "way less",
    "the difference",
    "sat in the waiting room",
    // Sending for the same people again: "get somebody back here right now".
    "someone back here",
    "someone back out",
    // Left behind, heard nothing since, the old fault back: "left drywall dust all over the
    // hallway", "the same grinding noise it made before".
    "dust all over",
    "worse than before",
    "thought there was a guarantee",
    "any kind of update",
    "no update",
    "been a month and",
    "mud all over",
    "mess all over",
    "just sitting in my",
    "same grinding",
    "made before",
    "it did before",
    "short with me",
    "rude",
    "rolled her eyes",
    "rolled his eyes",
    "attitude",
    "didnt fix",
    "did not fix",
    "never fixed",
    "not fixed",
    "wasnt fixed",
    "no arreglo",
    "no lo arreglo",
    "didnt do that before",
    "never did that before",
    "wasnt doing that before",
    "cant believe this",
    "twice now",
    "a mistake",
    "double what",
    "twice what",
    "more than what",
    "sigue",
    "otra vez",
    "de nuevo",
    "desde que",
    "todavia no",
    "rompieron",
    "dejaron",
];
/// Near a grievance word, the work is praised: "it's been fine ever since".
const PRAISE: &[&str] =
    &["fine", "great", "perfect", "perfectly", "good", "beautiful", "no problems", "no complaints", "todo bien"];
/// "Still" said of the caller's own deciding, not of the work: "the quote your guy sent over
/// last week, we're still talking it over" (round 16).
const STILL_DECIDING: &[&str] = &[
    "talking it over",
    "thinking it over",
    "still deciding",
    "still thinking",
    "still talking",
    "still comparing",
    "still considering",
    "still discussing",
    "still figuring",
];
const WRONG_NUMBER: &[&str] = &[
    // A pizza order: "I wanted to put in an order for pick up, a large pepperoni" (round 18).
    "pepperoni",
    // A friend's borrowed tool: "you still got my drill? need it back this weekend" (round 23).
    // Not "need it back" alone: "my office is on that circuit so i need it back asap" (round 49).
    "you still got my",
    "garlic knots",
    "order for pick up",
    "order for pickup",
    // Another kind of service's customer: "trying to cancel my cable and internet".
    "cable and internet",
    "cancel my cable",
    "still need a ride",
    // Family talk, and other places' notices for their own people (written from common
    // wording, not from any one voicemail): "love ya", "pick up the kids", "your reservation",
    // "was absent today", "your library books", "your car is ready".
    "love ya",
    "miss you",
    "te amo",
    "besitos",
    "hi sweetie",
    "hey sweetie",
    "pick up the kids",
    "pick me up",
    "when you get off work",
    "happy anniversary",
    "your reservation",
    "was absent today",
    "absent today",
    "attendance office",
    "school nurse",
    "library books",
    "delivery attempt",
    "your car is ready",
    "your vehicle is ready",
    "your refill is ready",
    "your prescription is ready",
    // A tenant's message for a landlord: "rent's going to be a few days late".
    "rents going to be",
    "rent is going to be",
    "rent will be late",
    // Round 7: someone else's school or pickup ("calling for the parent or guardian of", "su receta ya esta lista para recoger").
    "parent or guardian",
    "para recoger",
    "lista para recoger",
    "me equivoque",
    "equivoque de numero",
    "dialed wrong",
    "dialled wrong",
    "marque mal",
    "wrong number",
    "numero equivocado",
    "hey mom",
    "hi mom",
    "hi dad",
    "hey dad",
    "hi grandma",
    "hey grandma",
    "hi grandpa",
    "love you",
    "te quiero",
    "mija",
    "mijo",
    "soy tu",
    "your aunt",
    "your sister",
    "your brother",
    "your cousin",
    "happy birthday",
    "ready for pickup",
    "you listed",
    "marketplace",
    "vas a venir",
    "meant to call",
    "hola tia",
    "hola tio",
    "hola mama",
    "hola papa",
    "hola abuela",
    "hola abuelo",
    "hola mami",
    "hola amor",
    "hey babe",
    "hi babe",
    "hey honey",
    "hi honey",
    "hey sis",
    "hey bro",
    "manda saludos",
    "te manda saludos",
    "ya llegamos",
    "llegamos bien",
    "is this the right office",
    "is this the right number",
    "do i have the right number",
    "right office for",
    "for pickup",
    "wrong office",
    "this is a message for",
];
const TIME_PRESSURE_WORDS: &[&str] = &[
    // Round 19: a notice to pay or leave runs days, not weeks: "el landlord me dio un three day
    // notice".
    "three day notice",
    // Round 20: "we have forty eight hours to get it pumped".
    "we have 48 hours",
    "we have 24 hours",
    "3 day notice",
    // Round 25: medicine running out by a day: "i've only got enough to last through sunday".
    "to last through monday",
    "to last through tuesday",
    "to last through wednesday",
    "to last through thursday",
    "to last through friday",
    "to last through saturday",
    "to last through sunday",
    "to last through the weekend",
    "eviction notice",
    "aviso de desalojo",
    "hoy",
    "urgente",
    "urgencia",
    "emergencia",
    "lo antes posible",
    "lo mas pronto posible",
    "lo mas pronto",
    "cuanto antes",
    "ahorita",
    "ya mismo",
    "esta noche",
    "esta tarde",
    "esta manana",
    // Round 48: "tomorrow morning" in Spanish, "si pueden venir mañana temprano".
    "manana temprano",
    "manana tempranito",
    "manana a primera hora",
    "rapido",
    "de inmediato",
    "inmediatamente",
    "before the weekend",
    "by tomorrow",
    "tomorrow morning",
    "first thing in the morning",
    "end of the day",
    "end of day",
    "before we go",
    "before we leave",
    "before closing",
    "before the closing",
    "before move in",
    "before the inspection",
    "asap",
    "antes de irnos",
    "antes del fin de semana",
    "antes del",
    "by friday",
    "by thursday",
    "by monday",
    "by tuesday",
    "by wednesday",
    "by saturday",
    "by sunday",
    "before friday",
    "before thursday",
    "before monday",
    "before tuesday",
    "before wednesday",
    "before saturday",
    "before sunday",
    "cant leave it like this",
    "by the end of the week",
    "end of the week",
    "quick as you can",
    "fast as you can",
    "soon as you can",
    // Not "before the holidays": weeks away, and both dev callers who say it ("a gas fireplace
    // tune up sometime in early december before the holidays") are in no hurry.
    "before the storm",
    "before it gets worse",
    "before tonight",
];

/// Phrases that swallow a misleading word for the concept recogniser alone: the whole phrase is
/// harmless. Those that would fool every reader are in `harmless::HARMLESS_TO_EVERY_READER`.
const HARMLESS: &[&str] = &[
    // Round 25: water boiled to wash with scalds no one ("i been boiling water on the stove to
    // wash"); a ladder someone cannot climb is no fall ("he can't get up on a ladder to change the
    // battery"); a toilet bowl that stays full is no flooded room ("se queda lleno de agua").
    "been boiling water",
    "boiling water to",
    "boiling water for",
    "cant get up on",
    "cant get up there",
    "cant get up to",
    "se queda lleno de agua",
    "queda lleno de agua",
    // Round 27: a fence the wind blew down is no one fallen ("la cerca que se cayo con el viento");
    // a season is months off ("que revisen el aire antes del verano"); an old water heater hauled
    // out is no outage ("dragging the old water heater out").
    "se cayo con el viento",
    "se cayeron con el viento",
    "antes del verano",
    "antes del invierno",
    "antes del otono",
    "old water heater out",
    "water heater out of",
    // Thanks and goodbyes address the business without asking it anything: "thank you, see
    // you saturday" does not ask whether it works saturdays.
    "thank you",
    "see you",
    "seeing you",
    "talk to you",
    "meet you",
    "catch you",
    "you have a good",
    "you have a great",
    "you have a nice",
    "you have a wonderful",
    // A breaker's type, not a danger: "arc fault breakers", "afci".
    "arc fault",
    "arc fault breaker",
    "arc fault breakers",
    "no water on",
    "no water under",
    "no water around",
    "no water anywhere",
    "no water leaking",
    "no water dripping",
    "no water pooling",
    "no water or anything",
    "humming along",
    "hums along",
    // Water named only to deny a problem with it: "no water leaks, no sparks".
    "no water leak",
    "no water leaks",
    "no water damage",
    "no water stains",
    "no water issues",
    "no water problems",
    // A flyer delivered is no job done: "the magnet you guys put in the mailboxes".
    "you put in the mailbox",
    "you put in the mailboxes",
    "you put in my mailbox",
    "you put in our mailbox",
    "you put on the door",
    "you left in the mailbox",
    "hot water",
    "hot tub",
    "space heater",
    "space heaters",
    "water stain",
    "water spot",
    "water damage",
    "water pressure",
    "water softener",
    "water bill",
    "drinking water",
    "fireplace",
    "gas fireplace",
    "gas bill",
    "gas station",
    "gas mileage",
    "gas grill",
    "gas range",
    "gas dryer",
    "gas stove",
    // A fence's charger is meant to be hot: "the electric fence hot wire charger" (round 22).
    "electric fence",
    "fence hot wire",
    "hot wire charger",
    "burned out",
    "got burned by",
    "burned by",
    "baby shower",
    "heat on",
    "thermostat says heat",
    // Hidden from the lexicon too, it would hide the price asked about ("this price is killing
    // me, how much ...").
    "price is killing",
    "hot deal",
    "hot tip",
    "wall street",
    "main street",
    "out of town",
    "out of state",
    "out of the house",
    "out here",
    "come out",
    "check out",
    "figure out",
    "find out",
    "out front",
    "out back",
    "out there",
    "water spots",
    "water stains",
    "gas detector",
    "leak detector",
    "senior discount",
    "older house",
    "older home",
    "negative review",
    "hot water tank",
    "gas company",
    "the gas company",
];

/// Each concept: its meaning, its slots, how far its words may spread, its vetoes.
fn concept_table() -> Vec<Concept> {
    use CategoryName as C;
    use Meaning::*;
    let concept = |meaning, slots: &[&'static [&'static str]], reach, vetoes: &[&'static str]| Concept {
        meaning,
        slots: slots.to_vec(),
        reach,
        vetoes: vetoes.to_vec(),
        scope: Scope::Clause,
    };
    let story = |meaning, slots: &[&'static [&'static str]], reach, clauses, vetoes: &[&'static str]| Concept {
        meaning,
        slots: slots.to_vec(),
        reach,
        vetoes: vetoes.to_vec(),
        scope: Scope::Story { clauses },
    };
    let single = |meaning, phrases: &'static [&'static str]| Concept {
        meaning,
        slots: vec![phrases],
        reach: 0,
        vetoes: Vec::new(),
        scope: Scope::Clause,
    };
    vec![
        concept(Danger("electrical_hazard"), &[ELECTRICAL_OBJECTS, ELECTRICAL_STATES], 12, &["breaker popped"]),
        concept(Danger("gas_smell"), &[SMELLS, GAS_WORDS], 6, &[]),
        concept(Danger("gas_smell"), &[GAS_LEAKING, GAS_WORDS], 5, &["gas line install", "new gas line"]),
        concept(Danger("sparks_or_burning"), &[SMELLS, BURNING_SMELL], 4, &[]),
        concept(
            Danger("carbon_monoxide"),
            &[CO_SOURCES, CO_DEVICES, CO_ALARMING],
            8,
            &[
                "battery",
                "batteries",
                "bateria",
                "chirp",
                "chirping",
                "chirps",
                "install",
                "replace",
                "new",
                "end of life",
                // One beep at long intervals is the battery or the end of the unit's life, not
                // the alarm: "beeping once every 30 seconds, and the little screen says END"
                // (round 21).
                "once every",
                "every 30 seconds",
                "every thirty seconds",
                "once a minute",
            ],
        ),
        concept(
            Danger("carbon_monoxide"),
            &[CO_SOURCES, CO_ALARMING],
            4,
            &[
                "battery",
                "batteries",
                "bateria",
                "chirp",
                "chirping",
                "install",
                "replace",
                "worker",
                "workers",
                "op",
                "end of life",
                "once every",
                "every 30 seconds",
                "every thirty seconds",
                "once a minute",
            ],
        ),
        concept(
            Danger("carbon_monoxide"),
            &[
                // A CO alarm's warning is four beeps or chirps in a row; a battery's is one.
                &["beeping", "beeps", "beep", "chirping", "chirps", "chirp"],
                &["four times", "4 times", "four beeps", "in a pattern", "pattern", "in a row"],
            ],
            4,
            &["battery", "batteries", "smoke detector", "smoke alarm", "detector de humo"],
        ),
        // What a talking alarm says: "warning, carbon monoxide", even across a gap.
        concept(
            Danger("carbon_monoxide"),
            &[CO_SOURCES, &["warning", "advertencia", "peligro"]],
            2,
            &["about", "letter", "notice", "risk", "risks", "sign", "label", "sticker", "worker", "op"],
        ),
        single(Danger("carbon_monoxide"), &["ppm", "parts per million"]),
        // A detector that will not stop sounding, whichever it is ("the detector thing in the
        // hallway ... making a loud noise nonstop"): a person checks it now.
        concept(
            Danger("carbon_monoxide"),
            &[
                &["detector", "detectors", "detector thing", "monitor", "alarm thing", "the detector"],
                &[
                    "loud noise",
                    "nonstop",
                    "non stop",
                    "wont stop beeping",
                    "wont stop going off",
                    "wont stop",
                    "keeps going off",
                    "going crazy",
                ],
            ],
            16,
            &[
                "battery",
                "batteries",
                "bateria",
                "chirp",
                "chirping",
                "chirps",
                "end of life",
                "smoke",
                "cooking",
                "toast",
            ],
        ),
        // A detector that shows a number is a CO detector: smoke alarms show none.
        concept(
            Danger("carbon_monoxide"),
            &[
                &["detector", "monitor", "detectors"],
                &[
                    "reading of",
                    "the number",
                    "a number",
                    "numbers",
                    "number keeps",
                    "numero",
                    "un numero",
                    "on the screen",
                    "screen says",
                    "en la pantalla",
                ],
            ],
            6,
            &["battery", "batteries", "phone number", "model number", "serial number", "end of life"],
        ),
        concept(Danger("flooding"), &[WATER, WATER_ESCAPING], 6, WATER_LEFT_IN_A_MACHINE),
        // "pipes froze ... and one of em burst": the pipe is often named well before it bursts.
        concept(Danger("flooding"), &[PIPES, BURST], 12, &[]),
        // Rain coming into a room: "rain is pouring into the upstairs bedroom".
        concept(
            Danger("flooding"),
            &[
                &["rain", "rainwater", "the rain", "lluvia", "la lluvia", "storm water"],
                &[
                    "pouring into",
                    "pouring in",
                    "coming in through",
                    "coming through the ceiling",
                    "through the ceiling",
                    "through the roof",
                    "into the house",
                    "into the bedroom",
                    "leaking in",
                    "entrando",
                    "se mete",
                ],
            ],
            6,
            &[],
        ),
        single(Danger("flooding"), &["spraying everywhere", "gushing everywhere", "pouring everywhere"]),
        // A room holding water, not a tub or a washer: "my basement is full of water".
        concept(
            Danger("flooding"),
            &[
                &[
                    "basement",
                    "crawl space",
                    "crawlspace",
                    "garage",
                    "kitchen",
                    "living room",
                    "bedroom",
                    "laundry room",
                    "sotano",
                    "cocina",
                    "la casa",
                    "el cuarto",
                ],
                &[
                    "full of water",
                    "filled with water",
                    "filling with water",
                    "under water",
                    "underwater",
                    "lleno de agua",
                    "llena de agua",
                ],
            ],
            4,
            &[],
        ),
        concept(Danger("flooding"), &[WATER_HEATERS, DUMPING], 6, &[]),
        single(
            Danger("flooding"),
            &[
                "inundando",
                "inundacion",
                "inundado",
                "inundada",
                "se inundo",
                "inundo",
                "flooding",
                "flooded",
                "se esta inundando",
            ],
        ),
        // A fixture spilling over, said any way: "the toilet won't stop running over".
        concept(Danger("flooding"), &[OVERFLOWING_FIXTURES, SPILLING_OVER], 6, &[]),
        // Water held above a room: "the ceiling is bulging", "el techo esta abombado".
        concept(Danger("flooding"), &[CEILINGS, BULGING], 6, &["for years", "slightly", "a little", "popcorn"]),
        concept(Danger("sewage_backup"), &[SEWAGE, COMING_UP], 10, &[]),
        concept(Danger("sewage_backup"), &[FLUSHING, DRAINS, RISING], 12, &[]),
        concept(Danger("someone_hurt"), &[BURNED, BODY], 3, &[]),
        concept(Danger("someone_hurt"), &[CUT, LIMBS], 3, &[]),
        single(
            Danger("someone_hurt"),
            &[
                "scalded",
                "zapped",
                "se lastimo",
                "lastimado",
                "lastimada",
                "herido",
                "herida",
                "sangrando",
                "se cayo",
                "se electrocuto",
                "le dio un toque",
                "dio un toque",
                "dio una descarga",
                "toque electrico",
                "descarga electrica",
                "le dio una descarga",
                "got shocked",
                "electrocuted",
            ],
        ),
        concept(Danger("someone_hurt"), &[PEOPLE, HURT], 4, &["behind", "asleep", "apart", "in love", "through"]),
        // An allergic reaction is someone hurt whoever it is: "her face is puffing up".
        single(
            Danger("someone_hurt"),
            &[
                "allergic reaction",
                "having a reaction",
                "anaphylactic",
                "anaphylaxis",
                "face is swelling",
                "face is swelling up",
                "face is puffing up",
                "throat is closing",
                "reaccion alergica",
                "no puede respirar",
            ],
        ),
        // A child shut in a car is in danger in any weather: "I locked my keys in the car and
        // my baby is in the car seat".
        concept(Danger("someone_trapped"), &[TRAPPED, CHILDREN, VEHICLES], 20, &[]),
        // Water out of a light is water in the wiring: "the light in the ceiling has water
        // dripping out of it". Not a dripping faucet beside a light.
        concept(
            Danger("electrical_hazard"),
            &[LIGHTS, &["water", "agua"], WATER_OUT_OF],
            8,
            &["faucet", "faucets", "sink", "tap", "spout", "showerhead", "shower head", "grifo", "llave"],
        ),
        concept(HeatOutage, &[HEATING, FAILED], 6, &[]),
        // "the heat's off" reads "heats off"; "off" alone is too common a word for FAILED.
        concept(HeatOutage, &[&["heats"], &["off"]], 1, &[]),
        concept(HeatOutage, &[WITHOUT, &["calefaccion", "heat", "heating", "calefactor"]], 2, &[]),
        concept(CoolingOutage, &[COOLING, COOLING_FAILED], 5, &[]),
        concept(
            CoolingOutage,
            &[WITHOUT, &["aire", "aire acondicionado", "ac", "air conditioning", "cooling"]],
            2,
            &[],
        ),
        concept(Outage, &[HOT_WATER, WITHOUT], 3, &[]),
        concept(Outage, &[HOT_WATER_SOURCE, HOT_WATER_FAILED], 5, &[]),
        concept(Outage, &[TOILETS, TOILET_FAILED], 5, &[]),
        // Round 50: a refrigerator that stopped cooling, as "the fridge stopped working" already
        // reads ("the refrigerator isn't keeping anything cold anymore").
        concept(
            Outage,
            &[
                &["fridge", "refrigerator", "refri", "refrigerador", "freezer"],
                &[
                    "not keeping",
                    "isnt keeping",
                    "wont keep",
                    "not staying cold",
                    "isnt staying cold",
                    "wont stay cold",
                ],
            ],
            4,
            &[],
        ),
        concept(Outage, &[&["sump pump", "sump", "bomba de sumidero"], FAILED], 5, &[]),
        // Round 50: outlets and lights said dead or doing nothing ("the outlets on the left wall,
        // nothing, just dead", "none of the plugs in the kitchen do anything").
        concept(Outage, &[POWER_POINTS, POWER_POINTS_DEAD], 6, &[]),
        concept(
            Outage,
            &[
                &["none of the", "ninguno de los", "ninguna de las"],
                POWER_POINTS,
                &["work", "do anything", "have power"],
            ],
            6,
            &[],
        ),
        // Round 50: a tap that gives nothing ("we turn on the faucet and we just get a little cough
        // of air and then nothing").
        concept(
            Outage,
            &[
                &["faucet", "faucets", "tap", "taps", "spigot", "llave", "llaves"],
                &["nothing comes out", "nothing coming out", "and then nothing", "no sale nada", "no sale agua"],
            ],
            10,
            &[],
        ),
        concept(
            Outage,
            &[
                &["pipes", "pipe", "water line", "tuberia", "tubos"],
                &["frozen", "froze", "are frozen", "congelada", "congelados", "congelado"],
            ],
            4,
            &[],
        ),
        single(
            Outage,
            &[
                "no water",
                "nothing comes out",
                "no tenemos agua",
                "no hay agua",
                "no lights",
                "no electricity",
                "lights are out",
                "lights went out",
            ],
        ),
        single(
            Danger("flooding"),
            &[
                "ceiling is caving",
                "ceiling caved",
                "ceiling collapsed",
                "ceiling is falling",
                "ceiling came down",
                "se cayo el techo",
            ],
        ),
        single(
            HeatOutage,
            &["radiators are cold", "radiators are ice cold", "baseboards are cold", "radiator is cold"],
        ),
        single(PowerOutage, &["no hay luz", "se fue la luz", "sin luz", "no tenemos luz"]),
        single(
            Outage,
            &[
                "will not flush",
                "wont go down",
                "nothing goes down",
                "no hot water",
                // Round 34: "today our hot water is out, completely cold from every faucet".
                "hot water is out",
                "hot waters out",
                "hot water went out",
                "hot water is gone",
                "hot water stopped",
                // Round 50: hot water told by what comes out instead ("only cold water coming out of
                // every tap", "nomas sale agua fria de todas las llaves", "the tank isn't putting out
                // anything warm", "the water heater's cold").
                "only cold water",
                "only getting cold water",
                "nothing but cold water",
                "nomas sale agua fria",
                "solo sale agua fria",
                "sale pura agua fria",
                "not putting out anything warm",
                "isnt putting out anything warm",
                "nothing warm coming out",
                "nothing warm comin out",
                "water heaters cold",
                "water heater is cold",
                "water heater went cold",
                // Round 50: a flush that does nothing, without a toilet named ("nothing happens
                // when we flush").
                "nothing happens when we flush",
                "nothing happens when i flush",
                "nothing happens when you flush",
                "stuck open",
                // Round 55: a garage door that will not move, told by where it stopped or by the
                // car it holds ("the door's stuck halfway ... the car's stuck inside").
                "stuck halfway",
                "stuck half open",
                "stuck shut",
                "cars stuck inside",
                "car is stuck inside",
                "cars stuck in the garage",
                "car is stuck in the garage",
                "cant get the car out",
                "cant get my car out",
                "keeps popping",
                "keep popping",
                "breaker popped",
                "breakers popped",
                "keeps tripping",
            ],
        ),
        // A booked visit being moved is no deadline of the caller's life: "our appointment
        // thursday for the termite inspection, I need to move it".
        concept(
            TimePressure("deadline"),
            &[EVENTS, DAYS],
            6,
            // Today's weather is no deadline: "it's pouring rain here today" (a "no rush" beside a
            // deadline is `Context::is_waved_off`'s). Nor is an event said to be far: "my court
            // date isn't until March 9th" (round 17).
            &[
                // A date gone by: "the panel inspection you did on the 3rd" (round 30).
                "you did",
                "appointment",
                "appt",
                "reschedule",
                "move it",
                "cita",
                "cambiar la cita",
                "pouring rain",
                // A visit of the business's own, booked: "the sprinkler inspection scheduled for
                // Tuesday the 9th ... we need to move it" (round 20).
                "scheduled for",
                "isnt until",
                "not until",
                "no es hasta",
            ],
        ),
        concept(TimePressure("repeated_attempts"), &[ATTEMPTS, SEVERAL], 5, &[]),
        // The caller's own deadline: "we need it hooked up wednesday", "lo necesito el viernes".
        concept(TimePressure("deadline"), &[NEEDED_BY, DAYS], 5, &["floor", "floors", "piso"]),
        single(TimePressure("time_pressure"), TIME_PRESSURE_WORDS),
        // Round 44: a birth ahead is a deadline ("we need the nursery mini split put in before
        // the baby comes").
        single(
            TimePressure("deadline"),
            // Round 50: "the baby's due any day now".
            &["before the baby", "before our baby", "before the new baby", "antes de que nazca", "due any day"],
        ),
        single(Vulnerable, VULNERABLE),
        single(OnPoweredCare, ON_POWERED_CARE),
        single(Cold, COLD_WORDS),
        single(Hot, HOT_WORDS),
        single(Category(C::AvailabilityRequest), AVAILABILITY),
        single(Category(C::ServiceRequest), SERVICE),
        single(Category(C::PricingRequest), PRICING),
        concept(
            Category(C::PricingRequest),
            &[&["what would", "what does", "how much would", "what will"], &["run", "cost", "charge"]],
            6,
            &[],
        ),
        single(Category(C::ExistingJob), EXISTING_JOB),
        // The business's people at the caller's place: "your tech came out", "one of your guys".
        // Not "come out": "can someone come out today" asks for a visit (round 15).
        concept(Category(C::ExistingJob), &[VISITORS, &["came out", "came by"]], 2, &["water", "agua"]),
        concept(Category(C::ExistingJob), &[&["your", "sus"], WORKERS], 2, &[]),
        concept(Category(C::ExistingJob), &[A_VISIT_AHEAD, DAYS], 10, &[]),
        concept(Category(C::ExistingJob), &[A_VISIT_AHEAD, WEEKS_AHEAD], 10, &[]),
        // A charge made more than once: "you billed me twice", "me cobraron dos veces".
        concept(
            Category(C::Complaint),
            &[
                &["charged", "billed", "cobraron", "cobro", "ran my card"],
                &["twice", "double", "two times", "dos veces", "doble"],
            ],
            5,
            &["a year", "per year", "annually", "al ano", "plan"],
        ),
        single(Category(C::Complaint), COMPLAINT),
        // A grievance with the business's own work, told over a few clauses: "the toilet you
        // guys fixed is running again", "your technician came out on the 3rd to fix zone four,
        // and it's still not coming on".
        story(Category(C::Complaint), &[PAST_WORK, GRIEVANCES], 30, 4, PRAISE),
        // What was paid, held against the work: "I paid twelve thousand dollars for this".
        concept(
            Category(C::Complaint),
            &[&["i paid", "we paid", "pague"], &["for this", "for that", "for nothing"]],
            6,
            &[],
        ),
        // Calls that went unanswered: "I've left three messages since Monday and haven't heard
        // a thing", "four messages in two weeks and nobody calls me back".
        story(
            Category(C::Complaint),
            &[
                &[
                    "left three messages",
                    "left four messages",
                    "left two messages",
                    "left you three messages",
                    "left you four messages",
                    "left several messages",
                    "left so many messages",
                    "called three times",
                    "called four times",
                    "called several times",
                ],
                &[
                    "havent heard",
                    "havent gotten",
                    "nobody calls",
                    "no one calls",
                    "nobody called",
                    "no one called",
                    "nobody got back",
                    "no one got back",
                    "no one has called",
                    "nobody has called",
                    "no call back",
                    "no callback",
                ],
            ],
            20,
            3,
            &[],
        ),
        // Moving a booking: "we need to move our thursday appointment", "cancel my cleaning".
        concept(
            Category(C::ExistingJob),
            &[
                MOVING_A_BOOKING,
                &["appointment", "appt", "visit", "cleaning", "booking", "install", "service call", "cita", "visita"],
            ],
            3,
            &[],
        ),
        // Moving it to a time still to be found asks when the business can come: "i need to
        // move it ... can we do friday instead", "can i reschedule for sometime next week".
        story(Category(C::AvailabilityRequest), &[MOVING_A_BOOKING, A_NEW_TIME], 20, 3, CALLING_BACK),
        // Said of the work in the same breath, "still" and "again" are enough: "the toilet you
        // guys fixed is running again". Clauses later they are as often "still deciding".
        concept(
            Category(C::Complaint),
            &[PAST_WORK, &["again", "still", "todavia"]],
            12,
            &[PRAISE, STILL_DECIDING].concat(),
        ),
        // A bill above the quote: "I was quoted one fifty ... the invoice is four eighty".
        concept(
            Category(C::Complaint),
            &[
                &["was quoted", "you quoted", "quoted me", "the quote was", "estimate was"],
                &["invoice", "bill", "charged", "charge", "factura"],
            ],
            12,
            &[],
        ),
        single(Category(C::VendorOrSolicitation), VENDOR),
        single(Category(C::WrongNumber), WRONG_NUMBER),
        // A greeting to a relative, or a message to pass on to one, is meant for someone else:
        // "yo uncle ray", "can you tell auntie rochelle".
        concept(
            Category(C::WrongNumber),
            &[&["hi", "hey", "yo", "hello", "hola", "tell", "dile a", "digale a"], RELATIVES],
            1,
            &[],
        ),
        // Work the business did, said to it: "you guys treated the wasp nest", "you sprayed".
        concept(Category(C::ExistingJob), &[&["you", "youve", "you have", "ustedes"], WORK_DONE], 1, &[]),
        // Charged for a short job: "you charged me 480 for a job that took twenty minutes".
        concept(
            Category(C::Complaint),
            &[
                &["charged me", "charged us", "you charged", "billed me", "billed us", "me cobraron", "nos cobraron"],
                &["took", "only took", "minutes", "half an hour", "minutos"],
            ],
            10,
            &[],
        ),
        // "this message is for jessica" is meant for someone else; "this message is for doctor
        // anand's office" is for the business itself.
        concept(
            Category(C::WrongNumber),
            &[&["this message is for", "message is for", "este mensaje es para"]],
            0,
            &[
                "office",
                "doctor",
                "dr",
                "clinic",
                // The business's own staff: "this message is for ms okafor's assistant" (round 16),
                // "this message is for the facility manager" (round 20).
                "manager",
                "facility",
                "facilities",
                "owner",
                "assistant",
                "secretary",
                "paralegal",
                "receptionist",
                "front desk",
                "billing",
                "department",
                "team",
                "company",
                "business",
                "oficina",
                "consultorio",
            ],
        ),
        // Something wanted and fitted: "I'd like a dimmer put in", "queremos instalar un minisplit".
        concept(Category(C::ServiceRequest), &[WANTING, FITTING], 6, &[]),
        // A bill above what was agreed: "charged two hundred more than the estimate".
        concept(
            Category(C::Complaint),
            &[
                &["charged", "billed", "invoice", "bill was", "cobraron", "cobro"],
                &["more than", "higher than", "over the estimate", "over the quote", "de mas", "mas de lo"],
            ],
            5,
            &[],
        ),
        // Asking for a business of another kind: "is this the pizza place", "es la farmacia".
        concept(
            Category(C::WrongNumber),
            &[&["is this", "trying to reach", "trying to get", "trying to call", "es la", "es el"], OTHER_BUSINESSES],
            4,
            &[],
        ),
        // Another business telling its customer that their thing is ready or moved: "your
        // truck's all set", "your appointment got moved to three thirty", "tu receta esta lista".
        // Nobody says that of their own booking to the business they booked with.
        concept(Category(C::WrongNumber), &[SOMEONES_BOOKING_OR_ORDER, READY_OR_MOVED], 4, &[]),
        // Asking for a day's openings: "whether Dr. Patel has any Saturday appointments" (round 17).
        concept(
            Category(C::AvailabilityRequest),
            &[
                &["any", "alguna", "algun"],
                DAYS,
                &["appointments", "appointment", "openings", "slots", "citas", "cita"],
            ],
            3,
            &[],
        ),
        // Asking when the business works: "are you guys around saturday", "do you do evenings",
        // "trabajan los sabados" (round 7). Telling what it did is not asking: "you moved us on
        // saturday" (round 15).
        concept(
            Category(C::AvailabilityRequest),
            &[ASKING_WHEN_OPEN, WORKING_TIMES],
            5,
            &[CALLING_BACK, WORK_DONE].concat(),
        ),
        // Asking for a time, in whatever words: a question or a request with a day in it ("is
        // there any way somebody could make it out tomorrow", "puede venir el jueves"). Asking
        // to be called back at a time is not asking when the business can come.
        concept(Category(C::AvailabilityRequest), &[ASKING_FOR_A_TIME, DAYS], 5, CALLING_BACK),
        // Answering the business: "returning Stephanie's text", "got back to your message".
        concept(
            Category(C::ExistingJob),
            &[
                &["returning", "return", "replying to", "getting back to"],
                &["text", "call", "message", "voicemail", "email", "mensaje", "llamada"],
            ],
            3,
            &[],
        ),
        // Another office's message for one of its own people: "Bright Smiles Dental calling to
        // confirm Tyler's appointment", "Dr. Kim's office calling for Gloria Mendez with your lab
        // results". A patient's own appointment is not one.
        concept(
            Category(C::WrongNumber),
            &[
                OTHER_OFFICES,
                &[
                    "calling for",
                    "calling to confirm",
                    "calling to remind",
                    "reminder for",
                    "reminder that",
                    "para recordarle",
                    "lab results",
                    "prescription",
                    "receta",
                ],
            ],
            6,
            &["my appointment", "mi cita", "my prescription", "mi receta", "my lab", "my results"],
        ),
        // A broken fixture described without asking is still a request for work.
        concept(Category(C::ServiceRequest), &[FIXTURES, FIXTURE_BROKEN], 6, &[]),
    ]
}

/// What one normal phrase stands for.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Entry {
    Slot { concept: u16, slot: u8 },
    Veto { concept: u16 },
    Harmless,
}

struct CompiledConcepts {
    concepts: Vec<Concept>,
    /// Index of each concept's first slot in a flat per-slot array.
    slot_base: Vec<usize>,
    slot_count: usize,
    phrases: PhraseSet<Vec<Entry>>,
}

fn compiled() -> &'static CompiledConcepts {
    static COMPILED: OnceLock<CompiledConcepts> = OnceLock::new();
    COMPILED.get_or_init(|| {
        let concepts = concept_table();
        // Phrases are written as transcripts are read (`every_concept_phrase_is_written_as_it_is_read`):
        // reading 4,000 phrases here took 15 ms of a page's first triage.
        let mut entries: std::collections::BTreeMap<&'static str, Vec<Entry>> = std::collections::BTreeMap::new();
        let mut slot_base = Vec::with_capacity(concepts.len());
        let mut slot_count = 0;
        for (c, concept) in concepts.iter().enumerate() {
            debug_assert!(concept.slots.len() <= MAX_SLOTS, "a concept has at most {MAX_SLOTS} slots");
            slot_base.push(slot_count);
            slot_count += concept.slots.len();
            for (s, slot) in concept.slots.iter().enumerate() {
                for phrase in *slot {
                    let uses = entries.entry(phrase).or_default();
                    let entry = Entry::Slot { concept: c as u16, slot: s as u8 };
                    if !uses.contains(&entry) {
                        uses.push(entry);
                    }
                }
            }
            for &veto in &concept.vetoes {
                entries.entry(veto).or_default().push(Entry::Veto { concept: c as u16 });
            }
        }
        for phrase in HARMLESS.iter().chain(HARMLESS_TO_EVERY_READER) {
            entries.entry(phrase).or_default().push(Entry::Harmless);
        }
        // Searched in `SpokenWords::normal`, which is in lower case like the phrases.
        let phrases = PhraseSet::new_for_lower_case(entries.iter().map(|(phrase, uses)| (*phrase, uses.clone())));
        CompiledConcepts { concepts, slot_base, slot_count, phrases }
    })
}

/// One concept the caller said, with the words of each slot.
#[derive(Debug, Clone)]
pub(crate) struct ConceptHit {
    pub meaning: Meaning,
    /// From the first slot's first word to the last slot's last word.
    pub span: Span,
    /// Each slot's words, in text order (the first `part_count`; kept inline, as a hit is
    /// made for every category phrase of every voicemail).
    parts: [Span; MAX_SLOTS],
    part_count: usize,
    /// A gap marker lies inside: "smells like [inaudible] gas".
    pub through_gap: bool,
    clause: u32,
}

impl ConceptHit {
    /// Each slot's words, in text order.
    pub fn parts(&self) -> &[Span] {
        &self.parts[..self.part_count]
    }
}

/// What the concept reading found in one transcript.
#[derive(Debug, Default)]
pub(crate) struct Recognised {
    pub hits: Vec<ConceptHit>,
    /// Temperatures at or below 40 °F (4 °C): number through unit or place.
    pub cold_temperatures: Vec<Span>,
    /// Temperatures at or above 90 °F (32 °C).
    pub hot_temperatures: Vec<Span>,
    /// An occupant aged 70 or more ("my dad is 90", "mi mama tiene 85 años").
    pub elderly: Vec<Span>,
    /// Working room kept between transcripts.
    scratch: RecogniseScratch,
}

#[derive(Debug, Default)]
struct RecogniseScratch {
    phrases: Vec<PhraseHit<'static, Vec<Entry>>>,
    seen: Vec<Option<SlotSeen>>,
    vetoes: Vec<(u16, u32, u32)>,
    pending: Vec<(ConceptHit, u16, u32, u32)>,
}

/// The most slots a concept has.
const MAX_SLOTS: usize = 3;

/// Where a slot was last said in the current clause.
#[derive(Debug, Clone, Copy, Default)]
struct SlotSeen {
    first_word: usize,
    last_word: usize,
    first_position: u32,
    last_position: u32,
    clause: u32,
}

#[cfg(test)]
pub(crate) fn recognise(spoken: &SpokenWords, guards: &GuardedSpans) -> Recognised {
    let mut found = Recognised::default();
    recognise_into(spoken, guards, &mut found);
    found
}

/// What the concept reading finds in one transcript, into buffers kept from the previous one.
pub(crate) fn recognise_into(spoken: &SpokenWords, guards: &GuardedSpans, out: &mut Recognised) {
    let compiled = compiled();
    let words = &spoken.words;
    let RecogniseScratch { phrases, seen, vetoes, pending: hits } = &mut out.scratch;
    seen.clear();
    seen.resize(compiled.slot_count, None);
    vetoes.clear();
    hits.clear();
    // The harmless phrase reaching furthest among those started so far: a phrase strictly
    // inside it ("hot" in "hot water", "smoke" in "smoke detector") says nothing.
    let mut harmless_cover: Option<Span> = None;
    compiled.phrases.find_all_in_reusing(&spoken.normal, phrases);
    for hit in phrases.iter() {
        if hit.tag.iter().any(|e| matches!(e, Entry::Harmless)) && harmless_cover.is_none_or(|c| hit.span.end > c.end) {
            harmless_cover = Some(hit.span);
        }
        let inside_harmless =
            harmless_cover.is_some_and(|c| c.end >= hit.span.end && (c.start < hit.span.start || c.end > hit.span.end));
        if inside_harmless {
            continue;
        }
        let range = spoken.words_in(hit.span.start, hit.span.end);
        if range.is_empty() {
            continue;
        }
        let (first, last) = (range.start, range.end - 1);
        // A phrase across a clause mark was not said as one ("out, the ceiling").
        if words[first].clause != words[last].clause {
            continue;
        }
        let guarded = range.clone().any(|i| guards.by_word.get(i).copied().unwrap_or(false));
        // Slots this phrase fills, with what they held before: a phrase that fills two slots
        // of one concept ("christmas" is an event and a day) completes it with the other
        // slot's earlier words ("people coming for christmas"), not with itself.
        let mut before_this_phrase: [(usize, Option<SlotSeen>); 4] = [(usize::MAX, None); 4];
        let mut filled = 0;
        for entry in hit.tag {
            match *entry {
                Entry::Harmless => {}
                Entry::Veto { concept } => vetoes.push((concept, words[first].clause, words[first].position)),
                Entry::Slot { concept, slot } => {
                    let definition = &compiled.concepts[usize::from(concept)];
                    // Names, companies and streets are not dangers; a vendor's company name
                    // may still say what it sells, and an office's name who it calls for
                    // ("this is Bright Smiles Dental calling to confirm Tyler's appointment").
                    let reads_guarded = matches!(
                        definition.meaning,
                        Meaning::Category(CategoryName::VendorOrSolicitation | CategoryName::WrongNumber)
                    );
                    if guarded && !reads_guarded {
                        continue;
                    }
                    let base = compiled.slot_base[usize::from(concept)];
                    // "panel" inside "breaker panel", already seen for this slot, adds nothing.
                    let covered =
                        seen[base + usize::from(slot)].is_some_and(|s| s.first_word <= first && s.last_word >= last);
                    if covered {
                        continue;
                    }
                    let index = base + usize::from(slot);
                    if filled < before_this_phrase.len() {
                        before_this_phrase[filled] = (index, seen[index]);
                        filled += 1;
                    }
                    seen[index] = Some(SlotSeen {
                        first_word: first,
                        last_word: last,
                        first_position: words[first].position,
                        last_position: words[last].position,
                        clause: words[first].clause,
                    });
                    let mut view = [None; MAX_SLOTS];
                    for (k, kept) in view.iter_mut().enumerate().take(definition.slots.len()) {
                        let other = base + k;
                        let earlier = before_this_phrase[..filled].iter().find(|(i, _)| *i == other && other != index);
                        *kept = earlier.map_or(seen[other], |(_, old)| *old);
                    }
                    if let Some(found) = complete(definition, &view[..definition.slots.len().min(MAX_SLOTS)], spoken) {
                        let duplicate = hits.last().is_some_and(|(h, c, _, _)| *c == concept && h.span == found.0.span);
                        if !duplicate {
                            hits.push((found.0, concept, found.1, found.2));
                        }
                    }
                }
            }
        }
    }
    out.hits.clear();
    out.hits.extend(
        hits.drain(..)
            .filter(|(hit, concept, from, to)| {
                let definition = &compiled.concepts[usize::from(*concept)];
                definition.vetoes.is_empty() || !vetoed(vetoes, *concept, hit.clause, *from, *to)
            })
            .map(|(hit, ..)| hit),
    );
    temperatures_into(spoken, &mut out.cold_temperatures, &mut out.hot_temperatures);
    elderly_occupants_into(spoken, &mut out.elderly);
}

/// The concept, when every slot has been said in this clause within its reach.
fn complete(definition: &Concept, slots: &[Option<SlotSeen>], spoken: &SpokenWords) -> Option<(ConceptHit, u32, u32)> {
    // At most three slots: kept on the stack, as this runs for every phrase of every voicemail.
    let mut buffer = [SlotSeen::default(); MAX_SLOTS];
    for (kept, slot) in buffer.iter_mut().zip(slots) {
        *kept = (*slot)?;
    }
    let seen = &buffer[..slots.len().min(MAX_SLOTS)];
    let clause = seen.iter().map(|s| s.clause).max()?;
    let reference = match definition.scope {
        _ if seen.iter().all(|s| s.clause == clause) => None,
        Scope::Story { clauses } if seen.iter().all(|s| s.clause + clauses >= clause) => None,
        Scope::Story { .. } => return None,
        Scope::Clause => Some(refers_back(definition, seen, clause, spoken)?),
    };
    let from_far_back = matches!(reference, Some(Reference::FarBack | Reference::Compared));
    let from = seen.iter().map(|s| s.first_position).min()?;
    let to = seen.iter().map(|s| s.last_position).max()?;
    // The words between the slots, not the slots' own words: "breaker panel ... hot to the
    // touch" is as close as "panel ... hot". A one-slot concept is its phrase alone.
    let latest_start = seen.iter().map(|s| s.first_position).max()?;
    let earliest_end = seen.iter().map(|s| s.last_position).min()?;
    if seen.len() > 1 && !from_far_back && latest_start.saturating_sub(earliest_end) > definition.reach {
        return None;
    }
    // Two slots on the same words ("burning" as smell and state) are one word, not two.
    if seen.len() > 1
        && seen.iter().enumerate().any(|(i, a)| seen[i + 1..].iter().any(|b| a.first_word == b.first_word))
    {
        return None;
    }
    let first_word = seen.iter().map(|s| s.first_word).min()?;
    let last_word = seen.iter().map(|s| s.last_word).max()?;
    let words = &spoken.words;
    let mut parts = [Span { start: 0, end: 0 }; MAX_SLOTS];
    for (part, s) in parts.iter_mut().zip(seen) {
        *part = Span { start: words[s.first_word].original.start, end: words[s.last_word].original.end };
    }
    let part_count = seen.len();
    parts[..part_count].sort();
    let through_gap = words[first_word..=last_word].iter().any(|w| w.gap);
    let span = Span { start: words[first_word].original.start, end: words[last_word].original.end };
    Some((ConceptHit { meaning: definition.meaning, span, parts, part_count, through_gap, clause }, from, to))
}

/// How a concept's later words refer to the earlier ones across a clause mark.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Reference {
    /// A pronoun for the thing named in the clause before: the reach still counts.
    ClauseBefore,
    /// A pronoun for a thing named a few clauses back, or a simile naming the smell of the clause
    /// before: the words between are the story, not distance.
    FarBack,
    Compared,
}

/// A condition said of a thing named just before, in a clause that starts with a pronoun: "the
/// outlet in the bathroom, it's sparking", "el medidor, esta echando chispas". Only for what a
/// thing does (electrical, gas, carbon monoxide, sewage; a heater or an air conditioner that
/// failed: "about the furnace. it's not turning on"), and not for a bare "hot", which after
/// "it's" is as often the weather ("the panel is fine, it's hot out"). One clause back, except
/// for an electrical danger: callers tell the story of the panel first and what it does now a
/// few clauses later ("the panel's an old one, original, ... anyway, today it's humming").
/// A smell compared in the next clause is the same smell: "it's been smelling funny all
/// morning, like sulfur".
fn refers_back(definition: &Concept, seen: &[SlotSeen], clause: u32, spoken: &SpokenWords) -> Option<Reference> {
    const PRONOUNS: &[&str] = &["it", "its", "they", "theyre", "thats", "esta", "estan"];
    const WEATHER_TOO: &[&str] = &["hot", "really hot", "caliente", "bien caliente", "warm", "smoke"];
    /// Words before the subject: "and now it's", "anyway, this morning it's", "y ahora esta".
    const LEAD_INS: &[&str] = &[
        "and",
        "now",
        "like",
        "um",
        "uh",
        "y",
        "ahora",
        "hoy",
        "today",
        "tonight",
        "anyway",
        "so",
        "then",
        "this",
        "morning",
        "afternoon",
        "evening",
        "suddenly",
        "well",
    ];
    const MOST_LEAD_INS: usize = 3;
    const SIMILES: &[&str] = &["like", "como"];
    const SIMILE_HEDGES: &[&str] = &["kind", "sort", "of", "kinda", "sorta", "almost", "just", "um", "uh", "more"];
    /// How far back the clause's first word is looked for.
    const LOOK_BACK: usize = 8;
    /// How many clauses, and spoken words, an electrical danger may refer back over.
    const ELECTRICAL_CLAUSES_BACK: u32 = 4;
    const ELECTRICAL_WORDS_BACK: u32 = 40;
    let (clauses_back, simile) = match definition.meaning {
        Meaning::Danger("electrical_hazard") => (ELECTRICAL_CLAUSES_BACK, false),
        Meaning::Danger("gas_smell" | "sparks_or_burning") => (1, true),
        Meaning::Danger("carbon_monoxide" | "sewage_backup") | Meaning::HeatOutage | Meaning::CoolingOutage => {
            (1, false)
        }
        _ => return None,
    };
    if seen.iter().any(|s| s.clause + clauses_back < clause) {
        return None;
    }
    let words = &spoken.words;
    let first_later = seen.iter().filter(|s| s.clause == clause).map(|s| s.first_word).min()?;
    let earliest = seen.iter().map(|s| s.last_position).min().unwrap_or(0);
    if words[first_later].position.saturating_sub(earliest) > ELECTRICAL_WORDS_BACK {
        return None;
    }
    let mut start = first_later;
    while start > 0 && words[start - 1].clause == clause {
        if first_later - start >= LOOK_BACK {
            return None;
        }
        start -= 1;
    }
    let normal = |i: usize| words.get(i).filter(|w| w.clause == clause).map_or("", |w| spoken.normal_of(w));
    // "smelling funny, like sulfur": the simile opens the clause, the gas is what it names.
    // Hedges before the simile: "kind of like", "almost like", "sorta like".
    let mut simile_at = start;
    while simile_at < first_later && SIMILE_HEDGES.contains(&normal(simile_at)) {
        simile_at += 1;
    }
    let compared = simile && SIMILES.contains(&normal(simile_at)) && seen.iter().all(|s| s.clause + 1 >= clause);
    if compared {
        return Some(Reference::Compared);
    }
    let said = |s: &SlotSeen| &spoken.normal[words[s.first_word].normal_start..words[s.last_word].normal_end];
    if seen.iter().any(|s| s.clause == clause && WEATHER_TOO.contains(&said(s))) {
        return None;
    }
    let mut subject = start;
    while subject < first_later && subject - start < MOST_LEAD_INS && LEAD_INS.contains(&normal(subject)) {
        subject += 1;
    }
    let far = seen.iter().any(|s| s.clause + 1 < clause);
    (subject < first_later && PRONOUNS.contains(&normal(subject))).then_some(if far {
        Reference::FarBack
    } else {
        Reference::ClauseBefore
    })
}

/// A veto word in the concept's clause, near its words ("the co detector keeps beeping, i
/// think it's the battery" is punctuated as one clause as often as two).
fn vetoed(vetoes: &[(u16, u32, u32)], concept: u16, clause: u32, from: u32, to: u32) -> bool {
    const VETO_REACH: u32 = 10;
    let first = vetoes.partition_point(|v| v.2 < from.saturating_sub(VETO_REACH));
    vetoes[first..].iter().take_while(|v| v.2 <= to + VETO_REACH).any(|v| v.0 == concept && v.1 == clause)
}

/// Temperatures said with a unit ("38 degrees", "treinta y ocho grados") or a place ("its 34
/// in here", "the thermostat says 38", "down to fifteen tonight", "106 outside").
#[cfg(test)]
fn temperatures(spoken: &SpokenWords) -> (Vec<Span>, Vec<Span>) {
    let (mut cold, mut hot) = (Vec::new(), Vec::new());
    temperatures_into(spoken, &mut cold, &mut hot);
    (cold, hot)
}

/// `temperatures` into two cleared buffers.
fn temperatures_into(spoken: &SpokenWords, cold: &mut Vec<Span>, hot: &mut Vec<Span>) {
    cold.clear();
    hot.clear();
    const UNITS: &[&str] = &["degrees", "degree", "grados", "grado", "fahrenheit"];
    const CELSIUS: &[&str] = &["celsius", "c", "centigrados", "centigrade"];
    // Words before a reading; not "at" or "by", which come before clock times.
    const CUES: &[&str] = &[
        "says", "reads", "its", "is", "hit", "hits", "to", "only", "like", "marca", "dice", "esta", "estamos",
        "showing", "shows", "a", "reading",
    ];
    // Words after a number that place it as a reading; the outdoor ones also set the bar lower.
    const OUTDOORS: &[&str] = &["outside", "out", "outdoors", "afuera"];
    const OTHER_PLACES: &[&str] = &["inside", "tonight", "today", "indoors", "adentro", "now"];
    const ROOMS: &[&str] = &[
        "house",
        "home",
        "apartment",
        "bedroom",
        "room",
        "inside",
        "indoors",
        "casa",
        "upstairs",
        "downstairs",
        "basement",
        "trailer",
        "kitchen",
    ];
    /// A number followed by these counts something else.
    const NOT_DEGREES: &[&str] = &[
        "years", "year", "yrs", "minutes", "mins", "hours", "days", "weeks", "dollars", "bucks", "percent", "times",
        "people", "pm", "am", "oclock", "gallon", "gallons", "feet", "foot", "amp", "amps", "anos", "minutos", "horas",
        "minute", "hour", "day", "week", "month", "story", "inch", "inches", "mile", "miles",
    ];
    let words = &spoken.words;
    let normal = |i: usize| words.get(i).map(|w| spoken.normal_of(w)).unwrap_or("");
    let is_place = |word: &str| OUTDOORS.contains(&word) || OTHER_PLACES.contains(&word);
    for (i, word) in words.iter().enumerate() {
        let same_clause = |j: usize| words.get(j).is_some_and(|w| w.clause == word.clause);
        // "high nineties all week", "in the teens tonight": a range that is said only of weather.
        let range = if word.number.is_none() { temperature_range(&normal, &same_clause, i) } else { None };
        let Some(value) = word.number.or(range.map(|(value, _)| value)) else { continue };
        // "ninety something in there", "eighty ish outside": the number ends a word later.
        let n = if same_clause(i + 1) && matches!(normal(i + 1), "something" | "ish") { i + 1 } else { i };
        if value > 200 || NOT_DEGREES.contains(&normal(n + 1)) {
            continue;
        }
        // "minus ten", "negative five", "menos diez".
        let signed = i > 0 && same_clause(i - 1) && matches!(normal(i - 1), "minus" | "negative" | "menos");
        let mut start = range.map_or(i, |(_, start)| start);
        let mut end = n;
        let mut celsius = false;
        let with_unit = same_clause(n + 1) && UNITS.contains(&normal(n + 1));
        // "ten below", "five below zero": under zero Fahrenheit.
        let below = same_clause(n + 1) && normal(n + 1) == "below";
        if below {
            end = if same_clause(n + 2) && normal(n + 2) == "zero" { n + 2 } else { n + 1 };
        } else if with_unit {
            end = n + 1;
            if same_clause(n + 2) && CELSIUS.contains(&normal(n + 2)) {
                celsius = true;
                end = n + 2;
            }
        } else {
            // "about 38 outside" is a reading; "at about 5 today" is a clock time.
            // "down to minus ten", "va a bajar a menos diez": the cue comes before the sign.
            let cue_at = if signed { i - 1 } else { i };
            let previous = if cue_at > 0 { normal(cue_at - 1) } else { "" };
            let before_previous = if cue_at > 1 { normal(cue_at - 2) } else { "" };
            let approximate = matches!(previous, "about" | "around")
                && !matches!(before_previous, "at" | "by" | "until" | "till" | "after" | "before" | "from");
            let cued = cue_at > 0 && same_clause(cue_at - 1) && (CUES.contains(&previous) || approximate);
            let thermostat = (i.saturating_sub(4)..i)
                .any(|j| same_clause(j) && matches!(normal(j), "thermostat" | "thermostats" | "termostato"));
            // "in here", "in the house", "en la casa": a room after "in"; "in there" only
            // right after the number ("ninety something in there", not "forty of them in there").
            let in_a_room = |j: usize| {
                matches!(normal(j), "in" | "en")
                    && (normal(j + 1) == "here"
                        || (j == n + 1 && normal(j + 1) == "there")
                        || (matches!(normal(j + 1), "the" | "my" | "our" | "la" | "el")
                            && ROOMS.contains(&normal(j + 2))))
            };
            // A forecast: "supposed to hit a hundred and three tomorrow". Not a number a clock
            // could show: "is ten tomorrow ok" asks for a time.
            let forecast = |j: usize| value > 24 && matches!(normal(j), "tomorrow" | "manana");
            let placed =
                (n + 1..=n + 3).find(|&j| same_clause(j) && (is_place(normal(j)) || in_a_room(j) || forecast(j)));
            // "the house is at 40", "in the bedroom it's 39": the place said first.
            let placed_before = (i.saturating_sub(4)..i).any(|j| same_clause(j) && ROOMS.contains(&normal(j)));
            // A sign ("wind chill of minus fifteen tonight") or a range says temperature on its
            // own, whatever comes before it.
            let spoken_as_temperature = signed || range.is_some();
            match (cued || spoken_as_temperature, placed) {
                (true, Some(place)) => {
                    end = match normal(place + 1) {
                        _ if !in_a_room(place) => place,
                        "here" | "there" => place + 1,
                        _ => (place + 2).min(words.len() - 1),
                    }
                }
                // "it's minus thirty with the windchill".
                (true, None) if thermostat || placed_before || spoken_as_temperature => {}
                _ => continue,
            }
            if !same_clause(end) {
                end = n;
            }
        }
        let mut degrees = if below { -(value as i32) } else { value as i32 };
        if signed {
            degrees = -degrees;
            start = i - 1;
        }
        let fahrenheit = if celsius { degrees * 9 / 5 + 32 } else { degrees };
        let span = Span { start: words[start].original.start, end: words[end].original.end };
        // Indoors 40 °F is cold enough to hurt; outdoors it takes freezing ("so it's like
        // thirty five out, not that bad yet"), since the house is heated against it.
        // "Out" only after the number: before it, it is what went out ("the furnace went out
        // and its thirty eight in here").
        let outdoors = (n + 1..=n + 3).any(|j| same_clause(j) && OUTDOORS.contains(&normal(j)))
            || (i.saturating_sub(3)..i).any(|j| same_clause(j) && normal(j) != "out" && OUTDOORS.contains(&normal(j)));
        let cold_at = if outdoors { 32 } else { 40 };
        if fahrenheit <= cold_at {
            cold.push(span);
        } else if fahrenheit >= 90 {
            hot.push(span);
        }
    }
}

/// The temperature a range of degrees stands for, and the word it starts at: "high nineties"
/// (98), "low twenties" (22), "in the teens" (15), "single digits" (5). A decade needs its
/// "low", "mid", "high" or "upper" ("built in the nineties" is a time), except the teens and
/// the single digits, which name no era.
fn temperature_range<'w>(
    normal: &impl Fn(usize) -> &'w str,
    same_clause: &impl Fn(usize) -> bool,
    i: usize,
) -> Option<(u32, usize)> {
    const DECADES: &[(&str, u32)] = &[
        ("teens", 10),
        ("twenties", 20),
        ("thirties", 30),
        ("forties", 40),
        ("fifties", 50),
        ("sixties", 60),
        ("seventies", 70),
        ("eighties", 80),
        ("nineties", 90),
        ("hundreds", 100),
    ];
    let word_at = |j: Option<usize>| j.filter(|&j| same_clause(j)).map_or("", normal);
    let (base, first) = match normal(i) {
        "digits" if word_at(i.checked_sub(1)) == "single" => (0, i - 1),
        decade => (DECADES.iter().find(|(name, _)| *name == decade)?.1, i),
    };
    let before = |back: usize| word_at(first.checked_sub(back));
    // "she's in her mid nineties" is an age (`elderly_occupants_into`).
    if is_a_persons(before(2)) {
        return None;
    }
    let offset = match before(1) {
        "low" => 2,
        "mid" => 5,
        "high" | "upper" => 8,
        _ if base == 0 || (base == 10 && before(2) == "in" && before(1) == "the") => return Some((base + 5, first)),
        _ => return None,
    };
    Some((base + offset, first - 1))
}

/// Whether the clause around `span` names an appliance that heats something other than the
/// house, within a few words ("the dryer won't heat", "el horno no calienta").
/// Whether what fails at `span` is a cooking appliance: the nearest appliance named before it
/// in its clause, or in it, is one ("the front left burner on the stove just clicks and clicks
/// and won't light"), not a heating system ("the oven's fine but the furnace won't light").
/// Heating systems, named beside an appliance that failed: then the heating is what failed.
const HEATING_SYSTEMS: &[&str] =
    &["furnace", "boiler", "heater", "heat", "heating", "radiator", "radiators", "calefaccion", "calefactor"];

pub(crate) fn in_a_clause_about_cooking(spoken: &SpokenWords, span: Span) -> bool {
    const COOKING: &[&str] = &["stove", "burner", "burners", "oven", "cooktop", "stovetop", "estufa", "hornilla"];
    // Lit by a flame too, and no cooking: "the water heater's pilot", "el calentador".
    const FLAME_LIT: &[&str] = &["fireplace", "pilot", "calentador"];
    let words = &spoken.words;
    let end = words.partition_point(|w| w.original.start < span.end);
    let Some(clause) = end.checked_sub(1).and_then(|last| words.get(last)).map(|w| w.clause) else { return false };
    for word in words[..end].iter().rev().take_while(|w| w.clause == clause) {
        let normal = spoken.normal_of(word);
        if HEATING_SYSTEMS.contains(&normal) || FLAME_LIT.contains(&normal) {
            return false;
        }
        if COOKING.contains(&normal) {
            return true;
        }
    }
    false
}

pub(crate) fn near_an_appliance(spoken: &SpokenWords, span: Span) -> bool {
    // The appliance is what failed: said just before the failure ("the dryer won't heat"),
    // not after it ("no heat, we're warming up with the oven"), and no heating system is
    // named between them ("the stove is fine but the furnace won't heat").
    const REACH: usize = 4;
    let words = &spoken.words;
    let at = words.partition_point(|w| w.original.end <= span.start);
    let Some(clause) = words.get(at).map(|w| w.clause) else { return false };
    let from = at.saturating_sub(REACH);
    let before = || (from..at).filter(|&i| words[i].clause == clause);
    if before().any(|i| HEATING_SYSTEMS.contains(&spoken.normal_of(&words[i]))) {
        return false;
    }
    // Two-word appliances ("hot tub") are joined from neighbouring words.
    before().any(|i| {
        let word = &words[i];
        let one = spoken.normal_of(word);
        let two =
            words.get(i + 1).filter(|w| w.clause == clause).map(|w| &spoken.normal[word.normal_start..w.normal_end]);
        APPLIANCES.contains(&one) || two.is_some_and(|two| APPLIANCES.contains(&two))
    })
}

/// Whether `word` says whose a decade is: "in his nineties" is an age, not a temperature or a
/// time.
fn is_a_persons(word: &str) -> bool {
    matches!(word, "his" | "her" | "their")
}

/// "my dad is 90", "she's 88", "mi mama tiene 85 años": an elderly occupant.
#[cfg(test)]
fn elderly_occupants(spoken: &SpokenWords) -> Vec<Span> {
    let mut found = Vec::new();
    elderly_occupants_into(spoken, &mut found);
    found
}

/// `elderly_occupants` into a cleared buffer.
fn elderly_occupants_into(spoken: &SpokenWords, found: &mut Vec<Span>) {
    found.clear();
    const PEOPLE: &[&str] = &[
        "mom",
        "mother",
        "dad",
        "father",
        "grandma",
        "grandpa",
        "grandmother",
        "grandfather",
        "she",
        "he",
        "shes",
        "hes",
        "mama",
        "papa",
        "abuela",
        "abuelo",
        "parent",
        "parents",
        "husband",
        "wife",
        "aunt",
        "uncle",
        "neighbor",
    ];
    let words = &spoken.words;
    let normal = |i: usize| words.get(i).map_or("", |w| spoken.normal_of(w));
    for (i, word) in words.iter().enumerate() {
        // "he's in his nineties", "she's in her late eighties": an age said as a decade.
        if matches!(normal(i), "seventies" | "eighties" | "nineties") {
            let modified = i.checked_sub(1).is_some_and(|j| matches!(normal(j), "early" | "mid" | "late"));
            let at = if modified { i - 1 } else { i };
            if at >= 2 && is_a_persons(normal(at - 1)) && normal(at - 2) == "in" && words[at - 2].clause == word.clause
            {
                found.push(Span { start: words[at - 2].original.start, end: word.original.end });
            }
            continue;
        }
        let Some(age) = word.number else { continue };
        if !(70..=110).contains(&age) {
            continue;
        }
        let next = words.get(i + 1).map(|w| spoken.normal_of(w)).unwrap_or("");
        if matches!(next, "degrees" | "grados" | "degree" | "dollars" | "bucks" | "percent" | "minutes" | "times") {
            continue;
        }
        // "my dad is 90", "she's 88", "mi mama tiene 85": an age is said after a verb.
        let said_as_age = i > 0
            && matches!(
                spoken.normal_of(&words[i - 1]),
                "is" | "shes" | "hes" | "turned" | "turns" | "tiene" | "just" | "almost" | "aged" | "cumplio" | "about"
            );
        let person = (i.saturating_sub(3)..i)
            .find(|&j| said_as_age && words[j].clause == word.clause && PEOPLE.contains(&spoken.normal_of(&words[j])));
        if let Some(person) = person {
            found.push(Span { start: words[person].original.start, end: word.original.end });
        } else if matches!(next, "year" | "years" | "yr" | "anos") {
            // "my 92 year old mother", "85 años".
            let end = words.get(i + 1).map_or(word.original.end, |w| w.original.end);
            found.push(Span { start: word.original.start, end });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::guards::guard;

    fn meanings(text: &str) -> Vec<(Meaning, String)> {
        let spoken = SpokenWords::of(text);
        let guards = guard(text, &spoken);
        recognise(&spoken, &guards)
            .hits
            .into_iter()
            .map(|h| (h.meaning, text[h.span.start..h.span.end].to_owned()))
            .collect()
    }

    fn dangers(text: &str) -> Vec<String> {
        meanings(text).into_iter().filter(|(m, _)| matches!(m, Meaning::Danger(_))).map(|(_, q)| q).collect()
    }

    #[test]
    fn a_hazard_object_and_state_in_either_order_are_a_danger() {
        assert_eq!(dangers("the breaker panel is hot to the touch"), ["breaker panel is hot to the touch"]);
        assert_eq!(dangers("theres crackling coming from the outlet"), ["crackling coming from the outlet"]);
    }

    #[test]
    fn object_and_state_in_different_clauses_are_not_a_danger() {
        assert!(dangers("the outlet by the sink. hot water is fine").is_empty());
    }

    #[test]
    fn spelled_carbon_monoxide_alarm_going_off_is_a_danger() {
        assert_eq!(
            dangers("the see oh detector in the hallway is going off"),
            ["see oh detector in the hallway is going off"]
        );
    }

    #[test]
    fn a_detector_chirping_for_its_battery_is_not_a_danger() {
        assert!(dangers("the co detector keeps beeping i think its the battery").is_empty());
    }

    #[test]
    fn a_gap_inside_a_danger_is_noted() {
        let text = "smells like [inaudible] gas in the basement";
        let spoken = SpokenWords::of(text);
        let found = recognise(&spoken, &guard(text, &spoken));
        assert!(found.hits.iter().any(|h| h.through_gap && matches!(h.meaning, Meaning::Danger("gas_smell"))));
    }

    #[test]
    fn spanish_gas_smell_is_a_danger() {
        assert_eq!(dangers("huele a gas en la cocina"), ["huele a gas"]);
    }

    #[test]
    fn a_danger_word_in_a_name_or_street_is_not_a_danger() {
        assert!(dangers("hi this is ashley flood calling about a lease").is_empty());
        assert!(dangers("we live out on gas light road and need a tune up").is_empty());
    }

    #[test]
    fn a_temperature_in_words_with_its_place_is_read() {
        let spoken = SpokenWords::of("its thirty four in here");
        let (cold, _) = temperatures(&spoken);
        assert_eq!(cold.len(), 1);
        assert_eq!(&"its thirty four in here"[cold[0].start..cold[0].end], "thirty four in here");
    }

    #[test]
    fn a_forecast_below_freezing_is_cold() {
        let spoken = SpokenWords::of("its supposed to get down to fifteen tonight");
        assert_eq!(temperatures(&spoken).0.len(), 1);
    }

    #[test]
    fn a_range_of_degrees_is_a_temperature() {
        let text = "its gonna be high nineties all week";
        let (_, hot) = temperatures(&SpokenWords::of(text));
        assert_eq!(hot.iter().map(|s| &text[s.start..s.end]).collect::<Vec<_>>(), ["high nineties"]);
        assert_eq!(temperatures(&SpokenWords::of("lows in the teens tonight")).0.len(), 1);
        assert_eq!(temperatures(&SpokenWords::of("single digits out there")).0.len(), 1);
    }

    #[test]
    fn a_decade_without_low_mid_or_high_is_a_time() {
        let (cold, hot) = temperatures(&SpokenWords::of("the house was built in the nineties"));
        assert!(cold.is_empty() && hot.is_empty());
    }

    #[test]
    fn an_age_said_as_a_decade_is_an_elderly_occupant_not_a_temperature() {
        let spoken = SpokenWords::of("my neighbor hes in his nineties and shes in her mid nineties");
        assert_eq!(elderly_occupants(&spoken).len(), 2);
        assert!(temperatures(&spoken).1.is_empty());
    }

    #[test]
    fn a_rough_reading_is_a_temperature() {
        let text = "its like ninety something in there and hes dizzy";
        let (_, hot) = temperatures(&SpokenWords::of(text));
        assert_eq!(hot.iter().map(|s| &text[s.start..s.end]).collect::<Vec<_>>(), ["ninety something in there"]);
    }

    #[test]
    fn a_count_in_there_is_not_a_temperature() {
        let (cold, _) = temperatures(&SpokenWords::of("theres like forty of them in there"));
        assert!(cold.is_empty());
    }

    #[test]
    fn an_age_is_not_a_temperature_but_an_elderly_occupant() {
        let spoken = SpokenWords::of("my mother is 82 and on oxygen");
        assert!(temperatures(&spoken).0.is_empty() && temperatures(&spoken).1.is_empty());
        assert_eq!(elderly_occupants(&spoken).len(), 1);
    }

    /// A phrase every reader must ignore lives in `harmless` alone, not also here.
    #[test]
    fn no_harmless_phrase_repeats_one_every_reader_ignores() {
        let repeated: Vec<&&str> = HARMLESS.iter().filter(|p| HARMLESS_TO_EVERY_READER.contains(p)).collect();
        assert!(repeated.is_empty(), "already in harmless::HARMLESS_TO_EVERY_READER: {repeated:?}");
    }

    /// `compiled` takes every phrase as it is written: a phrase only matches if it is written
    /// as a transcript's words are read ("someone" for "somebody", "you" for "you guys", no
    /// accents or apostrophes).
    #[test]
    fn every_concept_phrase_is_written_as_it_is_read() {
        let slots = concept_table().into_iter().flat_map(|c| c.slots.into_iter().flatten().copied().chain(c.vetoes));
        let not_read_as_written: Vec<String> = slots
            .chain(HARMLESS.iter().chain(HARMLESS_TO_EVERY_READER).copied())
            .filter_map(|phrase| {
                let read = SpokenWords::of(phrase).normal;
                (read != phrase).then(|| format!("{phrase:?} is read as {read:?}"))
            })
            .collect();
        assert!(not_read_as_written.is_empty(), "write these as they are read: {not_read_as_written:#?}");
    }
}
