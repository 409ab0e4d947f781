namespace Catalyst.Core.Persistence;

/// <summary>The database every Catalyst service shares.</summary>
public static class CatalystDatabase
{
    /// <summary>The connection name: <c>ConnectionStrings:catalystdb</c>, as the AppHost provides it.</summary>
    public const string ConnectionName = "catalystdb";
}
