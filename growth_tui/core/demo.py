"""A believable history for trying growth out: ``growth demo [--years N] [--seed S]``.

:func:`generate` fills an empty store with the kind of record a person in
recovery might build up: check-ins whose mood starts low and uneven and slowly
lifts, with hard stretches and winter dips along the way; small wins of every
kind, more of them as things improve; a handful of tiny goals added over time,
one of them set aside; and a journal that grows more reflective, including a few
entries that look back at where things started.

Everything is decided by ``random.Random(seed)``, so the same seed gives the
same history (ids included). All records are built in memory and saved with a
single :meth:`Store.insert_many`. ``density`` scales how much happens per day,
for benchmarks that need a large store.
"""

from __future__ import annotations

import math
import random
from collections.abc import Callable
from datetime import date, datetime, time, timedelta
from functools import partial
from typing import TYPE_CHECKING, Any

from . import records as rec
from .dates import local_at, utc_iso

if TYPE_CHECKING:
    from .store import Store

# ------------------------------------------------------------------ words

#: Win texts by kind. "noticed" wins are (who, what they said) pairs.
WIN_TEXTS: dict[str, tuple[str, ...]] = {
    "self-care": (
        "brushed my teeth before bed",
        "took a shower even though it felt like a mountain",
        "ate a proper breakfast, toast and an egg",
        "took my meds on time",
        "drank a full glass of water before the coffee",
        "changed into clean clothes",
        "cooked a real dinner, pasta with peas",
        "went to bed before midnight",
        "booked the dentist appointment I'd been avoiding",
        "washed my hair",
        "ate lunch away from the screen",
        "went for a short walk round the block",
        "put on a warm jumper instead of just being cold",
    ),
    "routine": (
        "did the dishes before they piled up",
        "put a load of laundry on and actually hung it out",
        "made the bed",
        "took the bins out on the right night",
        "paid the electricity bill",
        "answered three emails I'd been putting off",
        "got to work on time",
        "did the weekly shop with a list",
        "tidied the desk for five minutes",
        "watered the plants",
        "fed the cat on time",
        "cleared the kitchen table",
    ),
    "connection": (
        "texted Sam back",
        "called Mum for twenty minutes",
        "had coffee with Priya",
        "replied to the group chat instead of muting it",
        "hugged my sister at the station",
        "sent Alex a photo of the dog",
        "said yes to dinner at Tom's",
        "asked a colleague about their weekend and really listened",
        "wrote a birthday card for Nan",
        "video called Dad and he laughed at my joke",
        "went to book club even though I nearly cancelled",
    ),
    "coping": (
        "paused before answering an email that stung",
        "did the slow breathing on the bus",
        "walked away from an argument instead of raising my voice",
        "felt the panic rise and let it pass without leaving the shop",
        "named five things I could see when my chest went tight",
        "wrote the racing thoughts down instead of chasing them",
        "didn't spiral after the bad news, just sat with it",
        "made a cup of tea and waited ten minutes before deciding",
        "used the grounding trick in the meeting",
        "got through the appointment even though I was shaking",
    ),
    "self-awareness": (
        "noticed I get snappy when I skip lunch",
        "realised Sunday evenings are my hard time, and planned for it",
        "named the feeling: it was disappointment, not anger",
        "recognised I was tired, not useless",
        "noticed the old thought and didn't believe it this time",
        "saw that I'd been saying sorry for things that weren't mine",
        "realised I'd been holding my breath all afternoon",
        "spotted the early signs and told someone",
    ),
    "pleasure": (
        "sat in the sun for ten minutes",
        "listened to the rain on the window",
        "enjoyed a really good cup of coffee",
        "laughed properly at a silly video",
        "watched the sunset from the bus",
        "heard a blackbird singing on the fence",
        "bought myself flowers",
        "read a chapter of my book in the bath",
        "danced in the kitchen to an old song",
        "ate a warm pastry on a cold morning",
    ),
    "boundary": (
        "said no to an extra shift",
        "left the party when I was ready to, not when everyone else was",
        "told my manager I can't take on the new project this month",
        "muted the work chat after seven",
        "let a call go to voicemail and texted back when I was ready",
        "asked for the conversation to wait until tomorrow",
        "turned down a favour without over-explaining",
        "kept my phone in the other room at night",
    ),
    "rest": (
        "rested instead of pushing through",
        "took a nap and didn't feel guilty about it",
        "lay on the sofa under a blanket and did nothing, on purpose",
        "went to bed early",
        "took a proper lunch break",
        "cancelled one thing to keep the evening free",
        "had a slow morning and let it be slow",
        "took the afternoon off when my head was full",
    ),
}

