namespace Catalyst.Agents.Understanding;

/// <summary>
/// The request's first noun phrase, the app it asks for: "a parking garage tracker" (subject "parking garage",
/// head "tracker"), "an app for tracking expenses" (subject "expenses"), "a todo app", "a click counter".
/// </summary>
public sealed record AppPhrase(List<Token> Tokens, List<Token> Subject, Token Head, bool HeadIsAppWord)
{
    public List<string> SubjectWords => [.. Subject.Select(t => t.Lower)];

    public static AppPhrase? Read(List<Token> tokens, Lexicon lexicon, StructureReader reader)
    {
        var i = 0;
        // "Track my vinyl records", "Keep track of my plants", "Keep a log of our hikes": the command before what it keeps
        if (tokens.Count > 2 && tokens[0].IsWord && lexicon.In("commandVerbs", tokens[0].Lower))
        {
            var j = 1;
            if (tokens[j].Lower == "track" && tokens[j + 1].Lower == "of") j += 2;
            else if (j + 2 < tokens.Count && tokens[j].Lower is "a" or "an" && tokens[j + 2].Lower == "of" && (lexicon.In("appWords", tokens[j + 1].Lower) || tokens[j + 1].Lower is "record" or "note")) j += 3;
            if (j < tokens.Count && lexicon.Is("determiner", tokens[j].Lower) || j > 1) i = j;
        }
        while (i < tokens.Count && (tokens[i].Consumed || tokens[i].IsWord && (lexicon.Is("imperative", tokens[i].Lower) || lexicon.Is("determiner", tokens[i].Lower)
               || lexicon.Is("adjective", tokens[i].Lower) && !lexicon.In("appWords", tokens[i].Lower) || lexicon.Is("auxiliary", tokens[i].Lower))))
            i++;
        var phrase = new List<Token>();
        // "Water intake log", "Feed schedule app": a word the lexicon knows as a verb modifies the nouns of an app phrase after it
        if (i + 1 < tokens.Count && tokens[i].IsWord && !tokens[i].Consumed && lexicon.Is("verb", tokens[i].Lower) && !reader.IsNounish(tokens[i])
            && !lexicon.IsFunctionWord(tokens[i].Lower) && !lexicon.In("commandVerbs", tokens[i].Lower) && !lexicon.Is("have", tokens[i].Lower) && AppWordAfter(tokens, i + 1, lexicon, reader))
            phrase.Add(tokens[i++]);
        while (i < tokens.Count && !tokens[i].Consumed && (reader.IsNounish(tokens[i]) || tokens[i].IsNumber && phrase.Count == 0) && phrase.Count < 5)
        {
            // "the kids' pocket money", "my dog's walks": whose it is is not what the app keeps
            if (tokens[i].Possessive && i + 1 < tokens.Count && reader.IsNounish(tokens[i + 1])) { phrase.Clear(); i++; continue; }
            phrase.Add(tokens[i++]);
        }
        // "my vinyl records with ...", "our runs:": a plural the lexicon also knows as a verb ends the noun phrase
        if (i + 1 < tokens.Count && tokens[i].IsWord && !tokens[i].Consumed && lexicon.Is("verb", tokens[i].Lower) && Inflector.LooksPlural(tokens[i].Lower)
            && (phrase.Count > 0 || i > 0 && lexicon.Is("determiner", tokens[i - 1].Lower))
            && (tokens[i + 1].IsSeparator || tokens[i + 1].Lower is "with" or "that" or "which" or "where" or ":" or "(") && phrase.Count < 5)
            phrase.Add(tokens[i++]);
        while (phrase.Count > 1 && lexicon.Is("adjective", phrase[0].Lower)) phrase.RemoveAt(0);
        // "Log sleep with ...", "Track car refuels": an opening verb before what it keeps is the imperative ("Record collection" is a noun phrase)
        if (phrase.Count > 1 && phrase[0].Index == 0 && lexicon.In("commandVerbs", phrase[0].Lower) && !lexicon.Defaults.ContainsKey(phrase[0].Lower) && !lexicon.In("appWords", phrase[^1].Lower))
            phrase.RemoveAt(0);
        if (phrase.Count == 0) return null;
        var head = phrase[^1];
        var isApp = lexicon.In("appWords", head.Lower);
        // "a todo web app", "a crud api" drop the generic words; "a car service history" keeps its service
        var genericHead = lexicon.In("genericAppWords", head.Lower);
        List<Token> subject = isApp ? [.. phrase.Take(phrase.Count - 1).Where((t, n) => !lexicon.In("genericAppWords", t.Lower) || !genericHead && n == phrase.Count - 2 && n > 0)] : phrase;
        // "an app for tracking expenses", "a tool to manage my books", "a list of books"
        if (isApp && subject.Count == 0 && i + 1 < tokens.Count && tokens[i].Lower is "for" or "to" or "of" or "that")
        {
            var k = i + 1;
            while (k < tokens.Count && tokens[k].IsWord && (lexicon.Is("verb", tokens[k].Lower) && !reader.IsNounish(tokens[k]) || lexicon.IsFunctionWord(tokens[k].Lower) || tokens[k].Lower.EndsWith("ing", StringComparison.Ordinal) && !lexicon.Knows(tokens[k].Lower))) k++;
            while (k < tokens.Count && reader.IsNounish(tokens[k]) && subject.Count < 3 && !lexicon.Is("have", tokens[k].Lower)) subject.Add(tokens[k++]);
            // "an app to manage my vinyl collection": the records, not their collection
            if (subject.Count > 1 && lexicon.In("collectionWords", subject[^1].Lower)) subject.RemoveAt(subject.Count - 1);
        }
        return new AppPhrase(phrase, subject, head, isApp);
    }

    /// <summary>One to three nouns from k, the last of them an app word: "intake log", "watering schedule tracker".</summary>
    static bool AppWordAfter(List<Token> tokens, int k, Lexicon lexicon, StructureReader reader)
    {
        for (var j = k; j < tokens.Count && j < k + 3 && reader.IsNounish(tokens[j]) && !tokens[j].Consumed; j++)
            if (lexicon.In("appWords", tokens[j].Lower)) return j > k;
        return false;
    }
}
