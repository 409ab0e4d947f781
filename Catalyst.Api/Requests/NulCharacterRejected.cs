using System.Text.Json;

namespace Catalyst.Api.Requests;

/// <summary>
/// A string in a request body holds U+0000. PostgreSQL cannot store it in text or jsonb (SQLSTATE 22021, 22P05),
/// so it is refused while the body is read, before anything reaches the database (<see cref="StorableText"/>).
/// <see cref="JsonException.Path"/> is the object that holds it; <see cref="Field"/> the field within that object.
/// </summary>
public sealed class NulCharacterRejected(string field) : JsonException("A string holds the NUL character (\\u0000).")
{
    public string Field { get; } = field;
}