NOTICED: tuple[tuple[str, str], ...] = (
    ("Jo", "Jo said I seem lighter lately"),
    ("my manager", "My manager told me I handled the meeting well"),
    ("Mum", "Mum noticed I've been laughing more"),
    ("Priya", "Priya said it was good to see me out again"),
    ("Sam", "Sam thanked me for listening"),
    ("my sister", "My sister said I looked rested"),
    ("Dad", "Dad said I sounded calmer on the phone"),
    ("the neighbour", "The neighbour said the window boxes looked lovely"),
    ("Alex", "Alex said I was a good friend to have around"),
)

#: Kind weights at the start and at the end of the arc.
_KIND_WEIGHTS_EARLY = {
    "self-care": 3.0,
    "routine": 2.0,
    "connection": 1.0,
    "coping": 2.2,
    "self-awareness": 1.0,
    "pleasure": 1.0,
    "boundary": 0.3,
    "rest": 2.2,
    "noticed": 0.25,
}
_KIND_WEIGHTS_LATE = {
    "self-care": 2.0,
    "routine": 2.0,
    "connection": 2.5,
    "coping": 1.0,
    "self-awareness": 1.5,
    "pleasure": 2.2,
    "boundary": 1.2,
    "rest": 1.0,
    "noticed": 1.0,
}

#: Feeling words by quadrant: (pleasant?, high energy?).
FEELINGS = {
    (True, True): ("hopeful", "proud", "cheerful", "motivated", "energised", "playful", "excited"),
    (True, False): ("calm", "content", "grateful", "relieved", "peaceful", "settled", "cosy"),
    (False, True): ("anxious", "overwhelmed", "restless", "irritable", "worried", "tense", "frustrated"),
    (False, False): ("tired", "flat", "sad", "lonely", "numb", "drained", "heavy"),
}

TAGS = ("work", "family", "sleep", "walk", "friends", "weather", "home", "health", "money")

NOTES = {
    "low": (
        "hard to get up today",
        "everything felt loud",
        "slept badly, head foggy",
        "cried a bit, then felt a little lighter",
        "stayed in bed until noon",
        "not much left in the tank",
        "one of those days, getting through it",
    ),
    "mid": (
        "an ordinary day, which is fine",
        "work was busy but manageable",
        "a bit wobbly in the afternoon",
        "quiet day at home",
        "tired but steady",
        "up and down, mostly okay",
    ),
    "high": (
        "good talk with Sam",
        "the walk helped",
        "felt like myself for a while",
        "got more done than I expected",
        "sunny, and I noticed it",
        "laughed a lot at dinner",
    ),
}

#: Tiny goals: (title, times a week or None for daily). The first four always appear.
GOALS: tuple[tuple[str, int | None], ...] = (
    ("drink a glass of water", None),
    ("step outside", None),
    ("stretch for five minutes", 3),
    ("text someone", 2),
    ("make the bed", 5),
    ("read a few pages", 4),
    ("take my meds with breakfast", None),
    ("eat one piece of fruit", None),
    ("go to bed before midnight", 5),
    ("tidy one small thing", 3),
    ("write three lines in the journal", 2),
    ("walk to the end of the road", 4),
    ("put on music I like", 3),
    ("sit by the window with a cup of tea", 2),
    ("call someone", 1),
)

