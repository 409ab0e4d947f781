using Catalyst.Core.Persistence;
using Catalyst.Core.Persistence.Entities;
using Microsoft.EntityFrameworkCore;

namespace Catalyst.Core.Projects;

public sealed class ProjectRepository(CatalystDbContext db, TimeProvider time)
{
    /// <summary>
    /// The project with this name's slug, created if it does not exist yet. A second task on the same project
    /// reuses it (and, later, its repository).
    /// </summary>
    public async Task<ProjectEntity> GetOrAddAsync(string name, CancellationToken ct)
    {
        var slug = ProjectSlug.From(name)
            ?? throw new ArgumentException("The project name must contain at least one letter or digit.", nameof(name));
        var existing = await db.Projects.FirstOrDefaultAsync(p => p.Slug == slug, ct);
        if (existing is not null) return existing;

        // Two requests may create the same project at once: let the database pick the winner, then read it.
        var now = time.GetUtcNow();
        await db.Database.ExecuteSqlInterpolatedAsync($"""
            INSERT INTO projects (id, name, slug, status, created_at)
            VALUES ({Guid.CreateVersion7(now)}, {name.Trim()}, {slug}, 'active', {now})
            ON CONFLICT (slug) DO NOTHING
            """, ct);
        return await db.Projects.FirstAsync(p => p.Slug == slug, ct);
    }

    public Task<ProjectEntity?> GetAsync(Guid id, CancellationToken ct) =>
        db.Projects.AsNoTracking().FirstOrDefaultAsync(p => p.Id == id, ct);

    public async Task<IReadOnlyList<ProjectEntity>> ListAsync(CancellationToken ct) =>
        await db.Projects.AsNoTracking().OrderBy(p => p.Name).ToListAsync(ct);
}
