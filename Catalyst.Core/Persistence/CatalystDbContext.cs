using System.Text.Json;
using Catalyst.Core.Persistence.Entities;
using Microsoft.EntityFrameworkCore;

namespace Catalyst.Core.Persistence;

/// <summary>
/// The EF Core model over the schema that <see cref="DatabaseMigrator"/> creates from versioned SQL scripts.
/// The model only maps; it never creates or alters tables.
/// </summary>
public sealed class CatalystDbContext(DbContextOptions<CatalystDbContext> options) : DbContext(options)
{
    public DbSet<ProjectEntity> Projects => Set<ProjectEntity>();
    public DbSet<TaskEntity> Tasks => Set<TaskEntity>();
    public DbSet<AgentEventEntity> AgentEvents => Set<AgentEventEntity>();
    public DbSet<PreviewDeploymentEntity> PreviewDeployments => Set<PreviewDeploymentEntity>();
    public DbSet<ExplorerScanEntity> ExplorerScans => Set<ExplorerScanEntity>();
    public DbSet<ConversationEntity> Conversations => Set<ConversationEntity>();
    public DbSet<ConversationMessageEntity> ConversationMessages => Set<ConversationMessageEntity>();
    public DbSet<AgentLogEntity> AgentLogs => Set<AgentLogEntity>();
    public DbSet<GeneratedProjectEntity> GeneratedProjects => Set<GeneratedProjectEntity>();
    public DbSet<OutboxMessageEntity> Outbox => Set<OutboxMessageEntity>();
    public DbSet<InboxMessageEntity> Inbox => Set<InboxMessageEntity>();
    public DbSet<LlmCallEntity> LlmCalls => Set<LlmCallEntity>();
    public DbSet<EmbeddingEntity> Embeddings => Set<EmbeddingEntity>();
    public DbSet<DeadLetterEntity> DeadLetters => Set<DeadLetterEntity>();

    protected override void OnModelCreating(ModelBuilder model)
    {
        model.Entity<ProjectEntity>().ToTable("projects");

        model.Entity<TaskEntity>(task =>
        {
            task.ToTable("tasks");
            task.Property(t => t.Metadata).HasColumnType("jsonb");
            task.Property(t => t.CostTotal).HasPrecision(10, 6);
            task.Property(t => t.Version).HasColumnName("xmin").HasColumnType("xid").IsRowVersion();
            task.HasOne(t => t.Project).WithMany().HasForeignKey(t => t.ProjectId);
        });

        model.Entity<AgentEventEntity>(e =>
        {
            e.ToTable("agent_events");
            e.Property(x => x.Id).UseIdentityAlwaysColumn();
            e.Property(x => x.Payload).HasColumnType("jsonb");
            e.Property(x => x.Metadata).HasColumnType("jsonb");
        });

        model.Entity<PreviewDeploymentEntity>().ToTable("preview_deployments");

        model.Entity<ExplorerScanEntity>(scan =>
        {
            scan.ToTable("explorer_scans");
            scan.Property(s => s.Findings).HasColumnType("jsonb");
            scan.Property(s => s.TechStack).HasColumnType("jsonb");
            scan.Property(s => s.Measurements).HasColumnType("jsonb");
            scan.Property(s => s.Options).HasColumnType("jsonb");
            // Known to EF so a new scan's task is inserted before the scan that references it.
            scan.HasOne<TaskEntity>().WithMany().HasForeignKey(s => s.TaskId);
        });

        model.Entity<ConversationEntity>(c =>
        {
            c.ToTable("conversations");
            c.Property(x => x.Context).HasColumnType("jsonb");
            c.HasMany(x => x.Messages).WithOne().HasForeignKey(m => m.ConversationId);
        });
        model.Entity<ConversationMessageEntity>().ToTable("conversation_messages");

        model.Entity<AgentLogEntity>(log =>
        {
            log.ToTable("agent_logs");
            log.Property(x => x.Data).HasColumnType("jsonb");
        });

        model.Entity<GeneratedProjectEntity>(p =>
        {
            p.ToTable("generated_projects");
            p.Property(x => x.Architecture).HasColumnType("jsonb");
            p.Property(x => x.Files).HasColumnType("jsonb");
        });

        model.Entity<OutboxMessageEntity>(o =>
        {
            o.ToTable("outbox");
            o.Property(x => x.Id).UseIdentityAlwaysColumn();
            o.Property(x => x.Body).HasColumnType("jsonb");
            o.Property(x => x.Headers).HasColumnType("jsonb");
        });

        model.Entity<InboxMessageEntity>(i =>
        {
            i.ToTable("inbox");
            i.HasKey(x => new { x.Consumer, x.EventId });
        });

        model.Entity<LlmCallEntity>().ToTable("llm_calls");

        model.Entity<EmbeddingEntity>(e =>
        {
            e.ToTable("embeddings");
            e.Property(x => x.Vector).HasColumnType("real[]");
            e.Property(x => x.Metadata).HasColumnType("jsonb");
        });

        model.Entity<DeadLetterEntity>(d =>
        {
            d.ToTable("dead_letters");
            d.Property(x => x.Id).UseIdentityAlwaysColumn();
            d.Property(x => x.Body).HasColumnType("jsonb");
            d.Property(x => x.Headers).HasColumnType("jsonb");
        });

        ApplySnakeCaseColumnNames(model);
    }

    static void ApplySnakeCaseColumnNames(ModelBuilder model)
    {
        foreach (var entity in model.Model.GetEntityTypes())
        {
            foreach (var property in entity.GetProperties())
            {
                if (property.GetColumnName() == "xmin") continue;
                property.SetColumnName(JsonNamingPolicy.SnakeCaseLower.ConvertName(property.Name));
            }
        }
    }
}
