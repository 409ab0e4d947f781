#!/usr/bin/env python3
"""Derives Catalyst.Agents/Understanding/Data/nouns.tsv from WordNet 3.0 (Debian's wordnet-base).

For every single English word WordNet knows, one class letter, read from the word's first (most frequent) sense:
  p  a person in a role: the sense descends from person.n.01 (barber, tutor, landlord)
  a  an abstract noun, structure rather than a thing kept as a record: the sense descends from one of ROOTS
     (functionality, capability, feature, information, management, touch)
  c  an act: the sense descends from act.n.02 ("something that people do"): booking, enrollment, display; a record
     where it is named as one, and in a list of what an app does the name of an action on the noun before it
  n  any other noun (a thing, a document, an event, a place ...)
  v  a verb WordNet does not know as a noun (allow, summarize)
  j  an adjective or adverb WordNet does not know as a noun (able, customized)
  d  a noun its tagged texts use as an adjective or adverb more often than as a noun (personal, basic, comic)
A noun's letter is upper case when WordNet also has the word as a verb: book "N", display "N", booking "C".
Usage: python3 eng/wordnet/derive-nouns.py [WORDNET_DIR] > Catalyst.Agents/Understanding/Data/nouns.tsv
"""
import sys

WORDNET = sys.argv[1] if len(sys.argv) > 1 else "/usr/share/wordnet"
# The abstraction roots, each as (lemma, words its gloss starts with): the first sense of a word below one of them
# is structure. attribute.n.02 covers qualities and abilities (functionality, capability); the feature of
# "a prominent attribute or aspect" is a property; information is both the message and the knowledge;
# social control holds management and administration; a happening holds touch and contact as events.
ROOTS = [
    ("attribute", "an abstraction belonging to"),
    ("property", "a construct whereby objects"),
    ("information", "a message received and understood"),
    ("information", "knowledge acquired through study"),
    ("social_control", "control exerted"),
    ("happening", "an event that happens"),
]
PERSON = ("person", "a human being")
ACT = ("act", "something that people do")


def synsets():
    table = {}
    for line in open(f"{WORDNET}/data.noun", encoding="latin-1"):
        if line.startswith("  "):
            continue
        head, gloss = line.split("|", 1)
        parts = head.split()
        count = int(parts[3], 16)
        i = 4 + 2 * count
        hypernyms = []
        for _ in range(int(parts[i])):
            symbol, target, pos = parts[i + 1], parts[i + 2], parts[i + 3]
            if symbol in ("@", "@i") and pos == "n":
                hypernyms.append(target)
            i += 4
        table[parts[0]] = (hypernyms, gloss.strip(), symbol_instance(parts))
    return table


def symbol_instance(parts):
    return "@i" in parts


def index(pos):
    senses = {}
    for line in open(f"{WORDNET}/index.{pos}", encoding="latin-1"):
        if line.startswith("  "):
            continue
        parts = line.split()
        pointers = int(parts[3])
        senses[parts[0]] = parts[4 + pointers + 2:]
    return senses


def tagged_uses():
    """How often the tagged texts behind WordNet (cntlist.rev) use each word as a noun and as an adjective or adverb."""
    uses = {}
    for line in open(f"{WORDNET}/cntlist.rev", encoding="latin-1"):
        key, _, count = line.split()
        lemma, rest = key.split("%", 1)
        noun, modifier = uses.setdefault(lemma, [0, 0])
        if rest[0] == "1":
            uses[lemma][0] += int(count)
        elif rest[0] in "345":
            uses[lemma][1] += int(count)
    return uses


def main():
    table = synsets()
    uses = tagged_uses()
    nouns = index("noun")

    def find(lemma, gloss):
        return next(o for o in nouns[lemma] if table[o][1].startswith(gloss))

    roots = {find(lemma, gloss) for lemma, gloss in ROOTS}
    person = find(*PERSON)
    act = find(*ACT)
    memo = {}

    def below(offset, targets):
        key = (offset, frozenset(targets))
        if key not in memo:
            memo[key] = offset in targets or any(below(h, targets) for h in table[offset][0])
        return memo[key]

    classes = {}
    for word, offsets in nouns.items():
        if not word.isalpha() or not word.isascii():
            continue
        first = offsets[0]
        hypernyms, _, instance = table[first]
        if instance and all(table[o][2] for o in offsets):
            continue  # names of particular places and people
        noun, modifier = uses.get(word, (0, 0))
        if modifier > noun:
            classes[word] = "d"
            continue
        classes[word] = ("p" if below(first, {person}) else "a" if below(first, roots)
                         else "c" if below(first, {act}) else "n")
    verbs = index("verb")
    for word in classes:
        if word in verbs and classes[word] != "d":
            classes[word] = classes[word].upper()
    for pos, letter in (("verb", "v"), ("adj", "j"), ("adv", "j")):
        for word in (verbs if pos == "verb" else index(pos)):
            if word.isalpha() and word.isascii() and word not in classes:
                classes[word] = letter
    print("# Derived from WordNet 3.0 by eng/wordnet/derive-nouns.py; WordNet licence: WORDNET-LICENSE beside this file.")
    print("# word<TAB>class: p person, a abstract noun, c act, n other noun (upper case: also a verb), d mostly describes, v verb only, j adjective or adverb only")
    for word in sorted(classes):
        print(f"{word}\t{classes[word]}")


if __name__ == "__main__":
    sys.setrecursionlimit(10000)
    main()
