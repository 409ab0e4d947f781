using Catalyst.Core.Persistence.Entities;

namespace Catalyst.Web.Live;

/// <summary>
/// The previews, and what the previews page may do to one: the Api implements it with the same preview manager
/// as <c>/api/preview</c>. Actions answer null when done, else a sentence saying why not.
/// </summary>
public interface IPreviewActions
{
    Task<IReadOnlyList<PreviewDeploymentEntity>> ListAsync(bool all, CancellationToken ct);

    /// <summary>The task's preview record, whatever its state; null when the task was never deployed as a preview.</summary>
    Task<PreviewDeploymentEntity?> FindAsync(Guid taskId, CancellationToken ct);
    Task<string?> RestartAsync(Guid taskId, CancellationToken ct);
    Task<string?> DeleteAsync(Guid taskId, CancellationToken ct);
}
