using Catalyst.Core.Persistence;
using Catalyst.Core.Persistence.Entities;
using Catalyst.Core.Tasks;
using Microsoft.EntityFrameworkCore;

namespace Catalyst.Core.Conversations;

/// <summary>Conversations and their messages in PostgreSQL (the spec's <c>conversations</c> documents).</summary>
public sealed class ConversationRepository(CatalystDbContext db, TaskRepository tasks, TimeProvider time)
{
    public const int MaxTitleLength = 80;

    /// <summary>A new conversation, titled after its first message.</summary>
    public async Task<ConversationEntity> StartAsync(string firstMessage, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var conversation = new ConversationEntity { Id = Guid.CreateVersion7(now), Title = TitleFrom(firstMessage), CreatedAt = now, UpdatedAt = now };
        db.Conversations.Add(conversation);
        await db.SaveChangesAsync(ct);
        return conversation;
    }

    /// <summary>The conversation, tracked so that <see cref="AppendAsync"/> can change it; null when there is none.</summary>
    public Task<ConversationEntity?> FindAsync(Guid id, CancellationToken ct) =>
        db.Conversations.FirstOrDefaultAsync(c => c.Id == id, ct);

    public static ConversationContext ContextOf(ConversationEntity conversation) => ConversationContextJson.Read(conversation.Context);

    /// <summary>
    /// Adds a message; when it started a task, that task and its project become the conversation's current ones.
    /// Saved at once, so a user's message is kept even if answering it fails.
    /// </summary>
    public async Task<ConversationMessageEntity> AppendAsync(
        ConversationEntity conversation, string role, string content, TaskCreated? started, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        // Messages are read back in created_at order; an answer stored in the same microsecond as its question
        // (PostgreSQL's resolution, or a frozen clock in tests) must still come after it.
        var last = await db.ConversationMessages.Where(m => m.ConversationId == conversation.Id)
            .MaxAsync(m => (DateTimeOffset?)m.CreatedAt, ct);
        if (last is { } previous && now <= previous) now = previous.AddTicks(10);

        var message = new ConversationMessageEntity
        {
            Id = Guid.CreateVersion7(now), ConversationId = conversation.Id, Role = role, Content = content,
            TaskId = started?.TaskId, CreatedAt = now,
        };
        db.ConversationMessages.Add(message);
        if (started is not null)
        {
            conversation.Context = ConversationContextJson.Write(conversation.Context, started.TaskId, started.ProjectId);
            conversation.ProjectId = started.ProjectId;
        }
        conversation.UpdatedAt = now;
        await db.SaveChangesAsync(ct);
        return message;
    }

    public async Task<ConversationView?> GetAsync(Guid id, CancellationToken ct)
    {
        var conversation = await db.Conversations.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, ct);
        if (conversation is null) return null;
        var messages = await db.ConversationMessages.AsNoTracking()
            .Where(m => m.ConversationId == id)
            .OrderBy(m => m.CreatedAt).ThenBy(m => m.Id)
            .Select(m => new ConversationMessageView(m.Id, m.Role, m.Content, m.TaskId, m.CreatedAt))
            .ToListAsync(ct);
        var context = ContextOf(conversation);
        var current = context.CurrentTaskId is { } taskId ? await tasks.GetAsync(taskId, ct) : null;
        return new ConversationView(conversation.Id, conversation.Title, context, current, messages, conversation.CreatedAt, conversation.UpdatedAt);
    }

    /// <summary>Conversations, newest first (as tasks are listed).</summary>
    public async Task<PagedResult<ConversationSummary>> ListAsync(int page, int pageSize, CancellationToken ct)
    {
        var total = await db.Conversations.CountAsync(ct);
        var rows = await db.Conversations.AsNoTracking()
            .OrderByDescending(c => c.CreatedAt).ThenByDescending(c => c.Id)
            .Skip((page - 1) * pageSize).Take(pageSize)
            .Select(c => new { c.Id, c.Title, c.Context, Messages = db.ConversationMessages.Count(m => m.ConversationId == c.Id), c.CreatedAt, c.UpdatedAt })
            .ToListAsync(ct);
        var items = rows.Select(c => new ConversationSummary(c.Id, c.Title, ConversationContextJson.Read(c.Context), c.Messages, c.CreatedAt, c.UpdatedAt)).ToList();
        return new PagedResult<ConversationSummary>(items, page, pageSize, total);
    }

    static string TitleFrom(string message)
    {
        var line = string.Join(' ', message.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        return line.Length <= MaxTitleLength ? line : line[..(MaxTitleLength - 1)].TrimEnd() + "…";
    }
}
