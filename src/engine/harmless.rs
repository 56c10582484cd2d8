//! Phrases whose danger word names no danger, hidden from every reader: an idiom ("my inbox is
//! flooded", "this price is killing me"), a thing named for a danger ("smoke detector", "flood
//! insurance", "fire sprinklers"), a fall that did not happen ("almost fell"), well water that
//! smells of sulfur. The lexicon compiles them as `Cue::Neutral`, the concept recogniser as
//! harmless phrases; a phrase that fools one reader fools the other, so it is written once, here.
//!
//! Each reader keeps beside this list only what its own reading needs: the lexicon its cue
//! masks ("no funciona" hides its "no", "wondering if" its "if"), the concepts theirs ("thank
//! you" hides "you" from an availability question). Written as transcripts are read (lower
//! case, no apostrophes), which `concepts` checks.

pub(crate) const HARMLESS_TO_EVERY_READER: &[&str] = &[
    // Hyperbole and idiom.
    "killing me",
    "killing us",
    "dying to",
    "sick of",
    "sick of it",
    "sick and tired",
    "brain freeze",
    "freeze frame",
    "inbox is flooded",
    // "I know your inbox is probably flooded this time of year" (round 13).
    "inbox is probably flooded",
    "inbox must be flooded",
    "inbox has been flooded",
    "inbox was flooded",
    "inbox got flooded",
    "inbox flooded",
    "email has been flooded",
    "emails have been flooded",
    "flooded with",
    "been flooded with",
    // "It turned out the heater was fine": the idiom is no heater going out (round 53).
    "turned out",
    "turns out",
    // A fall that did not happen.
    "about fell",
    "almost fell",
    "nearly fell",
    "practically fell",
    "fell out of my chair",
    "fall out of my chair",
    "fell off my chair",
    // Things named for a danger: alarms and detectors, fire safety, a fire that is meant to be.
    "smoke detector",
    "smoke detectors",
    "smoke alarm",
    "smoke alarms",
    "fire alarm",
    "fire alarms",
    "fire sprinkler",
    "fire sprinklers",
    "fire suppression",
    "fire extinguisher",
    "fire extinguishers",
    "fire hydrant",
    // A risk named, not a fire: "federal pacific panels, you know those are known fire hazards,
    // nothing's actually wrong with it" (round 53).
    "fire hazard",
    "fire hazards",
    // Round 53: who comes to a fire, and speech-to-text's "fireplace" in two words, are no fire
    // ("my kids still talk about ... the fire trucks").
    "fire truck",
    "fire trucks",
    "fire engine",
    "fire engines",
    "fire station",
    "fire fighter",
    "fire fighters",
    "fire place",
    "fire places",
    "fire wood",
    "fire works",
    "fire pit",
    "firepit",
    "flood light",
    "flood lights",
    "flood insurance",
    "flood zone",
    // An insect, not a fire: "we got fire ants all over the backyard".
    "fire ants",
    "fire ant",
    // A TV show's name ("we were watching Fire Country last night", round 18).
    "chicago fire",
    "fire country",
    // Round 30: smoking meat is no smoke.
    "smoking the brisket",
    "smoking a brisket",
    "smoking brisket",
    "smoking the ribs",
    "smoking ribs",
    "smoking meat",
    "smoking a turkey",
    "smoking the turkey",
    // Cleaning up after a fire that is over, or the dust a furnace burns off on its first run.
    "smoke odor removal",
    "odor removal",
    "burning dust",
    "like burning dust",
    // Round 31: well water's sulfur, not gas: "the hot water smells like rotten eggs".
    "water smells like rotten eggs",
    "water smells like rotten egg",
    "water smells like eggs",
    "water smells like sulfur",
    // Rounds 45-46: a danger named as when something else was done ("your tech came out in january
    // after our pipe burst", "replaced our disposal after the flood in march", "old flood,
    // insurance wants an elevation certificate"), a storm as when, not as what is coming
    // ("your guys came out after the storm tuesday night"), and the drain smell of a dry trap.
    "after the flood",
    "after our flood",
    "after the fire",
    "after our fire",
    "after the pipe burst",
    "after our pipe burst",
    "after the pipes burst",
    "after our pipes burst",
    "after the storm",
    "in that storm",
    "during the storm",
    "old flood",
    "sewer gas",
    // Early in the morning, not tomorrow morning: "pueden venir en la mañana temprano el jueves"
    // (round 48).
    "en la manana temprano",
    "por la manana temprano",
    "en la manana tempranito",
    // Water named as a thing, not as a leak.
    "water heater",
    "hot water heater",
    "cold water",
];
