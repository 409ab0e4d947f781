namespace Catalyst.Tests.Infrastructure;

/// <summary>
/// A private temporary folder, removed on dispose. Created under /tmp rather than the user's home so that
/// server processes running as another user (postgres, when the tests run as root) can reach it.
/// </summary>
public sealed class TestDirectory : IDisposable
{
    public TestDirectory(string prefix)
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"catalyst-{prefix}-{Guid.NewGuid():N}"[..40]);
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public void Dispose()
    {
        try { Directory.Delete(Path, recursive: true); }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }
}