JOURNAL_TITLES = (
    "A heavy one",
    "Small steps",
    "Sunday",
    "The walk",
    "Notes to myself",
    "A better week",
    "What helped",
    "Quiet day",
    "Rain",
    "After the appointment",
    "Ordinary, and that's fine",
    "Still here",
    "Tea and a list",
)
JOURNAL_TAGS = ("reflection", "family", "work", "sleep", "gratitude", "friends", "walk")

JOURNAL_HARD = (
    "Today was heavy. I got up, made tea, and sat with it until it went cold. I'm writing this "
    "because writing it down is meant to help, and I want it to.",
    "The thoughts were loud again tonight. The usual ones: that I'm behind, that everyone is "
    "tired of me. I know they are thoughts. It doesn't always feel that way.",
    "Not much to say. Flat. I'm writing one line so there's one line.",
    "Slept most of the afternoon and woke up feeling worse, then a little better after some toast. Small things.",
    "Bad day. I rested instead of fighting it. Tomorrow is allowed to be different.",
    "Everything took twice as long today. I'm noting it down so I remember that days like this "
    "end, even when they feel like they won't.",
)
JOURNAL_EARLY = (
    "I didn't do much. I showered, which sounds like nothing, but it took most of the morning "
    "to get there. I'm counting it.",
    "I went to the shop and came back without the panic taking over. My hands shook at the till but I stayed.",
    "I cancelled on Sam again. I sent a message saying sorry, and Sam wrote back straight away "
    "that it was fine. I'm trying to believe that.",
    "Someone suggested writing down one thing that went okay each day. Today it was the bus "
    "arriving on time and a seat by the window. That will do.",
    "I ate three meals today. I don't remember the last time that happened.",
    "I keep waiting to feel ready before I do anything. Today I did the washing up without "
    "feeling ready. It still got done.",
    "Mum rang and I picked up. I didn't say much, but I listened, and she said it was nice to hear my voice.",
    "It rained all day. I stayed in, which was fine. I put clean sheets on the bed and that felt like something.",
)
JOURNAL_MIDDLE = (
    "A mixed week. Monday and Tuesday were hard, but by Thursday I was cooking again and I even rang Mum back.",
    "I noticed something today: the low mood arrived, and I watched it instead of becoming it. "
    "It still hurt. It just didn't take the whole day.",
    "Went for a walk along the canal. The light was low and gold and for about ten minutes I "
    "wasn't thinking about anything at all.",
    "Work was a lot. I said I couldn't take on the extra report, and nobody was angry. I keep "
    "expecting the sky to fall when I say no.",
    "I've kept the check-ins going most days. Looking back over the month, there are more okay "
    "days than I would have guessed.",
    "Had a wobble on Sunday evening. I know Sundays are hard for me now, so I made soup and put "
    "a film on instead of scrolling.",
    "Priya asked how I was and I told her the truth, not the tidy version. She didn't flinch. "
    "I'm learning that people can hold more than I think.",
    "I caught myself planning something for next month. A small thing, a trip to the coast. "
    "It's been a long time since the future felt like somewhere I might go.",
)
JOURNAL_LATE = (
    "Some days are still heavy. The difference is that I don't spiral the moment something goes "
    "wrong. I can feel bad and still make dinner.",
    "I read back through some old entries tonight. The person who wrote them was doing their best "
    "with very little. I'd like to tell them it gets a bit easier.",
    "Jo came round and we talked for hours. I didn't rehearse anything beforehand. I just talked.",
    "I noticed I'd planned the week without dreading it. Not excited, exactly. Just ready.",
    "Progress doesn't feel like anything while it's happening. It's only when I look at the "
    "wins wall that I see how much has piled up.",
    "I'm still on the road. But I'm on it, and I can see some of the distance behind me now.",
    "A hard week, and I got through it the way I've learned to: smaller days, early nights, "
    "telling one person. It passed. They do pass.",
    "I used to think getting better meant never feeling low again. Now I think it means the low "
    "days don't get to decide everything.",
    "Sat in the garden with a coffee and watched the light move across the fence. I wasn't "
    "waiting for anything. That's new.",
)
JOURNAL_HELPED = (
    "the walk on Wednesday",
    "saying no to Friday",
    "early nights",
    "a long call with Mum",
    "soup",
    "writing things down",
    "the sun coming out",
    "leaving my phone in the kitchen",
    "asking for help at work",
    "the cat",
    "a tidy kitchen",
    "music while cooking",
)
LOOK_BACK = (
    ("get through a phone call without rehearsing it three times", "rang the bank and sorted it out in ten minutes"),
    ("leave the house most days", "walked to the market and stopped for a coffee on the way back"),
    ("say what I was feeling, only that it was bad", "can tell tired from sad from worried, most of the time"),
    ("imagine saying no to anyone", "turned down an extra shift and slept fine afterwards"),
    ("read more than a page at a time", "finished a whole book this month"),
    ("answer a message without a knot in my stomach", "replied to everyone in the group chat before lunch"),
)
LOOK_BACK_CLOSING = (
    "It didn't feel like progress while it was happening. It only shows when I look back.",
    "I'm not where I want to be yet. But I'm not where I was, and that counts.",
    "Writing this down so that on a heavy day I can come back here and read it.",
)


