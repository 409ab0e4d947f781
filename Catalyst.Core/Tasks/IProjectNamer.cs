namespace Catalyst.Core.Tasks;

/// <summary>Names the project a new task belongs to when its submitter gave no name.</summary>
public interface IProjectNamer
{
    string NameFor(string prompt);
}
