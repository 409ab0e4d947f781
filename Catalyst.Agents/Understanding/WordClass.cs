namespace Catalyst.Agents.Understanding;

/// <summary>
/// What English says a word is, by WordNet's first (most frequent) sense: the letters of Data/nouns.tsv, which
/// eng/wordnet/derive-nouns.py derives from WordNet 3.0.
/// </summary>
public enum WordClass
{
    /// <summary>Not in WordNet: a name, a coined word, jargon or a typo. Read as a noun, as before.</summary>
    Unknown = 0,

    /// <summary>A person in a role: barber, tutor, landlord.</summary>
    Person = 'p',

    /// <summary>Structure rather than a thing kept as a record: functionality, capability, feature, information, management.</summary>
    Abstract = 'a',

    /// <summary>Something people do: booking, enrollment, lesson. A record when named as one.</summary>
    Act = 'c',

    /// <summary>Any other noun: a thing, a document, an event, a place.</summary>
    Noun = 'n',

    /// <summary>A verb English does not have as a noun: allow, summarize.</summary>
    Verb = 'v',

    /// <summary>An adjective or adverb English does not have as a noun: able, such, customized.</summary>
    Modifier = 'j',

    /// <summary>A noun English uses more often to describe: personal, basic, comic. A record only when named as one.</summary>
    Describing = 'd',
}