# ---------------------------------------------------------------- helpers


def _poisson(rng: random.Random, lam: float) -> int:
    if lam <= 0:
        return 0
    limit = math.exp(-lam)
    count, product = 0, rng.random()
    while product > limit:
        count += 1
        product *= rng.random()
    return count


def _scaled(rng: random.Random, draw: Callable[[], int], density: float) -> int:
    """Sum ``draw()`` over ``density`` independent copies (a fraction as a chance)."""
    whole = int(density)
    total = sum(draw() for _ in range(whole))
    if rng.random() < density - whole:
        total += draw()
    return total


def _clamp(value: float, low: int, high: int) -> int:
    return max(low, min(high, int(round(value))))


def _weighted(rng: random.Random, weights: dict[str, float]) -> str:
    names = list(weights)
    return rng.choices(names, weights=[weights[n] for n in names])[0]


def _ago_phrase(days: int) -> str | None:
    years = (days + 35) // 365  # "a year ago" is close enough from eleven months on
    if years >= 2:
        words = ("Two", "Three", "Four", "Five", "Six", "Seven", "Eight", "Nine", "Ten")
        return f"{words[min(years, 10) - 2]} years ago"
    if years == 1:
        return "A year ago"
    if days >= 180:
        return "Six months ago"
    if days >= 90:
        return "Three months ago"
    return None


