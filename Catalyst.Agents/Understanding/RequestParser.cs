using Catalyst.Core.Projects;

namespace Catalyst.Agents.Understanding;

/// <summary>
/// Reads an ordinary request ("an expense tracker with amount, category and date, showing the total per
/// category") into an <see cref="AppSpec"/> with a small language front end: tokens tagged by the
/// <see cref="Lexicon"/>, the app phrase, presentation, the kind of app, then the records, their typed fields
/// and relations (<see cref="StructureReader"/>, <see cref="EntityBuilder"/>). Deterministic and offline. Words it
/// does not know never fail it: every content word is accounted for in <see cref="AppSpec.Words"/>, and every
/// assumption is in <see cref="AppSpec.Notes"/>.
/// </summary>
public sealed partial class RequestParser
{
    public const int MaxEntities = 12;
    public const int MaxFields = 20;

    readonly Lexicon lexicon;

    public RequestParser() : this(Lexicon.Default) { }

    RequestParser(Lexicon lexicon) => this.lexicon = lexicon;

    public AppSpec Parse(string prompt, string? projectName = null)
    {
        var tokens = Tokenizer.Tokenize(prompt ?? "");
        // "residents can propose events": a verb the lexicon does not list is still a verb where it stands
        return new ContextVerbs(lexicon).Find(tokens) is { Count: > 0 } verbs
            ? new RequestParser(lexicon.WithVerbs(verbs)).Parse(tokens, prompt ?? "", projectName)
            : Parse(tokens, prompt ?? "", projectName);
    }

    AppSpec Parse(List<Token> tokens, string prompt, string? projectName)
    {
        var spec = new AppSpec { Prompt = prompt.Trim() };
        new PresentationReader(lexicon).Read(tokens, spec.Presentation);
        // a word the request also writes in its other number ("camera lenses ... each lens") is meant as written, not a typo
        var written = tokens.Where(t => t.IsWord).Select(t => t.Lower).ToHashSet(StringComparer.Ordinal);
        bool OtherNumberWritten(string word) =>
            (Inflector.LooksPlural(word) ? Inflector.Singular(word) : Inflector.Plural(word)) is var other && other != word && written.Contains(other)
            && lexicon.Correct(other, recordsOnly: true) == other;
        foreach (var token in tokens.Where(t => t.IsWord && !t.Consumed && !OtherNumberWritten(t.Lower))) token.Respell(lexicon.Correct(token.Lower, recordsOnly: true));
        ReadStack(tokens, spec);
        ReadFeatureWords(tokens, spec.Features);

        var reader = new StructureReader(lexicon);
        var app = AppPhrase.Read(tokens, lexicon, reader);
        reader.AppHead = app?.Head.Lower;
        reader.Read(tokens);
        spec.Kind = KindOf(tokens, app, reader);
        foreach (var feature in reader.Features)
        {
            if (feature == "auth") spec.Features.Auth = true;
            else if (feature == "search") spec.Features.Search = true;
            else if (feature == "tags") spec.Features.Tags = true;
        }
        spec.Features.Ownership = spec.Features.Auth;

        if (spec.Kind == AppKind.Crud)
        {
            var scope = new ScopeReader(Scope.Default, lexicon).Read(tokens, app, reader);
            ReadEntities(app, reader, spec, scope.AppIsOutOfScope);
            if (!scope.InScope) spec.Limitations.Add(ScopeNotice.For(scope.Capabilities, spec.Entities));
            ReadAggregates(spec);
        }
        Name(spec, projectName, app);
        spec.Description = Describe(spec);
        AccountForWords(tokens, spec, app);
        return spec;
    }

