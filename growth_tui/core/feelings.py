"""Words for naming a feeling, laid out by how pleasant it is and how much energy it carries.

Naming what happens inside is part of the work, so the check-in offers a small
vocabulary arranged like a mood meter: four quadrants, pleasant or unpleasant,
with more or less energy. Each word comes with one plain line saying what it can
mean, so a person can tell "drained" from "numb" on a day when both fit.

The words are short (they sit in a grid on an 80-column terminal) and lower case,
as they are stored. This module knows nothing of the screen.
"""

from __future__ import annotations

#: The four quadrants, in the order the picker lays them out: top row is more
#: energy, bottom row less; left column unpleasant, right column pleasant.
QUADRANTS = ("unpleasant-high", "pleasant-high", "unpleasant-low", "pleasant-low")

#: How each quadrant is named on screen.
QUADRANT_TITLES = {
    "unpleasant-high": "Unpleasant, more energy",
    "pleasant-high": "Pleasant, more energy",
    "unpleasant-low": "Unpleasant, less energy",
    "pleasant-low": "Pleasant, less energy",
}

#: The longest word allowed, so the grid keeps its columns at 80 characters.
LONGEST_WORD = 11

_UNPLEASANT_HIGH = {
    "anxious": "a worry that hums in the body and won't settle",
    "worried": "the mind keeps going back to something that might go wrong",
    "nervous": "unsteady before something, a flutter inside",
    "stressed": "too much asked of you at once",
    "tense": "shoulders up, jaw tight, braced for something",
    "restless": "can't sit still, can't settle on anything",
    "on edge": "a small thing could tip you over",
    "irritable": "everything grates a little more than usual",
    "frustrated": "blocked from something you want or need",
    "angry": "something feels wrong or unfair, and it burns",
    "scared": "sensing danger, wanting to get away or hide",
    "panicky": "fear rising fast, hard to catch your breath",
    "overwhelmed": "more coming in than you can hold right now",
    "jittery": "shaky energy with nowhere to go",
    "wired": "buzzing and awake when you'd rather rest",
    "shaken": "still unsteady after something happened",
    "defensive": "ready to protect yourself from a blow",
    "jealous": "wanting what someone else has, and it stings",
}

_PLEASANT_HIGH = {
    "hopeful": "a sense that things could turn out okay",
    "excited": "looking forward to something, with a spark",
    "joyful": "a lightness that fills you up",
    "proud": "you did something, and you know it mattered",
    "cheerful": "bright and easy, a good mood to be around",
    "energised": "fuel in the tank, ready to move",
    "playful": "in the mood to joke and try things",
    "inspired": "an idea or a person lit something in you",
    "curious": "wanting to find out more",
    "motivated": "a pull to get going on something",
    "confident": "trusting yourself to handle what comes",
    "focused": "your attention is where you want it",
    "amused": "something struck you as funny",
    "lively": "awake and present, moving easily",
    "eager": "keen to begin",
    "delighted": "pleasantly surprised by something good",
    "determined": "set on seeing something through",
    "upbeat": "leaning toward the good side of things",
}

_UNPLEASANT_LOW = {
    "sad": "a heaviness that comes with loss or disappointment",
    "tired": "low on energy, needing rest",
    "drained": "used up, as if something took it all out of you",
    "exhausted": "past tired, running on nothing",
    "lonely": "wanting closeness that isn't there right now",
    "empty": "a hollow where feeling usually is",
    "numb": "feelings turned down, hard to reach",
    "flat": "nothing rises or falls, everything muted",
    "hopeless": "hard to picture things getting better",
    "discouraged": "your effort feels like it isn't landing",
    "let down": "something didn't turn out the way you hoped",
    "ashamed": "wanting to hide a part of yourself",
    "guilty": "feeling you did something wrong",
    "hurt": "someone or something left a sore place",
    "bored": "nothing holds your interest",
    "withdrawn": "pulling back from people and things",
    "weary": "tired in a deep way that sleep doesn't fix",
    "heavy": "everything takes more effort than it should",
}

_PLEASANT_LOW = {
    "calm": "settled, nothing pulling hard at you",
    "content": "this is enough, for now",
    "relaxed": "your body has let go of some tension",
    "peaceful": "quiet inside, at least for a while",
    "grateful": "glad for something or someone",
    "relieved": "a weight lifted, something went better than feared",
    "safe": "protected, with nothing to guard against",
    "at ease": "comfortable where you are",
    "rested": "you've had some of the rest you needed",
    "cosy": "warm and comfortable, tucked in",
    "settled": "things have found their place",
    "tender": "soft and open, perhaps a little fragile",
    "gentle": "kind toward yourself or others",
    "satisfied": "something you did feels complete",
    "mellow": "slow and easy, no rush",
    "cared for": "someone showed they are on your side",
    "thoughtful": "quietly reflecting, turning things over",
    "trusting": "able to lean on someone or something",
}

#: word -> (quadrant, one line saying what it can mean, in our words).
FEELINGS: dict[str, tuple[str, str]] = {
    **{word: ("unpleasant-high", meaning) for word, meaning in _UNPLEASANT_HIGH.items()},
    **{word: ("pleasant-high", meaning) for word, meaning in _PLEASANT_HIGH.items()},
    **{word: ("unpleasant-low", meaning) for word, meaning in _UNPLEASANT_LOW.items()},
    **{word: ("pleasant-low", meaning) for word, meaning in _PLEASANT_LOW.items()},
}


def words_in(quadrant: str) -> list[str]:
    """The words of one quadrant, in the order they are offered."""
    return [word for word, (where, _meaning) in FEELINGS.items() if where == quadrant]


def meaning_of(word: str) -> str:
    """The one-line meaning of a word, or an empty string for a word of the person's own."""
    entry = FEELINGS.get(word)
    return entry[1] if entry else ""


def matches(word: str, typed: str) -> bool:
    """Whether ``word`` fits what was typed into the picker's filter.

    A word fits when it starts with the typed letters, or any of its parts does
    ("ease" finds "at ease").
    """
    typed = typed.strip().lower()
    if not typed:
        return True
    return word.startswith(typed) or any(part.startswith(typed) for part in word.split())