class _Builder:
    """Builds records in memory with deterministic ids and plausible timestamps."""

    def __init__(self, store: Store, rng: random.Random, now: datetime) -> None:
        self.store = store
        self.rng = rng
        self.now = now
        self.today = now.date()
        self.records: list[dict[str, Any]] = []
        self.counts = {t: 0 for t in rec.TYPES}
        self.recent: dict[str, list[int]] = {}

    def pick(self, kind: str, size: int) -> int:
        """An index into a pool of ``size`` texts, not one of the last few used for ``kind``."""
        recent = self.recent.setdefault(kind, [])
        choice = self.rng.randrange(size)
        for _ in range(6):
            if choice not in recent:
                break
            choice = self.rng.randrange(size)
        recent.append(choice)
        del recent[: -max(1, size // 2)]
        return choice

    def moment(self, day: date, first_hour: float, last_hour: float) -> datetime | None:
        """A local time on ``day`` between two hours, never after now; None if none fits."""
        low = int(first_hour * 60)
        high = int(last_hour * 60) - 1
        if day == self.today:
            high = min(high, self.now.hour * 60 + self.now.minute - 1)
        if day > self.today or high < low:
            return None
        minute = self.rng.randint(low, high)
        return local_at(day, time(minute // 60, minute % 60, self.rng.randint(0, 59)))

    def add(self, type_: str, fields: dict[str, Any], at: datetime) -> dict[str, Any]:
        record = self.store.new_record(type_, fields, at=at)
        record["id"] = f"{self.rng.getrandbits(128):032x}"
        record["created_at"] = record["updated_at"] = utc_iso(at)
        self.records.append(record)
        self.counts[type_] += 1
        return record


# --------------------------------------------------------------- the arc


def _mood_curve(rng: random.Random, days: list[date]) -> list[float]:
    """A latent mood per day: low and uneven at first, slowly lifting, with hard stretches."""
    total = max(1, len(days) - 1)
    curve: list[float] = []
    drift = 0.0
    hard_left = 0
    hard_depth = 0.0
    for index, day in enumerate(days):
        progress = index / total
        base = 2.15 + 1.55 * (1 - math.exp(-2.6 * progress)) / (1 - math.exp(-2.6))
        # Winter is harder: deepest around late January.
        season = -0.3 * (1 + math.cos(2 * math.pi * (day.timetuple().tm_yday - 25) / 365.25)) / 2
        spread = 0.55 - 0.25 * progress
        drift = 0.72 * drift + rng.gauss(0, spread)
        if hard_left == 0 and rng.random() < 0.011 - 0.006 * progress:
            hard_left = rng.randint(3, 6)
            hard_depth = rng.uniform(1.2, 1.9)
        dip = 0.0
        if hard_left:
            dip = hard_depth
            hard_left -= 1
        curve.append(base + season + drift - dip + rng.gauss(0, 0.35 + 0.2 * (1 - progress)))
    return curve


def _feelings(rng: random.Random, mood: int, energy: int) -> list[str]:
    if rng.random() < 0.15:
        return []
    pleasant = mood >= 4 or (mood == 3 and rng.random() < 0.5)
    high = energy >= 4 or (energy == 3 and rng.random() < 0.4)
    words: list[str] = []
    for _ in range(rng.choice((1, 1, 2, 2, 3))):
        quadrant = (pleasant, high)
        if rng.random() < 0.2:  # feelings are rarely all one kind
            quadrant = (pleasant, not high) if rng.random() < 0.6 else (not pleasant, high)
        word = rng.choice(FEELINGS[quadrant])
        if word not in words:
            words.append(word)
    return words


def _checkin(b: _Builder, day: date, latent: float, progress: float) -> None:
    rng = b.rng
    at = b.moment(day, *rng.choice(((7.5, 10.5), (12, 14), (18.5, 22.5), (19, 22))))
    if at is None:
        return
    mood = _clamp(latent + rng.gauss(0, 0.35), 1, 5)
    energy = _clamp(mood - 0.2 + rng.gauss(0, 0.8), 1, 5)
    weight = _clamp(9.2 - 1.7 * mood + rng.gauss(0, 1.2), 0, 10)
    tags = rng.sample(TAGS, rng.choice((1, 1, 2))) if rng.random() < 0.3 else []
    note = None
    if rng.random() < 0.2:
        note = rng.choice(NOTES["low" if mood <= 2 else "mid" if mood == 3 else "high"])
    fields = rec.checkin_fields(mood, energy, weight, _feelings(rng, mood, energy), tags, note)
    b.add("checkin", fields, at)


def _win(b: _Builder, day: date, latent: float, progress: float) -> None:
    rng = b.rng
    at = b.moment(day, 7.5, 22.5)
    if at is None:
        return
    weights = {
        kind: _KIND_WEIGHTS_EARLY[kind] * (1 - progress) + _KIND_WEIGHTS_LATE[kind] * progress for kind in rec.WIN_KINDS
    }
    if latent < 2.5:  # on heavy days the wins are about getting through
        for kind in ("rest", "coping", "self-care"):
            weights[kind] *= 1.8
    kind = _weighted(rng, weights)
    by = None
    if kind == "noticed":
        by, text = NOTICED[b.pick(kind, len(NOTICED))]
    else:
        text = WIN_TEXTS[kind][b.pick(kind, len(WIN_TEXTS[kind]))]
    b.add("win", rec.win_fields(text, kind, by, rng.random() < 0.08), at)


def _journal_text(rng: random.Random, latent: float, progress: float) -> str:
    pool: tuple[str, ...]
    if progress < 0.35:
        pool = JOURNAL_EARLY
    elif progress < 0.7:
        pool = JOURNAL_MIDDLE
    else:
        pool = JOURNAL_LATE
    paragraphs: list[str] = []
    if latent < 2.3:
        paragraphs.append(rng.choice(JOURNAL_HARD))
        if paragraphs[0] == JOURNAL_HARD[2] or rng.random() < 0.4:  # a short entry on a hard day
            return paragraphs[0]
    count = 1 + (rng.random() < 0.3 + 0.5 * progress) + (rng.random() < 0.25 * progress)
    for paragraph in rng.sample(pool, min(count, len(pool))):
        if paragraph not in paragraphs:
            paragraphs.append(paragraph)
    if rng.random() < 0.15 + 0.25 * progress:
        helped = rng.sample(JOURNAL_HELPED, rng.randint(2, 4))
        paragraphs.append("What helped:\n\n" + "\n".join(f"- {item}" for item in helped))
    return "\n\n".join(paragraphs)


def _journal(b: _Builder, day: date, latent: float, progress: float) -> None:
    rng = b.rng
    at = b.moment(day, 19.5, 23.5)
    if at is None:
        return
    title = rng.choice(JOURNAL_TITLES) if rng.random() < 0.55 else None
    tags = rng.sample(JOURNAL_TAGS, rng.randint(1, 2)) if rng.random() < 0.4 else []
    fields = rec.journal_fields(_journal_text(rng, latent, progress), title, tags, rng.random() < 0.1)
    b.add("journal", fields, at)


def _look_back(b: _Builder, day: date, since_start: int, then: str, now_: str) -> bool:
    phrase = _ago_phrase(since_start)
    at = b.moment(day, 20, 23)
    if phrase is None or at is None:
        return False
    rng = b.rng
    text = f"{phrase} I couldn't {then}. Today I {now_}.\n\n{rng.choice(LOOK_BACK_CLOSING)}"
    title = rng.choice(("Looking back", "Then and now", None))
    fields = rec.journal_fields(text, title, ["reflection"], rng.random() < 0.5)
    b.add("journal", fields, at)
    return True


def _goals(b: _Builder, days: list[date], curve: list[float], density: float) -> None:
    rng = b.rng
    span = len(days)
    wanted = min(len(GOALS), max(4, round(rng.randint(4, 6) * density)))
    chosen = list(GOALS[:4]) + rng.sample(GOALS[4:], wanted - 4)
    # When each goal is added: the first two near the start, the rest spread out.
    starts = sorted(
        [rng.randint(0, min(10, span - 1)), rng.randint(0, min(20, span - 1))]
        + [rng.randint(int(span * 0.08), max(int(span * 0.08), int(span * 0.6))) for _ in chosen[2:]]
    )
    archived_index = rng.randint(2, len(chosen) - 1)  # never one of the first two
    for index, ((title, per_week), start) in enumerate(zip(chosen, starts, strict=False)):
        added = b.moment(days[start], 9, 21) or b.moment(days[0], 9, 21) or b.now
        goal = b.add("goal", rec.goal_fields(title, per_week), added)
        end = span
        if index == archived_index:
            end = min(span - 1, start + max(14, int((span - start) * rng.uniform(0.3, 0.6))))
        for i in range(start + 1, end):
            day, progress, latent = days[i], i / max(1, span - 1), curve[i]
            mood_pull = 0.08 * (latent - 3)
            if per_week is None:
                chance = 0.35 + 0.45 * progress + mood_pull
            else:
                chance = per_week / 7 * (0.75 + 0.35 * progress) + mood_pull * 0.6
            roll = rng.random()
            if roll < chance:
                status = "done"
            elif roll < chance + (0.25 if latent < 2.3 else 0.03):
                status = "rest"
            else:
                continue
            at = b.moment(day, 7.5, 22.5)
            if at is not None:
                b.add("completion", {"goal": goal["id"], "status": status}, at)
        if index == archived_index:
            goal["archived"] = True
            put_away = b.moment(days[end], 9, 21) if end < span else None
            goal["updated_at"] = utc_iso(put_away or b.now)


# -------------------------------------------------------------- generate


#: "What helps me": lines the sample person added by hand (the rest gathers from their wins).
HELPS = ("Text my sister, even one word", "Cold water on my face")


def _helps(b: _Builder) -> None:
    """The sample person's own lines of "What helps me" (after everything else: the history stays the same)."""
    for rank, text in enumerate(HELPS):
        b.add("help", rec.help_fields(text, rank), b.now)


def generate(
    store: Store,
    *,
    years: float = 1,
    seed: int = 7,
    now: datetime | None = None,
    density: float = 1.0,
) -> dict[str, int]:
    """Fill an empty ``store`` with ``years`` of believable history ending today.

    Args:
        store: a :class:`~growth_tui.core.store.Store` with nothing in it yet.
        years: how far back the history starts (fractions allowed).
        seed: the same seed always gives the same history.
        now: the end of the history; ``store.clock()`` by default.
        density: how much happens per day (1 is a steady everyday user).

    Returns:
        How many records of each type were added (``{"checkin": ..., "win": ...}``).
    """
    if years <= 0 or density <= 0:
        raise ValueError("years and density must be above zero")
    if not store.is_empty():
        raise ValueError("the demo only fills an empty data folder")
    rng = random.Random(seed)
    now = (now or store.clock()).astimezone()
    builder = _Builder(store, rng, now)
    today = now.date()
    first = today - timedelta(days=max(1, round(years * 365.25)))
    days = [first + timedelta(days=i) for i in range((today - first).days + 1)]
    span = len(days)
    curve = _mood_curve(rng, days)

    look_backs: set[int] = set()
    if span > 100:
        lo = max(int(span * 0.6), 91)
        for _ in range(rng.randint(2, 4)):
            look_backs.add(rng.randint(lo, span - 2))
        if span > 340:  # at least one "a year ago" (or longer) entry
            look_backs.add(rng.randint(max(lo, span - 30, 330), span - 2))
    memories = rng.sample(LOOK_BACK, len(LOOK_BACK))
    told = 0

    for index, day in enumerate(days):
        progress = index / max(1, span - 1)
        latent = curve[index]

        def checkins_today(latent: float = latent) -> int:
            roll = rng.random()
            skip = 0.1 + (0.12 if latent < 2.2 else 0.0)
            return 0 if roll < skip else 2 if roll > 0.88 else 1

        count = _scaled(rng, checkins_today, density)
        if index == 0:
            count = max(count, 1)
        for _ in range(count):
            _checkin(builder, day, latent, progress)

        lam = (0.9 + 2.6 * progress) * (0.6 if latent < 2.2 else 1.0)
        for _ in range(_scaled(rng, partial(_poisson, rng, lam), density)):
            _win(builder, day, latent, progress)

        chance = (0.11 + 0.07 * progress) * (1.6 if day.weekday() == 6 else 1.0)

        def journals_today(chance: float = chance) -> int:
            return int(rng.random() < chance)

        for _ in range(_scaled(rng, journals_today, density)):
            _journal(builder, day, latent, progress)
        if index in look_backs:
            then, now_ = memories[told % len(memories)]
            told += _look_back(builder, day, index, then, now_)

    _goals(builder, days, curve, density)
    _helps(builder)
    store.insert_many(builder.records)
    return dict(builder.counts)


__all__ = ["generate", "WIN_TEXTS", "NOTICED", "GOALS", "FEELINGS"]