    void ReadStack(List<Token> tokens, AppSpec spec)
    {
        for (var i = 0; i < tokens.Count; i++)
        {
            var node = lexicon.In("stack:node", tokens[i].Lower);
            if (!node && !lexicon.In("stack:dotnet", tokens[i].Lower) && !lexicon.In("stack:neutral", tokens[i].Lower)) continue;
            if (node) spec.Stack = AppStack.Node;
            if (tokens[i].Lower is "database" && (i == 0 || !lexicon.In("stack:neutral", tokens[i - 1].Lower))) continue; // "a recipe database" is the app word
            tokens[i].Consumed = true;
            tokens[i].Role = "stack";
            if (i > 0 && tokens[i - 1].Lower is "in" or "using" or "with" or "on") tokens[i - 1].Consumed = true;
        }
    }

    void ReadFeatureWords(List<Token> tokens, FeatureSet features)
    {
        for (var i = 0; i < tokens.Count; i++)
        {
            var word = tokens[i].Lower;
            var next = i + 1 < tokens.Count ? tokens[i + 1].Lower : "";
            // "users should be able to browse ...", "allowing users to ...": the people who act ask for no accounts
            if (word is "user" or "users" && (lexicon.Is("auxiliary", next) || next == "to" || i > 0 && lexicon.In("enablingVerbs", tokens[i - 1].Lower))) continue;
            // "logged-in members", "authenticated staff": people who must sign in
            if (lexicon.Feature("authModifiers", word)) { features.Auth = true; tokens[i].Role = "feature:auth"; continue; }
            // "a signup date", "a tag code": a feature word modifying a field noun names the field, it asks for no feature
            if (i + 1 < tokens.Count && tokens[i + 1].IsWord && (lexicon.TypeOf([next]) is not null || lexicon.In("valueNouns", next))) continue;
            if (lexicon.FeaturePhrases("authPhrases").Contains($"{word} {next}"))
            {
                features.Auth = true;
                tokens[i].Role = tokens[i + 1].Role = "feature:auth";
                tokens[i].Consumed = tokens[i + 1].Consumed = true;
            }
            else if (lexicon.Feature("auth", word) && !(word is "register" && next is not ("" or "," or "and" or "." or "or"))) { features.Auth = true; tokens[i].Role = "feature:auth"; }
            else if (lexicon.Feature("tags", word)) { features.Tags = true; tokens[i].Role = "feature:tags"; }
            else if (lexicon.Feature("search", word) && word != "find") { features.Search = true; tokens[i].Role = "feature:search"; }
        }
    }

    AppKind KindOf(List<Token> tokens, AppPhrase? app, StructureReader reader)
    {
        var words = tokens.Where(t => t.IsWord).Select(t => t.Lower).ToList();
        var text = " " + string.Join(' ', words) + " ";
        var defined = reader.Entities.Any(e => e.Defined && e.Words[0] != StructureReader.SubjectMarker);
        var phrase = app?.Tokens.Select(t => t.Lower).ToList() ?? [];
        foreach (var (name, spellings) in lexicon.Archetypes)
        {
            var kind = Enum.Parse<AppKind>(name.Replace("_", ""), ignoreCase: true);
            foreach (var spelling in spellings)
            {
                var inPhrase = phrase.Contains(spelling) && phrase.All(w => w == spelling || lexicon.In("archetypeModifiers", w) || lexicon.In("genericAppWords", w) || lexicon.In("appWords", w) && w != "tracker" && w != "log");
                var multiWord = spelling.Contains(' ') && text.Contains($" {spelling} ", StringComparison.Ordinal);
                var distinctive = kind is not (AppKind.Counter or AppKind.Timer) || spelling is "countdown" or "stopwatch" or "pomodoro";
                var anywhere = !defined && distinctive && words.Contains(spelling) && (kind != AppKind.Poll || spelling is not ("vote" or "votes") || words.Count < 12);
                if (!inPhrase && !multiWord && !anywhere) continue;
                foreach (var t in tokens.Where(t => spelling.Split(' ').Contains(t.Lower))) t.Role ??= "kind:" + name;
                return kind;
            }
        }
        return AppKind.Crud;
    }
}
