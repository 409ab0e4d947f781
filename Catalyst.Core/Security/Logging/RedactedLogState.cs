using System.Collections;

namespace Catalyst.Core.Security.Logging;

/// <summary>A log entry's state with the message and the string arguments already masked.</summary>
sealed class RedactedLogState(string message, IReadOnlyList<KeyValuePair<string, object?>> arguments)
    : IReadOnlyList<KeyValuePair<string, object?>>
{
    const string OriginalFormat = "{OriginalFormat}";

    public string Message { get; } = message;

    public int Count => arguments.Count;

    public KeyValuePair<string, object?> this[int index] => arguments[index] switch
    {
        // The template is the code's own text, and exporters group entries by it.
        { Key: OriginalFormat } template => template,
        { Value: string text } argument => KeyValuePair.Create<string, object?>(argument.Key, SecretRedactor.Redact(text)),
        { Value: Uri uri } argument => KeyValuePair.Create<string, object?>(argument.Key, SecretRedactor.Redact(uri.ToString())),
        var argument => argument,
    };

    public IEnumerator<KeyValuePair<string, object?>> GetEnumerator()
    {
        for (var i = 0; i < Count; i++) yield return this[i];
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public override string ToString() => Message;
}
