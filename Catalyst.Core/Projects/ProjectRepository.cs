using Catalyst.Core.Persistence;
using Catalyst.Core.Persistence.Entities;
using Microsoft.EntityFrameworkCore;

namespace Catalyst.Core.Projects;

public sealed class ProjectRepository(CatalystDbContext db, TimeProvider time)
{
    /// <summary>Tries this many suffixed names ("todo-app-2", "todo-app-3", ...) before giving up.</summary>
    const int MaxNameAttempts = 1000;

    /// <summary>
    /// The project a new task belongs to. A task joins an existing project only when it names one: by id, or
    /// by the project's exact name (case aside). Otherwise it gets a new project, under a name no other
    /// project has, so two requests never share a repository by accident.
    /// </summary>
    public async Task<ProjectEntity> ResolveAsync(ProjectChoice choice, CancellationToken ct)
    {
        if (choice.ProjectId is { } id)
            return await db.Projects.FirstOrDefaultAsync(p => p.Id == id, ct) ?? throw new ProjectNotFoundException(id);
        if (choice.ProjectName is { } named && await FindByNameAsync(named, ct) is { } existing) return existing;
        return await AddUniqueAsync(choice.ProjectName ?? choice.SuggestedName, ct);
    }

    public Task<ProjectEntity?> FindByNameAsync(string name, CancellationToken ct)
    {
        var trimmed = name.Trim();
        return db.Projects.FirstOrDefaultAsync(p => p.Name.ToLower() == trimmed.ToLower(), ct);
    }

    /// <summary>
    /// A new project named <paramref name="name"/>, or "name 2", "name 3" ... when that name or its slug is
    /// taken. The slug's unique index decides between concurrent requests for the same name.
    /// </summary>
    public async Task<ProjectEntity> AddUniqueAsync(string name, CancellationToken ct)
    {
        var baseName = name.Trim();
        var baseSlug = ProjectSlug.From(baseName)
            ?? throw new ArgumentException("The project name must contain at least one letter or digit.", nameof(name));
        for (var n = 1; n <= MaxNameAttempts; n++)
        {
            var (candidateName, candidateSlug) = n == 1 ? (baseName, baseSlug) : Suffixed(baseName, baseSlug, n);
            if (await FindByNameAsync(candidateName, ct) is not null) continue;
            var now = time.GetUtcNow();
            var id = Guid.CreateVersion7(now);
            var inserted = await db.Database.ExecuteSqlInterpolatedAsync($"""
                INSERT INTO projects (id, name, slug, status, created_at)
                VALUES ({id}, {candidateName}, {candidateSlug}, 'active', {now})
                ON CONFLICT (slug) DO NOTHING
                """, ct);
            if (inserted == 1) return await db.Projects.FirstAsync(p => p.Id == id, ct);
        }
        throw new InvalidOperationException($"No free project name near '{baseName}' after {MaxNameAttempts} attempts.");
    }

    static (string Name, string Slug) Suffixed(string name, string slug, int n)
    {
        var suffix = $"-{n}";
        var stem = slug.Length + suffix.Length > ProjectSlug.MaxLength ? slug[..(ProjectSlug.MaxLength - suffix.Length)].TrimEnd('-') : slug;
        // A name that is its own slug ("todo-app", as the namer gives) stays one ("todo-app-2").
        return (name == slug ? stem + suffix : $"{name} {n}", stem + suffix);
    }

    public Task<ProjectEntity?> GetAsync(Guid id, CancellationToken ct) =>
        db.Projects.AsNoTracking().FirstOrDefaultAsync(p => p.Id == id, ct);

    public async Task<IReadOnlyList<ProjectEntity>> ListAsync(CancellationToken ct) =>
        await db.Projects.AsNoTracking().OrderBy(p => p.Name).ToListAsync(ct);
}

/// <summary>
/// Which project a new task goes to: an existing one by <see cref="ProjectId"/> or by exact
/// <see cref="ProjectName"/>, else a new one named <see cref="ProjectName"/> or <see cref="SuggestedName"/>.
/// </summary>
public sealed record ProjectChoice(Guid? ProjectId, string? ProjectName, string SuggestedName);

public sealed class ProjectNotFoundException(Guid id) : Exception($"There is no project with id {id}.")
{
    public Guid ProjectId { get; } = id;
}
