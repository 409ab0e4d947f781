using Catalyst.Agents.Deployer;
using Catalyst.Core.Persistence.Entities;
using Catalyst.Web.Live;

namespace Catalyst.Api.Previews;

/// <summary>The previews page's way into <see cref="PreviewManager"/>, with the answers /api/preview gives as sentences.</summary>
public sealed class PreviewActions(PreviewManager previews) : IPreviewActions
{
    public Task<IReadOnlyList<PreviewDeploymentEntity>> ListAsync(bool all, CancellationToken ct) => previews.ListAsync(activeOnly: !all, ct);

    public Task<PreviewDeploymentEntity?> FindAsync(Guid taskId, CancellationToken ct) => previews.FindAsync(taskId, ct);

    public async Task<string?> RestartAsync(Guid taskId, CancellationToken ct)
    {
        try
        {
            return await previews.RestartAsync(taskId, ct) is null ? $"Task {taskId} has no preview to restart." : null;
        }
        catch (Exception e) when (e is PreviewConflictException or PreviewFailedException)
        {
            return $"The preview could not be restarted: {e.Message}";
        }
    }

    public async Task<string?> DeleteAsync(Guid taskId, CancellationToken ct) =>
        await previews.DeleteAsync(taskId, ct) is null ? $"Task {taskId} has no preview to delete." : null;
}
