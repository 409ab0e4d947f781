namespace Catalyst.Core.Persistence;

/// <summary>
/// Where the database is. Either configured (<c>ConnectionStrings:catalystdb</c>) or filled in at start-up
/// by <see cref="Embedded.EmbeddedPostgresService"/>, which is why it is resolved lazily rather than read
/// from configuration when services are registered.
/// </summary>
public sealed class CatalystDatabase(string? configuredConnectionString)
{
    public const string ConnectionName = "catalystdb";

    string? embeddedConnectionString;

    public bool IsConfigured => !string.IsNullOrWhiteSpace(configuredConnectionString);

    public string ConnectionString => IsConfigured
        ? configuredConnectionString!
        : embeddedConnectionString ?? throw new InvalidOperationException(
            "The database is not available yet: the embedded PostgreSQL server has not started.");

    internal void UseEmbedded(string connectionString) => embeddedConnectionString = connectionString;
}
