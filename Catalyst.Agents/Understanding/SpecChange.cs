namespace Catalyst.Agents.Understanding;

public enum ChangeKind { AddField, RemoveField, RenameField, AddEntity, RemoveEntity, RenameEntity, AddFeature, RemoveFeature, Presentation }

/// <summary>
/// One change a follow-up asked for, applied to the app's current spec. <see cref="ToString"/> is the
/// canonical form the labelled change corpus uses ("add_field Todo.dueDate:date", "rename_field Todo.title>name").
/// </summary>
public sealed record SpecChange(ChangeKind Kind, string Entity = "", string? Field = null, string? NewName = null, FieldType? Type = null, string? Detail = null)
{
    public override string ToString() => Kind switch
    {
        ChangeKind.AddField => $"add_field {Entity}.{Field}:{TypeName(Type)}",
        ChangeKind.RemoveField => $"remove_field {Entity}.{Field}",
        ChangeKind.RenameField => $"rename_field {Entity}.{Field}>{NewName}",
        ChangeKind.AddEntity => $"add_entity {Entity}({Detail})",
        ChangeKind.RemoveEntity => $"remove_entity {Entity}",
        ChangeKind.RenameEntity => $"rename_entity {Entity}>{NewName}",
        ChangeKind.AddFeature => $"add_feature {Detail}",
        ChangeKind.RemoveFeature => $"remove_feature {Detail}",
        _ => $"presentation {Detail}",
    };

    /// <summary>The change in words, for the plan and the task log.</summary>
    public string Describe() => Kind switch
    {
        ChangeKind.AddField => $"add {Field} ({TypeName(Type)}) to {Entity}",
        ChangeKind.RemoveField => $"remove {Field} from {Entity}",
        ChangeKind.RenameField => $"rename {Entity}.{Field} to {NewName}",
        ChangeKind.AddEntity => $"add the record {Entity} ({Detail})",
        ChangeKind.RemoveEntity => $"remove the record {Entity}",
        ChangeKind.RenameEntity => $"rename the record {Entity} to {NewName}",
        ChangeKind.AddFeature => $"add {Detail}",
        ChangeKind.RemoveFeature => $"remove {Detail}",
        _ => $"change the look: {Detail}",
    };

    static string TypeName(FieldType? type) => type is null ? "" : System.Text.Json.JsonNamingPolicy.SnakeCaseLower.ConvertName(type.Value.ToString());
}

/// <summary>
/// What a follow-up made of the current spec: the revised spec and the changes applied, what it could not
/// change (each a sentence for the plan and the log), or that the request describes a whole new app.
/// </summary>
public sealed record SpecRevision(AppSpec Spec, IReadOnlyList<SpecChange> Changes, IReadOnlyList<string> Limitations, bool NewApp)
{
    /// <summary>Nothing was changed and the request is not a new app: the follow-up cannot be built.</summary>
    public bool Unchanged => !NewApp && Changes.Count == 0;
}
